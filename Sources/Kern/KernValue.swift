/// `KernValue`: a Kern function's result as a Swift value.
///
/// In: the entry ABI's result slots (8 bytes each, element k at offset 8k in its own
/// type). Out: `.void`, a scalar case, or `.tuple`, with typed accessors
/// (`try r.as(Double.self)`, `try r.as((Int, Double).self)`) and a `description` that
/// prints as Swift's `print` would (`42`, `2.5`, `(42, 0.5)`).

/// A Kern function's result: nothing, a scalar, or a tuple of scalars.
///
/// Read it with `as(_:)`: `try f(x).as(Double.self)`, `try g().as((Int, Int).self)`.
public enum KernValue: Sendable, Hashable, CustomStringConvertible {
    /// No result (a function without `->`).
    case void
    /// A `Bool` result.
    case bool(Bool)
    /// An `Int8` result.
    case int8(Int8)
    /// An `Int16` result.
    case int16(Int16)
    /// An `Int32` result.
    case int32(Int32)
    /// An `Int` (`Int64`) result.
    case int64(Int64)
    /// A `UInt8` result.
    case uint8(UInt8)
    /// A `UInt16` result.
    case uint16(UInt16)
    /// A `UInt32` result.
    case uint32(UInt32)
    /// A `UInt` (`UInt64`) result.
    case uint64(UInt64)
    /// A `Float` result.
    case float(Float)
    /// A `Double` result.
    case double(Double)
    /// A tuple result, one value per element.
    indirect case tuple([KernValue])
    /// An array result: a new array the caller owns (read it with `as([T].self)`, one
    /// copy, or `tensor(of:)`, none).
    case array(KernArray)

    /// Decodes one 8-byte slot of the given type.
    init(slot bits: UInt64, as type: KernScalarType) {
        switch type {
        case .bool: self = .bool(UInt8.fromSlot(bits) != 0)
        case .int8: self = .int8(.fromSlot(bits))
        case .int16: self = .int16(.fromSlot(bits))
        case .int32: self = .int32(.fromSlot(bits))
        case .int64: self = .int64(.fromSlot(bits))
        case .uint8: self = .uint8(.fromSlot(bits))
        case .uint16: self = .uint16(.fromSlot(bits))
        case .uint32: self = .uint32(.fromSlot(bits))
        case .uint64: self = .uint64(.fromSlot(bits))
        case .float: self = .float(.fromSlot(bits))
        case .double: self = .double(.fromSlot(bits))
        }
    }

    /// The Kern type of a scalar value; nil for `.void`, `.tuple` and `.array`.
    public var scalarType: KernScalarType? {
        switch self {
        case .void, .tuple, .array: nil
        case .bool: .bool
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .uint8: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .uint64: .uint64
        case .float: .float
        case .double: .double
        }
    }

    /// The value's bits in an 8-byte slot (scalars only).
    private var slotBits: UInt64? {
        switch self {
        case .void, .tuple, .array: nil
        case .bool(let v): v.slotBits
        case .int8(let v): v.slotBits
        case .int16(let v): v.slotBits
        case .int32(let v): v.slotBits
        case .int64(let v): v.slotBits
        case .uint8(let v): v.slotBits
        case .uint16(let v): v.slotBits
        case .uint32(let v): v.slotBits
        case .uint64(let v): v.slotBits
        case .float(let v): v.slotBits
        case .double(let v): v.slotBits
        }
    }

    /// The elements of a tuple, `[self]` for a scalar, `[]` for `.void`.
    public var elements: [KernValue] {
        switch self {
        case .void: []
        case .tuple(let xs): xs
        default: [self]
        }
    }

    /// The scalar as a Swift value of exactly its Kern type (`Int` and `Int64` both
    /// read an `Int` result, as do `UInt` and `UInt64` a `UInt` result).
    /// - Throws: `KernError.invalidArgument` with `.typeMismatch` for another type.
    public func `as`<T: KernScalar>(_ type: T.Type) throws -> T {
        guard let bits = slotBits, scalarType == T.kernScalarType else {
            throw mismatch("KernValue.as", expected: "\(T.kernScalarType)")
        }
        return T.fromSlot(bits)
    }

    /// An array result's elements (row-major) as a Swift array: one copy.
    /// - Throws: `KernError.invalidArgument` with `.typeMismatch` for another type.
    public func `as`<T: KernScalar>(_ type: [T].Type) throws -> [T] {
        guard case .array(let a) = self else {
            throw mismatch("KernValue.as", expected: "[\(T.kernScalarType)]")
        }
        return try a.toArray(of: T.self)
    }

    /// An array result as a `Tensor` sharing its storage (no copy), spelled like the other
    /// `as` forms for generated code: `try r.as(Tensor<Double>.self)`.
    public func `as`<T: KernScalar>(_ type: Tensor<T>.Type) throws -> Tensor<T> {
        try tensor(of: T.self)
    }

    /// An array result as a `Tensor` sharing its storage: no copy.
    /// - Throws: `KernError.invalidArgument` with `.typeMismatch` for another type.
    public func tensor<T: KernScalar>(of type: T.Type) throws -> Tensor<T> {
        guard case .array(let a) = self else {
            throw mismatch("KernValue.tensor", expected: "[\(T.kernScalarType)]")
        }
        return try a.tensor(of: T.self)
    }

    /// A tuple result as a Swift tuple: `let (q, r) = try v.as((Int, Int).self)`.
    public func `as`<each T: KernScalar>(_ type: (repeat each T).Type) throws -> (repeat each T) {
        let items = elements
        var arity = 0
        for _ in repeat (each T).self { arity += 1 }
        guard items.count == arity else {
            var expected: [String] = []
            for t in repeat (each T).self { expected.append("\(t.kernScalarType)") }
            throw mismatch("KernValue.as", expected: "(" + expected.joined(separator: ", ") + ")")
        }
        var index = 0
        func next<U: KernScalar>(_ u: U.Type) throws -> U {
            defer { index += 1 }
            return try items[index].as(u)
        }
        return (repeat try next((each T).self))
    }

    /// The error of reading this result as the Swift type spelled `expected` (in Kern).
    func mismatch(_ function: String, expected: String) -> KernError {
        .invalidArgument(
            function: function, argument: nil,
            problem: .typeMismatch(
                parameter: "result", expected: expected, actual: kernTypeDescription))
    }

    /// Kern spelling of the value's type, for messages.
    var kernTypeDescription: String {
        switch self {
        case .void: "Void"
        case .tuple(let xs): "(" + xs.map(\.kernTypeDescription).joined(separator: ", ") + ")"
        case .array(let a): KernType.array(a.elementType, rank: a.rank).description
        default: scalarType.map(\.description) ?? "?"
        }
    }

    /// As Swift's `print` shows the value: `42`, `2.5`, `true`, `(42, 0.5)`, `()`.
    public var description: String {
        switch self {
        case .void: "()"
        case .bool(let v): v.description
        case .int8(let v): v.description
        case .int16(let v): v.description
        case .int32(let v): v.description
        case .int64(let v): v.description
        case .uint8(let v): v.description
        case .uint16(let v): v.description
        case .uint32(let v): v.description
        case .uint64(let v): v.description
        case .float(let v): v.description
        case .double(let v): v.description
        case .tuple(let xs): "(" + xs.map(\.description).joined(separator: ", ") + ")"
        case .array(let a): a.description
        }
    }
}
