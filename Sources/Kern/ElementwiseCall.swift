/// Calls of `@vectorize` functions from Swift with arrays (LANGUAGE.md §10).
///
/// In: the lowered arguments of a call of a `@vectorize` function of which at least one is
/// an array, or any call with `out:`. Out: NumPy broadcasting checked on the host (a
/// mismatch throws `KernError.invalidArgument` naming both shapes), then a call of the
/// compiled variant `f.elementwise<R>(args..., out)` (R = the largest rank, or `out`'s)
/// with every argument as a rank-R array: its shape padded with leading 1s (same
/// storage), a scalar as a one-element array. Without `out:` the host allocates the
/// result with the runtime's allocator — uninitialized, since the variant writes every
/// element — and returns it as `KernValue.array`; with `out:` it writes into the caller's
/// array and returns `.void`.
///
/// Aliasing: `out` may be the very array of an argument (same base address, same
/// elements after padding), because the variant reads each argument's element only at
/// the index it then writes — `f(z, 1.0, out: &z)` updates in place. Any other overlap
/// (a shifted or broadcast view of `out`'s memory) would make the result depend on the
/// order in which the parallel, vectorized loop runs, so it is refused.
import KernABI
import KernRuntime

/// The compiled elementwise variants of one `@vectorize` function, by rank (1…3).
final class ElementwiseVariants: Sendable {
    let byRank: [KernFunction]
    init(byRank: [KernFunction]) { self.byRank = byRank }
}

extension KernFunction {
    /// Whether this call goes elementwise: a `@vectorize` function given an array.
    func isElementwiseCall(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>) -> Bool {
        guard elementwiseVariants != nil else { return false }
        return arguments.contains {
            if case .array = $0.form { return true }
            return false
        }
    }

    /// This function with its variants carrying this call's options (seed, threads).
    func variantsWithOptions() -> KernFunction {
        guard let variants = elementwiseVariants else { return self }
        var copy = self
        copy.elementwiseVariants = ElementwiseVariants(
            byRank: variants.byRank.map { $0.with(seed: options.seed, threads: options.threads) })
        return copy
    }

    /// See the file comment. `out` is the lowered `out:` argument, nil for a new array.
    func invokeElementwise(
        _ arguments: UnsafeBufferPointer<_KernLoweredArgument>, out: _KernLoweredArgument?
    ) throws -> KernValue {
        guard let variants = elementwiseVariants else {
            preconditionFailure("invokeElementwise on a function that is not @vectorize")
        }
        try checkElementTypes(arguments)
        let outShape = try out.map(checkOut)
        var rank = outShape?.rank ?? 1
        if outShape == nil {
            for argument in arguments {
                if case .array(_, let s) = argument.form { rank = max(rank, s.rank) }
            }
        }
        let shape = try broadcastShape(arguments, rank: rank, out: outShape)
        let variant = variants.byRank[rank - 1]
        if let out, case .array(let base, let s) = out.form {
            try checkAliasing(arguments, out: base, shape: s)
            try call(variant, arguments, rank: rank, out: out)
            return .void
        }
        // A new array: allocated here, adopted at once (freed if the call fails).
        // Broadcasting views can describe more elements than memory holds.
        let size: ArrayShape
        do {
            size = try ArrayShape(shape, elementSize: signatureResultElement.byteSize)
        } catch {
            throw KernError.invalidArgument(function: name, argument: nil, problem: error.problem)
        }
        guard
            let storage = kern_rt_alloc(Int64(size.elementCount * signatureResultElement.byteSize))
        else {
            let bytes = size.elementCount * signatureResultElement.byteSize
            let kind = RuntimeErrorKind.allocationFailed(bytes: bytes)
            throw KernError.runtime(
                kind: kind, message: kind.message, position: .unknown, function: name, file: file)
        }
        let result = KernArray(adopting: storage, elementType: signatureResultElement, shape: shape)
        let lowered = _KernLoweredArgument(
            type: signatureResultElement, form: .array(base: storage, shape: size),
            isWritable: true)
        try call(variant, arguments, rank: rank, out: lowered)
        return .array(result)
    }

    /// The result's element type (`@vectorize` functions return a scalar).
    private var signatureResultElement: KernScalarType {
        guard case .scalar(let s) = signature.returnType else {
            preconditionFailure("a @vectorize function returns a scalar (checked by Sema)")
        }
        return s
    }

    /// Count and element types: each argument is a parameter's scalar type or an array
    /// of it (no conversions, as in kernels).
    private func checkElementTypes(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>)
        throws
    {
        let parameters = signature.parameters
        guard arguments.count == parameters.count else {
            throw KernError.invalidArgument(
                function: name, argument: nil,
                problem: .wrongCount(expected: parameters.count, actual: arguments.count))
        }
        for (i, (argument, parameter)) in zip(arguments, parameters).enumerated() {
            guard case .scalar(let s) = parameter.type, argument.type == s else {
                throw KernError.invalidArgument(
                    function: name, argument: i,
                    problem: .typeMismatch(
                        parameter: parameter.name,
                        expected: "\(parameter.type) or an array of \(parameter.type)",
                        actual: argument.kernDescription))
            }
        }
    }

    /// `out:` must be a writable array of the result's element type; returns its shape.
    private func checkOut(_ out: _KernLoweredArgument) throws -> ArrayShape {
        let element = signatureResultElement
        guard case .array(_, let shape) = out.form, out.type == element else {
            throw KernError.invalidArgument(
                function: name, argument: signature.parameters.count,
                problem: .typeMismatch(
                    parameter: "out", expected: "an array of \(element)",
                    actual: out.kernDescription))
        }
        guard out.isWritable else {
            throw KernError.invalidArgument(
                function: name, argument: signature.parameters.count,
                problem: .notWritable(parameter: "out"))
        }
        return shape
    }

    /// NumPy's rule: shapes aligned at the last dimension, extents equal or 1. With `out`,
    /// the shape is `out`'s, which never changes: every argument must broadcast to it.
    private func broadcastShape(
        _ arguments: UnsafeBufferPointer<_KernLoweredArgument>, rank: Int, out: ArrayShape?
    ) throws -> [Int] {
        let parameters = signature.parameters
        var shape = out.map(Self.dims) ?? [Int](repeating: 1, count: rank)
        var setBy = [Int?](repeating: nil, count: rank)
        for (i, argument) in arguments.enumerated() {
            guard case .array(_, let s) = argument.form else { continue }
            if let out, s.rank > out.rank {
                throw outMismatch(i, s, out)
            }
            for axis in 0..<s.rank {
                let d = rank - s.rank + axis
                let extent = s.extent(axis)
                if extent == shape[d] || extent == 1 { continue }
                if let out { throw outMismatch(i, s, out) }
                if shape[d] == 1 {
                    shape[d] = extent
                    setBy[d] = i
                    continue
                }
                let other = setBy[d] ?? i
                throw KernError.invalidArgument(
                    function: name, argument: i,
                    problem: .shapesDoNotBroadcast(
                        parameter: parameters[i].name, shape: Self.dims(s),
                        other: parameters[other].name,
                        otherShape: Self.dims(Self.shape(of: arguments[other]))))
            }
        }
        return shape
    }

    private func outMismatch(_ i: Int, _ s: ArrayShape, _ out: ArrayShape) -> KernError {
        KernError.invalidArgument(
            function: name, argument: i,
            problem: .doesNotBroadcastToOut(
                parameter: signature.parameters[i].name, shape: Self.dims(s),
                outShape: Self.dims(out)))
    }

    /// `out` may share memory with an argument only by being the same array: the same
    /// first element and the same extents once the argument is padded to `out`'s rank.
    private func checkAliasing(
        _ arguments: UnsafeBufferPointer<_KernLoweredArgument>, out base: UnsafeMutableRawPointer?,
        shape: ArrayShape
    ) throws {
        let outBytes = _KernLoweredArgument(
            type: signatureResultElement, form: .array(base: base, shape: shape), isWritable: true
        ).byteRange
        guard let outBytes else { return }
        for (i, argument) in arguments.enumerated() {
            guard let bytes = argument.byteRange, bytes.overlaps(outBytes) else { continue }
            if case .array(let b, let s) = argument.form, b == base,
                argument.type.byteSize == signatureResultElement.byteSize,
                [Int](repeating: 1, count: shape.rank - s.rank) + Self.dims(s) == Self.dims(shape)
            {
                continue
            }
            throw KernError.invalidArgument(
                function: name, argument: i,
                problem: .outOverlapsArgument(parameter: signature.parameters[i].name))
        }
    }

    /// Calls `variant` with the arguments padded to `rank` and `out` last. A runtime error
    /// names this function, not the hidden variant.
    private func call(
        _ variant: KernFunction, _ arguments: UnsafeBufferPointer<_KernLoweredArgument>,
        rank: Int, out: _KernLoweredArgument
    ) throws {
        let count = arguments.count + 1
        // Scalars become one-element arrays: the value in its 8-byte slot (own type at
        // offset 0, EntryABI), which stays alive for the call.
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { slots in
            try withUnsafeTemporaryAllocation(of: _KernLoweredArgument.self, capacity: count) {
                padded in
                for (i, argument) in arguments.enumerated() {
                    let ones = [Int](repeating: 1, count: rank)
                    let form: _KernLoweredArgument.Form
                    switch argument.form {
                    case .array(let base, let s):
                        let dims = [Int](repeating: 1, count: rank - s.rank) + Self.dims(s)
                        form = .array(
                            base: base,
                            shape: try ArrayShape(dims, elementSize: argument.type.byteSize))
                    case .scalar(let bits):
                        slots[i] = bits
                        form = .array(
                            base: UnsafeMutableRawPointer(slots.baseAddress! + i),
                            shape: try ArrayShape(ones, elementSize: argument.type.byteSize))
                    case .inoutScalar(let p):
                        form = .array(
                            base: p,
                            shape: try ArrayShape(ones, elementSize: argument.type.byteSize))
                    }
                    (padded.baseAddress! + i).initialize(
                        to: _KernLoweredArgument(type: argument.type, form: form, isWritable: false)
                    )
                }
                (padded.baseAddress! + arguments.count).initialize(to: out)
                defer { padded.baseAddress!.deinitialize(count: count) }
                do {
                    _ = try variant.invokeVariant(UnsafeBufferPointer(padded))
                } catch KernError.runtime(let kind, let message, let position, _, let file) {
                    throw KernError.runtime(
                        kind: kind, message: message, position: position, function: name,
                        file: file)
                }
            }
        }
    }

    private static func dims(_ s: ArrayShape) -> [Int] { (0..<s.rank).map { s.extent($0) } }

    private static func shape(of argument: _KernLoweredArgument) -> ArrayShape {
        guard case .array(_, let s) = argument.form else {
            preconditionFailure("only arrays set a broadcast extent")
        }
        return s
    }
}
