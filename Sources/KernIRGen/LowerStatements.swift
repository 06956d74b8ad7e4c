import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Statements → IR instructions in the current block. Structured statements build
/// their nested blocks with `beginBlock`/`endBlock`.
extension FunctionLowerer {
    mutating func lowerStatements(_ stmts: [StmtID]) {
        for s in stmts {
            // Code after return/break/continue is unreachable: drop it.
            if b.isTerminated { return }
            lowerStatement(s)
        }
    }

    mutating func lowerBlock(_ block: KernSyntax.Block) -> KernIR.Block {
        b.beginBlock()
        lowerStatements(block.stmts)
        return b.endBlock()
    }

    mutating func lowerStatement(_ id: StmtID) {
        let stmt = ast.stmts[id]
        at(stmt.range)
        switch stmt.kind {
        case .binding(let isVar, let pattern, _, let value):
            lowerBinding(id, isVar: isVar, pattern: pattern, value: value)
        case .assign(let target, let op, let value, let opRange):
            lowerAssignment(target: target, op: op, value: value, opRange: opRange)
        case .expr(let e):
            if case .call(let callee, let arguments) = ast.exprs[e].kind {
                _ = lowerCall(e, callee: callee, arguments: arguments)
            } else {
                _ = lowerExpr(e)
            }
        case .ifStmt(let condition, let then, let elseBranch):
            let c = lowerExpr(condition)
            let thenBlock = lowerBlock(then)
            b.beginBlock()
            if let e = elseBranch { lowerStatement(e) }
            let elseBlock = b.endBlock()
            at(stmt.range)
            b.emit(.ifElse(c, then: thenBlock, else: elseBlock))
        case .block(let block):
            let inner = lowerBlock(block)
            // A braced block is its own scope (local arrays die at its end): keep it
            // nested as an always-taken `if`.
            let t = b.constant(.bool(true), .bool)
            b.emit(.ifElse(t, then: inner, else: KernIR.Block()))
        case .whileStmt(let condition, let body):
            b.beginBlock()
            let c = lowerExpr(condition)
            let condBlock = b.endBlock()
            let bodyBlock = lowerBlock(body)
            at(stmt.range)
            b.emitLoop(.whileLoop(cond: condBlock, condition: c, body: bodyBlock))
        case .repeatWhile(let body, let condition):
            let bodyBlock = lowerBlock(body)
            b.beginBlock()
            let c = lowerExpr(condition)
            let condBlock = b.endBlock()
            at(stmt.range)
            b.emitLoop(.repeatLoop(body: bodyBlock, cond: condBlock, condition: c))
        case .forIn(_, _, let sequence, let body):
            lowerFor(id, sequence: sequence, body: body)
        case .returnStmt(let e):
            let v = e.map { lowerExpr($0) }
            at(stmt.range)
            b.emit(.returnValue(v))
        case .breakStmt:
            b.emit(.breakLoop)
        case .continueStmt:
            b.emit(.continueLoop)
        case .error:
            break
        }
    }

    mutating func lowerBinding(_ id: StmtID, isVar: Bool, pattern: Pattern, value: ExprID?) {
        let locals = program.declaredLocals[id] ?? []
        switch pattern {
        case .name:
            guard let local = locals.first else { return }
            let info = program.locals[local]
            let t = irType(info.type)
            let v = value.map { lowerExpr($0) }
            if case .array = t, let v {
                bindings[local] = .value(v)  // arrays are views: never reassigned
            } else if !isVar, let v {
                bindings[local] = .value(v)
            } else {
                let slot = b.newSlot(info.name, t)
                if let v { b.emit(.store(slot, v)) }
                bindings[local] = .slot(slot)
            }
        case .tuple:
            guard let value else { return }
            let tuple = lowerExpr(value)
            guard case .tuple(let kinds) = b.type(of: tuple) else { return }
            for (i, local) in locals.enumerated() where i < kinds.count {
                let part = b.emit(.extract(tuple, index: i), .scalar(kinds[i]))
                if isVar {
                    let slot = b.newSlot(program.locals[local].name, .scalar(kinds[i]))
                    b.emit(.store(slot, part))
                    bindings[local] = .slot(slot)
                } else {
                    bindings[local] = .value(part)
                }
            }
        }
    }

    /// `target = value` / `target op= value`. The right-hand side is evaluated first,
    /// then the target is accessed (and bounds-checked), as Swift begins an inout
    /// access only after evaluating the other operands.
    mutating func lowerAssignment(
        target: ExprID, op: CompoundOp?, value: ExprID, opRange: SourceRange
    ) {
        let targetExpr = ast.exprs[target]
        switch targetExpr.kind {
        case .name:
            guard case .local(let local)? = program.references[target],
                case .slot(let slot)? = bindings[local]
            else { return }
            var v = lowerExpr(value)
            if let op {
                let old = b.emit(.load(slot), b.function.slots[slot].type)
                v = arithmetic(op.binaryOp, old, v, opPos: opRange)
            }
            at(targetExpr.range)
            b.emit(.store(slot, v))
        case .subscriptAccess(let base, let indices):
            let element = lowerElementAddress(base: base, indices: indices)
            var v = lowerExpr(value)
            let (array, idx) = element.checked(&self)
            if let op {
                let old = b.emit(.loadElement(array, indices: idx), .scalar(element.kind))
                v = arithmetic(op.binaryOp, old, v, opPos: opRange)
            }
            at(targetExpr.range)
            b.emit(.storeElement(array, indices: idx, value: v))
        case .paren(let inner):
            lowerAssignment(target: inner, op: op, value: value, opRange: opRange)
        default:
            // Sema accepts only variables and array elements as assignment targets.
            assertionFailure("unexpected assignment target")
        }
    }
}
