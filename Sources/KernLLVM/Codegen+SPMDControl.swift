/// SPMD lowering (Codegen+SPMD.swift): control flow under lane masks — `if`, `while`,
/// `repeat` and uniform `for` loops, with per-lane exits and continue masks.
import KernABI
import KernBasics
import KernIR

extension Codegen {
    // MARK: Control flow

    func spmdIf(_ c: ValueID, _ then: Block, _ otherwise: Block, _ mask: LLVMValue)
        -> LLVMValue
    {
        if !isVarying(c) {
            let out = maskVariable(zeroMask)
            let merge = newBlock("spmd.if.end")
            let thenBlock = newBlock("spmd.if.then")
            let elseBlock = newBlock("spmd.if.else")
            b.condBr(value(c), thenBlock, elseBlock)
            for (block, arm) in [(thenBlock, then), (elseBlock, otherwise)] {
                b.position(at: block)
                b.store(spmdBlock(arm, mask), out)
                b.br(merge)
            }
            b.position(at: merge)
            return b.load(maskType, out)
        }
        let condition = value(c)
        let thenMask = and(mask, condition)
        let elseMask = and(mask, b.not(condition))
        if isFlat(then) && isFlat(otherwise) {
            // Cheaper to run both arms under their masks than to test and branch
            // (the `&&` of a `while` condition is such an `if`).
            let reachedThen = spmdBlock(then, thenMask)
            let reachedElse = spmdBlock(otherwise, elseMask)
            return b.or(reachedThen, reachedElse)
        }
        let out = maskVariable(zeroMask)
        let merge = newBlock("spmd.if.end")
        let thenBlock = newBlock("spmd.if.then")
        let afterThen = newBlock("spmd.if.next")
        b.condBr(any(thenMask), thenBlock, afterThen)
        b.position(at: thenBlock)
        b.store(spmdBlock(then, thenMask), out)
        b.br(afterThen)
        b.position(at: afterThen)
        if otherwise.instrs.isEmpty {
            b.store(b.or(b.load(maskType, out), elseMask), out)
            b.br(merge)
        } else {
            let elseBlock = newBlock("spmd.if.else")
            b.condBr(any(elseMask), elseBlock, merge)
            b.position(at: elseBlock)
            let reached = spmdBlock(otherwise, elseMask)
            b.store(b.or(b.load(maskType, out), reached), out)
            b.br(merge)
        }
        b.position(at: merge)
        return b.load(maskType, out)
    }

    /// A short arm of pure arithmetic and slot accesses, which cannot trap and costs less
    /// than a test and a branch: run it under its mask without testing for live lanes.
    func isFlat(_ block: Block) -> Bool {
        block.instrs.count <= 12
            && block.instrs.allSatisfy { instr in
                switch instr.op {
                case .constant, .unary, .compare, .convert, .select, .load, .store, .dim:
                    return true
                case .binary(let op, let x, _):
                    return scalarKind(x).isFloating || ![.div, .rem, .shl, .shr].contains(op)
                default:
                    return false
                }
            }
    }

    /// The lanes of `mask` where `condition` holds.
    func taking(_ condition: ValueID, _ mask: LLVMValue) -> LLVMValue {
        isVarying(condition)
            ? and(mask, value(condition)) : b.select(value(condition), mask, zeroMask)
    }

    /// Runs `body` under `mask` with a fresh continue mask; returns the lanes that reach
    /// the loop's latch (fell through or continued).
    func loopBody(_ body: Block, _ mask: LLVMValue) -> LLVMValue {
        let continued = maskVariable(zeroMask)
        spmd?.continueMasks.append(continued)
        let reached = spmdBlock(body, mask)
        spmd?.continueMasks.removeLast()
        return b.or(reached, b.load(maskType, continued))
    }

    /// `while`: lanes leave when their condition fails or they break; the loop runs while
    /// any lane is active. Every lane that entered goes on after it.
    func spmdWhile(_ cond: Block, _ condition: ValueID, _ body: Block, _ mask: LLVMValue) {
        let active = maskVariable(mask)
        let header = newBlock("spmd.while.cond")
        let bodyBlock = newBlock("spmd.while.body")
        let exit = newBlock("spmd.while.end")
        b.br(header)
        b.position(at: header)
        let live = taking(condition, spmdBlock(cond, b.load(maskType, active)))
        b.condBr(any(live), bodyBlock, exit)
        b.position(at: bodyBlock)
        b.store(loopBody(body, live), active)
        let backEdge = b.br(header)
        debug?.markLoop(backEdge)
        b.position(at: exit)
    }

    func spmdRepeat(_ body: Block, _ cond: Block, _ condition: ValueID, _ mask: LLVMValue) {
        let active = maskVariable(mask)
        let bodyBlock = newBlock("spmd.repeat.body")
        let exit = newBlock("spmd.repeat.end")
        b.br(bodyBlock)
        b.position(at: bodyBlock)
        let reached = loopBody(body, b.load(maskType, active))
        let live = taking(condition, spmdBlock(cond, reached))
        b.store(live, active)
        let backEdge = b.condBr(any(live), bodyBlock, exit)
        debug?.markLoop(backEdge)
        b.position(at: exit)
    }

    /// A serial `for` with uniform bounds and step 1 (SPMDAnalysis): one scalar induction
    /// for all lanes; it ends at the bound or when no lane is left.
    func spmdFor(_ loop: ForLoop, _ mask: LLVMValue) {
        let kind = scalarKind(loop.lower)
        let signed = kind.isSigned
        let lower = value(loop.lower)
        let t = ctx.typeOf(lower)
        let upper = intCast(value(loop.upper), to: t, signed: scalarKind(loop.upper).isSigned)
        let lt: IntPredicate =
            signed ? (loop.inclusive ? .sle : .slt) : (loop.inclusive ? .ule : .ult)
        let active = maskVariable(mask)
        let preheader = b.block
        let header = newBlock("spmd.for.body")
        let exit = newBlock("spmd.for.end")
        b.condBr(b.icmp(lt, lower, upper), header, exit)
        b.position(at: header)
        let induction = b.phi(t)
        b.addIncoming(induction, lower, preheader)
        values[loop.induction.index] = induction
        let reached = loopBody(loop.body, b.load(maskType, active))
        b.store(reached, active)
        let next: LLVMValue
        let more: LLVMValue
        if loop.inclusive {
            more = b.icmp(.ne, induction, upper)
            next = b.add(induction, ctx.constInt(t, 1))
        } else {
            next = b.add(induction, ctx.constInt(t, 1), nsw: signed)
            more = b.icmp(signed ? .slt : .ult, next, upper)
        }
        b.addIncoming(induction, next, b.block)
        let backEdge = b.condBr(b.and(more, any(reached)), header, exit)
        debug?.markLoop(backEdge)
        b.position(at: exit)
    }
}
