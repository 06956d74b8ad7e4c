/// How Swift values become arguments of a Kern call.
///
/// In: Swift scalars, `[T]`, `ContiguousArray<T>`, `Unsafe(Mutable)BufferPointer<T>`,
/// `Tensor<T>`, and `[[T]]` (copied; must be rectangular); `&x` for `inout` parameters
/// (or an `UnsafeMutablePointer<T>` for an `inout` scalar).
/// Out: a `_KernLoweredArgument` per argument: a scalar's slot bits, an inout scalar's
/// address, or an array view (base address, shape, writability), valid only inside the
/// closure that receives it. `KernFunction` checks these against the signature and
/// turns them into libffi argument slots.

/// One argument, ready to be checked and passed. Opaque to users: only the conformances
/// in this module can make one, which keeps the set of argument types closed.
public struct _KernLoweredArgument {
    enum Form {
        case scalar(bits: UInt64)
        case inoutScalar(UnsafeMutableRawPointer)
        case array(base: UnsafeMutableRawPointer?, shape: ArrayShape)
    }
    let type: KernScalarType
    let form: Form
    /// Whether the callee may write the array's elements (`&array`, a Tensor, a
    /// mutable buffer). Read-only arrays cannot be bound to `inout` array parameters.
    let isWritable: Bool

    /// What the host passed, in Kern spelling, for messages: `Int`, `&Int`, `[[Float]]`.
    var kernDescription: String {
        switch form {
        case .scalar: return type.description
        case .inoutScalar: return "&" + type.description
        case .array(_, let shape): return KernType.array(type, rank: shape.rank).description
        }
    }

    /// The bytes an array covers, for the overlap check (empty for scalars and
    /// empty arrays).
    var byteRange: Range<UInt>? {
        guard case .array(let base, let shape) = form, let base, shape.elementCount > 0 else {
            return nil
        }
        // The byte count fits (ArrayShape's invariant); the end address could still wrap
        // for a lying unsafe buffer, so clamp it (a larger range only finds more overlaps).
        let start = UInt(bitPattern: base)
        let (end, wrapped) = start.addingReportingOverflow(
            UInt(shape.elementCount * type.byteSize))
        return start..<(wrapped ? UInt.max : end)
    }
}

/// Extents of a dense row-major array of rank 1...3.
///
/// Invariant (checked by the only initializer): the extents are not negative and the
/// product of the extents, each counted as at least 1, times the element size fits in
/// `Int`. So `elementCount`, every `stride(_:)` and every byte offset the generated code
/// computes from them (index × stride × element size, index < extent) are free of
/// overflow, even for an empty array such as `[0, 2^40, 2^40]`.
struct ArrayShape: Equatable {
    let rank: Int
    let extents: (Int, Int, Int)

    /// - Throws: `ArrayShapeError` for a negative extent or a size that overflows `Int`.
    /// - Precondition: 1...3 extents (every caller has a fixed rank or checked it).
    init(_ dims: [Int], elementSize: Int) throws(ArrayShapeError) {
        precondition((1...3).contains(dims.count), "ArrayShape: rank \(dims.count)")
        guard dims.allSatisfy({ $0 >= 0 }) else { throw .negativeExtent(dims) }
        guard let span = Self.checkedProduct(dims.map { max($0, 1) }),
            span.multipliedReportingOverflow(by: elementSize).overflow == false
        else { throw .overflow(dims, elementSize: elementSize) }
        rank = dims.count
        extents = (
            dims[0], dims.count > 1 ? dims[1] : 1, dims.count > 2 ? dims[2] : 1
        )
    }

    /// The product of `values`, or nil when it overflows `Int`.
    static func checkedProduct(_ values: [Int]) -> Int? {
        var product = 1
        for v in values {
            let (p, overflow) = product.multipliedReportingOverflow(by: v)
            if overflow { return nil }
            product = p
        }
        return product
    }

    static func == (a: ArrayShape, b: ArrayShape) -> Bool {
        a.rank == b.rank && a.extents == b.extents
    }

    func extent(_ d: Int) -> Int {
        switch d {
        case 0: extents.0
        case 1: extents.1
        default: extents.2
        }
    }

    /// Row-major strides in elements (no overflow: see the invariant).
    func stride(_ d: Int) -> Int {
        var s = 1
        var k = rank - 1
        while k > d {
            s *= extent(k)
            k -= 1
        }
        return s
    }

    var elementCount: Int { extents.0 * extents.1 * extents.2 }
}

/// A shape `ArrayShape` refuses; the call site adds the function and argument index and
/// turns it into `KernError.invalidArgument`.
enum ArrayShapeError: Error {
    case negativeExtent([Int])
    case overflow([Int], elementSize: Int)

    /// The problem as reported to the host.
    var problem: ArgumentProblem {
        switch self {
        case .negativeExtent(let shape):
            .badShape(shape: shape, elementCount: ArrayShape.checkedProduct(shape) ?? 0)
        case .overflow(let shape, let size): .sizeOverflow(shape: shape, elementSize: size)
        }
    }
}

/// Raised while lowering a `[[T]]` whose rows differ in length; the call site adds the
/// argument index and turns it into `KernError.invalidArgument`.
struct RaggedRowsError: Error {
    var row: Int
    var expected: Int
    var actual: Int
}

/// A value that can be passed to a Kern function.
public protocol KernArgument {
    /// Calls `body` with the argument lowered for the call. Pointers in it are valid
    /// only inside `body`.
    func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R
}

/// A value that can be passed with `&` to an `inout` parameter: a scalar, `[T]`,
/// `ContiguousArray<T>`, a mutable buffer or a `Tensor`.
public protocol KernInoutArgument: KernArgument {
    mutating func _withLoweredInout<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R
}

/// An element of a Swift array argument: a scalar (making `[T]` a rank-1 argument) or
/// an array of scalars (making `[[T]]` a rank-2 argument, copied).
public protocol KernArrayElement {
    static func _withLoweredArray<R>(
        _ array: [Self], _ body: (_KernLoweredArgument) throws -> R
    ) throws -> R
}

// MARK: - Scalars

extension KernScalar {
    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try body(
            _KernLoweredArgument(
                type: Self.kernScalarType, form: .scalar(bits: slotBits), isWritable: false))
    }

    public mutating func _withLoweredInout<R>(_ body: (_KernLoweredArgument) throws -> R) throws
        -> R
    {
        try withUnsafeMutablePointer(to: &self) { pointer in
            try body(
                _KernLoweredArgument(
                    type: Self.kernScalarType, form: .inoutScalar(UnsafeMutableRawPointer(pointer)),
                    isWritable: true))
        }
    }

    public static func _withLoweredArray<R>(
        _ array: [Self], _ body: (_KernLoweredArgument) throws -> R
    ) throws -> R {
        try array.withUnsafeBufferPointer { try lowerBuffer($0, writable: false, body) }
    }
}

/// A rank-1 view of a buffer.
func lowerBuffer<T: KernScalar, R>(
    _ buffer: UnsafeBufferPointer<T>, writable: Bool, _ body: (_KernLoweredArgument) throws -> R
) throws -> R {
    let base = buffer.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
    // An unsafe buffer may claim any count: its byte size is checked like any shape.
    let shape = try ArrayShape([buffer.count], elementSize: MemoryLayout<T>.stride)
    return try body(
        _KernLoweredArgument(
            type: T.kernScalarType,
            form: .array(base: base, shape: shape),
            isWritable: writable))
}

// MARK: - Swift arrays and buffers

extension Array: KernArgument where Element: KernArrayElement {
    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try Element._withLoweredArray(self, body)
    }
}

/// `&x` for Swift's contiguous arrays (`Array`, `ContiguousArray`, `ArraySlice`): the
/// elements are written in place (the storage is made unique first, as any Swift
/// mutation would).
extension KernInoutArgument where Self: MutableCollection, Self.Element: KernScalar {
    public mutating func _withLoweredInout<R>(_ body: (_KernLoweredArgument) throws -> R) throws
        -> R
    {
        let result = try withContiguousMutableStorageIfAvailable {
            try lowerBuffer(UnsafeBufferPointer($0), writable: true, body)
        }
        guard let result else { preconditionFailure("\(Self.self) has contiguous storage") }
        return result
    }
}

extension Array: KernInoutArgument where Element: KernScalar {}

/// `[[T]]`: copied into a dense row-major buffer for a read-only rank-2 parameter.
extension Array: KernArrayElement where Element: KernScalar {
    public static func _withLoweredArray<R>(
        _ rows: [[Element]], _ body: (_KernLoweredArgument) throws -> R
    ) throws -> R {
        let cols = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != cols {
            throw RaggedRowsError(row: i, expected: cols, actual: row.count)
        }
        // Rows may share storage (`Array(repeating: row, count: n)`), so the dense size
        // is not bounded by memory in use: check it before reserving.
        let shape = try ArrayShape([rows.count, cols], elementSize: MemoryLayout<Element>.stride)
        var dense = [Element]()
        dense.reserveCapacity(shape.elementCount)
        for row in rows { dense.append(contentsOf: row) }
        return try dense.withUnsafeBufferPointer { buffer in
            try body(
                _KernLoweredArgument(
                    type: Element.kernScalarType,
                    form: .array(
                        base: buffer.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) },
                        shape: shape),
                    isWritable: false))
        }
    }
}

extension ContiguousArray: KernArgument where Element: KernScalar {
    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try withUnsafeBufferPointer { try lowerBuffer($0, writable: false, body) }
    }
}

extension ContiguousArray: KernInoutArgument where Element: KernScalar {}

/// `x[a..<b]`: a rank-1 view of the slice's elements (no copy).
extension ArraySlice: KernArgument where Element: KernScalar {
    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try withUnsafeBufferPointer { try lowerBuffer($0, writable: false, body) }
    }
}

extension ArraySlice: KernInoutArgument where Element: KernScalar {}

/// A pointer to a scalar binds to an `inout` scalar parameter without `&`: for calls of
/// more than 4 arguments (which have no `&` overloads) and `call(_:)`, e.g.
/// `try withUnsafeMutablePointer(to: &n) { try f(a, $0, b, c, d) }`.
extension UnsafeMutablePointer: KernArgument where Pointee: KernScalar {
    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try body(
            _KernLoweredArgument(
                type: Pointee.kernScalarType, form: .inoutScalar(UnsafeMutableRawPointer(self)),
                isWritable: true))
    }
}

extension UnsafeBufferPointer: KernArgument where Element: KernScalar {
    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try lowerBuffer(self, writable: false, body)
    }
}

/// A mutable buffer is writable whether or not it is passed with `&`.
extension UnsafeMutableBufferPointer: KernArgument where Element: KernScalar {
    public func _withLowered<R>(_ body: (_KernLoweredArgument) throws -> R) throws -> R {
        try lowerBuffer(UnsafeBufferPointer(self), writable: true, body)
    }
}

extension UnsafeMutableBufferPointer: KernInoutArgument where Element: KernScalar {
    public mutating func _withLoweredInout<R>(_ body: (_KernLoweredArgument) throws -> R) throws
        -> R
    {
        try _withLowered(body)
    }
}
