/// `Tensor<T>`: a mutable, dense, row-major array of rank 1...3 with 64-byte-aligned
/// storage, the host type for Kern's `[[T]]` and `[[[T]]]` parameters (and `[T]`).
///
/// In: a shape and elements (or rows). Out: storage a Kern function reads and writes in
/// place. A Tensor is a reference type: passing it to an `inout` array parameter
/// writes its elements, with or without `&`.
///
/// Sendable: `@unchecked`, like a class wrapping a buffer. The elements are not
/// synchronized; as with an `UnsafeMutableBufferPointer`, callers must not write a
/// tensor from one thread while another reads or writes it. The shape never changes.
public final class Tensor<T: KernScalar>: @unchecked Sendable {
    /// Extents, outermost first; 1...3 of them.
    public let shape: [Int]
    /// Number of elements (the product of the extents).
    public let count: Int
    /// The shape as checked for the call path (its byte size fits in `Int`).
    private let arrayShape: ArrayShape
    private let storage: UnsafeMutablePointer<T>
    /// The Kern result whose storage this tensor shares (nil: the tensor owns `storage`).
    private let owner: KernArray?

    /// The alignment of the element storage (a cache line; what vector code likes).
    public static var alignment: Int { 64 }

    /// A tensor of the given shape with every element set to `value`.
    /// - Throws: `KernError.invalidArgument` when the shape does not have 1...3 extents,
    ///   has a negative one (`.badShape`), or its size in bytes overflows `Int`
    ///   (`.sizeOverflow`).
    public convenience init(shape: [Int], repeating value: T) throws {
        try self.init(checked: Self.checkedShape(shape, function: "Tensor.init(shape:)"), shape)
        storage.initialize(repeating: value, count: count)
    }

    /// A rank-1 tensor holding the array's elements.
    public convenience init(_ array: [T]) {
        // A Swift array's bytes are in memory, so its byte size fits in Int.
        guard let shape = try? ArrayShape([array.count], elementSize: MemoryLayout<T>.stride)
        else { preconditionFailure("an array in memory has a size that fits in Int") }
        self.init(checked: shape, [array.count])
        array.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { storage.initialize(from: base, count: b.count) }
        }
    }

    /// A tensor of the given shape filled from `elements` in row-major order.
    /// - Throws: `KernError.invalidArgument` as `init(shape:repeating:)` does, and
    ///   `.badShape` when `elements.count` is not the product of the extents.
    public convenience init(shape: [Int], elements: [T]) throws {
        let checked = try Self.checkedShape(shape, function: "Tensor.init(shape:elements:)")
        guard checked.elementCount == elements.count else {
            throw KernError.invalidArgument(
                function: "Tensor.init(shape:elements:)", argument: nil,
                problem: .badShape(shape: shape, elementCount: elements.count))
        }
        self.init(checked: checked, shape)
        elements.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { storage.initialize(from: base, count: b.count) }
        }
    }

    /// A rank-2 tensor from rows, which must all have the same length.
    /// - Throws: `KernError.invalidArgument` with `.raggedRows` when they do not.
    public convenience init(rows: [[T]]) throws {
        let cols = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != cols {
            throw KernError.invalidArgument(
                function: "Tensor.init(rows:)", argument: nil,
                problem: .raggedRows(row: i, expected: cols, actual: row.count))
        }
        // Rows may share storage, so check the size before flattening them.
        _ = try Self.checkedShape([rows.count, cols], function: "Tensor.init(rows:)")
        try self.init(shape: [rows.count, cols], elements: rows.flatMap { $0 })
    }

    /// Allocates uninitialised storage for a checked shape (the convenience initializers
    /// fill it).
    private init(checked: ArrayShape, _ shape: [Int]) {
        self.shape = shape
        self.arrayShape = checked
        self.count = checked.elementCount
        // No overflow: ArrayShape's invariant bounds count × stride.
        let bytes = max(count * MemoryLayout<T>.stride, Self.alignment)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Self.alignment)
        storage = raw.bindMemory(to: T.self, capacity: count)
        owner = nil
    }

    /// A tensor over an array a Kern function returned, sharing its (64-byte-aligned)
    /// storage: no copy. `KernArray.tensor(of:)` checked the element type.
    init(sharing array: KernArray) {
        // The runtime allocated count × size bytes, so the size fits in Int.
        guard let checked = try? ArrayShape(array.shape, elementSize: MemoryLayout<T>.stride)
        else { preconditionFailure("a Kern array result has a size that fits in Int") }
        self.shape = array.shape
        self.arrayShape = checked
        self.count = array.count
        self.storage = array.storage.bindMemory(to: T.self, capacity: array.count)
        self.owner = array
    }

    private static func checkedShape(_ shape: [Int], function: String) throws -> ArrayShape {
        guard (1...3).contains(shape.count) else {
            throw KernError.invalidArgument(
                function: function, argument: nil,
                problem: .badShape(shape: shape, elementCount: 0))
        }
        do {
            return try ArrayShape(shape, elementSize: MemoryLayout<T>.stride)
        } catch {
            throw KernError.invalidArgument(
                function: function, argument: nil, problem: error.problem)
        }
    }

    deinit {
        // Shared storage is the owner's to free (KernArray frees it with kern_rt_free).
        guard owner == nil else { return }
        storage.deinitialize(count: count)
        UnsafeMutableRawPointer(storage).deallocate()
    }

    /// The number of dimensions, 1 to 3.
    public var rank: Int { shape.count }

    // MARK: Elements

    /// Element `i` of a rank-1 tensor, or element `i` of the flat row-major storage
    /// of any rank.
    public subscript(i: Int) -> T {
        get { storage[checkedFlat(i)] }
        set { storage[checkedFlat(i)] = newValue }
    }

    /// Element `[i][j]` of a rank-2 tensor (traps when out of bounds, as Swift arrays do).
    public subscript(i: Int, j: Int) -> T {
        get { storage[offset([i, j])] }
        set { storage[offset([i, j])] = newValue }
    }

    /// Element `[i][j][k]` of a rank-3 tensor (traps when out of bounds, as Swift arrays do).
    public subscript(i: Int, j: Int, k: Int) -> T {
        get { storage[offset([i, j, k])] }
        set { storage[offset([i, j, k])] = newValue }
    }

    private func checkedFlat(_ i: Int) -> Int {
        precondition(i >= 0 && i < count, "Tensor index \(i) out of range 0..<\(count)")
        return i
    }

    private func offset(_ index: [Int]) -> Int {
        precondition(index.count == rank, "\(index.count) indices for a Tensor of rank \(rank)")
        var flat = 0
        for (d, i) in index.enumerated() {
            precondition(
                i >= 0 && i < shape[d],
                "Tensor index \(i) out of range 0..<\(shape[d]) in dimension \(d)")
            flat = flat * shape[d] + i
        }
        return flat
    }

    /// The elements in row-major order.
    public var array: [T] { toArray() }
    /// The elements in row-major order, copied into a new array.
    public func toArray() -> [T] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    /// The rows of a rank-2 tensor.
    public var rows: [[T]] {
        precondition(rank == 2, "rows of a Tensor of rank \(rank)")
        return (0..<shape[0]).map { r in
            Array(UnsafeBufferPointer(start: storage + r * shape[1], count: shape[1]))
        }
    }

    /// Calls `body` with the elements in row-major order; the pointer is valid only inside.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<T>) throws -> R) rethrows
        -> R
    {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Calls `body` with the elements in row-major order, writable; the pointer is valid
    /// only inside.
    public func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: storage, count: count))
    }
}

extension Tensor: CustomStringConvertible {
    /// `Tensor<Float>(shape: [2, 2], [1.0, 2.0, 3.0, 4.0])`.
    public var description: String { "Tensor<\(T.self)>(shape: \(shape), \(array))" }
}

/// A tensor is writable storage: it binds to `inout` array parameters with or
/// without `&`.
extension Tensor: KernInoutArgument {
    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try withExtendedLifetime(self) {
            try body(
                _KernLoweredArgument(
                    type: T.kernScalarType,
                    form: .array(base: UnsafeMutableRawPointer(storage), shape: arrayShape),
                    isWritable: true))
        }
    }

    public func _withLoweredInout<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try _withLowered(body)
    }
}
