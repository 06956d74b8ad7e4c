@_exported import struct KernBasics.Diagnostic
@_exported import struct KernBasics.DiagnosticRenderer
@_exported import enum KernBasics.ScalarType
@_exported import enum KernBasics.Severity
@_exported import class KernBasics.SourceFile
/// The scalar types Kern functions take and return, as Swift sees them.
///
/// In: Swift's `Bool`, `Int8`…`Int64`, `Int`, `UInt8`…`UInt64`, `UInt`, `Float`, `Double`.
/// Out: their Kern type (`KernScalarType`), the libffi type used to pass them, and their
/// encoding in the entry ABI's 8-byte slots (the value in its own type at offset 0,
/// Bool as one byte 0/1).
@_exported import struct KernBasics.SourcePos

/// A Kern scalar type: the base module's `ScalarType`, the one enum the compiler's stages
/// use too. `Int` and `Int64` are the same Kern type (`Int` is 64-bit), as are `UInt` and
/// `UInt64`; the host accepts either Swift spelling for them.
public typealias KernScalarType = ScalarType

/// A Swift type usable as a Kern scalar: as an argument (`x`), an `inout` argument
/// (`&x`), an array element (`[x]`, `Tensor<x>`) and a result.
///
/// The conformances are closed: Kern defines exactly the scalar types listed in
/// `KernScalarType`, so user types cannot conform meaningfully.
public protocol KernScalar: KernInoutArgument, KernArrayElement, Sendable {
    /// The Kern type of values of this Swift type (`Int` and `Int64` are both `Int`).
    static var kernScalarType: KernScalarType { get }
}

extension KernScalar {
    /// The value in its 8-byte slot (own type at offset 0, the rest zero).
    var slotBits: UInt64 {
        var bits: UInt64 = 0
        withUnsafeMutableBytes(of: &bits) { $0.storeBytes(of: self, as: Self.self) }
        return bits
    }

    /// The value read back from an 8-byte slot.
    static func fromSlot(_ bits: UInt64) -> Self {
        withUnsafeBytes(of: bits) { $0.load(as: Self.self) }
    }
}

extension Bool: KernScalar { public static var kernScalarType: KernScalarType { .bool } }
extension Int8: KernScalar { public static var kernScalarType: KernScalarType { .int8 } }
extension Int16: KernScalar { public static var kernScalarType: KernScalarType { .int16 } }
extension Int32: KernScalar { public static var kernScalarType: KernScalarType { .int32 } }
extension Int64: KernScalar { public static var kernScalarType: KernScalarType { .int64 } }
extension Int: KernScalar { public static var kernScalarType: KernScalarType { .int64 } }
extension UInt8: KernScalar { public static var kernScalarType: KernScalarType { .uint8 } }
extension UInt16: KernScalar { public static var kernScalarType: KernScalarType { .uint16 } }
extension UInt32: KernScalar { public static var kernScalarType: KernScalarType { .uint32 } }
extension UInt64: KernScalar { public static var kernScalarType: KernScalarType { .uint64 } }
extension UInt: KernScalar { public static var kernScalarType: KernScalarType { .uint64 } }
extension Float: KernScalar { public static var kernScalarType: KernScalarType { .float } }
extension Double: KernScalar { public static var kernScalarType: KernScalarType { .double } }

/// The type of a Kern parameter or result.
public enum KernType: Sendable, Hashable, CustomStringConvertible {
    /// A scalar: `Float`, `Int`, ….
    case scalar(KernScalarType)
    /// A dense row-major array view of rank 1...3.
    case array(KernScalarType, rank: Int)
    /// A tuple of scalars (results only).
    case tuple([KernScalarType])
    /// No result.
    case void

    /// Kern spelling: `Float`, `[[Double]]`, `(Int, Double)`, `Void`.
    public var description: String {
        switch self {
        case .scalar(let s): return s.description
        case .array(let s, let rank): return s.arrayName(rank: rank)
        case .tuple(let xs): return ScalarType.tupleName(xs)
        case .void: return "Void"
        }
    }
}

/// One parameter of a Kern function.
public struct KernParameter: Sendable, Hashable, CustomStringConvertible {
    /// The parameter's name in the Kern source.
    public var name: String
    /// Its type.
    public var type: KernType
    /// Whether it is `inout` (the function may write to it).
    public var isInout: Bool
    /// A parameter with these fields.
    public init(name: String, type: KernType, isInout: Bool = false) {
        self.name = name
        self.type = type
        self.isInout = isInout
    }
    /// Kern spelling: `y: inout [Float]`.
    public var description: String { "\(name): " + (isInout ? "inout " : "") + type.description }
}

/// The host-visible signature of a Kern function.
public struct KernSignature: Sendable, Hashable, CustomStringConvertible {
    /// The function's name.
    public var name: String
    /// Its parameters, in order.
    public var parameters: [KernParameter]
    /// Its result type (`.void` for none).
    public var returnType: KernType
    /// A signature with these fields.
    public init(name: String, parameters: [KernParameter], returnType: KernType = .void) {
        self.name = name
        self.parameters = parameters
        self.returnType = returnType
    }
    /// `func saxpy(a: Float, x: [Float], y: inout [Float])`, `… -> Double`.
    public var description: String {
        let params = parameters.map(\.description).joined(separator: ", ")
        let result = returnType == .void ? "" : " -> \(returnType)"
        return "func \(name)(\(params))\(result)"
    }
}
