/// `KernArray`: an array a Kern function returned (LANGUAGE.md §6, "Array results").
///
/// In: the entry ABI's array result (a data pointer from the runtime's 64-byte-aligned
/// allocator, then the extents). Out: the elements as a Swift `[T]` (one copy: Swift's
/// `Array` cannot adopt foreign memory) or as a `Tensor<T>` that shares the storage
/// (no copy). The storage is freed with `kern_rt_free` when the last of the `KernArray`
/// and the tensors sharing it goes away.
import KernRuntime

/// A dense row-major array of rank 1…3 returned by a Kern function.
///
/// Read it with `try r.as([Double].self)` (copies) or `try r.tensor(of: Double.self)`
/// (shares the storage). Two `KernArray`s are equal when their element types, shapes and
/// elements (bitwise) are.
public final class KernArray: @unchecked Sendable, Hashable, CustomStringConvertible {
    /// The element type.
    public let elementType: KernScalarType
    /// Extents, outermost first; 1…3 of them.
    public let shape: [Int]
    /// Number of elements (the product of the extents).
    public let count: Int
    /// The runtime allocation holding the elements (row-major); owned.
    let storage: UnsafeMutableRawPointer

    /// Adopts `storage` (from `kern_rt_alloc`), which this object now frees.
    init(adopting storage: UnsafeMutableRawPointer, elementType: KernScalarType, shape: [Int]) {
        self.storage = storage
        self.elementType = elementType
        self.shape = shape
        self.count = shape.reduce(1, *)
    }

    deinit { kern_rt_free(storage) }

    /// The number of dimensions, 1 to 3.
    public var rank: Int { shape.count }

    /// The elements in row-major order, copied into a Swift array.
    /// - Throws: `KernError.invalidArgument` (`.typeMismatch`) when `T` is not the
    ///   element type.
    public func toArray<T: KernScalar>(of type: T.Type = T.self) throws -> [T] {
        try checkElement(T.self)
        let typed = storage.assumingMemoryBound(to: T.self)
        return Array(UnsafeBufferPointer(start: typed, count: count))
    }

    /// The elements as a tensor of the same shape that shares this storage: no copy.
    /// Writes through the tensor are seen by this array and by every other tensor made
    /// from it.
    /// - Throws: `KernError.invalidArgument` (`.typeMismatch`) when `T` is not the
    ///   element type.
    public func tensor<T: KernScalar>(of type: T.Type = T.self) throws -> Tensor<T> {
        try checkElement(T.self)
        return Tensor(sharing: self)
    }

    private func checkElement<T: KernScalar>(_: T.Type) throws {
        guard T.kernScalarType == elementType else {
            throw KernError.invalidArgument(
                function: "KernArray", argument: nil,
                problem: .typeMismatch(
                    parameter: "result",
                    expected: "\(KernType.array(T.kernScalarType, rank: rank))",
                    actual: "\(KernType.array(elementType, rank: rank))"))
        }
    }

    /// Element `flat` (row-major) as a `KernValue` scalar.
    public func element(_ flat: Int) -> KernValue {
        precondition(flat >= 0 && flat < count, "KernArray index \(flat) out of range 0..<\(count)")
        let size = elementType.byteSize
        var bits: UInt64 = 0
        withUnsafeMutableBytes(of: &bits) {
            $0.copyMemory(from: UnsafeRawBufferPointer(start: storage + flat * size, count: size))
        }
        return KernValue(slot: bits, as: elementType)
    }

    /// As Swift prints a (nested) array: `[1.0, 2.0]`, `[[1, 2], [3, 4]]`.
    public var description: String {
        func walk(_ axis: Int, _ base: Int) -> String {
            let extent = shape[axis]
            let inner = shape[(axis + 1)...].reduce(1, *)
            let parts = (0..<extent).map { i in
                axis == shape.count - 1
                    ? element(base + i).description : walk(axis + 1, base + i * inner)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        return walk(0, 0)
    }

    /// Equal element types, shapes and elements (bitwise).
    public static func == (a: KernArray, b: KernArray) -> Bool {
        a.elementType == b.elementType && a.shape == b.shape
            && UnsafeRawBufferPointer(start: a.storage, count: a.count * a.elementType.byteSize)
                .elementsEqual(
                    UnsafeRawBufferPointer(
                        start: b.storage, count: b.count * b.elementType.byteSize))
    }

    /// Hashes the element type, the shape and the elements' bytes.
    public func hash(into h: inout Hasher) {
        h.combine(elementType)
        h.combine(shape)
        h.combine(
            bytes: UnsafeRawBufferPointer(start: storage, count: count * elementType.byteSize))
    }
}
