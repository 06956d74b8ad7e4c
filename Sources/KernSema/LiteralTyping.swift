import KernBasics
import KernSyntax

/// Swift-style contextual typing of numeric literals (LANGUAGE.md §2).
///
/// In: a literal expression and the type its context expects. Out: the literal's type
/// and its value in `constants` (also for `-literal`), or a diagnostic when the value
/// does not fit. An integer literal may become any numeric type, a floating literal
/// only a floating type; with no usable context they are `Int` and `Double`.

/// Whether an expression's type is decided by its context: made of literals only.
enum LiteralFlavor {
    case integer, floating

    var defaultType: SemaType { self == .integer ? .scalar(.int64) : .scalar(.double) }

    func accepts(_ t: SemaType?) -> Bool {
        guard let s = t?.scalar else { return false }
        switch self {
        case .integer: return s.isInteger || s.isFloating
        case .floating: return s.isFloating
        }
    }

    static func join(_ a: LiteralFlavor, _ b: LiteralFlavor) -> LiteralFlavor {
        a == .floating || b == .floating ? .floating : .integer
    }
}

extension Checker {
    /// The flavor of a literal-only expression (`1`, `-2.5`, `(3 * 4)`, `c ? 1 : 2`),
    /// nil when any part has a type of its own.
    func literalFlavor(_ e: ExprID, depth: Int = 0) -> LiteralFlavor? {
        guard depth < 64 else { return nil }
        switch kind(e) {
        case .integerLiteral: return .integer
        case .floatLiteral: return .floating
        case .paren(let inner): return literalFlavor(inner, depth: depth + 1)
        case .unary(let op, let operand, _):
            return op == .not ? nil : literalFlavor(operand, depth: depth + 1)
        case .binary(let op, let l, let r, _):
            switch op {
            case .add, .sub, .mul, .div, .rem, .bitAnd, .bitOr, .bitXor:
                guard let a = literalFlavor(l, depth: depth + 1),
                    let b = literalFlavor(r, depth: depth + 1)
                else { return nil }
                return .join(a, b)
            case .shl, .shr:
                return literalFlavor(l, depth: depth + 1)
            case .halfOpenRange, .closedRange, .eq, .ne, .lt, .le, .gt, .ge, .and, .or:
                return nil
            }
        case .ternary(_, let a, let b):
            guard let x = literalFlavor(a, depth: depth + 1),
                let y = literalFlavor(b, depth: depth + 1)
            else { return nil }
            return .join(x, y)
        case .boolLiteral, .stringLiteral, .name, .arrayType, .inoutRef, .call,
            .subscriptAccess, .member, .tupleElement, .tuple, .error, .implicitMember:
            return nil
        }
    }

    /// The type literal operands take together: the context's if it accepts them, else
    /// the default (`Double` if any is floating).
    func literalContextType(_ flavors: [LiteralFlavor], expected: SemaType?) -> SemaType {
        let joined = flavors.reduce(LiteralFlavor.integer) { LiteralFlavor.join($0, $1) }
        return joined.accepts(expected) ? (expected ?? joined.defaultType) : joined.defaultType
    }

    /// An integer literal, possibly negated (`-128`), typed by context. `recordOn` also
    /// receives the value (the `-literal` unary expression).
    func checkIntegerLiteral(
        _ e: ExprID, value: UInt64?, text: String, negated: Bool, expected: SemaType?,
        recordOn outer: ExprID? = nil
    ) -> SemaType {
        let target: ScalarType
        if let s = expected?.scalar, s.isInteger || s.isFloating {
            target = s
        } else {
            target = .int64
        }
        let shown = (negated ? "-" : "") + text
        let reportRange = outer.map { range($0) } ?? range(e)
        guard let v = value else {
            error(
                "integer literal '\(shown)' overflows when stored into '\(target.rawValue)'",
                at: reportRange, help: "integer literals must fit in 64 bits")
            return setType(e, .error)
        }
        let constant: ConstantValue
        if target.isFloating {
            let d = negated ? -Double(v) : Double(v)
            constant = .floating(target, target == .float ? Double(Float(d)) : d)
            constants[e] = .floating(
                target, target == .float ? Double(Float(Double(v))) : Double(v))
        } else {
            if !integerFits(v, negated: negated, in: target) {
                let message =
                    negated && !target.isSigned && v != 0
                    ? "negative integer '\(shown)' overflows when stored into unsigned type '\(target.rawValue)'"
                    : "integer literal '\(shown)' overflows when stored into '\(target.rawValue)'"
                error(
                    message, at: reportRange,
                    help: "the range of \(target.rawValue) is \(rangeText(target))")
                return setType(e, .error)
            }
            // The bare literal keeps its own (wrapping) bit pattern; the negation's
            // constant is the one IRGen uses.
            constants[e] = .integer(target, bits: truncate(v, to: target))
            constant = .integer(target, bits: truncate(negated ? 0 &- v : v, to: target))
        }
        setType(e, .scalar(target))
        if let outer {
            constants[outer] = constant
            setType(outer, .scalar(target))
        }
        return .scalar(target)
    }

    /// A floating literal, possibly negated, typed by context (`Float` or `Double`).
    func checkFloatLiteral(
        _ e: ExprID, text: String, negated: Bool, expected: SemaType?, recordOn outer: ExprID? = nil
    ) -> SemaType {
        let target: ScalarType = expected?.scalar == .float ? .float : .double
        let clean = String(text.filter { $0 != "_" })
        let reportRange = outer.map { range($0) } ?? range(e)
        let parsed: Double?
        if target == .float {
            parsed = Float(clean).map { Double($0) }
        } else {
            parsed = Double(clean)
        }
        guard let magnitude = parsed else {
            error("invalid floating-point literal '\(text)'", at: reportRange)
            return setType(e, .error)
        }
        if magnitude.isInfinite {
            error(
                "floating-point literal '\((negated ? "-" : "") + text)' overflows '\(target.rawValue)'",
                at: reportRange,
                help: "the largest \(target.rawValue) is \(target.rawValue).greatestFiniteMagnitude"
            )
            return setType(e, .error)
        }
        constants[e] = .floating(target, magnitude)
        setType(e, .scalar(target))
        if let outer {
            constants[outer] = .floating(target, -magnitude)
            setType(outer, .scalar(target))
        }
        return .scalar(target)
    }

    func integerFits(_ v: UInt64, negated: Bool, in t: ScalarType) -> Bool {
        let w = UInt64(t.bitWidth)
        if t.isSigned {
            let limit: UInt64 = 1 << (w - 1)
            return negated ? v <= limit : v < limit
        }
        if negated { return v == 0 }
        return w == 64 || v < (1 << w)
    }

    /// The value's two's-complement pattern in `t`'s width, sign-extended to 64 bits
    /// for signed types (as `ConstantValue.integer` stores it).
    func truncate(_ bits: UInt64, to t: ScalarType) -> UInt64 {
        switch t {
        case .int8: return UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: bits)))
        case .int16: return UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: bits)))
        case .int32: return UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: bits)))
        case .uint8: return UInt64(UInt8(truncatingIfNeeded: bits))
        case .uint16: return UInt64(UInt16(truncatingIfNeeded: bits))
        case .uint32: return UInt64(UInt32(truncatingIfNeeded: bits))
        case .int64, .uint64, .bool, .float, .double: return bits
        }
    }

    func rangeText(_ t: ScalarType) -> String {
        switch t {
        case .int8: "-128...127"
        case .int16: "-32768...32767"
        case .int32: "-2147483648...2147483647"
        case .int64: "-9223372036854775808...9223372036854775807"
        case .uint8: "0...255"
        case .uint16: "0...65535"
        case .uint32: "0...4294967295"
        case .uint64: "0...18446744073709551615"
        case .bool, .float, .double: t.rawValue
        }
    }
}
