import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Expressions → SSA values. Literal values come from Sema's `constants` table (already
/// typed by context); everything else follows the expression's kind.
extension FunctionLowerer {
    mutating func lowerExpr(_ e: ExprID) -> ValueID {
        if let c = program.constants[e] {
            let (constant, kind) = irConstant(c)
            at(ast.exprs[e].range)
            return b.constant(constant, kind)
        }
        let expr = ast.exprs[e]
        switch expr.kind {
        case .integerLiteral, .floatLiteral, .boolLiteral:
            // Sema records every literal in `constants`.
            preconditionFailure("KernIRGen: literal \(e) without a constant")
        case .stringLiteral, .arrayType, .error, .inoutRef:
            // Only valid as call arguments or callees, handled by the call lowering.
            preconditionFailure("KernIRGen: \(expr.kind) lowered as a value")
        case .name:
            guard case .local(let local)? = program.references[e] else {
                preconditionFailure("KernIRGen: name \(e) does not refer to a local")
            }
            return read(local)
        case .paren(let inner):
            return lowerExpr(inner)
        case .unary(let op, let operand, _):
            let v = lowerExpr(operand)
            at(expr.range)
            let t = b.type(of: v)
            switch op {
            case .negate: return b.emit(.unary(.neg, v), t)
            case .not: return b.emit(.unary(.not, v), t)
            case .bitNot: return b.emit(.unary(.bitNot, v), t)
            }
        case .binary(let op, let lhs, let rhs, let opRange):
            return lowerBinary(op, lhs, rhs, opRange: opRange)
        case .ternary(let condition, let then, let otherwise):
            let c = lowerExpr(condition)
            let t = irType(type(of: e))
            let slot = b.newSlot("ternary", t)
            b.beginBlock()
            b.emit(.store(slot, lowerExpr(then)))
            let thenBlock = b.endBlock()
            b.beginBlock()
            b.emit(.store(slot, lowerExpr(otherwise)))
            let elseBlock = b.endBlock()
            at(expr.range)
            b.emit(.ifElse(c, then: thenBlock, else: elseBlock))
            return b.emit(.load(slot), t)
        case .call(let callee, let arguments):
            // A void call used as a value cannot pass Sema.
            guard let v = lowerCall(e, callee: callee, arguments: arguments) else {
                preconditionFailure("KernIRGen: a call without a value is used as one")
            }
            return v
        case .subscriptAccess(let base, let indices):
            return lowerSubscript(e, base: base, indices: indices)
        case .member(let base, _, _):
            return lowerMember(e, base: base)
        case .implicitMember:
            preconditionFailure("KernIRGen: an implicit member outside allreduce passed Sema")
        case .tupleElement(let base, let index, _):
            let tuple = lowerExpr(base)
            at(expr.range)
            return b.emit(.extract(tuple, index: index), irType(type(of: e)))
        case .tuple(let elements):
            let parts = elements.map { lowerExpr($0) }
            at(expr.range)
            return b.emit(.makeTuple(parts), irType(type(of: e)))
        }
    }

    mutating func lowerBinary(_ op: BinaryOp, _ lhs: ExprID, _ rhs: ExprID, opRange: SourceRange)
        -> ValueID
    {
        switch op {
        case .and, .or:
            return lowerShortCircuit(isAnd: op == .and, lhs, rhs)
        case .eq, .ne, .lt, .le, .gt, .ge:
            let a = lowerExpr(lhs)
            let c = lowerExpr(rhs)
            at(opRange)
            return b.emit(.compare(comparePredicate(op), a, c), .scalar(.bool))
        case .halfOpenRange, .closedRange:
            // Ranges exist only as loop sequences, which `lowerFor` takes apart.
            assertionFailure("range outside a for loop")
            return lowerExpr(lhs)
        case .add, .sub, .mul, .div, .rem, .bitAnd, .bitOr, .bitXor, .shl, .shr:
            let a = lowerExpr(lhs)
            let c = lowerExpr(rhs)
            return arithmetic(op, a, c, opPos: opRange)
        }
    }

    /// `a op c` on values, with the divisor check for integer `/` and `%`, and
    /// shift amounts brought to the shifted value's type.
    mutating func arithmetic(_ op: BinaryOp, _ a: ValueID, _ c: ValueID, opPos: SourceRange)
        -> ValueID
    {
        let t = b.type(of: a)
        at(opPos)
        let opcode: BinaryOpcode
        switch op {
        case .add: opcode = .add
        case .sub: opcode = .sub
        case .mul: opcode = .mul
        case .div: opcode = .div
        case .rem: opcode = .rem
        case .bitAnd: opcode = .and
        case .bitOr: opcode = .or
        case .bitXor: opcode = .xor
        case .shl: opcode = .shl
        case .shr: opcode = .shr
        default:
            assertionFailure("not an arithmetic operator")
            opcode = .add
        }
        var rhs = c
        if opcode == .div || opcode == .rem, let k = t.scalar, k.isInteger {
            b.emit(.checkDivisor(c))
        }
        if opcode == .shl || opcode == .shr, b.type(of: c) != t {
            rhs = shiftAmount(c, to: t)
        }
        return b.emit(.binary(opcode, a, rhs), t)
    }

    /// Converts a shift amount of another integer type to the shifted value's type,
    /// clamping it to ±bitWidth first so that the smart-shift result is preserved.
    mutating func shiftAmount(_ amount: ValueID, to t: IRType) -> ValueID {
        guard let k = t.scalar else { return amount }
        var wide = amount
        if b.type(of: amount) != .scalar(.int64) {
            wide = b.emit(.convert(amount), .scalar(.int64))
        }
        let limit = b.int64(Int64(k.bitWidth))
        let negLimit = b.int64(-Int64(k.bitWidth))
        let tooBig = b.emit(.compare(.gt, wide, limit), .scalar(.bool))
        wide = b.emit(.select(tooBig, limit, wide), .scalar(.int64))
        let tooSmall = b.emit(.compare(.lt, wide, negLimit), .scalar(.bool))
        wide = b.emit(.select(tooSmall, negLimit, wide), .scalar(.int64))
        if k == .int64 { return wide }
        return b.emit(.convert(wide), t)
    }

    /// `a && c` / `a || c`: `c` is evaluated only when needed (it may fail a check).
    mutating func lowerShortCircuit(isAnd: Bool, _ lhs: ExprID, _ rhs: ExprID) -> ValueID {
        let a = lowerExpr(lhs)
        let slot = b.newSlot(isAnd ? "and" : "or", .scalar(.bool))
        b.emit(.store(slot, a))
        b.beginBlock()
        b.emit(.store(slot, lowerExpr(rhs)))
        let evaluateRight = b.endBlock()
        if isAnd {
            b.emit(.ifElse(a, then: evaluateRight, else: KernIR.Block()))
        } else {
            b.emit(.ifElse(a, then: KernIR.Block(), else: evaluateRight))
        }
        return b.emit(.load(slot), .scalar(.bool))
    }

    func comparePredicate(_ op: BinaryOp) -> ComparePredicate {
        switch op {
        case .eq: .eq
        case .ne: .ne
        case .lt: .lt
        case .le: .le
        case .gt: .gt
        default: .ge
        }
    }

    mutating func lowerMember(_ e: ExprID, base: ExprID) -> ValueID {
        guard let member = program.members[e] else {
            preconditionFailure("KernIRGen: Sema resolved no member for \(e)")
        }
        switch member {
        case .count:
            let array = lowerExpr(base)
            at(ast.exprs[e].range)
            return b.emit(.dim(array, axis: 0), .scalar(.int64))
        case .property(let fn):
            let v = lowerExpr(base)
            at(ast.exprs[e].range)
            return b.emit(.math(fn, [v]), .scalar(.bool))
        case .constant(let c):
            let (constant, kind) = irConstant(c)
            at(ast.exprs[e].range)
            return b.constant(constant, kind)
        }
    }
}
