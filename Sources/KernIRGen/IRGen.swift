import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Lowers a type-checked `CheckedProgram` to a `KernIR.Module`.
/// Input has no errors (Sema guarantees every table entry IRGen reads); output passes
/// the Verifier. One IR function per source function, in source order, so the
/// `FunctionID` of source function `i` is `i`; then the elementwise variants of the
/// `@vectorize` functions (`f.elementwise1…3`, for the host). Lowering reads no options: the output
/// is the same in every mode (checked/unchecked is the KernIR pipeline's business).
public enum IRGen {
    public static func lower(_ program: CheckedProgram) -> Module {
        var module = Module(sourceName: program.file.name)
        var nextLoopID = LoopID(raw: 0)
        for index in program.functions.indices {
            var lowerer = FunctionLowerer(
                program: program, functionIndex: index, firstLoopID: nextLoopID)
            module.functions.append(lowerer.lower())
            nextLoopID = lowerer.b.nextLoopID
        }
        // After the source functions, so their IDs stay their indices: the host's
        // entry points for @vectorize functions called with arrays (LowerElementwise).
        for index in program.functions.indices where program.functions[index].isVectorize {
            for rank in 1...3 {
                var lowerer = FunctionLowerer(
                    program: program, elementwiseVariantOf: index, rank: rank,
                    firstLoopID: nextLoopID)
                module.functions.append(lowerer.lowerElementwiseVariant(rank: rank))
                nextLoopID = lowerer.b.nextLoopID
            }
        }
        return module
    }
}

/// Maps Sema's types to IR types. Only types that can be values reach here.
func irType(_ t: SemaType) -> IRType {
    switch t {
    case .scalar(let s): return .scalar(s)
    case .array(let s, let rank): return .array(s, rank: rank)
    case .tuple(let xs): return .tuple(xs)
    case .void, .range, .metatype, .string, .error: return .void
    }
}

func irConstant(_ c: ConstantValue) -> (Constant, ScalarType) {
    switch c {
    case .bool(let b): return (.bool(b), .bool)
    case .integer(let t, let bits): return (.integer(bits), t)
    case .floating(let t, let d): return (.floating(d), t)
    }
}
