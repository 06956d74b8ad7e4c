import KernBasics
import KernSyntax

/// Statements: bindings, assignments, `if`, `while`, `repeat`, `return`, `break`,
/// `continue` (for loops are in LoopChecker.swift).
///
/// In: the statements of a function body. Out: `declaredLocals`, diagnostics, and the
/// flow state (`flow`) that drives definite initialization and return analysis: a
/// statement after which no path continues leaves `flow.unreachable` set.
extension Checker {
    func checkStatements(_ stmts: [StmtID]) {
        for s in stmts { checkStatement(s) }
    }

    func checkBlock(_ block: Block) {
        pushScope()
        checkStatements(block.stmts)
        popScope()
    }

    func checkStatement(_ s: StmtID) {
        guard s.index < ast.stmts.count else { return }
        let stmt = ast.stmts[s]
        switch stmt.kind {
        case .binding(let isVar, let pattern, let type, let value):
            checkBinding(s, isVar: isVar, pattern: pattern, typeSyntax: type, value: value)
        case .assign(let target, let op, let value, let opRange):
            checkAssignment(target: target, op: op, value: value, opRange: opRange)
        case .expr(let e):
            checkExpr(e)
        case .ifStmt(let condition, let then, let elseBranch):
            checkExpecting(condition, .scalar(.bool), .condition)
            let before = flow
            checkBlock(then)
            let afterThen = flow
            flow = before
            if let elseBranch { checkStatement(elseBranch) }
            flow = FlowState.merge(afterThen, flow)
        case .block(let block):
            checkBlock(block)
        case .whileStmt(let condition, let body):
            checkExpecting(condition, .scalar(.bool), .condition)
            let before = flow
            loopStack.append(LoopContext(isParallel: false))
            checkBlock(body)
            let context = loopStack.removeLast()
            flow = loopExit(
                before: before, end: flow, context, runsForever: isTrueLiteral(condition))
        case .repeatWhile(let body, let condition):
            let before = flow
            loopStack.append(LoopContext(isParallel: false))
            checkBlock(body)
            let context = loopStack.removeLast()
            flow = context.continueStates.reduce(flow, FlowState.merge)
            checkExpecting(condition, .scalar(.bool), .condition)
            // The body ran at least once: its initializations count after the loop.
            let atCondition = flow
            var after = context.breakStates.reduce(
                isTrueLiteral(condition) ? FlowState(unreachable: true) : atCondition,
                FlowState.merge)
            after.maybeInitialized.formUnion(before.maybeInitialized)
            flow = after
        case .forIn(let variable, let variableRange, let sequence, let body):
            checkFor(
                s, variable: variable, variableRange: variableRange, sequence: sequence, body: body)
        case .returnStmt(let value):
            checkReturn(value, at: stmt.range)
        case .breakStmt:
            jump(isBreak: true, at: stmt.range)
        case .continueStmt:
            jump(isBreak: false, at: stmt.range)
        case .error:
            break
        }
    }

    /// After a loop that may run zero times: what was known before, plus what any path
    /// may have initialized. `while true` without `break` never exits.
    func loopExit(before: FlowState, end: FlowState, _ context: LoopContext, runsForever: Bool)
        -> FlowState
    {
        var maybe = before.maybeInitialized.union(end.maybeInitialized)
        for state in context.breakStates + context.continueStates {
            maybe.formUnion(state.maybeInitialized)
        }
        var after: FlowState
        if runsForever {
            after = context.breakStates.reduce(FlowState(unreachable: true), FlowState.merge)
        } else {
            after = before
        }
        after.maybeInitialized = maybe
        return after
    }

    func isTrueLiteral(_ e: ExprID) -> Bool {
        if case .boolLiteral(true) = kind(stripParens(e)) { return true }
        return false
    }

    func jump(isBreak: Bool, at r: SourceRange) {
        let word = isBreak ? "break" : "continue"
        guard let last = loopStack.indices.last else {
            error("'\(word)' is only allowed inside a loop", at: r)
            return
        }
        if isBreak, loopStack[last].isParallel {
            error(
                "'break' is not allowed inside a prange loop", at: r,
                help:
                    "prange iterations run in any order; use 'continue' to skip an iteration, or a serial for loop"
            )
        }
        if isBreak {
            loopStack[last].breakStates.append(flow)
        } else {
            loopStack[last].continueStates.append(flow)
        }
        flow.unreachable = true
    }

    func checkReturn(_ value: ExprID?, at r: SourceRange) {
        if loopStack.contains(where: \.isParallel) {
            error(
                "'return' is not allowed inside a prange loop", at: r,
                help: "accumulate the result in a reduction variable and return after the loop")
        }
        if let value {
            if currentReturnType == .void {
                error(
                    "unexpected non-void return value in void function", at: range(value),
                    help: "remove the value, or declare a return type: -> T")
                checkExpr(value)
            } else {
                checkReturnValue(value)
            }
        } else if currentReturnType != .void, currentReturnType != .error {
            error(
                "non-void function should return a value", at: r,
                help: "return a value of type '\(currentReturnType)'")
        }
        flow.unreachable = true
    }

    func checkReturnValue(_ e: ExprID) {
        checkExpecting(e, currentReturnType, .returnValue)
    }

    // MARK: Bindings

    func checkBinding(
        _ s: StmtID, isVar: Bool, pattern: Pattern, typeSyntax: TypeSyntax?, value: ExprID?
    ) {
        let annotated = typeSyntax.map { resolveType($0) }
        var declared: SemaType
        if let value {
            if let annotated {
                checkExpecting(value, annotated, .specified)
                declared = annotated
            } else {
                declared = checkExpr(value)
            }
        } else if let annotated {
            declared = annotated
        } else {
            declared = .error
            error(
                "type annotation missing in pattern", at: patternRange(pattern),
                help: "declare the type (var x: Double) or give a value (var x = 0.0)")
        }
        switch declared {
        case .scalar, .array, .tuple, .error:
            break
        case .void, .range, .metatype, .string:
            let r = value.map { range($0) } ?? patternRange(pattern)
            error(
                declared == .void
                    ? "expression produces no value to bind"
                    : "cannot bind a value of type '\(declared)'",
                at: r)
            declared = .error
        }
        let localKind: LocalInfo.Kind = isVar ? .varBinding : .letBinding
        switch pattern {
        case .name(let name, let r):
            var isLocalArray = false
            if case .array = declared {
                if let value {
                    // Syntactic, so a malformed allocation gives one diagnostic, not two.
                    if case .call(let callee, _) = kind(stripParens(value)),
                        case .arrayType = kind(callee)
                    {
                        isLocalArray = true
                    }
                    // A call returning an array gives the caller a new array it owns.
                    if returnsNewArray(value) { isLocalArray = true }
                    if isVar, !isLocalArray {
                        error(
                            "a 'var' array must be a new local array", at: r,
                            help:
                                "use 'let' for a read-only view, or allocate a copy with \(declared)(repeating: 0, ...) and copy the elements"
                        )
                    }
                } else {
                    error(
                        "array variable '\(name)' must be given its value where it is declared",
                        at: r,
                        help:
                            "allocate it where it is declared: var \(name) = \(declared)(repeating: 0, ...)"
                    )
                }
            }
            let id = declareLocal(
                LocalInfo(
                    name: name, type: declared, kind: localKind, isMutable: isVar, isInout: false,
                    isLocalArray: isLocalArray, declRange: r, function: currentFunction))
            if value == nil { deferredInit.insert(id) }
            declaredLocals[s] = [id]
        case .tuple(let names, let r):
            var elementTypes = Array(repeating: SemaType.error, count: names.count)
            if case .tuple(let xs) = declared, xs.count == names.count {
                elementTypes = xs.map { .scalar($0) }
            } else if declared != .error {
                error(
                    "cannot destructure a value of type '\(declared)' into \(names.count) names",
                    at: r,
                    help: {
                        if case .tuple(let xs) = declared {
                            return "the tuple has \(xs.count) elements"
                        } else {
                            return nil
                        }
                    }())
            }
            if value == nil {
                error("a tuple pattern needs a value", at: r)
            }
            var ids: [LocalID] = []
            for (i, element) in names.enumerated() {
                ids.append(
                    declareLocal(
                        LocalInfo(
                            name: element.name, type: elementTypes[i], kind: localKind,
                            isMutable: isVar,
                            isInout: false, isLocalArray: false, declRange: element.range,
                            function: currentFunction)))
            }
            declaredLocals[s] = ids
        }
    }

    func patternRange(_ p: Pattern) -> SourceRange {
        switch p {
        case .name(_, let r), .tuple(_, let r): return r
        }
    }

    // MARK: Assignments

    func checkAssignment(target: ExprID, op: CompoundOp?, value: ExprID, opRange: SourceRange) {
        let t = stripParens(target)
        switch kind(t) {
        case .name(let name):
            guard let id = lookupLocal(name) else {
                if name == "_" {
                    error(
                        "assignment to '_' is not supported", at: range(t),
                        help:
                            "write the expression as a statement on its own, or bind it: let _ = ..."
                    )
                } else if let k = fileConstantIndex[name] {
                    error(
                        "cannot assign to value: '\(name)' is a file-scope 'let' constant",
                        at: range(t),
                        help: "declare a variable inside the function: var my\(name) = \(name)",
                        notes: fileConstantDecls[k].isSession
                            ? []
                            : [
                                .init(
                                    "'\(name)' declared here", at: fileConstantDecls[k].nameRange)
                            ])
                } else if functionIndex[name] != nil || ScalarType(name: name) != nil {
                    error(
                        "cannot assign to '\(name)'", at: range(t),
                        help: "assign to a variable declared with 'var'")
                } else {
                    reportUnknownName(name, at: range(t))
                }
                checkExpr(value)
                return
            }
            let info = locals[id]
            references[t] = .local(id)
            setType(t, info.type)
            setType(target, info.type)
            if case .array = info.type {
                error(
                    "cannot assign to array variable '\(name)'", at: range(t),
                    help:
                        "arrays cannot be reassigned as a whole; assign elements instead: \(name)[i] = ..."
                )
                checkExpr(value)
                return
            }
            if let op {
                checkCompoundValue(op, targetType: info.type, value: value, opRange: opRange)
                noteRead(id, at: range(t))
                if !info.isMutable { reportImmutable(info, at: range(t)) }
                return
            }
            checkExpecting(value, info.type, .assignment)
            if info.isMutable || (info.kind == .letBinding && deferredInit.contains(id)) {
                _ = noteInitialization(id, at: range(t))
            } else {
                reportImmutable(info, at: range(t))
            }
        case .subscriptAccess:
            let targetType = checkExpr(t)
            setType(target, targetType)
            if case .array = targetType {
                error(
                    "cannot assign to a whole row", at: range(t),
                    help: "assign elements instead: \(text(of: range(t)))[j] = ...")
                checkExpr(value)
                return
            }
            if let info = accessedLocal(t) {
                if !info.isMutable {
                    reportImmutableElement(
                        info, at: range(t), prefix: "cannot assign through subscript: ",
                        readOnlyParameter: "'\(info.name)' is a read-only array parameter")
                }
            } else if targetType != .error {
                error(
                    "cannot assign through this subscript", at: range(t),
                    help: "assign to an element of an array variable or parameter")
            }
            if let op {
                checkCompoundValue(op, targetType: targetType, value: value, opRange: opRange)
            } else {
                checkExpecting(value, targetType, .assignment)
            }
        case .tupleElement:
            error(
                "cannot assign to a tuple element", at: range(t),
                help: "destructure the tuple into variables: var (a, b) = ...")
            checkExpr(value)
        case .integerLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .arrayType, .unary,
            .binary,
            .ternary, .inoutRef, .call, .member, .tuple, .paren, .error, .implicitMember:
            if kind(t) != .error {
                error(
                    "cannot assign to this expression", at: range(t),
                    help: "assign to a variable declared with 'var' or to an array element")
            }
            checkExpr(t)
            checkExpr(value)
        }
    }

    /// The array variable at the root of `a[i][j]` / `m[i, j]`.
    func rootName(of e: ExprID) -> ExprID? {
        var e = stripParens(e)
        var steps = 0
        while case .subscriptAccess(let base, _) = kind(e), steps < 10_000 {
            e = stripParens(base)
            steps += 1
        }
        if case .name = kind(e) { return e }
        return nil
    }

    func reportImmutable(_ info: LocalInfo, at r: SourceRange) {
        error("cannot assign to value: \(immutableReason(info))", at: r, help: mutabilityHelp(info))
    }

    /// The right-hand side of `x op= v`, and whether `op` applies to `x`'s type.
    func checkCompoundValue(
        _ op: CompoundOp, targetType: SemaType, value: ExprID, opRange: SourceRange
    ) {
        let vt: SemaType
        switch op {
        case .shl, .shr:
            vt = checkExpr(value)
            if targetType == .error || vt == .error { return }
            if targetType.scalar?.isInteger != true || vt.scalar?.isInteger != true {
                error(
                    "binary operator '\(op.spelling)' cannot be applied to operands of type '\(targetType)' and '\(vt)'",
                    at: opRange, help: "shifts need integer operands")
            }
            return
        case .add, .sub, .mul, .div, .rem, .and, .or, .xor:
            vt = checkExpr(value, expected: targetType)
        }
        if targetType == .error || vt == .error { return }
        if targetType != vt {
            error(
                "binary operator '\(op.spelling)' cannot be applied to operands of type '\(targetType)' and '\(vt)'",
                at: opRange, help: conversionHelp(value, from: vt, to: targetType))
            return
        }
        guard let s = targetType.scalar, s != .bool else {
            error(
                "binary operator '\(op.spelling)' cannot be applied to two '\(targetType)' operands",
                at: opRange)
            return
        }
        switch op {
        case .rem where s.isFloating:
            error(
                "binary operator '%=' cannot be applied to two '\(targetType)' operands",
                at: opRange,
                help: "'%' is integer-only; for floating point compute a - b * trunc(a / b)")
        case .and, .or, .xor:
            if s.isFloating {
                error(
                    "binary operator '\(op.spelling)' cannot be applied to two '\(targetType)' operands",
                    at: opRange, help: "bitwise operators need integer operands")
            }
        default:
            break
        }
    }
}
