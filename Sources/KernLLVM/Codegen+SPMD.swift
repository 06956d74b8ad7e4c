/// Codegen of SPMD `prange` blocks (issue 16; docs/decisions.md, "SPMD prange bodies"):
/// a `.blocked` loop the analysis accepts (KernIR/Passes/SPMDAnalysis.swift) runs its
/// iterations in groups of W lanes. Uniform values stay scalar (the ordinary emitter
/// emits them); varying ones are `<W x T>` vectors; a `<W x i1>` mask says which lanes
/// are live. `if` on a varying condition runs each arm under its mask, skipping an arm
/// no lane takes; `while`/`repeat`/`for` loop while any lane is active, each lane
/// leaving by its own exit mask; `break` and `continue` remove lanes (continuing lanes
/// rejoin at the loop's latch). Element loads and stores are masked gathers and
/// scatters; math and integer division/shifts run lane by lane through the scalar
/// emitter, so every lane computes exactly what scalar code computes. A check that
/// fails in a live lane records the lowest such lane's failure and stops it and the
/// lanes above; the lanes below run to the end of their iterations, then the group
/// leaves with that failure — the scalar loop's error at its lowest failing iteration.
/// The remainder of a block is a group with fewer live lanes.
/// In: a blocked `ForLoop` and its `SPMDDecision`. Out: the group loop.
import KernABI
import KernBasics
import KernIR

/// The SPMD lowering of one blocked loop, while it is being emitted.
struct SPMDLowering {
    let lanes: Int
    let decision: SPMDDecision
    /// Per-lane storage of the slots the body writes.
    var slots: [SlotID: LLVMValue] = [:]
    /// The failure recorded by a check in the current group (SPMDFailure).
    let failure: SPMDFailure
    /// Continue masks of the enclosing SPMD loops, innermost last; nil for the group
    /// itself (a `continue` of the `prange` just ends the lane's iteration).
    var continueMasks: [LLVMValue?] = [nil]
    /// Loops of the body around the instruction being emitted (0: the group's own
    /// level, where contiguous loads are prefetched ahead of the group).
    var loopDepth = 0
    /// The blocked loop's induction variable (lane l of a group runs `base + l`).
    var induction: ValueID
    /// Per array whose rows are cached per group: its lane-major buffer
    /// (Codegen+SPMDRows.swift).
    var rowCaches: [ValueID: LLVMValue] = [:]
}

/// Entry-block variables holding the lowest failing lane of the current group and the
/// arguments of its `kern_rt_fail` call (`lane` = the lane count while none failed).
struct SPMDFailure {
    var lane, kind, line, column, value0, value1, value2, message: LLVMValue
}

extension Codegen {
    /// Bits per varying value: two SIMD registers (512-bit with AVX-512 unless a narrower
    /// width is preferred, 256-bit with AVX2, else 128-bit), so each operation works on two
    /// independent registers and hides the latency of the other's dependency chain.
    /// Measured on mandelbrot (1024², 256 iterations, 1 thread, AVX-512): 36.5 ms per call
    /// with 8 Double lanes (one register), 30.2 ms with 16 (two), clang -O3 147.8 ms.
    var spmdVectorBits: Int {
        let isas = target.vectorISAs
        if isas.contains(.avx512) { return 2 * 512 }
        if isas.contains(.avx2) { return 2 * 256 }
        return 2 * 128
    }

    /// Emits `loop` as lanes when SPMD is on and the analysis accepts it, recording the
    /// decision under `id`. Returns false (nothing emitted) otherwise.
    func emitSPMDForIfChosen(_ loop: ForLoop, id: LoopID?) -> Bool {
        guard spmd == nil, !spmdScalarFallback, case .blocked = loop.kind else { return false }
        var decision = spmdDecision(loop, in: function, unaliased: unaliasedArrayValues)
        if decision.isSPMD && ctx.constantValue(value(loop.step)) != 1 {
            decision.reason = "not a unit-step integer loop"
        }
        if !options.spmd { decision.reason = "SPMD off (--no-spmd)" }
        if let id { spmdSummaries[id] = decision.summary(vectorBits: spmdVectorBits) }
        guard decision.isSPMD else { return false }
        if decision.cachedRows.isEmpty {
            emitSPMDGroups(loop, decision)
        } else {
            emitSPMDWithCachedRows(loop, decision)
        }
        return true
    }

    func emitSPMDGroups(_ loop: ForLoop, _ decision: SPMDDecision) {
        guard let fn = llvmFunction else { preconditionFailure("KernLLVM: no function") }
        let lanes = decision.lanes(vectorBits: spmdVectorBits)
        let i32 = ctx.i32
        let failure = b.atEntry(of: fn) {
            SPMDFailure(
                lane: b.alloca(ctx.i64, "spmd.fail.lane"), kind: b.alloca(i32),
                line: b.alloca(i32), column: b.alloca(i32), value0: b.alloca(ctx.i64),
                value1: b.alloca(ctx.i64), value2: b.alloca(ctx.i64), message: b.alloca(ctx.ptr))
        }
        var state = SPMDLowering(
            lanes: lanes, decision: decision, failure: failure, induction: loop.induction)
        state.rowCaches = rowCacheBuffers(decision, lanes: lanes)
        for s in decision.varyingSlots.sorted(by: { $0.raw < $1.raw }) {
            let kind = function.slots[s].type.verifiedScalar("KernLLVM: SPMD slot \(s)")
            let type = ctx.vectorType(llvmType(kind), lanes: lanes)
            state.slots[s] = b.atEntry(of: fn) { b.alloca(type, "spmd.slot") }
        }
        spmd = state
        // Reductions: one partial per lane, lane 0 starting from the slot's value and the
        // others from the operator's identity; combined in lane order after the loop.
        var reductions: [Reduction] = []
        if case .blocked(let r) = loop.kind { reductions = r }
        for r in reductions {
            guard let vector = state.slots[r.slot] else {
                preconditionFailure("KernLLVM: SPMD reduction slot \(r.slot) is not per lane")
            }
            let kind = function.slots[r.slot].type.verifiedScalar("KernLLVM: reduction slot")
            b.store(
                b.insertElement(splat(identity(r.op, kind)), loadSlot(r.slot), lane: 0), vector)
        }
        let i64 = ctx.i64
        let lower = value(loop.lower)
        let upper = value(loop.upper)
        let groupSize = ctx.constInt(i64, UInt64(lanes))
        // Two streams: the first half of the block, rounded up to whole groups, and the
        // rest; each pass of the loop runs a group of each (the second only while its
        // half lasts, never longer than the first).
        var split = upper
        if decision.twoStreams {
            let one = ctx.constInt(i64, 1)
            let half = b.sdiv(b.add(b.sub(upper, lower), one), ctx.constInt(i64, 2))
            let groups = b.sdiv(b.add(half, ctx.constInt(i64, UInt64(lanes - 1))), groupSize)
            let rounded = b.mul(groups, groupSize)
            let middle = b.add(lower, rounded)
            split = b.select(b.icmp(.slt, middle, upper), middle, upper)
        }
        let preheader = b.block
        let header = newBlock("spmd.group")
        let latch = newBlock("spmd.latch")
        let exit = newBlock("spmd.end")
        b.condBr(b.icmp(.slt, lower, upper), header, exit)

        b.position(at: header)
        let base = b.phi(i64)
        b.addIncoming(base, lower, preheader)
        let remaining = b.sub(split, base)
        emitSPMDGroup(loop, base: base, end: split)
        if decision.twoStreams {
            let second = b.add(split, b.sub(base, lower))
            let run = newBlock("spmd.stream2")
            b.condBr(b.icmp(.slt, second, upper), run, latch)
            b.position(at: run)
            emitSPMDGroup(loop, base: second, end: upper)
        }
        b.br(latch)
        spmd = nil

        b.position(at: latch)
        let next = b.add(base, groupSize)
        b.addIncoming(base, next, latch)
        let again = b.icmp(.sgt, remaining, groupSize)
        let backEdge = b.condBr(again, header, exit)
        debug?.markLoop(backEdge)
        b.position(at: exit)
        for r in reductions { combineLanes(r, lanes: lanes, vector: state.slots[r.slot]) }
    }

    /// One group: the iterations `base ..< min(base + lanes, end)` as lanes. Leaves the
    /// builder at the group's end (a failing lane has left through the error exit).
    private func emitSPMDGroup(_ loop: ForLoop, base: LLVMValue, end: LLVMValue) {
        guard let failure = spmd?.failure else { preconditionFailure("KernLLVM: no SPMD lowering") }
        let i64 = ctx.i64
        let i32 = ctx.i32
        let offsets = ctx.constVector((0..<lanes).map { ctx.constInt(i64, UInt64($0)) })
        values[loop.induction.index] = b.add(splat(base), offsets)
        let live = b.icmp(.ult, offsets, splat(b.sub(end, base)))
        let none = ctx.constInt(i64, UInt64(lanes))
        b.store(none, failure.lane)
        fillRowCaches(value(loop.induction), live)
        _ = spmdBlock(loop.body, live)
        // A lane failed: its iterations below ran to the end, as in the scalar loop.
        let failed = newBlock("spmd.failed")
        let done = newBlock("spmd.group.done")
        b.condBr(
            b.icmp(.ne, b.load(i64, failure.lane), none), failed, done, weights: Self.unlikely)
        b.position(at: failed)
        let (fail, failType) = runtimeFunction(.fail)
        b.call(
            failType, fail,
            [
                ctxArgument, b.load(i32, failure.kind), b.load(i32, failure.line),
                b.load(i32, failure.column), b.load(i64, failure.value0),
                b.load(i64, failure.value1), b.load(i64, failure.value2),
                b.load(ctx.ptr, failure.message),
            ])
        b.br(errorExit())
        b.position(at: done)
    }

    /// `op`'s identity: `x op identity == x` for every `x` (-0.0 for floating addition).
    func identity(_ op: ReduceOp, _ kind: ScalarType) -> LLVMValue {
        let t = llvmType(kind)
        let bits = UInt64(kind.bitWidth)
        let allOnes: UInt64 = bits >= 64 ? .max : (1 << bits) - 1
        switch op {
        case .add: return kind.isFloating ? ctx.constReal(t, -0.0) : ctx.null(t)
        case .mul: return kind.isFloating ? ctx.constReal(t, 1) : ctx.constInt(t, 1)
        case .and: return ctx.allOnes(t)
        case .or, .xor: return ctx.null(t)
        case .min:
            if kind.isFloating { return ctx.constReal(t, .infinity) }
            return ctx.constInt(t, kind.isSigned ? allOnes >> 1 : allOnes)
        case .max:
            if kind.isFloating { return ctx.constReal(t, -.infinity) }
            return ctx.constInt(t, kind.isSigned ? ((allOnes >> 1) + 1) & allOnes : 0)
        }
    }

    /// Stores `lane 0 op lane 1 op … op lane W-1` of the partials into the reduction's
    /// slot, each step emitted by the scalar emitter as the IR operation itself.
    func combineLanes(_ r: Reduction, lanes: Int, vector: LLVMValue?) {
        guard let vector else { preconditionFailure("KernLLVM: no SPMD partials") }
        let kind = function.slots[r.slot].type.verifiedScalar("KernLLVM: reduction slot")
        let partials = b.load(ctx.vectorType(llvmType(kind), lanes: lanes), vector)
        let (x, y, z) = (
            function.values.append(.scalar(kind)), function.values.append(.scalar(kind)),
            function.values.append(.scalar(kind))
        )
        values.append(contentsOf: [nil, nil, nil])
        views.append(contentsOf: [nil, nil, nil])
        let op: Op =
            switch r.op {
            case .add: .binary(.add, x, y)
            case .mul: .binary(.mul, x, y)
            case .and: .binary(.and, x, y)
            case .or: .binary(.or, x, y)
            case .xor: .binary(.xor, x, y)
            case .min: .math(.min, [x, y])
            case .max: .math(.max, [x, y])
            }
        let i32 = ctx.i32
        var acc = b.extractElement(partials, ctx.null(i32))
        for lane in 1..<lanes {
            values[x.index] = acc
            values[y.index] = b.extractElement(partials, ctx.constInt(i32, UInt64(lane)))
            emit(Instr(result: z, op: op))
            acc = value(z)
        }
        storeSlot(r.slot, acc)
    }

    // MARK: Blocks and instructions

    /// Emits `block` for the lanes in `mask`; returns the lanes that reach its end.
    func spmdBlock(_ block: Block, _ mask: LLVMValue) -> LLVMValue {
        var mask = mask
        var k = 0
        while k < block.instrs.count {
            let instr = block.instrs[k]
            // An array reduction's update: lane after lane (Codegen+SPMDSerial.swift).
            if let r = instr.result, let count = spmd?.decision.serialRegions[r] {
                spmdSerial(block.instrs[k..<k + count], mask)
                k += count
                continue
            }
            k += 1
            let location = debug?.enter(instr.pos, loop: instr.loop)
            let next = spmdInstr(instr, mask)
            if let location { debug?.restore(location) }
            // After break/continue the rest of the block is dead.
            guard let next else { return zeroMask }
            mask = next
        }
        return mask
    }

    var lanes: Int {
        guard let spmd else { preconditionFailure("KernLLVM: no SPMD lowering") }
        return spmd.lanes
    }
    var maskType: LLVMType { ctx.vectorType(ctx.i1, lanes: lanes) }
    var zeroMask: LLVMValue { ctx.null(maskType) }

    func isVarying(_ v: ValueID) -> Bool { spmd?.decision.varying.contains(v) == true }

    /// `v` broadcast to every lane.
    func splat(_ v: LLVMValue) -> LLVMValue {
        var out = ctx.poison(ctx.vectorType(ctx.typeOf(v), lanes: lanes))
        for lane in 0..<lanes { out = b.insertElement(out, v, lane: lane) }
        return out
    }

    /// The value of `v` per lane (uniform values broadcast).
    func laneValues(_ v: ValueID) -> LLVMValue {
        isVarying(v) ? value(v) : splat(value(v))
    }

    /// True when any lane of `mask` is set.
    func any(_ mask: LLVMValue) -> LLVMValue {
        let (fn, type) = module.intrinsic("llvm.vector.reduce.or", [maskType])
        return b.call(type, fn, [mask])
    }

    /// `mask` lanes where `c` holds (poison in dead lanes of `c` stays out).
    func and(_ mask: LLVMValue, _ c: LLVMValue) -> LLVMValue {
        b.select(mask, c, zeroMask)
    }

    /// A mask variable (an entry-block alloca; mem2reg makes it registers).
    func maskVariable(_ initial: LLVMValue) -> LLVMValue {
        guard let fn = llvmFunction else { preconditionFailure("KernLLVM: no function") }
        let type = maskType
        let slot = b.atEntry(of: fn) { b.alloca(type, "spmd.mask") }
        b.store(initial, slot)
        return slot
    }

    /// Emits one instruction for the lanes in `mask`; returns the lanes live after it, or
    /// nil after `break`/`continue` (no lane goes on in this block).
    func spmdInstr(_ instr: Instr, _ mask: LLVMValue) -> LLVMValue? {
        switch instr.op {
        case .constant, .dim, .makeTuple, .extract, .subview:
            emit(instr)  // uniform (SPMDAnalysis rejects varying tuples and row views)
        case .unary, .binary, .compare, .convert, .math, .select:
            if let r = instr.result, isVarying(r) {
                spmdVaryingOperation(instr, r, mask)
            } else {
                withSafeDivisor(instr) { emit(instr) }
            }
        case .load(let s):
            if let p = spmd?.slots[s], let r = instr.result {
                values[r.index] = b.load(slotVectorType(s), p)
            } else {
                emit(instr)
            }
        case .store(let s, let v):
            guard let p = spmd?.slots[s] else {
                preconditionFailure("KernLLVM: SPMD store to a slot the analysis missed")
            }
            let old = b.load(slotVectorType(s), p)
            b.store(b.select(mask, laneValues(v), old), p)
        case .loadElement(let a, let indices):
            guard let r = instr.result else { break }
            if isVarying(r) {
                values[r.index] = cachedRowLoad(a, indices) ?? gather(view(a), indices, mask)
            } else {
                values[r.index] = uniformLoad(view(a), indices, mask)
            }
        case .storeElement(let a, let indices, let v):
            scatter(view(a), indices, laneValues(v), mask)
        case .checkBounds(let index, let bound, let axis):
            let i = laneValues(index)
            let n = laneValues(bound)
            return failIf(
                b.icmp(.uge, i, n), mask, .bounds, pos: instr.pos,
                values: [i, n, splat(ctx.constInt(ctx.i64, UInt64(axis)))])
        case .checkDivisor(let d):
            let lanesD = laneValues(d)
            return failIf(
                b.icmp(.eq, lanesD, ctx.null(ctx.typeOf(lanesD))), mask, .division,
                pos: instr.pos)
        case .precondition(let c, let message):
            let text =
                message.isEmpty ? nil : module.globalString(message, name: "precondition.msg")
            return failIf(
                b.not(laneValues(c)), mask, .precondition, pos: instr.pos, message: text)
        case .checkStride(let s):
            let v = laneValues(s)
            let t = ctx.typeOf(v)
            let zero = ctx.null(t)
            return failIf(
                scalarKind(s).isFloating ? b.fcmp(.oeq, v, zero) : b.icmp(.eq, v, zero), mask,
                .stride, pos: instr.pos)
        case .ifElse(let c, let then, let otherwise):
            return spmdIf(c, then, otherwise, mask)
        case .whileLoop(let cond, let condition, let body):
            spmd?.loopDepth += 1
            spmdWhile(cond, condition, body, mask)
            spmd?.loopDepth -= 1
        case .repeatLoop(let body, let cond, let condition):
            spmd?.loopDepth += 1
            spmdRepeat(body, cond, condition, mask)
            spmd?.loopDepth -= 1
        case .forLoop(let loop):
            spmd?.loopDepth += 1
            spmdFor(loop, mask)
            spmd?.loopDepth -= 1
        case .atomicAdd:
            spmdSerial([instr], mask)
        case .breakLoop:
            return nil
        case .continueLoop:
            if let target = spmd?.continueMasks.last, let slot = target {
                b.store(b.or(b.load(maskType, slot), mask), slot)
            }
            return nil
        case .call, .random, .rngIteration, .print, .clock, .callC, .mpi,
            .allocArray, .parallelFor, .returnValue:
            preconditionFailure("KernLLVM: SPMD analysis admitted \(instr.op)")
        }
        return mask
    }

    func slotVectorType(_ s: SlotID) -> LLVMType {
        ctx.vectorType(
            llvmType(function.slots[s].type.verifiedScalar("KernLLVM: SPMD slot \(s)")),
            lanes: lanes)
    }

    /// A check on every live lane. The lowest failing lane records its failure (it is
    /// below every lane recorded so far, which left the mask) and it and the lanes above
    /// it stop; the lanes below go on, as their iterations would have run to the end
    /// before it in the scalar loop. The group then ends with that failure. Returns the
    /// lanes that go on.
    func failIf(
        _ bad: LLVMValue, _ mask: LLVMValue, _ kind: RuntimeStatus, pos: SourcePos,
        values: [LLVMValue]? = nil, message: LLVMValue? = nil
    ) -> LLVMValue {
        guard let failure = spmd?.failure else { preconditionFailure("KernLLVM: no SPMD lowering") }
        let word = ctx.int(bits: lanes)
        let bits = b.bitcast(and(mask, bad), word)
        let after = maskVariable(mask)
        let failing = newBlock("spmd.check.fail")
        let ok = newBlock("spmd.check.ok")
        b.condBr(b.icmp(.ne, bits, ctx.null(word)), failing, ok, weights: Self.unlikely)
        b.position(at: failing)
        let (cttz, cttzType) = module.intrinsic("llvm.cttz", [word])
        let lowest = intCast(
            b.call(cttzType, cttz, [bits, ctx.falseValue]), to: ctx.i64, signed: false)
        let i32 = ctx.i32
        b.store(lowest, failure.lane)
        b.store(ctx.constInt(i32, UInt64(kind.rawValue)), failure.kind)
        b.store(ctx.constInt(i32, UInt64(pos.line)), failure.line)
        b.store(ctx.constInt(i32, UInt64(pos.column)), failure.column)
        let zero = ctx.null(ctx.i64)
        let details = values.map { vs in
            vs.map { intCast(b.extractElement($0, lowest), to: ctx.i64, signed: true) }
        }
        for (k, slot) in [failure.value0, failure.value1, failure.value2].enumerated() {
            b.store(details?[k] ?? zero, slot)
        }
        b.store(message ?? ctx.null(ctx.ptr), failure.message)
        let offsets = ctx.constVector((0..<lanes).map { ctx.constInt(ctx.i64, UInt64($0)) })
        b.store(and(mask, b.icmp(.ult, offsets, splat(lowest))), after)
        b.br(ok)
        b.position(at: ok)
        return b.load(maskType, after)
    }
}
