import KernBasics
import KernSyntax

/// The result of semantic analysis: the AST plus immutable side tables
/// (DESIGN.md example 4). Produced only for programs without errors; IRGen reads it
/// and never has to re-derive a type, a binding or a call target.
///
/// Only Sema builds these values, so they use Swift's implicit (internal) memberwise
/// initializers; other modules only read them.

/// A local of a checked function (`l1` when printed): an index into its `locals`.
public typealias LocalID = ArenaIndex<LocalTag>
/// The kind of `LocalID`.
public enum LocalTag: ArenaTag { public static var prefix: String { "l" } }

/// A named value in a function: parameter, `let`, `var` or loop variable.
public struct LocalInfo: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case param(index: Int)
        case letBinding
        case varBinding
        case loopVariable
    }
    public var name: String
    public var type: SemaType
    public var kind: Kind
    /// `var`, or an `inout` parameter.
    public var isMutable: Bool
    /// `inout` parameter (scalar or array).
    public var isInout: Bool
    /// A local array made by `[T](repeating:count:)` (may become an array reduction).
    public var isLocalArray: Bool
    public var declRange: SourceRange
    /// The function the local belongs to (index into `CheckedProgram.functions`).
    public var function: Int
}

public struct ParamSignature: Sendable, Hashable {
    public var label: String?
    public var name: String
    public var type: SemaType
    public var isInout: Bool
}

public struct FunctionSignature: Sendable, Hashable {
    public var name: String
    public var params: [ParamSignature]
    /// `.void` when the function returns nothing.
    public var returnType: SemaType
    public var isVectorize: Bool
    /// `"never"`, `"always"` or nil.
    public var inline: String?
    /// `@extern(c)`: the function is C's (ExternFunctions.swift); it has no body.
    public var extern: ExternSignature?
}

/// A C function declared `@extern(c)` (LANGUAGE.md §3, "C functions").
public struct ExternSignature: Sendable, Hashable {
    /// The C symbol: the function's name, or the one written in `@extern(c, "symbol")`.
    public var symbol: String
    /// `@extern(c, pure)`: calls may be merged or moved.
    public var isPure: Bool
    /// The function's name in the declaration (where an unknown symbol is reported).
    public var nameRange: SourceRange
}

/// What a name expression refers to.
public enum Reference: Sendable, Hashable {
    case local(LocalID)
    case function(Int)
    case type(SemaType)
}

/// What a call expression does, resolved by Sema. Arguments of `.function` calls are
/// in parameter order (labels have been checked).
public enum CallKind: Sendable, Hashable {
    case function(Int)
    /// A `@vectorize` function applied elementwise (an argument is an array, or `out:` is
    /// given; arguments in parameter order, then the `out:` array when `hasOut`). Without
    /// `out:` the result is a new array of the broadcast shape (VectorizeCalls.swift).
    case elementwise(Int, hasOut: Bool)
    /// `Double(x)`, `Int32(y)`: numeric conversion with Kern semantics (saturating).
    case conversion(ScalarType)
    /// A math built-in (the table in KernBasics/MathFunction.swift), `entry.syntax == .call`.
    case math(MathFunction)
    /// `[T](repeating: v, count: n)` (rank 1) or `[[T]](repeating: v, rows: r, cols: c)`.
    case allocArray(ScalarType, rank: Int)
    /// `x.shape(d)`.
    case shape
    case print
    case precondition
    /// `T.random(in: lo..<hi)` (`T` a number type): the bounds are the range's operands.
    case random(ScalarType)
    /// `randomNormal()`: a standard normal `Double`.
    case randomNormal
    /// `atomicAdd(&a[i...], v)`: the element of an integer or floating array.
    case atomicAdd
    /// `clock()`: monotonic nanoseconds, an `Int`.
    case clock
    /// An MPI built-in (MPIBuiltins.swift); the arguments in order, the reduction's
    /// `.sum`/`.min`/`.max` (in the operation) excluded.
    case mpi(MPIOperation)
    /// `String(format: "…", args…)`, only as a `print` argument (FormatChecker.swift): the
    /// literal's pieces; the arguments after the format match its conversions in order.
    case format([FormatPiece])
}

/// What a member expression (`x.count`, `Double.pi`, `v.isNaN`) means.
public enum MemberKind: Sendable, Hashable {
    case count
    /// `x.isNaN`, `x.isInfinite`, `x.isFinite`: a math property (`entry.syntax == .property`).
    case property(MathFunction)
    /// `T.pi`, `T.infinity`, `T.max`, ...: the constant, already in the value's type.
    case constant(ConstantValue)
}

/// A compile-time scalar value in its Kern type.
public enum ConstantValue: Sendable, Hashable {
    case bool(Bool)
    /// Any integer type, as its two's-complement bit pattern in 64 bits.
    case integer(ScalarType, bits: UInt64)
    /// `Float` constants are stored exactly as the rounded Float value.
    case floating(ScalarType, Double)
}

/// The reductions of a `prange` loop (LANGUAGE.md §7).
public enum ReductionOp: String, Sendable, Hashable {
    case add = "+"
    case mul = "*"
    case and = "&"
    case or = "|"
    case xor = "^"
    case min, max
}

/// How a `for` loop iterates, with the sequence taken apart.
public indirect enum LoopSequence: Sendable, Hashable {
    /// `a..<b` / `a...b`; also `prange(n)` (lower nil = 0) and `x.indices` (via `.indices`).
    case range(lower: ExprID?, upper: ExprID, inclusive: Bool)
    /// `x.indices`: `0..<x.count`.
    case indices(array: ExprID)
    /// `stride(from:to:by:)` / `stride(from:through:by:)`.
    case stride(from: ExprID, to: ExprID, by: ExprID, inclusive: Bool)
    /// `(a..<b).reversed()`, `(a...b).reversed()`, `x.indices.reversed()`: the same
    /// values (a `.range` or `.indices`), from the last down to the first.
    case reversed(LoopSequence)
}

public struct ForLoopInfo: Sendable, Hashable {
    public var variable: LocalID
    public var sequence: LoopSequence
    public var isParallel: Bool
    /// Scalar reductions: variable and operator (`s -= e` counts as `.add` of `-e`).
    public var reductions: [ScalarReduction]
    /// Local arrays updated with compound assignments at non-affine indices: each worker
    /// gets a private copy, summed at the end.
    public var arrayReductions: [LocalID]
}

public struct ScalarReduction: Sendable, Hashable {
    public var variable: LocalID
    public var op: ReductionOp
}

public struct CheckedProgram: Sendable {
    public let file: SourceFile
    public let ast: AST
    public let functions: [FunctionSignature]
    public let locals: IndexedArray<LocalID, LocalInfo>
    /// Parameters of each function, as locals (same order as the parameters).
    public let paramLocals: [[LocalID]]
    /// Type of every expression (dense; `ExprID.index`).
    public let exprTypes: [SemaType]
    /// Name expressions → what they refer to.
    public let references: [ExprID: Reference]
    /// Call expressions → what they do.
    public let calls: [ExprID: CallKind]
    /// Member expressions → what they mean.
    public let members: [ExprID: MemberKind]
    /// Literal expressions (and `-literal` unary expressions) → their value in their type.
    public let constants: [ExprID: ConstantValue]
    /// `binding` statements → the locals they declare, in pattern order.
    public let declaredLocals: [StmtID: [LocalID]]
    /// `forIn` statements → how they iterate.
    public let loops: [StmtID: ForLoopInfo]
    /// The file-scope constants with their values, in declaration order (a REPL session
    /// keeps its definitions' constants in scope: `SessionScope.constants`).
    public internal(set) var fileConstants: [SessionScope.Constant] = []

    public func type(of e: ExprID) -> SemaType { exprTypes[e.index] }
}
