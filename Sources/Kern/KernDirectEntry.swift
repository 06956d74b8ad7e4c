/// The direct call path of the typed wrappers `KernPlugin` generates: after the one-time
/// compile, a wrapper casts the entry point to the exact `@convention(c)` type of its
/// signature and calls it, with no libffi, no boxing and no per-call allocation.
///
/// In: a compiled `KernFunction` and the entry-ABI shape the generator derived from the
/// same source (checked once, in `init`). Out: `call(_:)`, which gives the wrapper a fresh
/// `KernCallContext` (seed, threads, stack limit) for one call and turns a failed status
/// into the same `KernError.runtime` (kind, file, line, column) the dynamic path throws.
///
/// What the Swift types prove is not checked again: scalar types and element types are
/// exact, `[T]` is rank 1, and Swift's exclusivity plus copy-on-write keep an `inout [T]`
/// from sharing storage with any other argument. What they do not prove is checked here
/// per call: a `Tensor`'s rank (`array(_:rank:argument:_:)`) and whether two tensor
/// arguments are one object while one of them is `inout` (`checkDistinct`), since
/// generated code assumes array parameters do not alias.
///
/// For generated code only (the underscore keeps it out of completion); the generated
/// source is the documentation of how it is used (KernSwiftGen, SwiftWrapperGenerator+Direct).
import KernRuntime

/// A compiled function's entry point, prepared for typed calls from generated code.
///
/// A struct of plain values: copying it out of the wrapper's static (every call) costs
/// no reference counting, which would be most of a call's cost. The function it came
/// from is kept alive for the rest of the process (wrappers hold entries in statics, which
/// live as long), reached only to word an error.
public struct _KernDirectEntry: @unchecked Sendable {
    /// `int32_t kern_entry_<name>(KernCallContext *ctx, params..., void *result)`; the
    /// wrapper casts it to the C function type of its signature (EntryABI.swift).
    public let address: UnsafeRawPointer
    /// Copied out of the function's options once: the call path reads no optionals.
    let seed: UInt64
    let threads: Int32
    /// The function (name, file and positions for errors; owner of the code), retained
    /// once and never released.
    private let box: Unmanaged<FunctionBox>
    var function: KernFunction { box.takeUnretainedValue().function }

    /// Prepares `function` for direct calls by a wrapper generated for `abi`, the entry
    /// shape of the signature the generator saw: parameter types (`inout ` marked) and
    /// result, as in `func f(Float, inout [Double]) -> (Int, Bool)`. The function stays
    /// alive for the rest of the process.
    /// - Throws: `KernError.backend` if the compiled function has another shape (an
    ///   internal error: both come from the same source), or `.invalidOption` for a
    ///   thread count below 1.
    public init(_ function: KernFunction, abi: String) throws {
        let actual = Self.abi(of: function.signature)
        guard actual == abi else {
            throw KernError.backend(
                message:
                    "internal error: the typed wrapper of '\(function.name)' expects '\(abi)', the compiled function is '\(actual)'"
            )
        }
        try KernError.validateThreads(function.options.threads)
        // Compiles the function now if its module is compiled lazily.
        address = try function.entry.address()
        seed = function.options.seed
        threads = Int32(clamping: max(0, function.options.threads ?? function.defaultThreads))
        box = .passRetained(FunctionBox(function))
    }

    /// The entry shape of `signature` in the form `init(_:abi:)` compares.
    static func abi(of signature: KernSignature) -> String {
        let params = signature.parameters.map { ($0.isInout ? "inout " : "") + "\($0.type)" }
        return
            "func \(signature.name)(\(params.joined(separator: ", "))) -> \(signature.returnType)"
    }

    /// Calls `body` with a zeroed call context carrying this entry's seed, thread count
    /// and the calling thread's stack limit; `body` calls the entry point with it and
    /// returns its status.
    /// - Throws: `KernError.runtime` when the status or the context reports an error.
    public func call(_ body: (UnsafeMutableRawPointer) -> Int32) throws {
        var context = KernCallContext()
        context.seed = seed
        context.threads = threads
        // Deep recursion fails with `.stackOverflow` instead of a SIGSEGV (issue 15.2).
        context.stack_limit = kern_rt_stack_limit()
        let status = withUnsafeMutablePointer(to: &context) { body(UnsafeMutableRawPointer($0)) }
        if status != 0 || context.error.kind != 0 {
            throw function.runtimeError(context.error, status: status)
        }
    }

    /// The entry arguments of a `Tensor` bound to a rank-`rank` parameter (argument
    /// number `argument`): element pointer, extents and row-major strides in elements
    /// (unused axes 0), valid inside `body`.
    /// - Throws: `KernError.invalidArgument` (`.rankMismatch`) for a tensor of another rank.
    public func array<T, R>(
        _ tensor: Tensor<T>, rank: Int, argument: Int,
        _ body: (_KernDirectArray) throws -> R
    ) throws -> R {
        try tensor._withLowered { lowered in
            guard case .array(let base, let shape) = lowered.form else {
                preconditionFailure("a Tensor lowers to an array")
            }
            guard shape.rank == rank else {
                throw KernError.invalidArgument(
                    function: function.name, argument: argument,
                    problem: .rankMismatch(
                        parameter: function.signature.parameters[argument].name,
                        expected: rank, actual: shape.rank))
            }
            func axis(_ d: Int, _ value: (Int) -> Int) -> Int64 { d < rank ? Int64(value(d)) : 0 }
            return try body(
                _KernDirectArray(
                    data: base,
                    extents: (axis(0, shape.extent), axis(1, shape.extent), axis(2, shape.extent)),
                    strides: (axis(0, shape.stride), axis(1, shape.stride), axis(2, shape.stride))))
        }
    }

    /// Throws when tensor argument `inoutArgument`, bound to an `inout` parameter, is the
    /// same object as tensor argument `other` (a tensor owns its storage, so two tensors
    /// overlap exactly when they are one object).
    /// - Throws: `KernError.invalidArgument` (`.overlappingArrays`).
    public func checkDistinct(
        _ a: AnyObject, inoutArgument: Int, _ b: AnyObject, other: Int
    ) throws {
        guard a === b else { return }
        let parameters = function.signature.parameters
        throw KernError.invalidArgument(
            function: function.name, argument: inoutArgument,
            problem: .overlappingArrays(
                inoutParameter: parameters[inoutArgument].name, other: parameters[other].name))
    }
}

/// Holds the function behind a `_KernDirectEntry`.
final class FunctionBox {
    let function: KernFunction
    init(_ function: KernFunction) { self.function = function }
}

/// A tensor's entry arguments (`_KernDirectEntry.array`): element pointer, then extents
/// and strides in elements, outermost axis first; axes beyond the rank are 0.
public struct _KernDirectArray {
    /// The first element (nil only for an empty tensor).
    public let data: UnsafeMutableRawPointer?
    /// Extents of axes 0, 1, 2.
    public let extents: (Int64, Int64, Int64)
    /// Row-major strides (in elements) of axes 0, 1, 2.
    public let strides: (Int64, Int64, Int64)
}
