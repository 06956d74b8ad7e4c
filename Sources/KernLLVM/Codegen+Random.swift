/// Codegen of random numbers (`random`, `rng.iteration`) and `atomic.add`.
///
/// A function that draws (directly or through callees: `functionsDrawingRandomNumbers`)
/// keeps the random stream's iteration and ordinal in two allocas (registers after
/// mem2reg), loaded from the call context at entry, written back before calls and
/// launches that draw and at returns, reloaded after them. The seed and the block
/// context's region and depth are read once at entry. Philox-4x32-10 is emitted inline
/// as plain integer arithmetic, so a loop that draws vectorizes like any other; every
/// formula matches `KernIR/Random.swift`, the interpreter's reference.
/// In: the instructions. Out: LLVM IR.
import KernABI
import KernBasics
import KernIR

/// The random stream of the function being emitted.
struct RandomRegisters {
    var iteration: LLVMValue  // alloca i64
    var ordinal: LLVMValue  // alloca i64
    var seed: LLVMValue
    var regions: LLVMValue
    var depth: LLVMValue
}

extension Codegen {
    private func field(_ f: CallContextField) -> LLVMValue {
        contextField(f, of: ctxArgument)
    }

    /// At function entry: the stream's registers, if the function draws.
    func emitRandomEntry(_ id: FunctionID) -> RandomRegisters? {
        guard drawing.contains(id) else { return nil }
        let regs = RandomRegisters(
            iteration: b.alloca(ctx.i64, "rng.iteration"),
            ordinal: b.alloca(ctx.i64, "rng.ordinal"),
            seed: b.load(ctx.i64, field(.seed)), regions: b.load(ctx.i64, field(.rngRegions)),
            depth: b.load(ctx.i32, field(.parallelDepth)))
        b.store(b.load(ctx.i64, field(.rngIteration)), regs.iteration)
        b.store(b.load(ctx.i64, field(.rngOrdinal)), regs.ordinal)
        return regs
    }

    /// Before a call or launch that may draw, and before returning.
    func spillRandomState(callee: FunctionID?) {
        guard let rng, callee.map(drawing.contains) ?? true else { return }
        b.store(b.load(ctx.i64, rng.iteration), field(.rngIteration))
        b.store(b.load(ctx.i64, rng.ordinal), field(.rngOrdinal))
    }

    /// After a call or launch that may draw (a nested prange advances the ordinal).
    func reloadRandomState(callee: FunctionID) {
        guard let rng, drawing.contains(callee) else { return }
        b.store(b.load(ctx.i64, field(.rngOrdinal)), rng.ordinal)
    }

    /// Whether a function body contains `rng.iteration` (an outlined prange body that
    /// draws: the instruction sits in its block loop).
    func startsRandomStreams(_ block: Block) -> Bool {
        block.instrs.contains { instr in
            if case .rngIteration = instr.op { return true }
            return instr.op.nestedBlocks.contains(where: startsRandomStreams)
        }
    }

    /// Emits `body` twice: for the outermost parallel level (depth 1), where
    /// `rng.iteration` starts each iteration's stream, and for a nested run, where it does
    /// nothing and draws continue the enclosing stream. A single copy would carry the
    /// ordinal from one iteration to the next through a select, a recurrence that stops
    /// the vectorizer; each copy alone is a plain loop.
    func emitVersionedByDepth(_ body: Block, _ rng: RandomRegisters) {
        let outermost = newBlock("rng.outermost")
        let nested = newBlock("rng.nested")
        b.condBr(b.icmp(.eq, rng.depth, ctx.constInt(ctx.i32, 1)), outermost, nested)
        for (block, starts) in [(outermost, true), (nested, false)] {
            b.position(at: block)
            rngStartsStreams = starts
            emitBlock(body)
            if !b.isTerminated { emitReturn(nil) }
        }
        rngStartsStreams = false
    }

    /// `rng.iteration %i`: in the outermost version, this iteration's stream starts.
    func emitRandomIteration(_ i: ValueID) {
        guard let rng, rngStartsStreams else { return }
        let kind = scalarKind(i)
        b.store(intCast(value(i), to: ctx.i64, signed: kind.isSigned), rng.iteration)
        b.store(b.shl(rng.regions, ctx.constInt(ctx.i64, RandomStream.regionShift)), rng.ordinal)
    }

    /// `random.uniform` / `random.normal`.
    func emitRandom(_ d: RandomDistribution, _ args: [ValueID], resultKind: ScalarType) -> LLVMValue
    {
        guard let rng else {
            preconditionFailure("KernLLVM: random in a function not marked as drawing")
        }
        let ordinal = b.load(ctx.i64, rng.ordinal)
        b.store(b.add(ordinal, ctx.constInt(ctx.i64, 1)), rng.ordinal)
        let (w0, w1) = philox(
            ordinal: ordinal, iteration: b.load(ctx.i64, rng.iteration), seed: rng.seed)
        switch d {
        case .normal:
            return normal(w0, w1)
        case .uniform:
            return uniform(resultKind, value(args[0]), value(args[1]), w0)
        }
    }

    private func uniform(_ kind: ScalarType, _ lo: LLVMValue, _ hi: LLVMValue, _ bits: LLVMValue)
        -> LLVMValue
    {
        let t = llvmType(kind)
        if kind.isFloating {
            let unit: LLVMValue
            if kind == .double {
                unit = b.fmul(
                    b.uitofp(b.lshr(bits, ctx.constInt(ctx.i64, 11)), t), ctx.constReal(t, 0x1p-53),
                    .strict)
            } else {
                let low = b.trunc(bits, ctx.i32)
                unit = b.fmul(
                    b.uitofp(b.lshr(low, ctx.constInt(ctx.i32, 8)), t), ctx.constReal(t, 0x1p-24),
                    .strict)
            }
            let r = b.fadd(b.fmul(b.fsub(hi, lo, .strict), unit, .strict), lo, .strict)
            return b.select(b.fcmp(.olt, r, hi), r, lo)
        }
        // lo + ⌊bits · span / 2^64⌋, span = hi - lo as an unsigned number of the type's width.
        let i128 = ctx.int(bits: 128)
        var span = b.sub(hi, lo)
        if kind.bitWidth < 64 { span = b.zext(span, ctx.i64) }
        let product = b.mul(b.zext(bits, i128), b.zext(span, i128))
        var offset = b.trunc(b.lshr(product, ctx.constInt(i128, 64)), ctx.i64)
        if kind.bitWidth < 64 { offset = b.trunc(offset, t) }
        return b.add(lo, offset)
    }

    /// Box–Muller, as `RandomValues.normal`.
    private func normal(_ w0: LLVMValue, _ w1: LLVMValue) -> LLVMValue {
        let f64 = ctx.f64
        let shift = ctx.constInt(ctx.i64, 11)
        let scale = ctx.constReal(f64, 0x1p-53)
        let u1 = b.fmul(
            b.fadd(b.uitofp(b.lshr(w0, shift), f64), ctx.constReal(f64, 1), .strict), scale, .strict
        )
        let u2 = b.fmul(b.uitofp(b.lshr(w1, shift), f64), scale, .strict)
        let (sqrt, sqrtType) = module.intrinsic("llvm.sqrt", [f64])
        let radius = b.call(
            sqrtType, sqrt, [b.fmul(ctx.constReal(f64, -2), normalMath(.log, u1), .strict)])
        let angle = normalMath(.cos, b.fmul(ctx.constReal(f64, 2 * Double.pi), u2, .strict))
        return b.fmul(radius, angle, .strict)
    }

    /// log/cos of Box–Muller, through vector math so that normal draws vectorize: libmvec
    /// with fast-math; in strict mode libmvec's log (1 ulp) and Kern's own cos (1 ulp,
    /// Codegen+StrictSinCos). Draws stay independent of the thread count because prange
    /// block bounds, and so which draws take the SIMD path, depend only on the trip count
    /// (decisions.md, vector math).
    private func normalMath(_ op: MathFunction, _ x: LLVMValue) -> LLVMValue {
        if let call = vectorizableMath(op, .double, [x], FloatFlags(options.fastMathLevel)) {
            return call
        }
        guard case .function(_, let intrinsic?) = op.entry.implementation else {
            preconditionFailure("KernLLVM: Box–Muller needs an LLVM intrinsic for \(op.name)")
        }
        let (fn, type) = module.intrinsic(intrinsic, [ctx.f64])
        return b.call(type, fn, [x])
    }

    /// Philox-4x32-10 of counter (ordinal, iteration) and key seed; the block as two i64
    /// words (x0 | x1 << 32, x2 | x3 << 32).
    private func philox(ordinal: LLVMValue, iteration: LLVMValue, seed: LLVMValue) -> (
        LLVMValue, LLVMValue
    ) {
        let i32 = ctx.i32
        let i64 = ctx.i64
        let c32 = ctx.constInt(i64, 32)
        func lo(_ v: LLVMValue) -> LLVMValue { b.trunc(v, i32) }
        func hi(_ v: LLVMValue) -> LLVMValue { b.trunc(b.lshr(v, c32), i32) }
        var c = (lo(ordinal), hi(ordinal), lo(iteration), hi(iteration))
        var k0 = lo(seed)
        var k1 = hi(seed)
        let m0 = ctx.constInt(i64, UInt64(Philox.m0))
        let m1 = ctx.constInt(i64, UInt64(Philox.m1))
        for round in 0..<10 {
            if round > 0 {
                k0 = b.add(k0, ctx.constInt(i32, UInt64(Philox.w0)))
                k1 = b.add(k1, ctx.constInt(i32, UInt64(Philox.w1)))
            }
            let p0 = b.mul(b.zext(c.0, i64), m0)
            let p1 = b.mul(b.zext(c.2, i64), m1)
            c = (b.xor(b.xor(hi(p1), c.1), k0), lo(p1), b.xor(b.xor(hi(p0), c.3), k1), lo(p0))
        }
        func word(_ low: LLVMValue, _ high: LLVMValue) -> LLVMValue {
            b.or(b.zext(low, i64), b.shl(b.zext(high, i64), c32))
        }
        return (word(c.0, c.1), word(c.2, c.3))
    }

    /// `atomic.add a[indices], v`.
    func emitAtomicAdd(_ a: ValueID, _ indices: [ValueID], _ v: ValueID) {
        let view = view(a)
        b.atomicAdd(
            elementPointer(view, indices.map(value)), value(v), floating: view.element.isFloating)
    }
}
