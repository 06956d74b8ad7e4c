import KernBasics
import KernSyntax

/// Built-in members and math functions (LANGUAGE.md §8).
///
/// In: member expressions (`x.count`, `v.isNaN`, `Double.pi`, `Int8.max`) and calls of
/// the math functions. Out: types, `members` entries (constants carry their value in
/// the value's type) and `calls[.math]` entries, or diagnostics.
extension Checker {
    /// The base of a member expression: a bare type name is a metatype here (and only
    /// here), unless a local or function of that name hides it.
    func checkMemberBase(_ base: ExprID) -> SemaType {
        if case .name(let name) = kind(base), lookupLocal(name) == nil, functionIndex[name] == nil,
            let s = ScalarType(name: name)
        {
            references[base] = .type(.scalar(s))
            return setType(base, .metatype(.scalar(s)))
        }
        return checkExpr(base)
    }

    func checkMember(_ e: ExprID, base: ExprID, name: String, nameRange: SourceRange) -> SemaType {
        let bt = checkMemberBase(base)
        switch bt {
        case .metatype(.scalar(let s)):
            if let c = typeConstant(s, name) {
                members[e] = .constant(c)
                return .scalar(s)
            }
            if name == "random" {
                error(
                    "'\(s.rawValue).random' must be called", at: nameRange,
                    help: "write \(s.rawValue).random(in: lo..<hi)")
                return .error
            }
            let known =
                s.isFloating
                ? "pi, infinity, nan, greatestFiniteMagnitude, leastNormalMagnitude, leastNonzeroMagnitude, ulpOfOne"
                : (s == .bool ? "none" : "max, min")
            error(
                "type '\(s.rawValue)' has no member '\(name)'", at: nameRange,
                help: "constants of \(s.rawValue): \(known)")
            return .error
        case .array(_, let rank):
            switch name {
            case "count":
                members[e] = .count
                return .scalar(.int64)
            case "indices":
                error(
                    "'indices' can only be used as the sequence of a for loop", at: nameRange,
                    help: "write `for i in \(text(of: range(base))).indices { ... }`")
                return .error
            case "shape":
                error(
                    "'shape' must be called with a dimension", at: nameRange,
                    help: "write \(text(of: range(base))).shape(d) with d in 0..<\(rank)")
                return .error
            default:
                error(
                    "value of type '\(bt)' has no member '\(name)'", at: nameRange,
                    help: "arrays have count, indices and shape(d)")
                return .error
            }
        case .scalar(let s) where s.isFloating:
            guard let property = MathFunction(propertyName: name) else {
                let names = MathFunction.propertyNames
                error(
                    "value of type '\(s.rawValue)' has no member '\(name)'", at: nameRange,
                    help:
                        "floating-point values have \(names.dropLast().joined(separator: ", ")) and \(names.last ?? "")"
                )
                return .error
            }
            members[e] = .property(property)
            return .scalar(.bool)
        case .error:
            return .error
        case .scalar, .tuple, .void, .range, .metatype, .string:
            error("value of type '\(bt)' has no member '\(name)'", at: nameRange)
            return .error
        }
    }

    /// The floating-point constants Kern offers, computed in `F` itself (so a Float
    /// constant is the Float value, not a rounded Double).
    func floatingConstant<F: BinaryFloatingPoint>(_ name: String, _: F.Type) -> F? {
        switch name {
        case "pi": .pi
        case "infinity": .infinity
        case "nan": .nan
        case "greatestFiniteMagnitude": .greatestFiniteMagnitude
        case "leastNormalMagnitude": .leastNormalMagnitude
        case "leastNonzeroMagnitude": .leastNonzeroMagnitude
        case "ulpOfOne": .ulpOfOne
        default: nil
        }
    }

    /// `T.pi`, `T.max`, …: the value, already in `T`.
    func typeConstant(_ s: ScalarType, _ name: String) -> ConstantValue? {
        switch s {
        case .float:
            return floatingConstant(name, Float.self).map { .floating(.float, Double($0)) }
        case .double:
            return floatingConstant(name, Double.self).map { .floating(.double, $0) }
        case .bool:
            return nil
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            let w = UInt64(s.bitWidth)
            switch (name, s.isSigned) {
            case ("max", true): return .integer(s, bits: (1 << (w - 1)) - 1)
            case ("min", true): return .integer(s, bits: 0 &- (1 << (w - 1)))
            case ("max", false): return .integer(s, bits: w == 64 ? UInt64.max : (1 << w) - 1)
            case ("min", false): return .integer(s, bits: 0)
            default: return nil
            }
        }
    }

    /// `sqrt(x)`, `atan2(y, x)`, `min(a, b)`, `fma(a, b, c)`: all arguments have one type,
    /// `Float` or `Double` (`min max abs` also any integer type). Literal arguments take
    /// the type of the others, else the context's, else `Double` (or `Int` for an
    /// integer-only `min`/`max`/`abs`).
    func checkMath(
        _ e: ExprID, callee: ExprID, _ fn: MathFunction, arguments: [Argument], expected: SemaType?
    ) -> SemaType {
        setType(callee, .void)
        let entry = fn.entry
        rejectLabels(arguments, callee: entry.name)
        guard arguments.count == entry.arity else {
            error(
                "'\(entry.name)' takes \(entry.arity) argument\(entry.arity == 1 ? "" : "s") but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                at: range(callee))
            checkArgumentsLoosely(arguments)
            return .error
        }
        calls[e] = .math(fn)
        let allowsIntegers: Bool
        switch entry.operands {
        case .floating: allowsIntegers = false
        case .numbers: allowsIntegers = true
        }
        var types = Array(repeating: SemaType.error, count: arguments.count)
        let typed = arguments.indices.filter { literalFlavor(arguments[$0].value) == nil }
        let common: SemaType
        if let first = typed.first {
            common = checkExpr(arguments[first].value, expected: expected)
            types[first] = common
            for i in arguments.indices where i != first {
                types[i] = checkExpr(arguments[i].value, expected: common)
            }
        } else {
            let flavors = arguments.compactMap { literalFlavor($0.value) }
            var context = literalContextType(flavors, expected: expected)
            if !allowsIntegers, context.scalar?.isFloating != true { context = .scalar(.double) }
            common = context
            for i in arguments.indices {
                types[i] = checkExpr(arguments[i].value, expected: context)
            }
        }
        if common == .error { return .error }
        guard let s = common.scalar, s.isFloating || (allowsIntegers && s.isInteger) else {
            let needs = allowsIntegers ? "a number" : "a Float or Double argument"
            let firstTyped = typed.first ?? 0
            let argText = text(of: range(arguments[firstTyped].value))
            error(
                "'\(entry.name)' needs \(needs), not '\(common)'",
                at: range(arguments[firstTyped].value),
                help: common.scalar?.isInteger == true
                    ? "convert explicitly: \(entry.name)(Double(\(argText)))" : nil)
            return .error
        }
        var failed = false
        for (i, t) in types.enumerated() where !compatible(t, common) {
            reportMismatch(arguments[i].value, from: t, to: common, .argument)
            failed = true
        }
        return failed ? .error : common
    }

    /// Built-ins take no argument labels.
    func rejectLabels(_ arguments: [Argument], callee: String) {
        for argument in arguments {
            guard let label = argument.label else { continue }
            error(
                "extraneous argument label '\(label):' in call to '\(callee)'",
                at: argument.labelRange ?? range(argument.value), help: "remove the label")
        }
    }
}
