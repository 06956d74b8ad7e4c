import KernBasics
import KernSyntax

/// The statement walk Sema's lexical scans share (`ParallelScan` for scalar writes and
/// reductions in a `prange`, `ArrayAccessScan` for array accesses): every statement of a
/// block in source order, its expressions handed to `scanExpr`, assignments to
/// `scanAssign`. A scan says only what it does with expressions and assignments.
///
/// In: a type-checked body (statement IDs past the AST's end, from a failed parse, are
/// skipped). Out: whatever the conforming scan records.
protocol StatementScan {
    var checker: Checker { get }
    /// Visits an expression; `depth` bounds the recursion on hostile input.
    mutating func scanExpr(_ e: ExprID, depth: Int)
    /// Visits `target = value` (`op` nil) or `target op= value`.
    mutating func scanAssign(target: ExprID, op: CompoundOp?, value: ExprID)
}

extension StatementScan {
    mutating func scanBlock(_ block: Block) {
        for s in block.stmts { scanStmt(s) }
    }

    mutating func scanStmt(_ s: StmtID) {
        guard s.index < checker.ast.stmts.count else { return }
        switch checker.ast.stmts[s].kind {
        case .binding(_, _, _, let value):
            if let value { scanExpr(value, depth: 0) }
        case .assign(let target, let op, let value, _):
            scanAssign(target: target, op: op, value: value)
        case .expr(let e):
            scanExpr(e, depth: 0)
        case .ifStmt(let condition, let then, let elseBranch):
            scanExpr(condition, depth: 0)
            scanBlock(then)
            if let elseBranch { scanStmt(elseBranch) }
        case .block(let block):
            scanBlock(block)
        case .whileStmt(let condition, let body), .repeatWhile(let body, let condition):
            scanExpr(condition, depth: 0)
            scanBlock(body)
        case .forIn(_, _, let sequence, let body):
            scanExpr(sequence, depth: 0)
            scanBlock(body)
        case .returnStmt(let value):
            if let value { scanExpr(value, depth: 0) }
        case .breakStmt, .continueStmt, .error:
            break
        }
    }

    /// Visits the operands of an expression that is only structure to the scan (an
    /// operator, a conditional, a tuple, parentheses, a member or element access):
    /// the cases both scans walk the same way.
    mutating func scanOperands(of e: ExprID, depth: Int) {
        switch checker.kind(e) {
        case .unary(_, let inner, _), .member(let inner, _, _), .tupleElement(let inner, _, _),
            .paren(let inner):
            scanExpr(inner, depth: depth)
        case .binary(_, let l, let r, _):
            scanExpr(l, depth: depth)
            scanExpr(r, depth: depth)
        case .ternary(let c, let a, let b):
            scanExpr(c, depth: depth)
            scanExpr(a, depth: depth)
            scanExpr(b, depth: depth)
        case .tuple(let elements):
            for element in elements { scanExpr(element, depth: depth) }
        case .name, .integerLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .arrayType,
            .inoutRef, .call, .subscriptAccess, .error, .implicitMember:
            preconditionFailure("KernSema: scanOperands on an expression a scan handles itself")
        }
    }
}
