import KernBasics
import KernSyntax

/// Calls: Kern functions, conversions, array allocation, `x.shape(d)`, `print`,
/// `precondition` (math functions are in Builtins.swift).
///
/// In: a call expression. Out: its result type and `calls[e]`; for Kern functions the
/// labels, argument count, argument types and `inout` rules (`&x` on a mutable variable,
/// no `&` elsewhere, no variable passed to two inout parameters) are checked.
extension Checker {
    func checkCall(_ e: ExprID, callee: ExprID, arguments: [Argument], expected: SemaType?)
        -> SemaType
    {
        switch kind(callee) {
        case .name(let name):
            if let id = lookupLocal(name) {
                references[callee] = .local(id)
                let t = setType(callee, locals[id].type)
                error(
                    concerning: t, "cannot call value of non-function type '\(t)'",
                    at: range(callee))
                checkArgumentsLoosely(arguments)
                return .error
            }
            if let f = functionIndex[name] {
                return checkFunctionCall(e, callee: callee, function: f, arguments: arguments)
            }
            if let template = genericTemplates[name] {
                return checkGenericCall(
                    e, callee: callee, template: template, arguments: arguments)
            }
            if name == "String" {
                return rejectStringCall(e, callee: callee, arguments: arguments)
            }
            if let s = ScalarType(name: name) {
                return checkConversion(e, callee: callee, to: s, arguments: arguments)
            }
            if let fn = MathFunction(callName: name) {
                return checkMath(e, callee: callee, fn, arguments: arguments, expected: expected)
            }
            switch BuiltinFunction(bareName: name) {
            case .print?:
                return checkPrint(e, callee: callee, arguments: arguments)
            case .precondition?:
                return checkPrecondition(e, callee: callee, arguments: arguments)
            case .randomNormal?:
                return checkNullary(
                    e, callee: callee, arguments: arguments, .randomNormal, name: name,
                    result: .double,
                    help: "scale and shift the result instead: mean + sigma * randomNormal()")
            case .atomicAdd?:
                return checkAtomicAdd(e, callee: callee, arguments: arguments)
            case .clock?:
                return checkNullary(
                    e, callee: callee, arguments: arguments, .clock, name: name, result: .int64,
                    help: "write clock() and subtract two readings: let ns = clock() - start")
            case .mpiRank?, .mpiSize?, .barrier?, .allreduce?, .broadcast?, .send?, .receive?,
                .haloExchange?:
                return checkMPI(e, callee: callee, name: name, arguments: arguments)
            case .prange?, .stride?:
                error(
                    "'\(name)' can only be used as the sequence of a for loop", at: range(callee),
                    help: "write `for i in \(name)(...) { ... }`")
            case .random?:
                preconditionFailure("KernSema: 'random' is a type member, not a bare name")
            case nil:
                reportUnknownName(name, at: range(callee))
            }
            checkArgumentsLoosely(arguments)
            return .error
        case .arrayType(let syntax):
            return checkAllocation(e, callee: callee, syntax, arguments: arguments)
        case .member(let base, "shape", let nameRange):
            return checkShape(
                e, callee: callee, base: base, nameRange: nameRange, arguments: arguments)
        case .member(let base, "random", let nameRange):
            return checkRandom(
                e, callee: callee, base: base, nameRange: nameRange, arguments: arguments)
        case .integerLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .unary, .binary,
            .ternary,
            .inoutRef, .call, .subscriptAccess, .member, .tupleElement, .tuple, .paren, .error,
            .implicitMember:
            let t = checkExpr(callee)
            error(concerning: t, "cannot call value of non-function type '\(t)'", at: range(callee))
            checkArgumentsLoosely(arguments)
            return .error
        }
    }

    /// Checks arguments of a call that failed, so errors inside them are still found.
    func checkArgumentsLoosely(_ arguments: [Argument]) {
        for argument in arguments {
            if case .stringLiteral = kind(argument.value) {
                setType(argument.value, .string)
            } else if case .inoutRef(let inner) = kind(argument.value) {
                setType(argument.value, checkExpr(inner))
            } else if case .binary(let op, let l, let r, _) = kind(argument.value),
                op == .halfOpenRange || op == .closedRange
            {
                // A range argument of an unsupported call (`Double.random(in: 0..<1)`):
                // the call's error is enough.
                _ = checkOperands(l, r, expected: nil)
            } else {
                checkExpr(argument.value)
            }
        }
    }

    // MARK: Kern functions

    func checkFunctionCall(_ e: ExprID, callee: ExprID, function f: Int, arguments: [Argument])
        -> SemaType
    {
        if isElementwiseSignature(f) {
            return checkVectorizedCall(e, callee: callee, function: f, arguments: arguments)
        }
        let signature = functions[f]
        references[callee] = .function(f)
        setType(callee, .void)
        calls[e] = .function(f)
        var inoutSeen: [LocalID: SourceRange] = [:]
        for (i, argument) in arguments.enumerated() {
            guard i < signature.params.count else {
                error(
                    "extra argument in call to '\(signature.name)'", at: range(callee),
                    help:
                        "'\(signature.name)' takes \(signature.params.count) argument\(signature.params.count == 1 ? "" : "s")"
                )
                checkArgumentsLoosely([argument])
                continue
            }
            let param = signature.params[i]
            if let label = argument.label {
                let labelRange = argument.labelRange ?? range(argument.value)
                if let expectedLabel = param.label {
                    if label != expectedLabel {
                        error(
                            "incorrect argument label in call (have '\(label):', expected '\(expectedLabel):')",
                            at: labelRange, help: "write '\(expectedLabel):' or leave the label out"
                        )
                    }
                } else {
                    error(
                        "extraneous argument label '\(label):' in call", at: labelRange,
                        help: "parameter '\(param.name)' has no label; remove '\(label):'")
                }
            }
            checkArgument(argument.value, param: param, inoutSeen: &inoutSeen)
        }
        if arguments.count < signature.params.count {
            let missing = signature.params[arguments.count]
            error(
                "missing argument for parameter '\(missing.label ?? missing.name)' in call",
                at: range(callee),
                help:
                    "'\(signature.name)' takes \(signature.params.count) argument\(signature.params.count == 1 ? "" : "s"): \(signature.params.map { "\($0.label ?? "_"): \($0.isInout ? "inout " : "")\($0.type)" }.joined(separator: ", "))"
            )
        }
        return signature.returnType
    }

    func checkArgument(
        _ value: ExprID, param: ParamSignature, inoutSeen: inout [LocalID: SourceRange]
    ) {
        guard param.isInout else {
            if case .inoutRef(let inner) = kind(value) {
                error(
                    "'&' used with non-inout argument of type '\(param.type)'", at: range(value),
                    help: "remove the '&': parameter '\(param.name)' is not inout")
                setType(value, checkExpr(inner, expected: param.type))
                return
            }
            checkExpecting(value, param.type, .argument)
            return
        }
        guard case .inoutRef(let inner) = kind(value) else {
            let t = checkExpr(value, expected: param.type)
            error(
                concerning: t,
                "passing value of type '\(t)' to an inout parameter requires explicit '&'",
                at: range(value), help: "write &\(text(of: range(value)))")
            return
        }
        let target = stripParens(inner)
        guard case .name(let name) = kind(target), let id = lookupLocal(name) else {
            let t = checkExpr(inner)
            setType(value, t)
            if t != .error {
                let isElement: Bool
                if case .subscriptAccess = kind(target) {
                    isElement = true
                } else {
                    isElement = false
                }
                error(
                    isElement
                        ? "array elements cannot be passed as inout arguments"
                        : "cannot pass this expression as an inout argument",
                    at: range(inner),
                    help: isElement
                        ? "copy the element into a 'var', pass that, and store it back"
                        : "pass a variable declared with 'var' (or an inout parameter)")
            }
            return
        }
        let info = locals[id]
        references[target] = .local(id)
        setType(target, info.type)
        setType(inner, info.type)
        setType(value, info.type)
        noteRead(id, at: range(target))
        if !info.isMutable {
            error(
                "cannot pass immutable value as inout argument: \(immutableReason(info))",
                at: range(target), help: mutabilityHelp(info))
        } else if !compatible(info.type, param.type) {
            error(
                "cannot convert value of type '\(info.type)' to expected argument type 'inout \(param.type)'",
                at: range(target), help: "an inout argument must have exactly the parameter's type")
        }
        if let previous = inoutSeen[id] {
            error(
                "overlapping accesses to '\(name)': it is passed to two inout parameters",
                at: range(target), help: "pass a copy in one of them",
                notes: [.init("first passed here", at: previous)])
        } else {
            inoutSeen[id] = range(target)
        }
    }

    /// "'x' is a 'let' constant" and friends.
    func immutableReason(_ info: LocalInfo) -> String {
        switch info.kind {
        case .param: return "'\(info.name)' is a parameter that is not inout"
        case .loopVariable: return "'\(info.name)' is a loop variable"
        case .letBinding, .varBinding: return "'\(info.name)' is a 'let' constant"
        }
    }

    /// The local an element access (`a[i]`, `m[i][j]`) reaches, or nil when its root is
    /// not a local's name.
    func accessedLocal(_ access: ExprID) -> LocalInfo? {
        guard let root = rootName(of: access), case .local(let id)? = references[root] else {
            return nil
        }
        return locals[id]
    }

    /// An element write (`a[i] = …`, `atomicAdd(&a[i], …)`) through the immutable local
    /// `info`: `prefix` says what was tried, then why it is not allowed (for a parameter:
    /// `readOnlyParameter`).
    func reportImmutableElement(
        _ info: LocalInfo, at r: SourceRange, prefix: String, readOnlyParameter: String
    ) {
        let reason: String
        if case .param = info.kind {
            reason = readOnlyParameter
        } else {
            reason = immutableReason(info)
        }
        error(prefix + reason, at: r, help: mutabilityHelp(info))
    }

    func mutabilityHelp(_ info: LocalInfo) -> String {
        switch info.kind {
        case .param: return "declare it `inout`: \(info.name): inout \(info.type)"
        case .loopVariable: return "loop variables are constants; copy it into a 'var' first"
        case .letBinding, .varBinding:
            if case .array = info.type {
                return info.isLocalArray
                    ? "declare it with 'var'"
                    : "'\(info.name)' is a read-only view; write through the array it views instead"
            }
            return "change 'let' to 'var' to make it mutable"
        }
    }

    // MARK: Conversions and allocation

    /// `Double(x)`, `Int32(y)`, `Bool(b)`: one unlabeled numeric argument (`Bool` only
    /// from `Bool`). A literal argument is typed as the target (`Int8(300)` overflows).
    func checkConversion(_ e: ExprID, callee: ExprID, to s: ScalarType, arguments: [Argument])
        -> SemaType
    {
        references[callee] = .type(.scalar(s))
        setType(callee, .metatype(.scalar(s)))
        guard arguments.count == 1 else {
            error(
                "conversion to '\(s.rawValue)' takes exactly one argument", at: range(e),
                help: "write \(s.rawValue)(x)")
            checkArgumentsLoosely(arguments)
            return .scalar(s)
        }
        rejectLabels(arguments, callee: s.rawValue)
        calls[e] = .conversion(s)
        let argument = arguments[0].value
        let t = checkExpr(argument, expected: .scalar(s))
        if t == .error { return .scalar(s) }
        if s == .bool {
            if t != .scalar(.bool) {
                error(
                    "cannot convert value of type '\(t)' to 'Bool'", at: range(argument),
                    help: t.scalar.map { _ in
                        "compare explicitly: \(text(of: range(argument))) != 0"
                    })
            }
        } else if let source = t.scalar, source != .bool {
            // Any numeric → numeric.
        } else {
            error(
                "cannot convert value of type '\(t)' to '\(s.rawValue)'", at: range(argument),
                help: t == .scalar(.bool)
                    ? "choose a value with a conditional: \(text(of: range(argument))) ? 1 : 0"
                    : nil)
        }
        return .scalar(s)
    }

    /// `[T](repeating: v, count: n)`, `[[T]](repeating: v, rows: r, cols: c)`,
    /// `[[[T]]](repeating: v, d0: a, d1: b, d2: c)`; labels in this order.
    func checkAllocation(_ e: ExprID, callee: ExprID, _ syntax: TypeSyntax, arguments: [Argument])
        -> SemaType
    {
        let t = resolveType(syntax)
        setType(callee, .metatype(t))
        guard case .array(let s, let rank) = t else {
            error(concerning: t, "'\(t)' cannot be constructed", at: range(callee))
            checkArgumentsLoosely(arguments)
            return .error
        }
        let expectedLabels: [String]
        switch rank {
        case 1: expectedLabels = ["repeating", "count"]
        case 2: expectedLabels = ["repeating", "rows", "cols"]
        default: expectedLabels = ["repeating", "d0", "d1", "d2"]
        }
        let have = arguments.map { $0.label ?? "_" }
        guard have == expectedLabels else {
            let spelled = expectedLabels.map { "\($0):" }.joined()
            error(
                "incorrect arguments for '\(t)' (have '\(have.map { "\($0):" }.joined())', expected '\(spelled)')",
                at: range(callee),
                help:
                    "write \(t)(\(expectedLabels.map { "\($0): \($0 == "repeating" ? "0" : "n")" }.joined(separator: ", ")))"
            )
            checkArgumentsLoosely(arguments)
            return t
        }
        calls[e] = .allocArray(s, rank: rank)
        checkExpecting(arguments[0].value, .scalar(s), .argument)
        for argument in arguments.dropFirst() {
            checkIntegerOperand(argument.value, what: "size")
        }
        return t
    }

    /// `x.shape(d)`: `d` an integer literal in `0..<rank`.
    func checkShape(
        _ e: ExprID, callee: ExprID, base: ExprID, nameRange: SourceRange, arguments: [Argument]
    ) -> SemaType {
        let bt = checkExpr(base)
        setType(callee, .void)
        guard case .array(_, let rank) = bt else {
            error(concerning: bt, "value of type '\(bt)' has no member 'shape'", at: nameRange)
            checkArgumentsLoosely(arguments)
            return .error
        }
        guard arguments.count == 1, arguments[0].label == nil,
            case .integerLiteral(let v?, _) = kind(arguments[0].value), v < UInt64(rank)
        else {
            error(
                "the dimension of 'shape' must be an integer literal in 0..<\(rank)",
                at: arguments.first.map { range($0.value) } ?? endRange(range(e)),
                help:
                    "'\(bt)' has \(rank) dimension\(rank == 1 ? "" : "s"): write \(text(of: range(base))).shape(0)"
            )
            checkArgumentsLoosely(arguments)
            return .scalar(.int64)
        }
        calls[e] = .shape
        checkExpr(arguments[0].value, expected: .scalar(.int64))
        return .scalar(.int64)
    }

    // MARK: print and precondition

    func checkPrint(_ e: ExprID, callee: ExprID, arguments: [Argument]) -> SemaType {
        setType(callee, .void)
        calls[e] = .print
        rejectLabels(arguments, callee: "print")
        for argument in arguments {
            if case .stringLiteral = kind(argument.value) {
                setType(argument.value, .string)
                continue
            }
            if case .call(let formatCallee, let formatArguments) = kind(argument.value),
                isStringCall(argument.value)
            {
                checkFormatCall(argument.value, callee: formatCallee, arguments: formatArguments)
                continue
            }
            let t = checkExpr(argument.value)
            switch t {
            case .scalar, .tuple, .error:
                break
            case .array:
                error(
                    "cannot print an array", at: range(argument.value),
                    help: "print its elements in a loop")
            case .void, .range, .metatype, .string:
                error("cannot print a value of type '\(t)'", at: range(argument.value))
            }
        }
        return .void
    }

    func checkPrecondition(_ e: ExprID, callee: ExprID, arguments: [Argument]) -> SemaType {
        setType(callee, .void)
        guard arguments.count == 1 || arguments.count == 2 else {
            error(
                "'precondition' takes a condition and an optional message", at: range(e),
                help: "write precondition(n > 0, \"n must be positive\")")
            checkArgumentsLoosely(arguments)
            return .void
        }
        calls[e] = .precondition
        rejectLabels(arguments, callee: "precondition")
        checkExpecting(arguments[0].value, .scalar(.bool), .condition)
        if arguments.count == 2 {
            if case .stringLiteral = kind(arguments[1].value) {
                setType(arguments[1].value, .string)
            } else {
                checkExpr(arguments[1].value)
                error(
                    "the message of 'precondition' must be a string literal",
                    at: range(arguments[1].value))
            }
        }
        return .void
    }
}
