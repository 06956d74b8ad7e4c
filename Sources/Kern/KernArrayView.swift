/// `KernArrayView`: memory you own, seen as a dense row-major Kern array of a given
/// shape — for passing a flat Swift array as `[[T]]` or `[[[T]]]` without copying.
///
///     var grid = [Double](repeating: 0, count: rows * cols)
///     try grid.withUnsafeMutableBufferPointer { buffer in
///         try relax(KernArrayView(buffer, shape: [rows, cols]))
///     }
///
/// The view does not own or retain the memory: use it only while the buffer is valid
/// (inside the `withUnsafe…` closure).
public struct KernArrayView<T: KernScalar>: KernInoutArgument {
    /// The extent of each dimension, outermost first (rank 1 to 3).
    public let shape: [Int]
    /// The shape as checked against the buffer (its byte size fits in `Int`).
    private let arrayShape: ArrayShape
    private let base: UnsafeMutableRawPointer?
    private let isWritable: Bool

    /// A writable view (usable for `inout` array parameters).
    /// - Throws: `KernError.invalidArgument` when the shape's rank is not 1...3, an
    ///   extent is negative, or its element count (computed without overflow) differs
    ///   from the buffer's.
    public init(_ buffer: UnsafeMutableBufferPointer<T>, shape: [Int]) throws {
        self.arrayShape = try Self.check(shape, buffer.count)
        self.shape = shape
        self.base = buffer.baseAddress.map { UnsafeMutableRawPointer($0) }
        self.isWritable = true
    }

    /// A read-only view.
    public init(_ buffer: UnsafeBufferPointer<T>, shape: [Int]) throws {
        self.arrayShape = try Self.check(shape, buffer.count)
        self.shape = shape
        self.base = buffer.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
        self.isWritable = false
    }

    /// The element count must equal the buffer's EXACTLY: an overflowing product (whose
    /// truncated value could match a small buffer) is a mismatch, never wrapped.
    private static func check(_ shape: [Int], _ count: Int) throws -> ArrayShape {
        guard (1...3).contains(shape.count), shape.allSatisfy({ $0 >= 0 }),
            ArrayShape.checkedProduct(shape) == count
        else {
            throw KernError.invalidArgument(
                function: "KernArrayView", argument: nil,
                problem: .badShape(shape: shape, elementCount: count))
        }
        do {
            // An unsafe buffer may claim more elements than the address space holds.
            return try ArrayShape(shape, elementSize: MemoryLayout<T>.stride)
        } catch {
            throw KernError.invalidArgument(
                function: "KernArrayView", argument: nil, problem: error.problem)
        }
    }

    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try body(
            _KernLoweredArgument(
                type: T.kernScalarType, form: .array(base: base, shape: arrayShape),
                isWritable: isWritable))
    }

    public mutating func _withLoweredInout<R>(_ body: (_KernLoweredArgument) throws -> R) throws
        -> R
    {
        try _withLowered(body)
    }
}
