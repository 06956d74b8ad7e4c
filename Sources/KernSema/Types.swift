import KernBasics

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
        case .array(let s, let rank): return s.arrayName(rank: rank)
        case .tuple(let xs): return ScalarType.tupleName(xs)
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
