/// Kern's scalar types (LANGUAGE.md §2): the one enum Sema, the IR, the back end and the
/// host API share, so no stage bridges its own copy by raw value.
///
/// `Int`/`UInt` are the 64-bit types; `Int64`/`UInt64` are accepted as aliases
/// (`init(name:)`). Two spellings: `name` is Kern's (`Int`, `Float`; diagnostics, the
/// host API), `irName` is the IR text's (`i64`, `f32`; printer, parser, verifier).
public enum ScalarType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `Bool` (one byte in arrays).
    case bool = "Bool"
    /// `Int8`.
    case int8 = "Int8"
    /// `Int16`.
    case int16 = "Int16"
    /// `Int32`.
    case int32 = "Int32"
    /// `Int`, 64-bit (also spelled `Int64`).
    case int64 = "Int"
    /// `UInt8`.
    case uint8 = "UInt8"
    /// `UInt16`.
    case uint16 = "UInt16"
    /// `UInt32`.
    case uint32 = "UInt32"
    /// `UInt`, 64-bit (also spelled `UInt64`).
    case uint64 = "UInt"
    /// `Float`, IEEE binary32.
    case float = "Float"
    /// `Double`, IEEE binary64.
    case double = "Double"

    /// The Kern spelling (`Int` for the 64-bit signed integer).
    public var name: String { rawValue }
    /// The Kern spelling, as `name`.
    public var description: String { rawValue }

    /// The Kern spelling of an array of this type: `[Float]` (rank 1), `[[Double]]`.
    public func arrayName(rank: Int) -> String {
        String(repeating: "[", count: rank) + name + String(repeating: "]", count: rank)
    }

    /// The Kern spelling of a tuple of scalars: `(Int, Double)`.
    public static func tupleName(_ elements: [ScalarType]) -> String {
        "(" + elements.map(\.name).joined(separator: ", ") + ")"
    }

    /// The IR text spelling: `bool`, `i8`…`i64`, `u8`…`u64`, `f32`, `f64`.
    public var irName: String {
        switch self {
        case .bool: "bool"
        case .int8: "i8"
        case .int16: "i16"
        case .int32: "i32"
        case .int64: "i64"
        case .uint8: "u8"
        case .uint16: "u16"
        case .uint32: "u32"
        case .uint64: "u64"
        case .float: "f32"
        case .double: "f64"
        }
    }

    /// Resolves a type name as written in Kern; `Int64`/`UInt64` are aliases of `Int`/`UInt`.
    public init?(name: String) {
        switch name {
        case "Int64": self = .int64
        case "UInt64": self = .uint64
        default: self.init(rawValue: name)
        }
    }

    /// Resolves an IR text spelling (`i64`, `f32`).
    public init?(irName: String) {
        guard let s = Self.allCases.first(where: { $0.irName == irName }) else { return nil }
        self = s
    }

    /// Every Kern spelling of a scalar type, aliases included (for completion lists).
    public static var allNames: [String] { allCases.map(\.name) + ["Int64", "UInt64"] }

    /// A signed or unsigned integer type.
    public var isInteger: Bool { !isFloating && self != .bool }
    /// `Float` or `Double`.
    public var isFloating: Bool { self == .float || self == .double }
    /// A signed integer type.
    public var isSigned: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: true
        case .bool, .uint8, .uint16, .uint32, .uint64, .float, .double: false
        }
    }
    /// Bits of the value (1 for `Bool`).
    public var bitWidth: Int {
        switch self {
        case .bool: 1
        case .int8, .uint8: 8
        case .int16, .uint16: 16
        case .int32, .uint32, .float: 32
        case .int64, .uint64, .double: 64
        }
    }
    /// Bytes per element in memory (Bool is one byte).
    public var byteSize: Int { self == .bool ? 1 : bitWidth / 8 }
}
