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
            case .formatted(let conversion, let v):
                guard case .scalar(let kind) = function.values[v] else {
                    preconditionFailure("KernLLVM: formatted print of \(function.values[v])")
                }
                printFormatted(value(v), kind, conversion)
            }
        }
        let (end, endType) = runtimeFunction(.printEnd)
        b.call(endType, end, [])
    }

    private func printText(_ s: String) {
        let (fn, type) = runtimeFunction(.printText)
        b.call(type, fn, [module.globalString(s)])
    }

    /// One `String(format:)` conversion: the value widened to 64 bits as
    /// `kern_rt_print_formatted` expects (the interpreter widens the same way,
    /// Interpreter+Format.swift).
    private func printFormatted(_ v: LLVMValue, _ kind: ScalarType, _ c: FormatConversion) {
        let formatKind: Int32
        let bits: LLVMValue
        switch kind {
        case .float, .double:
            let d = kind == .float ? b.fpext(v, ctx.f64) : v
            (formatKind, bits) = (2, b.bitcast(d, ctx.i64))
        case .int8, .int16, .int32, .int64:
            // `u o x X` print a signed value's bits at its own width (Int8 -1 → 255).
            let signed = !c.letter.isUnsigned
            (formatKind, bits) = (signed ? 0 : 1, intCast(v, to: ctx.i64, signed: signed))
        case .uint8, .uint16, .uint32, .uint64, .bool:
            (formatKind, bits) = (1, intCast(v, to: ctx.i64, signed: false))
        }
        let (fn, type) = runtimeFunction(.printFormatted)
        b.call(
            type, fn,
            [module.globalString(c.spec), ctx.constInt(ctx.i32, UInt64(formatKind)), bits])
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
