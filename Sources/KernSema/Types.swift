import KernBasics

/// Kern's scalar types (LANGUAGE.md §2). `Int`/`UInt` are the 64-bit types.
public enum ScalarType: String, Sendable, Hashable, CaseIterable {
    case bool = "Bool"
    case int8 = "Int8"
    case int16 = "Int16"
    case int32 = "Int32"
    case int64 = "Int"
    case uint8 = "UInt8"
    case uint16 = "UInt16"
    case uint32 = "UInt32"
    case uint64 = "UInt"
    case float = "Float"
    case double = "Double"

    public var isInteger: Bool { !isFloating && self != .bool }
    public var isFloating: Bool { self == .float || self == .double }
    public var isSigned: Bool { [.int8, .int16, .int32, .int64].contains(self) }
    public var bitWidth: Int {
        switch self {
        case .bool: 1
        case .int8, .uint8: 8
        case .int16, .uint16: 16
        case .int32, .uint32, .float: 32
        case .int64, .uint64, .double: 64
        }
    }

    /// Resolves a type name as written; `Int64`/`UInt64` are aliases of `Int`/`UInt`.
    public init?(name: String) {
        switch name {
        case "Int64": self = .int64
        case "UInt64": self = .uint64
        default: self.init(rawValue: name)
        }
    }
}

/// The type of a Kern expression or declaration after checking.
public indirect enum SemaType: Sendable, Hashable, CustomStringConvertible {
    case scalar(ScalarType)
    /// A rank-1…3 array view of scalars.
    case array(ScalarType, rank: Int)
    /// Tuples of scalars, from function returns.
    case tuple([ScalarType])
    /// No value (calls of functions without a return type, `print`).
    case void
    /// A range or stride of integers, legal only as a `for`/`prange` sequence.
    case range(ScalarType)
    /// A type name used as a value: `Double` in `Double.pi` or `Double(x)`.
    case metatype(SemaType)
    /// String literals (only as `print`/`precondition` arguments).
    case string
    /// After an error: compatible with everything, so one mistake gives one diagnostic.
    case error

    public var description: String {
        switch self {
        case .scalar(let s): return s.rawValue
        case .array(let s, let rank):
            return String(repeating: "[", count: rank) + s.rawValue
                + String(repeating: "]", count: rank)
        case .tuple(let xs): return "(" + xs.map(\.rawValue).joined(separator: ", ") + ")"
        case .void: return "()"
        case .range(let s): return "Range<\(s.rawValue)>"
        case .metatype(let t): return "\(t).Type"
        case .string: return "String"
        case .error: return "<error>"
        }
    }

    public var scalar: ScalarType? {
        if case .scalar(let s) = self { return s }
        return nil
    }
}
