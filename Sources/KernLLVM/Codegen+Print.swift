/// Codegen of `print`: one runtime call per piece (`kern_rt_print_text/i64/u64/f64/f32/
/// bool`), then `kern_rt_print_end`, which writes the whole line at once.
/// In: PrintPieces (text, or scalar/tuple values). Out: runtime calls.
import KernABI
import KernBasics
import KernIR

extension Codegen {
    func print(_ pieces: [PrintPiece]) {
        for piece in pieces {
            switch piece {
            case .text(let s):
                printText(s)
            case .value(let v):
                switch function.values[v] {
                case .scalar(let kind):
                    printScalar(value(v), kind)
                case .tuple(let kinds):
                    // As Swift prints tuples: "(42, 0.5)".
                    printText("(")
                    for (k, kind) in kinds.enumerated() {
                        if k > 0 { printText(", ") }
                        printScalar(b.extractValue(value(v), k), kind)
                    }
                    printText(")")
                case .array, .void:
                    preconditionFailure("KernLLVM: print of \(function.values[v])")
                }
            }
        }
        let (end, endType) = runtimeFunction(.printEnd)
        b.call(endType, end, [])
    }

    private func printText(_ s: String) {
        let (fn, type) = runtimeFunction(.printText)
        b.call(type, fn, [module.globalString(s)])
    }

    private func printScalar(_ v: LLVMValue, _ kind: ScalarType) {
        let function: RuntimeFunction
        let argument: LLVMValue
        switch kind {
        case .bool:
            (function, argument) = (.printBool, b.zext(v, ctx.i32))
        case .int8, .int16, .int32, .int64:
            (function, argument) = (.printI64, intCast(v, to: ctx.i64, signed: true))
        case .uint8, .uint16, .uint32, .uint64:
            (function, argument) = (.printU64, intCast(v, to: ctx.i64, signed: false))
        case .float:
            (function, argument) = (.printF32, v)
        case .double:
            (function, argument) = (.printF64, v)
        }
        let (fn, type) = runtimeFunction(function)
        b.call(type, fn, [argument])
    }
}
