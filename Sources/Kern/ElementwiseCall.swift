/// Calls of `@vectorize` functions from Swift with arrays (LANGUAGE.md §10).
///
/// In: the lowered arguments of a call of a `@vectorize` function of which at least one is
/// an array. Out: NumPy broadcasting checked on the host (a mismatch throws
/// `KernError.invalidArgument` naming both shapes), then a call of the compiled variant
/// `f.elementwise<R>` (R = the largest rank) with every argument as a rank-R array: its
/// shape padded with leading 1s (same storage), a scalar as a one-element array. The
/// result is the new array the variant returns (`KernValue.array`).
import KernABI

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

    /// See the file comment.
    func invokeElementwise(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>) throws
        -> KernValue
    {
        guard let variants = elementwiseVariants else {
            preconditionFailure("invokeElementwise on a function that is not @vectorize")
        }
        let parameters = signature.parameters
        guard arguments.count == parameters.count else {
            throw KernError.invalidArgument(
                function: name, argument: nil,
                problem: .wrongCount(expected: parameters.count, actual: arguments.count))
        }
        var rank = 0
        for (i, (argument, parameter)) in zip(arguments, parameters).enumerated() {
            guard case .scalar(let s) = parameter.type, argument.type == s else {
                throw KernError.invalidArgument(
                    function: name, argument: i,
                    problem: .typeMismatch(
                        parameter: parameter.name,
                        expected: "\(parameter.type) or an array of \(parameter.type)",
                        actual: argument.kernDescription))
            }
            if case .array(_, let shape) = argument.form { rank = max(rank, shape.rank) }
        }
        // NumPy's rule: align shapes at the last dimension; extents equal or 1.
        var shape = [Int](repeating: 1, count: rank)
        var setBy = [Int?](repeating: nil, count: rank)
        for (i, argument) in arguments.enumerated() {
            guard case .array(_, let s) = argument.form else { continue }
            for axis in 0..<s.rank {
                let d = rank - s.rank + axis
                let extent = s.extent(axis)
                if extent == shape[d] || extent == 1 { continue }
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
        let variant = variants.byRank[rank - 1]
        // Scalars become one-element arrays: the value in its 8-byte slot (own type at
        // offset 0, EntryABI), which stays alive for the call.
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: arguments.count) {
            slots in
            try withUnsafeTemporaryAllocation(
                of: _KernLoweredArgument.self, capacity: arguments.count
            ) { padded in
                for (i, argument) in arguments.enumerated() {
                    let form: _KernLoweredArgument.Form
                    switch argument.form {
                    case .array(let base, let s):
                        let dims = [Int](repeating: 1, count: rank - s.rank) + Self.dims(s)
                        form = .array(
                            base: base,
                            shape: try ArrayShape(
                                dims, elementSize: argument.type.byteSize))
                    case .scalar(let bits):
                        slots[i] = bits
                        form = .array(
                            base: UnsafeMutableRawPointer(slots.baseAddress! + i),
                            shape: try ArrayShape(
                                [Int](repeating: 1, count: rank),
                                elementSize: argument.type.byteSize))
                    case .inoutScalar(let p):
                        form = .array(
                            base: p,
                            shape: try ArrayShape(
                                [Int](repeating: 1, count: rank),
                                elementSize: argument.type.byteSize))
                    }
                    (padded.baseAddress! + i).initialize(
                        to: _KernLoweredArgument(type: argument.type, form: form, isWritable: false)
                    )
                }
                defer { padded.baseAddress!.deinitialize(count: arguments.count) }
                return try variant.invoke(UnsafeBufferPointer(padded))
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
