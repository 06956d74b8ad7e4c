import KernBasics
import KernSyntax

/// `for` loops: the sequence (`a..<b`, `a...b`, `stride(from:to:by:)`,
/// `stride(from:through:by:)`, `x.indices`, `prange(n)`, `prange(a..<b)`,
/// `prange(x.indices)`), the loop variable and the body.
///
/// In: a `forIn` statement. Out: `loops[stmt]` (the sequence taken apart, the loop
/// variable, and for `prange` the reductions found by ParallelRules.swift). Only integer
/// ranges are iterable (strides may also be floating point, as in Swift); the loop
/// variable is a constant of the bounds' type.
extension Checker {
    func checkFor(
        _ s: StmtID, variable: String, variableRange: SourceRange, sequence: ExprID, body: Block
    ) {
        var isParallel = false
        var parsed: (LoopSequence, SemaType)?
        if case .call(let callee, let arguments) = kind(sequence),
            case .name("prange") = kind(callee),
            lookupLocal("prange") == nil, functionIndex["prange"] == nil
        {
            isParallel = true
            setType(callee, .void)
            parsed = checkPrangeArguments(sequence, arguments)
        } else {
            parsed = checkSequence(sequence)
        }
        let elementType = parsed?.1 ?? .error
        setType(sequence, elementType.scalar.map { .range($0) } ?? .error)

        let before = flow
        let isNested = loopStack.contains(where: \.isParallel)
        pushScope()
        let variableID = declareLocal(
            LocalInfo(
                name: variable, type: elementType, kind: .loopVariable, isMutable: false,
                isInout: false, isLocalArray: false, declRange: variableRange,
                function: currentFunction))
        loopStack.append(LoopContext(isParallel: isParallel))
        checkBlock(body)
        let context = loopStack.removeLast()
        popScope()
        flow = loopExit(before: before, end: flow, context, runsForever: false)

        var reductions: [ScalarReduction] = []
        var arrayReductions: [LocalID] = []
        if isParallel {
            (reductions, arrayReductions) = analyzeParallelBody(
                body, loopVariable: variableID, isNested: isNested)
        }
        if let (loopSequence, _) = parsed {
            loops[s] = ForLoopInfo(
                variable: variableID, sequence: loopSequence, isParallel: isParallel,
                reductions: reductions, arrayReductions: arrayReductions)
        }
    }

    /// `prange(n)`, `prange(a..<b)`, `prange(a...b)`, `prange(x.indices)`.
    func checkPrangeArguments(_ e: ExprID, _ arguments: [Argument]) -> (LoopSequence, SemaType)? {
        guard arguments.count == 1, arguments[0].label == nil else {
            error(
                "'prange' takes one argument: a count, a range or x.indices", at: range(e),
                help: "write prange(n), prange(a..<b) or prange(x.indices)")
            checkArgumentsLoosely(arguments)
            return nil
        }
        let argument = arguments[0].value
        let inner = stripParens(argument)
        switch kind(inner) {
        case .binary(.halfOpenRange, _, _, _), .binary(.closedRange, _, _, _),
            .member(_, "indices", _):
            let result = checkSequence(inner)
            if inner != argument, inner.index < exprTypes.count {
                setType(argument, exprTypes[inner.index])
            }
            return result
        case .call(let callee, let strideArguments):
            if case .member(_, "reversed", let nameRange) = kind(callee) {
                error(
                    "'prange' iterations run in any order, so 'reversed()' means nothing here",
                    at: nameRange,
                    help: "write prange(a..<b), or a serial for loop over the reversed range")
                setType(callee, .void)
                checkArgumentsLoosely(strideArguments)
                return nil
            }
            if case .name("stride") = kind(callee) {
                error(
                    "'prange' does not take a stride", at: range(inner),
                    help: "iterate over prange(n) and compute the index: let k = a + i * step")
                setType(callee, .void)
                checkArgumentsLoosely(strideArguments)
                return nil
            }
        default:
            break
        }
        let t = checkExpr(argument, expected: .scalar(.int64))
        if t == .error { return nil }
        guard let s = t.scalar, s.isInteger else {
            error(
                "'prange' needs an integer count, not '\(t)'", at: range(argument),
                help: t.scalar?.isFloating == true
                    ? "convert explicitly: Int(\(text(of: range(argument))))" : nil)
            return nil
        }
        return (.range(lower: nil, upper: argument, inclusive: false), t)
    }

    /// `(a..<b).reversed()`, `(a...b).reversed()`, `x.indices.reversed()`.
    func checkReversed(
        _ e: ExprID, callee: ExprID, base: ExprID, nameRange: SourceRange, _ arguments: [Argument]
    ) -> (LoopSequence, SemaType)? {
        setType(callee, .void)
        let inner = stripParens(base)
        let isRange: Bool
        switch kind(inner) {
        case .binary(.halfOpenRange, _, _, _), .binary(.closedRange, _, _, _),
            .member(_, "indices", _):
            isRange = true
        default:
            isRange = false
        }
        if case .call(let strideCallee, let strideArguments) = kind(inner),
            case .name("stride") = kind(strideCallee)
        {
            error(
                "'reversed()' does not apply to stride(...)", at: nameRange,
                help:
                    "swap the bounds and negate the step: stride(from: last, through: first, by: -step)"
            )
            setType(strideCallee, .void)
            checkArgumentsLoosely(strideArguments)
            checkArgumentsLoosely(arguments)
            return nil
        }
        guard isRange else {
            let t = checkExpr(base)
            error(
                concerning: t,
                "'reversed()' applies to a range or x.indices in a for loop, not to '\(t)'",
                at: nameRange,
                help: "write (a..<b).reversed(), or stride(from: a, through: b, by: -1)")
            checkArgumentsLoosely(arguments)
            return nil
        }
        guard arguments.isEmpty else {
            error(
                "'reversed' takes no arguments", at: range(arguments[0].value),
                help: "write (a..<b).reversed()")
            checkArgumentsLoosely(arguments)
            return nil
        }
        guard let (forward, type) = checkSequence(base) else { return nil }
        setType(base, type.scalar.map { .range($0) } ?? .error)
        return (.reversed(forward), type)
    }

    /// A serial loop's sequence (also a prange's range or indices).
    func checkSequence(_ e: ExprID) -> (LoopSequence, SemaType)? {
        let inner = stripParens(e)
        switch kind(inner) {
        case .binary(let op, let lower, let upper, let opRange)
        where op == .halfOpenRange || op == .closedRange:
            let (lt, ut) = checkOperands(lower, upper, expected: nil)
            let result = rangeBoundsType(lt, ut, opRange: opRange, upper: upper, lower: lower)
            setType(inner, result.scalar.map { .range($0) } ?? .error)
            guard result != .error else { return nil }
            return (.range(lower: lower, upper: upper, inclusive: op == .closedRange), result)
        case .member(let base, "indices", _):
            let bt = checkExpr(base)
            guard case .array = bt else {
                error(
                    concerning: bt, "value of type '\(bt)' has no member 'indices'",
                    at: range(inner),
                    help: "only arrays have indices")
                return nil
            }
            setType(inner, .range(.int64))
            return (.indices(array: base), .scalar(.int64))
        case .call(let callee, let arguments):
            if case .name("stride") = kind(callee), lookupLocal("stride") == nil,
                functionIndex["stride"] == nil
            {
                setType(callee, .void)
                return checkStride(inner, arguments)
            }
            if case .member(let base, "reversed", let nameRange) = kind(callee) {
                return checkReversed(
                    inner, callee: callee, base: base, nameRange: nameRange, arguments)
            }
        default:
            break
        }
        let t = checkExpr(e)
        error(
            concerning: t, "for-in loops iterate over integer ranges, not '\(t)'", at: range(e),
            help: "write a..<b, a...b, stride(from:to:by:), x.indices or prange(n)")
        return nil
    }

    /// `stride(from: a, to: b, by: s)` / `stride(from: a, through: b, by: s)`.
    func checkStride(_ e: ExprID, _ arguments: [Argument]) -> (LoopSequence, SemaType)? {
        let labels = arguments.map { $0.label ?? "_" }
        let inclusive = labels == ["from", "through", "by"]
        guard labels == ["from", "to", "by"] || inclusive else {
            error(
                "incorrect arguments for 'stride' (have '\(labels.map { "\($0):" }.joined())', expected 'from:to:by:' or 'from:through:by:')",
                at: range(e), help: "write stride(from: a, to: b, by: s)")
            checkArgumentsLoosely(arguments)
            return nil
        }
        let values = arguments.map(\.value)
        // Unify the three like operands: the first typed one decides.
        let typed = values.first { literalFlavor($0) == nil }
        var types: [SemaType] = []
        if let typed {
            let t = checkExpr(typed)
            for v in values { types.append(v == typed ? t : checkExpr(v, expected: t)) }
        } else {
            let context = literalContextType(values.compactMap { literalFlavor($0) }, expected: nil)
            for v in values { types.append(checkExpr(v, expected: context)) }
        }
        if types.contains(.error) { return nil }
        let first = types[0]
        for (i, t) in types.enumerated() where t != first {
            error(
                "stride arguments must have one type: '\(t)' is not '\(first)'",
                at: range(values[i]),
                help: conversionHelp(values[i], from: t, to: first))
            return nil
        }
        // Like Swift, strides may be floating point (ranges may not).
        guard let s = first.scalar, s != .bool else {
            error(
                "stride arguments must be numbers, not '\(first)'", at: range(values[0]))
            return nil
        }
        setType(e, .range(s))
        return (.stride(from: values[0], to: values[1], by: values[2], inclusive: inclusive), first)
    }

    private func rangeBoundsType(
        _ lt: SemaType, _ ut: SemaType, opRange: SourceRange, upper: ExprID, lower: ExprID
    ) -> SemaType {
        if lt == .error || ut == .error { return .error }
        if lt != ut {
            error(
                "range bounds must have one type: '\(lt)' and '\(ut)'", at: opRange,
                help: conversionHelp(upper, from: ut, to: lt))
            return .error
        }
        guard let s = lt.scalar, s.isInteger else {
            error(
                "only integer ranges can be iterated, not ranges of '\(lt)'", at: range(lower),
                help:
                    "iterate over an integer range and compute the value from the index, e.g. Double(i) * step"
            )
            return .error
        }
        return lt
    }
}
