/// Entry points for generated code (the wrappers `KernPlugin` writes): the same lowering
/// path the `&` overloads use (KernFunction+CallInout.swift), so a typed wrapper checks
/// its arguments against the signature and calls without boxing them. Not meant to be
/// called by hand: the underscore keeps them out of completion.
extension KernFunction {
    /// Runs `body` with stack storage for `count` lowered arguments.
    public func _withArguments(
        _ count: Int, _ body: (UnsafeMutableBufferPointer<_KernLoweredArgument>) throws -> KernValue
    ) throws -> KernValue {
        try withLoweredArguments(count, body)
    }

    /// Lowers argument `index` into `arguments[index]`; runs `body` while it is valid.
    public func _lower<A: KernArgument>(
        _ argument: A, _ index: Int,
        into arguments: UnsafeMutableBufferPointer<_KernLoweredArgument>,
        _ body: () throws -> KernValue
    ) throws -> KernValue {
        try lower(argument, index, into: arguments, body)
    }

    /// `_lower` for an `inout` argument.
    public func _lowerInout<A: KernInoutArgument>(
        _ argument: inout A, _ index: Int,
        into arguments: UnsafeMutableBufferPointer<_KernLoweredArgument>,
        _ body: () throws -> KernValue
    ) throws -> KernValue {
        try lowerInout(&argument, index, into: arguments, body)
    }

    /// Checks the lowered arguments against the signature and calls the function.
    public func _invoke(_ arguments: UnsafeMutableBufferPointer<_KernLoweredArgument>) throws
        -> KernValue
    {
        try invoke(UnsafeBufferPointer(arguments))
    }

    /// Calls a `@vectorize` function elementwise — even with scalars only, which give a
    /// one-element rank-1 array — and returns the new array: the typed wrappers' array
    /// form (`Kernels.hyp(x: [Double], y: Double) -> Tensor<Double>`).
    public func _elementwise<each A: KernArgument>(_ argument: repeat each A) throws -> KernArray {
        guard case .array(let a) = try lowerPack(repeat each argument, as: .elementwise) else {
            preconditionFailure("an elementwise call without out: returns an array")
        }
        return a
    }
}
