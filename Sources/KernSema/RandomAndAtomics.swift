import KernBasics
import KernSyntax

/// The random-number and atomic built-ins (LANGUAGE.md §8): `T.random(in: lo..<hi)` for
/// every number type, `randomNormal()` and `atomicAdd(&a[i], v)`.
///
/// In: the call expression. Out: its type and `calls[e]` (`.random`, `.randomNormal`,
/// `.atomicAdd`), or diagnostics with a fix.
extension Checker {
    func checkRandom(
        _ e: ExprID, callee: ExprID, base: ExprID, nameRange: SourceRange, arguments: [Argument]
    ) -> SemaType {
        let bt = checkMemberBase(base)
        setType(callee, .void)
        guard case .metatype(.scalar(let s)) = bt else {
            error(
                concerning: bt, "value of type '\(bt)' has no member 'random'", at: nameRange,
                help: "draw with a type: Double.random(in: 0..<1)")
            checkArgumentsLoosely(arguments)
            return .error
        }
        guard s != .bool else {
            error(
                "'Bool.random' is not supported", at: nameRange,
                help: "write Int.random(in: 0..<2) == 1")
            checkArgumentsLoosely(arguments)
            return .error
        }
        guard arguments.count == 1, arguments[0].label == "in" else {
            error(
                "'\(s.rawValue).random' takes one argument, 'in:' followed by a range",
                at: arguments.first.map { $0.labelRange ?? range($0.value) } ?? nameRange,
                help: "write \(s.rawValue).random(in: lo..<hi)")
            checkArgumentsLoosely(arguments)
            return .error
        }
        let value = stripParens(arguments[0].value)
        guard case .binary(let op, let lo, let hi, let opRange) = kind(value),
            op == .halfOpenRange
        else {
            var help = "write \(s.rawValue).random(in: lo..<hi)"
            if case .binary(.closedRange, let lo, let hi, _) = kind(value) {
                help =
                    s.isFloating
                    ? "Kern draws from half-open ranges: write \(text(of: range(lo)))..<\(text(of: range(hi)))"
                    : "Kern draws from half-open ranges: write \(text(of: range(lo)))..<\(text(of: range(hi))) + 1"
            }
            error(
                "'\(s.rawValue).random(in:)' needs a half-open range 'lo..<hi'", at: range(value),
                help: help)
            checkArgumentsLoosely(arguments)
            return .error
        }
        _ = opRange
        let target = SemaType.scalar(s)
        let tl = checkExpecting(lo, target, .argument)
        let th = checkExpecting(hi, target, .argument)
        setType(value, .void)
        setType(arguments[0].value, .void)
        if tl == .error || th == .error || !compatible(tl, target) || !compatible(th, target) {
            return .error
        }
        calls[e] = .random(s)
        return target
    }

    /// `randomNormal()` (a standard normal `Double`) and `clock()` (an `Int` of
    /// nanoseconds): built-ins without arguments.
    func checkNullary(
        _ e: ExprID, callee: ExprID, arguments: [Argument], _ call: CallKind, name: String,
        result: ScalarType, help: String
    ) -> SemaType {
        setType(callee, .void)
        guard arguments.isEmpty else {
            error("'\(name)' takes no arguments", at: range(arguments[0].value), help: help)
            checkArgumentsLoosely(arguments)
            return .error
        }
        calls[e] = call
        return .scalar(result)
    }

    func checkAtomicAdd(_ e: ExprID, callee: ExprID, arguments: [Argument]) -> SemaType {
        setType(callee, .void)
        rejectLabels(arguments, callee: "atomicAdd")
        guard arguments.count == 2 else {
            error(
                "'atomicAdd' takes 2 arguments but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                at: range(callee), help: "write atomicAdd(&a[i], value)")
            checkArgumentsLoosely(arguments)
            return .error
        }
        let target = arguments[0].value
        guard case .inoutRef(let inner) = kind(target),
            case .subscriptAccess = kind(stripParens(inner))
        else {
            var inner = target
            if case .inoutRef(let x) = kind(target) { inner = x }
            let t = checkExpr(inner)
            setType(target, t)
            error(
                concerning: t,
                "the first argument of 'atomicAdd' must be an array element passed with '&'",
                at: range(target), help: "write atomicAdd(&a[i], value)")
            checkExpr(arguments[1].value)
            return .error
        }
        let elementType = checkExpr(inner)
        setType(target, elementType)
        guard case .scalar(let s) = elementType, s.isInteger || s.isFloating else {
            error(
                concerning: elementType,
                "'atomicAdd' needs an element of an integer or floating-point array, not '\(elementType)'",
                at: range(inner),
                help: {
                    if case .array = elementType {
                        "index every dimension: a[i, j]"
                    } else {
                        nil
                    }
                }())
            checkExpr(arguments[1].value)
            return .error
        }
        if let info = accessedLocal(inner), !info.isMutable {
            reportImmutableElement(
                info, at: range(inner), prefix: "cannot add to an element of '\(info.name)': ",
                readOnlyParameter: "it is a read-only array parameter")
        }
        let vt = checkExpecting(arguments[1].value, elementType, .argument)
        if vt == .error { return .error }
        calls[e] = .atomicAdd
        return .void
    }
}
