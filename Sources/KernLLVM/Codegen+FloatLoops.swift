/// Codegen of `for x in stride(from:to:by:)` / `stride(from:through:by:)` over Float or
/// Double. Swift computes the n-th value as `start.addingProduct(n, step)` (one
/// rounding, no accumulated error) and stops when it reaches the end: Kern does the
/// same, counting iterations in an i64 and computing each value with `llvm.fma`.
/// In: a `for` loop whose induction variable is floating. Out: a counted LLVM loop.
import KernIR

extension Codegen {
    func emitFloatFor(_ loop: ForLoop) {
        let lower = value(loop.lower)
        let upper = value(loop.upper)
        let step = value(loop.step)
        let t = ctx.typeOf(lower)
        let (fma, fmaType) = module.intrinsic("llvm.fma", [t])
        let positive = b.fcmp(.ogt, step, ctx.null(t))

        /// Whether `v` is still inside the range (ordered compares: NaN ends the loop).
        func inside(_ v: LLVMValue) -> LLVMValue {
            let below = b.fcmp(loop.inclusive ? .ole : .olt, v, upper)
            let above = b.fcmp(loop.inclusive ? .oge : .ogt, v, upper)
            return b.select(positive, below, above)
        }

        let preheader = b.block
        let header = newBlock("ffor.body")
        let latch = newBlock("ffor.latch")
        let exit = newBlock("ffor.end")
        b.condBr(inside(lower), header, exit)

        b.position(at: header)
        let count = b.phi(ctx.i64)
        let current = b.phi(t)
        b.addIncoming(count, ctx.null(ctx.i64), preheader)
        b.addIncoming(current, lower, preheader)
        values[loop.induction.index] = current

        if emitLoopBody(loop.body, continueTo: latch, breakTo: exit) { b.br(latch) }

        b.position(at: latch)
        let nextCount = b.add(count, ctx.constInt(ctx.i64, 1))
        let next = b.call(fmaType, fma, [b.sitofp(nextCount, t), step, lower])
        b.addIncoming(count, nextCount, b.block)
        b.addIncoming(current, next, b.block)
        let backEdge = b.condBr(inside(next), header, exit)
        debug?.markLoop(backEdge)
        b.position(at: exit)
    }
}
