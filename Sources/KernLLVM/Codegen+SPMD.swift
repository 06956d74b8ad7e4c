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
        guard spmd == nil, case .blocked = loop.kind else { return false }
        var decision = spmdDecision(loop, in: function)
        if decision.isSPMD && ctx.constantValue(value(loop.step)) != 1 {
            decision.reason = "not a unit-step integer loop"
        }
        if !options.spmd { decision.reason = "SPMD off (--no-spmd)" }
        if let id { spmdSummaries[id] = decision.summary(vectorBits: spmdVectorBits) }
        guard decision.isSPMD else { return false }
        emitSPMDGroups(loop, decision)
        return true
    }

    private func emitSPMDGroups(_ loop: ForLoop, _ decision: SPMDDecision) {
        guard let fn = llvmFunction else { preconditionFailure("KernLLVM: no function") }
        let lanes = decision.lanes(vectorBits: spmdVectorBits)
        let i32 = ctx.i32
        let failure = b.atEntry(of: fn) {
            SPMDFailure(
                lane: b.alloca(ctx.i64, "spmd.fail.lane"), kind: b.alloca(i32),
                line: b.alloca(i32), column: b.alloca(i32), value0: b.alloca(ctx.i64),
                value1: b.alloca(ctx.i64), value2: b.alloca(ctx.i64), message: b.alloca(ctx.ptr))
        }
        var state = SPMDLowering(lanes: lanes, decision: decision, failure: failure)
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
        let preheader = b.block
        let header = newBlock("spmd.group")
        let latch = newBlock("spmd.latch")
        let exit = newBlock("spmd.end")
        b.condBr(b.icmp(.slt, lower, upper), header, exit)

        b.position(at: header)
        let base = b.phi(i64)
        b.addIncoming(base, lower, preheader)
        let remaining = b.sub(upper, base)
        let offsets = ctx.constVector((0..<lanes).map { ctx.constInt(i64, UInt64($0)) })
        values[loop.induction.index] = b.add(splat(base), offsets)
        let live = b.icmp(.ult, offsets, splat(remaining))
        let none = ctx.constInt(i64, UInt64(lanes))
        b.store(none, failure.lane)
        _ = spmdBlock(loop.body, live)
        // A lane failed: its iterations below ran to the end, as in the scalar loop.
        let failed = newBlock("spmd.failed")
        b.condBr(b.icmp(.ne, b.load(i64, failure.lane), none), failed, latch, weights: Self.unlikely)
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
        spmd = nil

        b.position(at: latch)
        let next = b.add(base, ctx.constInt(i64, UInt64(lanes)))
        b.addIncoming(base, next, latch)
        let again = b.icmp(.sgt, remaining, ctx.constInt(i64, UInt64(lanes)))
        let backEdge = b.condBr(again, header, exit)
        debug?.markLoop(backEdge)
        b.position(at: exit)
        for r in reductions { combineLanes(r, lanes: lanes, vector: state.slots[r.slot]) }
    }

    /// `op`'s identity: `x op identity == x` for every `x` (-0.0 for floating addition).
    private func identity(_ op: ReduceOp, _ kind: ScalarType) -> LLVMValue {
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
    private func combineLanes(_ r: Reduction, lanes: Int, vector: LLVMValue?) {
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
    private func spmdBlock(_ block: Block, _ mask: LLVMValue) -> LLVMValue {
        var mask = mask
        for instr in block.instrs {
            let location = debug?.enter(instr.pos, loop: instr.loop)
            let next = spmdInstr(instr, mask)
            if let location { debug?.restore(location) }
            // After break/continue the rest of the block is dead.
            guard let next else { return zeroMask }
            mask = next
        }
        return mask
    }

    private var lanes: Int {
        guard let spmd else { preconditionFailure("KernLLVM: no SPMD lowering") }
        return spmd.lanes
    }
    private var maskType: LLVMType { ctx.vectorType(ctx.i1, lanes: lanes) }
    private var zeroMask: LLVMValue { ctx.null(maskType) }

    private func isVarying(_ v: ValueID) -> Bool { spmd?.decision.varying.contains(v) == true }

    /// `v` broadcast to every lane.
    func splat(_ v: LLVMValue) -> LLVMValue {
        var out = ctx.poison(ctx.vectorType(ctx.typeOf(v), lanes: lanes))
        for lane in 0..<lanes { out = b.insertElement(out, v, lane: lane) }
        return out
    }

    /// The value of `v` per lane (uniform values broadcast).
    private func laneValues(_ v: ValueID) -> LLVMValue {
        isVarying(v) ? value(v) : splat(value(v))
    }

    /// True when any lane of `mask` is set.
    private func any(_ mask: LLVMValue) -> LLVMValue {
        let (fn, type) = module.intrinsic("llvm.vector.reduce.or", [maskType])
        return b.call(type, fn, [mask])
    }

    /// `mask` lanes where `c` holds (poison in dead lanes of `c` stays out).
    private func and(_ mask: LLVMValue, _ c: LLVMValue) -> LLVMValue {
        b.select(mask, c, zeroMask)
    }

    /// A mask variable (an entry-block alloca; mem2reg makes it registers).
    private func maskVariable(_ initial: LLVMValue) -> LLVMValue {
        guard let fn = llvmFunction else { preconditionFailure("KernLLVM: no function") }
        let type = maskType
        let slot = b.atEntry(of: fn) { b.alloca(type, "spmd.mask") }
        b.store(initial, slot)
        return slot
    }

    /// Emits one instruction for the lanes in `mask`; returns the lanes live after it, or
    /// nil after `break`/`continue` (no lane goes on in this block).
    private func spmdInstr(_ instr: Instr, _ mask: LLVMValue) -> LLVMValue? {
        switch instr.op {
        case .constant, .dim, .makeTuple, .extract, .subview:
            emit(instr)  // uniform (SPMDAnalysis rejects varying tuples and row views)
        case .unary, .binary, .compare, .convert, .math, .select:
            if let r = instr.result, isVarying(r) {
                spmdVaryingOperation(instr, r)
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
                values[r.index] = gather(view(a), indices, mask)
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
            spmdWhile(cond, condition, body, mask)
        case .repeatLoop(let body, let cond, let condition):
            spmdRepeat(body, cond, condition, mask)
        case .forLoop(let loop):
            spmdFor(loop, mask)
        case .breakLoop:
            return nil
        case .continueLoop:
            if let target = spmd?.continueMasks.last, let slot = target {
                b.store(b.or(b.load(maskType, slot), mask), slot)
            }
            return nil
        case .call, .callC, .atomicAdd, .random, .rngIteration, .print, .clock, .mpi, .allocArray,
            .parallelFor, .returnValue:
            preconditionFailure("KernLLVM: SPMD analysis admitted \(instr.op)")
        }
        return mask
    }

    private func slotVectorType(_ s: SlotID) -> LLVMType {
        ctx.vectorType(
            llvmType(function.slots[s].type.verifiedScalar("KernLLVM: SPMD slot \(s)")),
            lanes: lanes)
    }

    /// A check on every live lane. The lowest failing lane records its failure (it is
    /// below every lane recorded so far, which left the mask) and it and the lanes above
    /// it stop; the lanes below go on, as their iterations would have run to the end
    /// before it in the scalar loop. The group then ends with that failure. Returns the
    /// lanes that go on.
    private func failIf(
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

    // MARK: Varying arithmetic

    private func spmdVaryingOperation(_ instr: Instr, _ r: ValueID) {
        switch instr.op {
        case .binary(let op, let x, _)
        where !scalarKind(x).isFloating && [.div, .rem, .shl, .shr].contains(op):
            withSafeDivisor(instr) { laneByLane(instr, r) }
        case .math:
            laneByLane(instr, r)
        case .convert(let x):
            let to = function.values[r].verifiedScalar("KernLLVM: conversion")
            values[r.index] = convertLanes(laneValues(x), from: scalarKind(x), to: to)
        default:
            // Element-wise LLVM instructions take vectors as they are.
            withOperands(instr.op.operands.filter { !isVarying($0) }, boundTo: { splat(value($0)) }) {
                emit(instr)
            }
        }
    }

    /// `Codegen.convert` on vectors: the same instructions with vector types.
    private func convertLanes(_ v: LLVMValue, from: ScalarType, to: ScalarType) -> LLVMValue {
        if from == to { return v }
        let t = ctx.vectorType(llvmType(to), lanes: lanes)
        if to == .bool {
            let zero = ctx.null(ctx.typeOf(v))
            return from.isFloating ? b.fcmp(.une, v, zero) : b.icmp(.ne, v, zero)
        }
        if from.isFloating && to.isFloating {
            return from.bitWidth < to.bitWidth ? b.fpext(v, t) : b.fptrunc(v, t)
        }
        if from.isFloating {
            let name = to.isSigned ? "llvm.fptosi.sat" : "llvm.fptoui.sat"
            let (fn, fnType) = module.intrinsic(name, [t, ctx.typeOf(v)])
            return b.call(fnType, fn, [v])
        }
        if to.isFloating { return from.isSigned ? b.sitofp(v, t) : b.uitofp(v, t) }
        if from.bitWidth == to.bitWidth { return v }
        if from.bitWidth > to.bitWidth { return b.trunc(v, t) }
        return from.isSigned ? b.sext(v, t) : b.zext(v, t)
    }

    /// Runs `body` with `operands` bound to `bind(operand)`, then restores them.
    private func withOperands(
        _ operands: [ValueID], boundTo bind: (ValueID) -> LLVMValue, _ body: () -> Void
    ) {
        let unique = Array(Set(operands))
        let saved = unique.map { values[$0.index] }
        let bound = unique.map(bind)
        for (v, x) in zip(unique, bound) { values[v.index] = x }
        body()
        for (v, x) in zip(unique, saved) { values[v.index] = x }
    }

    /// For an integer `div`/`rem`: runs `body` with a zero divisor replaced by 1. A live
    /// lane's divisor is never zero (a `check.divisor` precedes), but a dead lane's or a
    /// uniform one under an empty mask may be, and must not trap.
    private func withSafeDivisor(_ instr: Instr, _ body: () -> Void) {
        guard case .binary(let op, let x, let d) = instr.op, op == .div || op == .rem,
            !scalarKind(x).isFloating
        else { return body() }
        withOperands([d], boundTo: { d in
            let v = value(d)
            let t = ctx.typeOf(v)
            let one = isVarying(d) ? splat(ctx.constInt(llvmType(scalarKind(d)), 1)) : ctx.constInt(t, 1)
            return b.select(b.icmp(.eq, v, ctx.null(t)), one, v)
        }, body)
    }

    /// The scalar emitter once per lane, on each lane's operands.
    private func laneByLane(_ instr: Instr, _ r: ValueID) {
        let varyingOperands = Array(Set(instr.op.operands.filter(isVarying)))
        let vectors = varyingOperands.map { value($0) }
        let kind = function.values[r].verifiedScalar("KernLLVM: lane-by-lane result")
        var out = ctx.poison(ctx.vectorType(llvmType(kind), lanes: lanes))
        let i32 = ctx.i32
        for lane in 0..<lanes {
            let index = ctx.constInt(i32, UInt64(lane))
            for (v, vector) in zip(varyingOperands, vectors) {
                values[v.index] = b.extractElement(vector, index)
            }
            emit(instr)
            out = b.insertElement(out, value(r), lane: lane)
        }
        for (v, vector) in zip(varyingOperands, vectors) { values[v.index] = vector }
        values[r.index] = out
    }

    // MARK: Memory

    /// One pointer per lane: `data + Σ index_k * stride_k`.
    private func elementPointers(_ a: ArrayView, _ indices: [ValueID]) -> LLVMValue {
        var offset: LLVMValue?
        for (k, index) in indices.enumerated() {
            let term = b.mul(laneValues(index), splat(a.strides[k]), nsw: true)
            offset = offset.map { b.add($0, term, nsw: true) } ?? term
        }
        return b.gep(memoryType(a.element), a.data, offset ?? splat(ctx.null(ctx.i64)))
    }

    /// LLVM 22 dropped the alignment operand of the masked gather/scatter intrinsics.
    private var maskedIntrinsicsTakeAlignment: Bool {
        guard let llvm = LLVMLibrary.loaded else {
            preconditionFailure("KernLLVM: codegen without LLVM loaded")
        }
        return llvm.major < 22
    }

    /// Emits an element access two ways when the lanes' elements may be consecutive in
    /// memory (every index uniform but the last, which is consecutive): `contiguous` at
    /// lane 0's element when the last stride is 1 (known, or tested at run time), else
    /// `general`. Returns their result (merged), or nil for accesses without one.
    private func byLayout(
        _ a: ArrayView, _ indices: [ValueID], contiguous: (LLVMValue) -> LLVMValue?,
        general: () -> LLVMValue?
    ) -> LLVMValue? {
        guard let last = indices.last, spmd?.decision.consecutive.contains(last) == true,
            let stride = a.strides.last, !indices.dropLast().contains(where: isVarying)
        else { return general() }
        func base() -> LLVMValue {
            let lane0 = b.extractElement(value(last), ctx.null(ctx.i32))
            return elementPointer(a, indices.dropLast().map { value($0) } + [lane0])
        }
        if let k = ctx.constantValue(stride) { return k == 1 ? contiguous(base()) : general() }
        let dense = newBlock("spmd.dense")
        let strided = newBlock("spmd.strided")
        let merge = newBlock("spmd.access")
        b.condBr(b.icmp(.eq, stride, ctx.constInt(ctx.typeOf(stride), 1)), dense, strided)
        b.position(at: dense)
        let x = contiguous(base())
        let fromDense = b.block
        b.br(merge)
        b.position(at: strided)
        let y = general()
        let fromStrided = b.block
        b.br(merge)
        b.position(at: merge)
        guard let x, let y else { return nil }
        let phi = b.phi(ctx.typeOf(x))
        b.addIncoming(phi, x, fromDense)
        b.addIncoming(phi, y, fromStrided)
        return phi
    }

    /// One element at uniform indices, read only when a lane is live (the indices were
    /// checked only for live lanes).
    private func uniformLoad(_ a: ArrayView, _ indices: [ValueID], _ mask: LLVMValue)
        -> LLVMValue
    {
        let one = ctx.vectorType(memoryType(a.element), lanes: 1)
        let live = b.insertElement(ctx.poison(ctx.vectorType(ctx.i1, lanes: 1)), any(mask), lane: 0)
        let v = maskedLoad(elementPointer(a, indices.map { value($0) }), one, live, a.element)
        let scalar = b.extractElement(v, ctx.null(ctx.i32))
        return a.element == .bool ? b.trunc(scalar, ctx.i1) : scalar
    }

    private func maskedLoad(_ p: LLVMValue, _ type: LLVMType, _ mask: LLVMValue, _ element: ScalarType)
        -> LLVMValue
    {
        let (fn, fnType) = module.intrinsic("llvm.masked.load", [type, ctx.ptr])
        let align = ctx.constInt(ctx.i32, UInt64(element.byteSize))
        return b.call(
            fnType, fn,
            maskedIntrinsicsTakeAlignment
                ? [p, align, mask, ctx.poison(type)] : [p, mask, ctx.poison(type)])
    }

    private func gather(_ a: ArrayView, _ indices: [ValueID], _ mask: LLVMValue) -> LLVMValue {
        let type = ctx.vectorType(memoryType(a.element), lanes: lanes)
        let v = byLayout(
            a, indices, contiguous: { maskedLoad($0, type, mask, a.element) },
            general: { gatherElements(a, indices, mask) })
        guard let v else { preconditionFailure("KernLLVM: a load without a value") }
        return a.element == .bool ? b.trunc(v, maskType) : v
    }

    private func gatherElements(_ a: ArrayView, _ indices: [ValueID], _ mask: LLVMValue)
        -> LLVMValue
    {
        let type = ctx.vectorType(memoryType(a.element), lanes: lanes)
        let pointers = elementPointers(a, indices)
        let (fn, fnType) = module.intrinsic(
            "llvm.masked.gather", [type, ctx.vectorType(ctx.ptr, lanes: lanes)])
        let align = ctx.constInt(ctx.i32, UInt64(a.element.byteSize))
        let args =
            maskedIntrinsicsTakeAlignment
            ? [pointers, align, mask, ctx.poison(type)] : [pointers, mask, ctx.poison(type)]
        return b.call(fnType, fn, args)
    }

    private func scatter(
        _ a: ArrayView, _ indices: [ValueID], _ v: LLVMValue, _ mask: LLVMValue
    ) {
        let type = ctx.vectorType(memoryType(a.element), lanes: lanes)
        let stored = a.element == .bool ? b.zext(v, type) : v
        let align = ctx.constInt(ctx.i32, UInt64(a.element.byteSize))
        _ = byLayout(
            a, indices,
            contiguous: { base in
                let (fn, fnType) = module.intrinsic("llvm.masked.store", [type, ctx.ptr])
                b.call(
                    fnType, fn,
                    maskedIntrinsicsTakeAlignment
                        ? [stored, base, align, mask] : [stored, base, mask])
                return nil
            },
            general: {
                scatterElements(a, indices, stored, mask, type: type, align: align)
                return nil
            })
    }

    private func scatterElements(
        _ a: ArrayView, _ indices: [ValueID], _ stored: LLVMValue, _ mask: LLVMValue,
        type: LLVMType, align: LLVMValue
    ) {
        let pointers = elementPointers(a, indices)
        let (fn, fnType) = module.intrinsic(
            "llvm.masked.scatter", [type, ctx.vectorType(ctx.ptr, lanes: lanes)])
        // Lanes storing to one address store in lane order: the last iteration wins.
        b.call(
            fnType, fn,
            maskedIntrinsicsTakeAlignment
                ? [stored, pointers, align, mask] : [stored, pointers, mask])
    }

    // MARK: Control flow

    private func spmdIf(_ c: ValueID, _ then: Block, _ otherwise: Block, _ mask: LLVMValue)
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
    private func isFlat(_ block: Block) -> Bool {
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
    private func taking(_ condition: ValueID, _ mask: LLVMValue) -> LLVMValue {
        isVarying(condition)
            ? and(mask, value(condition)) : b.select(value(condition), mask, zeroMask)
    }

    /// Runs `body` under `mask` with a fresh continue mask; returns the lanes that reach
    /// the loop's latch (fell through or continued).
    private func loopBody(_ body: Block, _ mask: LLVMValue) -> LLVMValue {
        let continued = maskVariable(zeroMask)
        spmd?.continueMasks.append(continued)
        let reached = spmdBlock(body, mask)
        spmd?.continueMasks.removeLast()
        return b.or(reached, b.load(maskType, continued))
    }

    /// `while`: lanes leave when their condition fails or they break; the loop runs while
    /// any lane is active. Every lane that entered goes on after it.
    private func spmdWhile(_ cond: Block, _ condition: ValueID, _ body: Block, _ mask: LLVMValue)
    {
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

    private func spmdRepeat(_ body: Block, _ cond: Block, _ condition: ValueID, _ mask: LLVMValue)
    {
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
    private func spmdFor(_ loop: ForLoop, _ mask: LLVMValue) {
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
