import KernBasics
import KernSyntax

/// Expressions: names, operators, ternaries, subscripts, tuples.
///
/// In: an expression and the type its context expects (a hint that only literals obey;
/// mismatches are reported by `checkExpecting`). Out: the expression's type, recorded
/// in `exprTypes`, plus `references`/`constants` entries. Each expression is checked
/// exactly once; `.error` results never produce a second diagnostic.

/// Where a value meets an expected type, for Swift-like mismatch wording.
enum ConversionContext {
    case specified, argument, returnValue, assignment, condition
}

extension Checker {
    @discardableResult
    func checkExpr(_ e: ExprID, expected: SemaType? = nil) -> SemaType {
        exprDepth += 1
        defer { exprDepth -= 1 }
        if exprDepth > Self.maxExprDepth {
            if exprDepth == Self.maxExprDepth + 1 {
                error(
                    "expression is too deeply nested", at: range(e),
                    help: "split it with 'let' bindings")
            }
            return setType(e, .error)
        }
        return setType(e, checkExprKind(e, expected: expected))
    }

    private func checkExprKind(_ e: ExprID, expected: SemaType?) -> SemaType {
        switch kind(e) {
        case .integerLiteral(let value, let text):
            return checkIntegerLiteral(
                e, value: value, text: text, negated: false, expected: expected)
        case .floatLiteral(let text):
            return checkFloatLiteral(e, text: text, negated: false, expected: expected)
        case .boolLiteral(let b):
            constants[e] = .bool(b)
            return .scalar(.bool)
        case .stringLiteral:
            error(
                "string literals can only be arguments of 'print' and 'precondition'", at: range(e))
            return .error
        case .name(let name):
            return checkName(e, name)
        case .arrayType(let syntax):
            let t = resolveType(syntax)
            error(
                concerning: t, "array type '\(t)' cannot be used as a value", at: range(e),
                help: "allocate an array with \(t)(repeating: 0, count: n)")
            return .error
        case .unary(let op, let operand, let opRange):
            return checkUnary(e, op, operand, opRange: opRange, expected: expected)
        case .binary(let op, let lhs, let rhs, let opRange):
            return checkBinary(op, lhs, rhs, opRange: opRange, expected: expected)
        case .ternary(let condition, let a, let b):
            checkExpecting(condition, .scalar(.bool), .condition)
            let (ta, tb) = checkOperands(a, b, expected: expected)
            if !compatible(ta, tb) {
                error(
                    "result values in '? :' expression have mismatching types '\(ta)' and '\(tb)'",
                    at: range(b), help: conversionHelp(b, from: tb, to: ta))
                return .error
            }
            return ta == .error ? tb : ta
        case .inoutRef(let inner):
            error(
                "'&' may only be used to pass an argument to an inout parameter", at: range(e),
                help: "remove the '&'")
            return checkExpr(inner, expected: expected)
        case .call(let callee, let arguments):
            return checkCall(e, callee: callee, arguments: arguments, expected: expected)
        case .subscriptAccess(let base, let indices):
            return checkSubscript(e, base: base, indices: indices)
        case .member(let base, let name, let nameRange):
            return checkMember(e, base: base, name: name, nameRange: nameRange)
        case .implicitMember(let name):
            return rejectImplicitMember(e, name)
        case .tupleElement(let base, let index, let indexRange):
            let t = checkExpr(base)
            switch t {
            case .tuple(let xs) where index >= 0 && index < xs.count:
                return .scalar(xs[index])
            case .error:
                return .error
            default:
                error("value of type '\(t)' has no member '\(index)'", at: indexRange)
                return .error
            }
        case .tuple(let elements):
            var hints: [SemaType?] = Array(repeating: nil, count: elements.count)
            if case .tuple(let xs)? = expected, xs.count == elements.count {
                hints = xs.map { .scalar($0) }
            }
            var scalars: [ScalarType] = []
            var failed = false
            for (i, element) in elements.enumerated() {
                let t = checkExpr(element, expected: hints[i])
                if case .scalar(let s) = t {
                    scalars.append(s)
                } else {
                    error(
                        concerning: t, "tuple elements must be scalars, not '\(t)'",
                        at: range(element))
                    failed = true
                }
            }
            return failed ? .error : .tuple(scalars)
        case .paren(let inner):
            return checkExpr(inner, expected: expected)
        case .error:
            return .error
        }
    }

    /// Checks `e` against the type its context requires and reports a mismatch.
    @discardableResult
    func checkExpecting(_ e: ExprID, _ target: SemaType, _ context: ConversionContext) -> SemaType {
        let t = checkExpr(e, expected: target)
        if !compatible(t, target) { reportMismatch(e, from: t, to: target, context) }
        return t
    }

    func reportMismatch(_ e: ExprID, from: SemaType, to: SemaType, _ context: ConversionContext) {
        if from == .void {
            error("expression produces no value; expected a value of type '\(to)'", at: range(e))
            return
        }
        let message: String
        switch context {
        case .specified:
            message = "cannot convert value of type '\(from)' to specified type '\(to)'"
        case .argument:
            message = "cannot convert value of type '\(from)' to expected argument type '\(to)'"
        case .returnValue:
            message = "cannot convert return expression of type '\(from)' to return type '\(to)'"
        case .assignment: message = "cannot assign value of type '\(from)' to type '\(to)'"
        case .condition:
            message = "cannot convert value of type '\(from)' to expected condition type 'Bool'"
        }
        error(message, at: range(e), help: conversionHelp(e, from: from, to: to))
    }

    /// A plain-English fix for a type mismatch, when there is an obvious one.
    func conversionHelp(_ e: ExprID, from: SemaType, to: SemaType) -> String? {
        guard let f = from.scalar, let t = to.scalar else {
            if case .array = from, case .array = to {
                return
                    "array element types and ranks must match exactly; convert element by element in a loop"
            }
            return nil
        }
        if t == .bool, f.isInteger { return "compare explicitly: \(text(of: range(e))) != 0" }
        if f == .bool { return "choose a value with a conditional: \(text(of: range(e))) ? 1 : 0" }
        if t == .bool { return nil }
        return "convert explicitly: \(t.rawValue)(\(text(of: range(e))))"
    }

    // MARK: Names

    func checkName(_ e: ExprID, _ name: String) -> SemaType {
        if let id = lookupLocal(name) {
            references[e] = .local(id)
            noteRead(id, at: range(e))
            return locals[id].type
        }
        if let k = fileConstantIndex[name] {
            // A file-scope constant is its value, as a literal would be.
            guard let (value, type) = fileConstant(k, usedAt: range(e)) else { return .error }
            constants[e] = value
            return .scalar(type)
        }
        if let f = functionIndex[name] {
            references[e] = .function(f)
            error(
                "function '\(name)' cannot be used as a value", at: range(e),
                help: "call it: \(name)(...)")
            return .error
        }
        if let s = ScalarType(name: name) {
            references[e] = .type(.scalar(s))
            error(
                "expected member name or constructor call after type name", at: range(e),
                help:
                    "convert with \(name)(x), or use a member such as \(name).\(s.isFloating ? "pi" : "max")"
            )
            return .error
        }
        if MathFunction(callName: name) != nil || BuiltinFunction(bareName: name) != nil {
            error("built-in function '\(name)' must be called", at: range(e))
            return .error
        }
        reportUnknownName(name, at: range(e))
        return .error
    }

    func reportUnknownName(_ name: String, at r: SourceRange) {
        error(
            "cannot find '\(name)' in scope", at: r,
            help: "declare it with 'let' or 'var' before this use")
    }

    // MARK: Operators

    /// Checks two operands that must have the same type. A literal-only side takes the
    /// other side's type (bidirectional: `2 * x` and `x * 2.0`); two literal sides take
    /// the context's type or their default.
    func checkOperands(_ l: ExprID, _ r: ExprID, expected: SemaType?) -> (SemaType, SemaType) {
        let lf = literalFlavor(l)
        let rf = literalFlavor(r)
        switch (lf, rf) {
        case (.some, .none):
            let rt = checkExpr(r, expected: expected)
            let lt = checkExpr(l, expected: rt)
            return (lt, rt)
        case (.none, _):
            let lt = checkExpr(l, expected: expected)
            let rt = checkExpr(r, expected: lt)
            return (lt, rt)
        case (.some(let a), .some(let b)):
            let context = literalContextType([a, b], expected: expected)
            return (checkExpr(l, expected: context), checkExpr(r, expected: context))
        }
    }

    func checkUnary(
        _ e: ExprID, _ op: UnaryOp, _ operand: ExprID, opRange: SourceRange, expected: SemaType?
    ) -> SemaType {
        switch op {
        case .negate:
            // `-literal` is one constant, so `-128` fits Int8.
            switch kind(operand) {
            case .integerLiteral(let value, let text):
                return checkIntegerLiteral(
                    operand, value: value, text: text, negated: true, expected: expected,
                    recordOn: e)
            case .floatLiteral(let text):
                return checkFloatLiteral(
                    operand, text: text, negated: true, expected: expected, recordOn: e)
            default:
                break
            }
            let t = checkExpr(operand, expected: expected)
            guard case .scalar(let s) = t else {
                if t != .error { unaryError(op, t, opRange) }
                return .error
            }
            if (s.isInteger && s.isSigned) || s.isFloating { return t }
            unaryError(op, t, opRange)
            return .error
        case .not:
            let t = checkExpr(operand, expected: .scalar(.bool))
            if t == .error || t == .scalar(.bool) { return t }
            unaryError(op, t, opRange)
            return .error
        case .bitNot:
            let t = checkExpr(operand, expected: expected)
            if t == .error { return t }
            if let s = t.scalar, s.isInteger { return t }
            unaryError(op, t, opRange)
            return .error
        }
    }

    private func unaryError(_ op: UnaryOp, _ t: SemaType, _ r: SourceRange) {
        let help: String
        switch op {
        case .negate: help = "negation needs a signed integer or floating-point operand"
        case .not: help = "'!' needs a Bool operand"
        case .bitNot: help = "'~' needs an integer operand"
        }
        error(
            "unary operator '\(op.rawValue)' cannot be applied to an operand of type '\(t)'", at: r,
            help: help)
    }

    func checkBinary(
        _ op: BinaryOp, _ l: ExprID, _ r: ExprID, opRange: SourceRange, expected: SemaType?
    ) -> SemaType {
        switch op {
        case .and, .or:
            // Reported at the operator, naming the operand that is not a Bool.
            let lt = checkExpr(l, expected: .scalar(.bool))
            let rt = checkExpr(r, expected: .scalar(.bool))
            for (side, t, e) in [("left", lt, l), ("right", rt, r)]
            where !compatible(t, .scalar(.bool)) {
                error(
                    "operator '\(op.spelling)' needs Bool operands, but the \(side) operand has type '\(t)'",
                    at: opRange, help: conversionHelp(e, from: t, to: .scalar(.bool)))
                break
            }
            return .scalar(.bool)
        case .halfOpenRange, .closedRange:
            error(
                "a range can only be used as the sequence of a for loop", at: opRange,
                help: "write `for i in a\(op.spelling)b { ... }`")
            _ = checkOperands(l, r, expected: nil)
            return .error
        case .shl, .shr:
            let lt = checkExpr(l, expected: expected)
            let rt = checkExpr(r)
            if lt == .error || rt == .error { return .error }
            guard let a = lt.scalar, a.isInteger, let b = rt.scalar, b.isInteger else {
                binaryError(op, lt, rt, opRange, help: "shifts need integer operands")
                return .error
            }
            return lt
        case .add, .sub, .mul, .div, .rem, .bitAnd, .bitOr, .bitXor:
            let (lt, rt) = checkOperands(l, r, expected: expected)
            if lt == .error || rt == .error { return .error }
            if lt != rt {
                binaryError(op, lt, rt, opRange, help: mixedHelp(l, lt, r, rt))
                return .error
            }
            guard let s = lt.scalar, s != .bool else {
                binaryError(op, lt, rt, opRange, help: nil)
                return .error
            }
            if op == .rem, s.isFloating {
                binaryError(
                    op, lt, rt, opRange,
                    help: "'%' is integer-only; for floating point compute a - b * trunc(a / b)")
                return .error
            }
            if [.bitAnd, .bitOr, .bitXor].contains(op), !s.isInteger {
                binaryError(op, lt, rt, opRange, help: "bitwise operators need integer operands")
                return .error
            }
            return lt
        case .eq, .ne, .lt, .le, .gt, .ge:
            let (lt, rt) = checkOperands(l, r, expected: nil)
            if lt == .error || rt == .error { return .scalar(.bool) }
            if lt != rt {
                binaryError(op, lt, rt, opRange, help: mixedHelp(l, lt, r, rt))
                return .scalar(.bool)
            }
            guard let s = lt.scalar, s != .bool || op == .eq || op == .ne else {
                binaryError(op, lt, rt, opRange, help: nil)
                return .scalar(.bool)
            }
            return .scalar(.bool)
        }
    }

    private func mixedHelp(_ l: ExprID, _ lt: SemaType, _ r: ExprID, _ rt: SemaType) -> String? {
        guard let a = lt.scalar, let b = rt.scalar, a != .bool, b != .bool else { return nil }
        // Suggest widening the operand whose type is "smaller" or integer.
        if a.isInteger && b.isFloating || (a.isFloating == b.isFloating && a.bitWidth < b.bitWidth)
        {
            return "convert explicitly: \(b.rawValue)(\(text(of: range(l))))"
        }
        return "convert explicitly: \(a.rawValue)(\(text(of: range(r))))"
    }

    func binaryError(
        _ op: BinaryOp, _ lt: SemaType, _ rt: SemaType, _ r: SourceRange, help: String?
    ) {
        let message =
            lt == rt
            ? "binary operator '\(op.spelling)' cannot be applied to two '\(lt)' operands"
            : "binary operator '\(op.spelling)' cannot be applied to operands of type '\(lt)' and '\(rt)'"
        error(message, at: r, help: help)
    }

    // MARK: Subscripts

    /// `x[i]`, `m[i, j]`, `m[i]` (a row view). Indices may be any integer type.
    func checkSubscript(_ e: ExprID, base: ExprID, indices: [ExprID]) -> SemaType {
        let bt = checkExpr(base)
        for index in indices { checkIntegerOperand(index, what: "index") }
        guard case .array(let s, let rank) = bt else {
            error(
                concerning: bt, "value of type '\(bt)' has no subscripts", at: range(base),
                help: "only arrays can be indexed")
            return .error
        }
        if indices.isEmpty {
            error("missing index in subscript of '\(bt)'", at: range(e))
            return .error
        }
        if indices.count > rank {
            error(
                "too many indices: '\(bt)' has rank \(rank) but \(indices.count) indices were given",
                at: range(indices[rank]))
            return .error
        }
        return indices.count == rank ? .scalar(s) : .array(s, rank: rank - indices.count)
    }

    /// An index or extent: any integer type (literals default to `Int`).
    @discardableResult
    func checkIntegerOperand(_ e: ExprID, what: String) -> SemaType {
        let t = checkExpr(e, expected: .scalar(.int64))
        if t == .error { return t }
        if let s = t.scalar, s.isInteger { return t }
        error(
            "cannot convert value of type '\(t)' to expected \(what) type 'Int'", at: range(e),
            help: t.scalar.map {
                $0.isFloating ? "convert explicitly: Int(\(text(of: range(e))))" : ""
            }
            .flatMap { $0.isEmpty ? nil : $0 })
        return .error
    }
}
