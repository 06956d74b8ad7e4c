/// `KernOperand<T>`: what a typed `@vectorize` wrapper accepts for a parameter of type `T`.
///
/// In: a scalar `T`, or an array of `T` of rank 1…3 (`[T]`, `ContiguousArray<T>`,
/// `ArraySlice<T>`, buffers, `Tensor<T>`, `KernArrayView<T>`). Out: the same
/// `KernArgument` lowering as any call; the protocol only adds the element type, so the
/// build plugin can declare ONE generic wrapper per `@vectorize` function
/// (`hyp(x: some KernOperand<Double>, y: some KernOperand<Double>)`) instead of an
/// overload per combination of scalar and array arguments (3^n), and Swift still rejects a
/// wrong element type at compile time.

/// A scalar of type `Element` or an array of `Element` of rank 1…3: an operand of an
/// elementwise (`@vectorize`) call. The conformances are closed (Kern's scalar and array
/// types).
public protocol KernOperand<Element>: KernArgument {
    /// The scalar type of the operand's elements (the operand itself for a scalar).
    associatedtype Element: KernScalar
}

extension Bool: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = Bool
}
extension Int8: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = Int8
}
extension Int16: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = Int16
}
extension Int32: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = Int32
}
extension Int64: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = Int64
}
extension Int: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = Int
}
extension UInt8: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = UInt8
}
extension UInt16: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = UInt16
}
extension UInt32: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = UInt32
}
extension UInt64: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = UInt64
}
extension UInt: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = UInt
}
extension Float: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = Float
}
extension Double: KernOperand {
    /// A scalar is an operand of its own type.
    public typealias Element = Double
}

extension Array: KernOperand where Element: KernScalar {}
extension ContiguousArray: KernOperand where Element: KernScalar {}
extension ArraySlice: KernOperand where Element: KernScalar {}
extension UnsafeBufferPointer: KernOperand where Element: KernScalar {}
extension UnsafeMutableBufferPointer: KernOperand where Element: KernScalar {}
extension Tensor: KernOperand {
    /// The tensor's element type.
    public typealias Element = T
}
extension KernArrayView: KernOperand {
    /// The view's element type.
    public typealias Element = T
}
