import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Lowers a type-checked `CheckedProgram` to a `KernIR.Module`.
/// Input has no errors (Sema guarantees every table entry IRGen reads); output passes
/// the Verifier. One IR function per source function, in source order, so the
/// `FunctionID` of source function `i` is `i`.
public struct IRGenOptions: Sendable {
    /// Emit `check.bounds` before array accesses (checked mode). Division, precondition
    /// and stride checks are emitted in every mode.
    public var boundsChecks: Bool
    public init(boundsChecks: Bool = true) { self.boundsChecks = boundsChecks }
}

public enum IRGen {
    public static func lower(_ program: CheckedProgram, options: IRGenOptions = IRGenOptions())
        -> Module
    {
        var module = Module(sourceName: program.file.name)
        for index in program.functions.indices {
            var lowerer = FunctionLowerer(program: program, functionIndex: index, options: options)
            module.functions.append(lowerer.lower())
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
