/// The type model of the differential fuzzer's program generator: Kern's scalar types
/// and the arrays a generated program declares. Generated text only, no compiler types,
/// so that library clients never link the fuzzer (it is its own target).

/// A Kern scalar type (LANGUAGE.md §2).
public enum FuzzScalar: String, CaseIterable, Sendable {
    case bool = "Bool"
    case int8 = "Int8"
    case int16 = "Int16"
    case int32 = "Int32"
    case int64 = "Int64"
    case int = "Int"
    case uint8 = "UInt8"
    case uint16 = "UInt16"
    case uint32 = "UInt32"
    case uint64 = "UInt64"
    case uint = "UInt"
    case float = "Float"
    case double = "Double"

    /// Every numeric type (arrays hold these).
    public static let numeric: [FuzzScalar] = allCases.filter { $0 != .bool }
    public static let integers: [FuzzScalar] = allCases.filter { $0.isInteger }

    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .int, .uint8, .uint16, .uint32, .uint64, .uint:
            return true
        case .bool, .float, .double: return false
        }
    }
    public var isFloat: Bool { self == .float || self == .double }
    public var isSigned: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .int: return true
        case .uint8, .uint16, .uint32, .uint64, .uint, .bool, .float, .double: return false
        }
    }
    /// The largest literal magnitude that fits (kept below Int.max for `T(lit)`).
    var literalLimit: Int {
        switch self {
        case .int8: return 127
        case .uint8: return 255
        case .int16: return 32767
        case .uint16: return 65535
        case .int32: return 2_147_483_647
        case .uint32: return 4_294_967_295
        case .int64, .int, .uint64, .uint: return 9_000_000_000_000_000_000
        case .bool, .float, .double: return 1_000_000
        }
    }
}

/// A generated local array: its name, element type and constant shape.
struct FuzzArray {
    var name: String
    var element: FuzzScalar
    /// Dimension lengths as Kern text: a literal for local arrays, `x.shape(d)` for
    /// parameters (whose arrays are never empty).
    var shape: [String]
    /// `let` views and read-only parameters cannot be written.
    var writable: Bool
    /// Declared by `[T](repeating:count:)` in this function (not a parameter).
    var isLocal: Bool
    /// Upper bound of the element count, for the work estimate.
    var maxCount: Int
    var rank: Int { shape.count }
    var type: String {
        String(repeating: "[", count: rank) + element.rawValue + String(repeating: "]", count: rank)
    }
}

/// A scalar variable in scope.
struct FuzzVariable {
    var name: String
    var type: FuzzScalar
    var mutable: Bool
}

/// A generated helper function's signature, so later code can call it.
struct FuzzHelper {
    enum Parameter {
        case scalar(FuzzScalar)
        case array(FuzzScalar, rank: Int, isInout: Bool)
    }
    var name: String
    var parameters: [Parameter]
    var result: FuzzScalar?
    /// Helpers with array `inout` parameters or prints are not called inside `prange`.
    var parallelSafe: Bool
    /// Estimated work of one call (iterations, including callees).
    var cost: Int
    /// Recurses on its first (`Int`) parameter, which callers keep in 0...7.
    var isRecursive = false
}
