import KernBasics
import KernSyntax

/// Computes a type-checked expression's value at compile time, with Kern's run-time
/// semantics (LANGUAGE.md §4: wrapping `+ - *`, truncating `/ %`, smart shifts, IEEE
/// arithmetic in the operands' own type, saturating float→integer conversion), so a
/// file-scope constant has the value the same expression would have inside a function.
///
/// In: an expression Sema has typed (literals and built-in constants already carry
/// their values in `constants` / `members`). Out: its value, or nil with `failure` set
/// to the sub-expression that is not constant (and, when useful, why).
struct ConstantEvaluator {
    let checker: Checker
    private(set) var failure: (ExprID, String?)?

    init(checker: Checker) { self.checker = checker }

    mutating func evaluate(_ e: ExprID, depth: Int = 0) -> ConstantValue? {
        guard depth < 200 else { return fail(e, "the expression is too deeply nested") }
        if let c = checker.constants[e] { return c }
        if case .constant(let c)? = checker.members[e] { return c }
        guard case .scalar(let type) = checker.exprType(e) else { return fail(e, nil) }
        let d = depth + 1
        switch checker.kind(e) {
        case .paren(let inner):
            return evaluate(inner, depth: d)
        case .unary(let op, let operand, _):
            guard let a = evaluate(operand, depth: d) else { return nil }
            return Self.unary(op, a)
        case .binary(let op, let l, let r, _):
            guard let a = evaluate(l, depth: d), let b = evaluate(r, depth: d) else { return nil }
            guard let v = Self.binary(op, a, b, type: type) else {
                return fail(e, "division by zero in a constant")
            }
            return v
        case .ternary(let c, let a, let b):
            guard let cv = evaluate(c, depth: d) else { return nil }
            return evaluate(cv == .bool(true) ? a : b, depth: d)
        case .call(_, let arguments):
            guard case .conversion(let to)? = checker.calls[e], arguments.count == 1,
                let a = evaluate(arguments[0].value, depth: d)
            else { return failure == nil ? fail(e, nil) : nil }
            return Self.convert(a, to: to)
        default:
            return fail(e, nil)
        }
    }

    private mutating func fail(_ e: ExprID, _ reason: String?) -> ConstantValue? {
        if failure == nil { failure = (e, reason) }
        return nil
    }

    // MARK: Semantics

    static func unary(_ op: UnaryOp, _ a: ConstantValue) -> ConstantValue {
        switch (op, a) {
        case (.not, .bool(let b)): return .bool(!b)
        case (.negate, .floating(let t, let x)): return .floating(t, -x)
        case (.negate, .integer(let t, let bits)): return .integer(t, bits: fit(0 &- bits, t))
        case (.bitNot, .integer(let t, let bits)): return .integer(t, bits: fit(~bits, t))
        default: return a  // Sema rejected every other combination
        }
    }

    /// nil for an integer division or remainder by zero.
    static func binary(_ op: BinaryOp, _ a: ConstantValue, _ b: ConstantValue, type: ScalarType)
        -> ConstantValue?
    {
        switch (a, b) {
        case (.bool(let x), .bool(let y)):
            switch op {
            case .and: return .bool(x && y)
            case .or: return .bool(x || y)
            case .eq: return .bool(x == y)
            case .ne: return .bool(x != y)
            default: return nil
            }
        case (.floating(let t, let x), .floating(_, let y)):
            if let c = compare(op, x, y) { return .bool(c) }
            if t == .float {
                return floating(op, Float(x), Float(y)).map { .floating(t, Double($0)) }
            }
            return floating(op, x, y).map { .floating(t, $0) }
        case (.integer(let t, let x), .integer(_, let y)):
            if t.isSigned {
                if let c = compare(op, Int64(bitPattern: x), Int64(bitPattern: y)) {
                    return .bool(c)
                }
            } else if let c = compare(op, x, y) {
                return .bool(c)
            }
            let v: UInt64?
            switch t {
            case .int8: v = integer(op, Int8(truncatingIfNeeded: x), Int8(truncatingIfNeeded: y))
            case .int16:
                v = integer(op, Int16(truncatingIfNeeded: x), Int16(truncatingIfNeeded: y))
            case .int32:
                v = integer(op, Int32(truncatingIfNeeded: x), Int32(truncatingIfNeeded: y))
            case .int64: v = integer(op, Int64(bitPattern: x), Int64(bitPattern: y))
            case .uint8:
                v = integer(op, UInt8(truncatingIfNeeded: x), UInt8(truncatingIfNeeded: y))
            case .uint16:
                v = integer(op, UInt16(truncatingIfNeeded: x), UInt16(truncatingIfNeeded: y))
            case .uint32:
                v = integer(op, UInt32(truncatingIfNeeded: x), UInt32(truncatingIfNeeded: y))
            case .uint64: v = integer(op, x, y)
            case .bool, .float, .double: v = nil
            }
            return v.map { .integer(t, bits: $0) }
        default:
            return nil
        }
    }

    static func compare<T: Comparable>(_ op: BinaryOp, _ x: T, _ y: T) -> Bool? {
        switch op {
        case .eq: x == y
        case .ne: x != y
        case .lt: x < y
        case .le: x <= y
        case .gt: x > y
        case .ge: x >= y
        default: nil
        }
    }

    static func floating<T: BinaryFloatingPoint>(_ op: BinaryOp, _ x: T, _ y: T) -> T? {
        switch op {
        case .add: x + y
        case .sub: x - y
        case .mul: x * y
        case .div: x / y
        default: nil
        }
    }

    /// The result in the canonical 64-bit form (`ConstantValue.integer`: signed types
    /// sign-extended, unsigned zero-extended); nil for a division by zero.
    static func integer<T: FixedWidthInteger>(_ op: BinaryOp, _ x: T, _ y: T) -> UInt64? {
        let r: T
        switch op {
        case .add: r = x &+ y
        case .sub: r = x &- y
        case .mul: r = x &* y
        case .div, .rem:
            guard y != 0 else { return nil }
            // Only T.min / -1 overflows: T.min / -1 == T.min and T.min % -1 == 0 (as at run time).
            let (q, overflow) = x.dividedReportingOverflow(by: y)
            r =
                op == .div
                ? q : (overflow ? 0 : x.remainderReportingOverflow(dividingBy: y).partialValue)
        case .bitAnd: r = x & y
        case .bitOr: r = x | y
        case .bitXor: r = x ^ y
        case .shl: r = x << y  // smart shifts, as Kern's (and Swift's) `<<` / `>>`
        case .shr: r = x >> y
        default: return nil
        }
        return T.isSigned ? UInt64(bitPattern: Int64(r)) : UInt64(r)
    }

    /// `bits` truncated to `t` and put back in canonical form.
    static func fit(_ bits: UInt64, _ t: ScalarType) -> UInt64 {
        switch t {
        case .int8: UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: bits)))
        case .int16: UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: bits)))
        case .int32: UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: bits)))
        case .uint8: UInt64(UInt8(truncatingIfNeeded: bits))
        case .uint16: UInt64(UInt16(truncatingIfNeeded: bits))
        case .uint32: UInt64(UInt32(truncatingIfNeeded: bits))
        case .int64, .uint64, .bool, .float, .double: bits
        }
    }

    /// `T(x)` with Kern's conversion semantics (LANGUAGE.md §2).
    static func convert(_ a: ConstantValue, to t: ScalarType) -> ConstantValue {
        switch a {
        case .bool:
            return a
        case .integer(let from, let bits):
            if t.isFloating {
                let v: Double
                if t == .float {
                    v = Double(from.isSigned ? Float(Int64(bitPattern: bits)) : Float(bits))
                } else {
                    v = from.isSigned ? Double(Int64(bitPattern: bits)) : Double(bits)
                }
                return .floating(t, v)
            }
            return .integer(t, bits: fit(bits, t))
        case .floating(_, let x):
            if t.isFloating { return .floating(t, t == .float ? Double(Float(x)) : x) }
            return .integer(t, bits: saturate(x, to: t))
        }
    }

    /// Float → integer: truncate toward zero, saturate at the bounds, NaN → 0.
    static func saturate(_ x: Double, to t: ScalarType) -> UInt64 {
        guard !x.isNaN else { return 0 }
        let x = x.rounded(.towardZero)
        if t.isSigned {
            let w = t.bitWidth
            let limit = Double(sign: .plus, exponent: w - 1, significand: 1)  // 2^(w-1)
            if x <= -limit { return UInt64(bitPattern: Int64.min >> (64 - w)) }
            if x >= limit { return UInt64(bitPattern: Int64.max >> (64 - w)) }
            return UInt64(bitPattern: Int64(x))
        }
        if x <= 0 { return 0 }
        let hi = Double(sign: .plus, exponent: t.bitWidth, significand: 1)
        if x >= hi { return fit(UInt64.max, t) }
        return UInt64(x)
    }
}
