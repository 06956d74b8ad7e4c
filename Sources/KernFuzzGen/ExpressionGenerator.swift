/// Random well-typed Kern expressions over what is in scope (the expression half of
/// `ProgramGenerator`). Every expression it returns type-checks as the requested type,
/// evaluates without undefined behaviour in checked *and* unchecked mode (indices are
/// reduced into bounds, divisors are made non-zero unless an error is wanted), and
/// gives the same value on every thread count.

/// Transcendental built-ins: compiled loops may call libmvec/Kern's SIMD versions of
/// these, whose last bits may differ from the interpreter's libm (docs/decisions.md).
public let fuzzTranscendentals = [
    "cbrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
    "asin", "acos", "atan", "sinh", "cosh", "tanh", "erf", "erfc", "atan2", "pow", "hypot",
    "randomNormal",
]
let exactUnaryMath = ["sqrt", "floor", "ceil", "round", "trunc", "abs"]
let transcendentalUnary = Array(fuzzTranscendentals.prefix(19))

extension ProgramGenerator {
    /// An expression of type `type`; `depth` bounds the tree height.
    func expr(_ type: FuzzScalar, _ depth: Int) -> String {
        if depth <= 0 || rng.chance(0.25) { return leaf(type) }
        switch type {
        case .bool: return boolExpr(depth)
        case .float, .double: return floatExpr(type, depth)
        case .int8, .int16, .int32, .int64, .int, .uint8, .uint16, .uint32, .uint64, .uint:
            return intExpr(type, depth)
        }
    }

    /// A variable, array element, literal or constant of `type`.
    func leaf(_ type: FuzzScalar) -> String {
        let vars = ctx.readableScalars(of: type)
        let arrays = ctx.readableArrays(of: type)
        let roll = rng.int(0...9)
        if roll < 4, !vars.isEmpty { return rng.pick(vars).name }
        if roll < 6, !arrays.isEmpty { return element(of: rng.pick(arrays)) }
        if roll == 6 { return constant(type) }
        return literal(type)
    }

    /// A literal with an explicit type where context would not give it one.
    func literal(_ type: FuzzScalar) -> String {
        switch type {
        case .bool: return rng.chance(0.5) ? "true" : "false"
        case .float, .double:
            let text = rng.pick([
                "0.0", "1.0", "-1.0", "0.5", "2.5", "-3.25", "100.0", "1e-3", "7.0", "0.1",
                "-0.0", "1e10", "3.0e-5", "12345.678",
            ])
            return "\(type.rawValue)(\(text))"
        case .int8, .int16, .int32, .int64, .int, .uint8, .uint16, .uint32, .uint64, .uint:
            var value: Int
            switch rng.int(0...9) {
            case 0...5: value = rng.int(0...20)
            case 6, 7: value = rng.int(0...min(type.literalLimit, 100_000))
            default: value = rng.int(0...type.literalLimit)
            }
            if type.isSigned, rng.chance(0.3) { value = -value }
            // Always `T(lit)`: a bare literal would take its type from the context
            // (`Double(3 % 64)` is a Double `%`, an error).
            return "\(type.rawValue)(\(value))"
        }
    }

    func constant(_ type: FuzzScalar) -> String {
        switch type {
        case .bool: return "true"
        case .float, .double:
            return type.rawValue + "."
                + rng.pick(["pi", "infinity", "nan", "greatestFiniteMagnitude", "pi", "pi"])
        case .int8, .int16, .int32, .int64, .int, .uint8, .uint16, .uint32, .uint64, .uint:
            return type.rawValue + (rng.chance(0.5) ? ".max" : ".min")
        }
    }

    func boolExpr(_ depth: Int) -> String {
        switch rng.int(0...6) {
        case 0, 1:
            let t = rng.pick(FuzzScalar.numeric)
            let op = rng.pick(["==", "!=", "<", "<=", ">", ">="])
            return "(\(expr(t, depth - 1)) \(op) \(expr(t, depth - 1)))"
        case 2:
            return
                "(\(expr(.bool, depth - 1)) \(rng.chance(0.5) ? "&&" : "||") \(expr(.bool, depth - 1)))"
        case 3: return "!\(leafOrParen(.bool, depth))"
        case 4:
            let t: FuzzScalar = rng.chance(0.5) ? .float : .double
            return "\(leafOrParen(t, depth)).\(rng.pick(["isNaN", "isInfinite", "isFinite"]))"
        case 5: return ternary(.bool, depth)
        default: return callHelper(returning: .bool, depth) ?? leaf(.bool)
        }
    }

    func intExpr(_ type: FuzzScalar, _ depth: Int) -> String {
        let a = expr(type, depth - 1)
        switch rng.int(0...14) {
        case 0...3:
            let op = rng.pick(["+", "-", "*", "&", "|", "^", "+", "-", "*"])
            return "(\(a) \(op) \(expr(type, depth - 1)))"
        case 4:
            let op = rng.chance(0.5) ? "<<" : ">>"
            return "(\(a) \(op) \(expr(rng.pick(FuzzScalar.integers), depth - 1)))"
        case 5:
            let op = rng.chance(0.5) ? "/" : "%"
            return "(\(a) \(op) \(divisor(type, depth)))"
        case 6:
            return type.isSigned
                ? "(-\(leafOrParen(type, depth)))" : "(~\(leafOrParen(type, depth)))"
        case 7:
            let name = rng.pick(type.isSigned ? ["min", "max", "abs"] : ["min", "max"])
            return name == "abs" ? "abs(\(a))" : "\(name)(\(a), \(expr(type, depth - 1)))"
        case 8, 9: return "\(type.rawValue)(\(expr(rng.pick(FuzzScalar.numeric), depth - 1)))"
        case 10: return ternary(type, depth)
        case 11:
            guard drawsRandomNumber() else { return a }
            let lo = rng.int(-5...5)
            let lower = type.isSigned ? lo : abs(lo)
            let width = rng.int(1...min(1000, type.literalLimit - lower))
            return "\(type.rawValue).random(in: \(lower)..<\(lower + width))"
        case 12: return "(\(expr(.bool, depth - 1)) ? \(type.rawValue)(1) : \(type.rawValue)(0))"
        default: return callHelper(returning: type, depth) ?? a
        }
    }

    func floatExpr(_ type: FuzzScalar, _ depth: Int) -> String {
        let a = expr(type, depth - 1)
        switch rng.int(0...13) {
        case 0...3:
            let op = rng.pick(["+", "-", "*", "/"])
            return "(\(a) \(op) \(expr(type, depth - 1)))"
        case 4: return "(-\(leafOrParen(type, depth)))"
        case 5, 6: return "\(rng.pick(exactUnaryMath))(\(a))"
        case 7:
            guard options.transcendentals else { return "sqrt(\(a))" }
            if type == .float { callsFloatTranscendental = true }
            return "\(rng.pick(transcendentalUnary))(\(a))"
        case 8:
            let binary =
                options.transcendentals
                ? ["min", "max", "copysign", "atan2", "pow", "hypot"] : ["min", "max", "copysign"]
            let f = rng.pick(binary)
            if type == .float, ["atan2", "pow", "hypot"].contains(f) {
                callsFloatTranscendental = true
            }
            return "\(f)(\(a), \(expr(type, depth - 1)))"
        case 9: return "fma(\(a), \(expr(type, depth - 1)), \(expr(type, depth - 1)))"
        case 10: return "\(type.rawValue)(\(expr(rng.pick(FuzzScalar.numeric), depth - 1)))"
        case 11: return ternary(type, depth)
        case 12:
            guard drawsRandomNumber() else { return a }
            if type == .double, options.transcendentals, rng.chance(0.3) { return "randomNormal()" }
            let lo = rng.int(-10...10)
            return "\(type.rawValue).random(in: \(lo).0..<\(lo + rng.int(1...20)).0)"
        default: return callHelper(returning: type, depth) ?? a
        }
    }

    /// Whether an expression node that may draw a random number does. Each draw site
    /// is about 300 LLVM instructions (Philox-4x32-10 inline, and twice in a `prange`
    /// body that starts streams), which made draws about half of a program's LLVM IR
    /// and of the fuzzer's compile time (docs/fuzzing.md, "Throughput"), while one
    /// site tests what the next tests. So draws are kept mostly where a site draws many
    /// numbers, and where streams are per iteration: in loops and `prange` bodies.
    /// Version 1 drew at every such node (and consumed no random number to decide).
    func drawsRandomNumber() -> Bool {
        guard options.version >= 2 else { return true }
        return rng.chance(ctx.prange != nil || ctx.inSerialLoop ? 0.4 : 0.15)
    }

    func leafOrParen(_ type: FuzzScalar, _ depth: Int) -> String {
        let e = expr(type, depth - 1)
        return e.hasPrefix("(") || !e.contains(" ") ? e : "(\(e))"
    }

    func ternary(_ type: FuzzScalar, _ depth: Int) -> String {
        "(\(expr(.bool, depth - 1)) ? \(expr(type, depth - 1)) : \(expr(type, depth - 1)))"
    }

    /// A divisor that is never zero, or (rarely, when errors are allowed) may be.
    func divisor(_ type: FuzzScalar, _ depth: Int) -> String {
        let d = expr(type, depth - 1)
        if options.allowErrors, rng.chance(0.05) { return d }
        let name = ctx.fresh("d")
        ctx.pending.append("let \(name): \(type.rawValue) = \(d)")
        return "(\(name) == 0 ? \(type.rawValue)(1) : \(name))"
    }

    /// `a[...]` with every index in bounds (or, rarely, possibly out of bounds).
    func element(of array: FuzzArray) -> String {
        "\(array.name)[\(array.shape.indices.map { index(below: array.shape[$0], of: array, dim: $0) }.joined(separator: ", "))]"
    }

    /// An `Int` index in `0..<bound` (`bound` is Kern text: a literal or `x.shape(d)`).
    func index(below bound: String, of array: FuzzArray? = nil, dim: Int = 0) -> String {
        let direct = ctx.indexVariables.filter { $0.bound == bound }
        if !direct.isEmpty, rng.chance(0.6) || indexNesting > 0 { return rng.pick(direct).name }
        // An index inside an index stays simple, so generation terminates.
        if indexNesting > 0 { return "0" }
        indexNesting += 1
        let raw = expr(rng.chance(0.7) ? .int : rng.pick(FuzzScalar.integers), 1)
        indexNesting -= 1
        let n = ctx.fresh("n")
        ctx.pending.append("let \(n) = Int(\(raw))")
        if options.allowErrors, rng.chance(0.02) { return "(\(n) % (\(bound) + 1))" }
        return "(((\(n) % \(bound)) + \(bound)) % \(bound))"
    }

    /// A call of a generated scalar helper returning `type`, if one exists.
    func callHelper(returning type: FuzzScalar, _ depth: Int) -> String? {
        let candidates = ctx.callable.filter { h in
            h.result == type
                && h.parameters.allSatisfy {
                    if case .scalar = $0 { return true } else { return false }
                } && (ctx.prange == nil || h.parallelSafe) && ctx.cost * h.cost <= budget
        }
        guard !candidates.isEmpty else { return nil }
        let h = rng.pick(candidates)
        var args = h.parameters.map { p -> String in
            switch p {
            case .scalar(let t): return expr(t, min(depth - 1, 2))
            case .array: return ""
            }
        }
        // The recursive helper's depth argument: 0...7.
        if h.isRecursive { args[0] = "(\(args[0]) & 7)" }
        return "\(h.name)(\(args.joined(separator: ", ")))"
    }
}
