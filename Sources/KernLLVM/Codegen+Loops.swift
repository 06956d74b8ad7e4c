/// Codegen of structured control flow: if/else, counted `for` loops (serial and
/// parallel, the latter run sequentially with their reductions marked reassociable),
/// `while`, `repeat`, `break`, `continue`, `return` — each exit freeing the local arrays
/// of the scopes it leaves.
/// In: the structured IR instructions. Out: LLVM basic blocks in canonical loop form
/// (phi induction, single latch) so SCEV and the vectorizers understand them.
import KernIR

extension Codegen {
    func newBlock(_ name: String) -> LLVMBlock {
        guard let fn = llvmFunction else { preconditionFailure("KernLLVM: no function") }
        return module.appendBlock(fn, name)
    }

    func emitIf(_ c: LLVMValue, _ then: Block, _ otherwise: Block) {
        let thenBlock = newBlock("if.then")
        let merge = newBlock("if.end")
        let elseBlock = otherwise.instrs.isEmpty ? merge : newBlock("if.else")
        b.condBr(c, thenBlock, elseBlock)
        b.position(at: thenBlock)
        emitBlock(then)
        if !b.isTerminated { b.br(merge) }
        if elseBlock != merge {
            b.position(at: elseBlock)
            emitBlock(otherwise)
            if !b.isTerminated { b.br(merge) }
        }
        b.position(at: merge)
    }

    /// `for i in lower..<upper` (or `...`, or a stride). Bounds and step are evaluated
    /// once. The latch never overflows: with step 1 it compares `i + 1 < upper` (or
    /// `i != upper` when inclusive); otherwise it continues while the remaining distance
    /// (unsigned) exceeds the step's magnitude.
    /// `id`: the loop's identity (for the SPMD decision's report).
    func emitFor(_ loop: ForLoop, id: LoopID? = nil) {
        if emitSPMDForIfChosen(loop, id: id) { return }
        let kind = scalarKind(loop.lower)
        if kind.isFloating { return emitFloatFor(loop) }
        let lower = value(loop.lower)
        let t = ctx.typeOf(lower)
        let signed = kind.isSigned
        let upper = intCast(value(loop.upper), to: t, signed: scalarKind(loop.upper).isSigned)
        let stepKind = scalarKind(loop.step)
        let step = intCast(value(loop.step), to: t, signed: stepKind.isSigned)
        let stepConstant = ctx.constantValue(step)
        // Sign of the step: known (constant or unsigned type) or tested at run time.
        let stepPositive: Bool? =
            if !stepKind.isSigned { true } else if let k = stepConstant { k > 0 } else { nil }
        let runtimePositive =
            stepPositive.map { $0 ? ctx.trueValue : ctx.falseValue }
            ?? b.icmp(.sgt, step, ctx.null(t))

        let lt: IntPredicate =
            signed ? (loop.inclusive ? .sle : .slt) : (loop.inclusive ? .ule : .ult)
        let gt: IntPredicate =
            signed ? (loop.inclusive ? .sge : .sgt) : (loop.inclusive ? .uge : .ugt)
        let enter: LLVMValue
        switch stepPositive {
        case true?: enter = b.icmp(lt, lower, upper)
        case false?: enter = b.icmp(gt, lower, upper)
        case nil:
            enter = b.select(runtimePositive, b.icmp(lt, lower, upper), b.icmp(gt, lower, upper))
        }

        let header = newBlock("for.body")
        let latch = newBlock("for.latch")
        let exit = newBlock("for.end")
        let induction = enterCountedLoop(if: enter, body: header, exit: exit, start: lower)
        values[loop.induction.index] = induction

        let savedReductions = reductionSlots
        switch loop.kind {
        case .serial: break
        case .blocked(let reductions):
            // One block of a parallel loop: its reductions may be reassociated
            // (LANGUAGE.md §7), in an order fixed by this code.
            for r in reductions { reductionSlots.insert(r.slot) }
        case .parallel:
            preconditionFailure("KernLLVM: parallel loops are outlined before LLVM lowering")
        }
        let fallsThrough = emitLoopBody(loop.body, continueTo: latch, breakTo: exit)
        reductionSlots = savedReductions
        if fallsThrough { b.br(latch) }

        b.position(at: latch)
        let next: LLVMValue
        let again: LLVMValue
        if stepConstant == 1 && !loop.inclusive {
            // i < upper ≤ T.max, so i + 1 cannot overflow.
            next = b.add(induction, step, nsw: signed)
            again = b.icmp(signed ? .slt : .ult, next, upper)
        } else if stepConstant == 1 {
            again = b.icmp(.ne, induction, upper)
            next = b.add(induction, step)
        } else {
            let ahead = b.sub(upper, induction)
            let behind = b.sub(induction, upper)
            let distance: LLVMValue
            let magnitude: LLVMValue
            switch stepPositive {
            case true?: (distance, magnitude) = (ahead, step)
            case false?: (distance, magnitude) = (behind, b.neg(step))
            case nil:
                distance = b.select(runtimePositive, ahead, behind)
                magnitude = b.select(runtimePositive, step, b.neg(step))
            }
            again = b.icmp(loop.inclusive ? .uge : .ugt, distance, magnitude)
            next = b.add(induction, step)
        }
        b.addIncoming(induction, next, b.block)
        let backEdge = b.condBr(again, header, exit)
        debug?.markLoop(backEdge)  // not inside `debug?.`: the branch is always built
        b.position(at: exit)
    }

    /// The entry of a loop whose body starts with a counter: branches to `body` when
    /// `enter` holds (else to `exit`), positions there and returns the counter's phi,
    /// `start` on entry. The caller adds the back edge's incoming value.
    func enterCountedLoop(
        if enter: LLVMValue, body: LLVMBlock, exit: LLVMBlock, start: LLVMValue
    ) -> LLVMValue {
        let preheader = b.block
        b.condBr(enter, body, exit)
        b.position(at: body)
        let counter = b.phi(ctx.typeOf(start))
        b.addIncoming(counter, start, preheader)
        return counter
    }

    /// The test of a `while` or `repeat` loop: emits `cond` at `block`, then branches on
    /// `condition` to `loop` (true) or `exit`; returns the branch.
    @discardableResult
    func emitLoopTest(
        _ cond: Block, _ condition: ValueID, at block: LLVMBlock, loop: LLVMBlock, exit: LLVMBlock
    ) -> LLVMValue {
        b.position(at: block)
        emitBlock(cond)
        return b.condBr(value(condition), loop, exit)
    }

    func emitWhile(_ cond: Block, _ condition: ValueID, _ body: Block) {
        let header = newBlock("while.cond")
        let bodyBlock = newBlock("while.body")
        let exit = newBlock("while.end")
        b.br(header)
        emitLoopTest(cond, condition, at: header, loop: bodyBlock, exit: exit)
        b.position(at: bodyBlock)
        if emitLoopBody(body, continueTo: header, breakTo: exit) {
            let backEdge = b.br(header)
            debug?.markLoop(backEdge)
        }
        b.position(at: exit)
    }

    /// Emits a loop body at the current block, `continue` branching to `continueTo` and
    /// `break` to `breakTo`; true when the body falls through at its end.
    func emitLoopBody(_ body: Block, continueTo: LLVMBlock, breakTo: LLVMBlock) -> Bool {
        loops.append(
            LoopTargets(continueBlock: continueTo, breakBlock: breakTo, scopeDepth: scopes.count))
        emitBlock(body)
        loops.removeLast()
        return !b.isTerminated
    }

    func emitRepeat(_ body: Block, _ cond: Block, _ condition: ValueID) {
        let bodyBlock = newBlock("repeat.body")
        let condBlock = newBlock("repeat.cond")
        let exit = newBlock("repeat.end")
        b.br(bodyBlock)
        b.position(at: bodyBlock)
        if emitLoopBody(body, continueTo: condBlock, breakTo: exit) { b.br(condBlock) }
        let backEdge = emitLoopTest(cond, condition, at: condBlock, loop: bodyBlock, exit: exit)
        debug?.markLoop(backEdge)
        b.position(at: exit)
    }

    func emitBreak() {
        guard let loop = loops.last else { preconditionFailure("KernLLVM: break outside a loop") }
        freeScopes(from: loop.scopeDepth)
        b.br(loop.breakBlock)
    }

    func emitContinue() {
        guard let loop = loops.last else {
            preconditionFailure("KernLLVM: continue outside a loop")
        }
        freeScopes(from: loop.scopeDepth)
        b.br(loop.continueBlock)
    }

    /// Frees every live local array of the function and returns `v`.
    func emitReturn(_ v: LLVMValue?) {
        freeScopes(from: 0)
        spillRandomState(callee: nil)
        if let v {
            b.ret(v)
        } else if let zero = errorReturnValue {
            // Falling off the end of a function with a result cannot happen in checked IR.
            b.ret(zero)
        } else {
            b.retVoid()
        }
    }

    /// Frees the arrays of scopes[depth...], innermost first, except `kept` (an array
    /// being returned to the caller).
    func freeScopes(from depth: Int, keeping kept: LLVMValue? = nil) {
        guard depth < scopes.count else { return }
        for scope in scopes[depth...].reversed() {
            freeArrays(scope.arrays.filter { $0 != kept })
        }
    }
}
