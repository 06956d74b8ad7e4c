/// SPMD lowering (Codegen+SPMD.swift), issue 16 item 5: updates that run lane after lane
/// (an array reduction's `local[b] += e`, `atomicAdd`) and prefetching of the streams a
/// group reads. docs/decisions.md, "SPMD prange bodies".
import KernBasics
import KernIR

extension Codegen {
    /// Runs `instrs` (a serial region, SPMDSerialUpdates.swift, or one `atomicAdd`) once
    /// per live lane of `mask`, lane 0 first, with the scalar emitter on each lane's
    /// operands. Lanes hitting one element update it in iteration order, as the scalar
    /// loop does; the region's own values are used nowhere else (the analysis checks), so
    /// no vector of them is rebuilt.
    ///
    /// On AMD (`TargetSelection.rollsLaneOrderedUpdates`) the lanes run as a rolled loop
    /// (`llvm.loop.unroll.disable`): one copy of the update, each lane's operands loaded
    /// from a stack buffer. Unrolled copies — one per lane, the lane's operands moved out
    /// of the vector between the increments — ran a 256-bin histogram 4–9× slower than
    /// the scalar loop on AMD Zen 4, depending on where the code landed (docs/decisions.md,
    /// "Lane-ordered updates as a rolled loop"). Elsewhere they stay unrolled
    /// (`unrolledLanes`), the form measured at 0.7× C on Intel.
    func spmdSerial(_ instrs: ArraySlice<Instr>, _ mask: LLVMValue) {
        let defined = Set(instrs.compactMap(\.result))
        let inputs = Set(instrs.flatMap(\.op.operands))
            .filter { isVarying($0) && !defined.contains($0) }
            .sorted { $0.raw < $1.raw }
        let vectors = inputs.map { value($0) }
        guard target.rollsLaneOrderedUpdates else {
            unrolledLanes(instrs, inputs, vectors, mask)
            return
        }
        // Each input's lanes go to a stack buffer once, before the loop, and each trip
        // loads its lane (a variable-index extract would store the whole vector again on
        // every trip). Booleans (`i1` lanes are bit-packed in memory) are extracted.
        let elementTypes = inputs.map { v -> LLVMType? in
            let kind = function.values[v].verifiedScalar("KernLLVM: SPMD serial input \(v)")
            return kind == .bool ? nil : llvmType(kind)
        }
        let buffers = zip(vectors, elementTypes).map { vector, element -> LLVMValue? in
            guard let element, let fn = llvmFunction else { return nil }
            let buffer = b.atEntry(of: fn) {
                b.alloca(ctx.typeOf(vector), "spmd.serial.lanes")
            }
            b.store(vector, buffer)
            return buffer
        }
        fullOrPartialGroup(mask) { liveBits in
            laneLoop(liveBits) { lane in
                for (k, v) in inputs.enumerated() {
                    if let buffer = buffers[k], let element = elementTypes[k] {
                        values[v.index] = b.load(element, b.gep(element, buffer, lane))
                    } else {
                        values[v.index] = b.extractElement(vectors[k], lane)
                    }
                }
                emitSerialRegion(instrs)
            }
        }
        for (v, vector) in zip(inputs, vectors) { values[v.index] = vector }
    }

    /// One copy of `instrs` per lane, each lane's operands extracted by constant index:
    /// for a full group the copies back to back, otherwise each behind a test of its
    /// lane's bit. On Intel (Ice Lake) this ran the histogram at 0.7× C, while reloading
    /// lanes from a stack buffer was slower (the 8-byte loads wait for the 64-byte store
    /// to forward); on AMD Zen 4 the rolled loop above is used instead.
    private func unrolledLanes(
        _ instrs: ArraySlice<Instr>, _ inputs: [ValueID], _ vectors: [LLVMValue],
        _ mask: LLVMValue
    ) {
        fullOrPartialGroup(mask) { liveBits in
            for lane in 0..<lanes {
                let next = newBlock("spmd.serial.next")
                if let liveBits {
                    let word = ctx.typeOf(liveBits)
                    let run = newBlock("spmd.serial.lane")
                    let bit = b.and(liveBits, ctx.constInt(word, 1 << UInt64(lane)))
                    b.condBr(b.icmp(.ne, bit, ctx.null(word)), run, next)
                    b.position(at: run)
                }
                let index = ctx.constInt(ctx.i32, UInt64(lane))
                for (v, vector) in zip(inputs, vectors) {
                    values[v.index] = b.extractElement(vector, index)
                }
                emitSerialRegion(instrs)
                b.br(next)
                b.position(at: next)
            }
        }
        for (v, vector) in zip(inputs, vectors) { values[v.index] = vector }
    }

    /// Emits `body` twice behind a test of `mask`: with nil when every lane is live (the
    /// common case: no test per lane), with the mask's bits otherwise. Leaves the builder
    /// where both meet.
    private func fullOrPartialGroup(_ mask: LLVMValue, _ body: (LLVMValue?) -> Void) {
        let word = ctx.int(bits: lanes)
        let bits = b.bitcast(mask, word)
        let full = newBlock("spmd.serial.full")
        let partial = newBlock("spmd.serial.partial")
        let done = newBlock("spmd.serial.done")
        b.condBr(b.icmp(.eq, bits, ctx.allOnes(word)), full, partial)
        for (start, liveBits) in [(full, nil), (partial, bits)] as [(LLVMBlock, LLVMValue?)] {
            b.position(at: start)
            body(liveBits)
            b.br(done)
        }
        b.position(at: done)
    }

    private func emitSerialRegion(_ instrs: ArraySlice<Instr>) {
        for instr in instrs {
            let location = debug?.enter(instr.pos, loop: instr.loop)
            emit(instr)
            if let location { debug?.restore(location) }
        }
    }

    /// A rolled loop over the lanes, lane 0 first, running `body` with the lane (an i32)
    /// for each lane whose bit is set in `liveBits` (every lane when nil). Leaves the
    /// builder after the loop.
    private func laneLoop(_ liveBits: LLVMValue?, _ body: (LLVMValue) -> Void) {
        let i32 = ctx.i32
        let header = newBlock("spmd.serial.lane")
        let next = newBlock("spmd.serial.next")
        let exit = newBlock("spmd.serial.end")
        // A group has at least two lanes: the loop is always entered.
        let lane = enterCountedLoop(
            if: ctx.trueValue, body: header, exit: exit, start: ctx.constInt(i32, 0))
        if let liveBits {
            let word = ctx.typeOf(liveBits)
            let run = newBlock("spmd.serial.run")
            let shifted = b.lshr(liveBits, intCast(lane, to: word, signed: false))
            let live = b.and(shifted, ctx.constInt(word, 1))
            b.condBr(b.icmp(.ne, live, ctx.null(word)), run, next)
            b.position(at: run)
        }
        body(lane)
        b.br(next)
        b.position(at: next)
        let following = b.add(lane, ctx.constInt(i32, 1))
        b.addIncoming(lane, following, next)
        let backEdge = b.condBr(
            b.icmp(.ult, following, ctx.constInt(i32, UInt64(lanes))), header, exit)
        ctx.setLoopID(backEdge, location: debug?.loopLocation(), rolled: true)
        b.position(at: exit)
    }

    /// Bytes ahead of a group that its contiguous loads prefetch. Streaming a large array
    /// through a body with scalar work per element (a histogram: 2^24 Doubles, 1 thread)
    /// left the hardware prefetcher behind on this machine: a C version of the SPMD code
    /// took 25 ms per call without and 17 ms with a prefetch 4 KiB ahead (2 KiB and
    /// 8 KiB were within noise of 4 KiB), a plain streaming sum 14 ms.
    static let spmdPrefetchDistance = 4096

    /// Prefetches the cache lines `distance` bytes past a group's contiguous load of
    /// `a[…, first …< first + lanes]` (only at the group's own level: inside an inner loop
    /// of the body the stream does not advance with the group). The prefetched index is
    /// clamped to the array's last index, so the address is always one of the array.
    func prefetchAhead(_ a: ArrayView, _ indices: [ValueID], first: LLVMValue) {
        guard spmd?.loopDepth == 0, let extent = a.shape.last else { return }
        let size = a.element.byteSize
        let lineElements = max(1, 64 / size)
        let ahead = Self.spmdPrefetchDistance / size
        let (fn, fnType) = module.intrinsic("llvm.prefetch", [ctx.ptr])
        let i32 = ctx.i32
        let outer = indices.dropLast().map { value($0) }
        for offset in stride(from: 0, to: lanes, by: lineElements) {
            let wanted = b.add(first, ctx.constInt(ctx.i64, UInt64(ahead + offset)))
            let index = b.select(b.icmp(.slt, wanted, extent), wanted, first)
            // read, high locality (keep in all levels), data cache
            b.call(
                fnType, fn,
                [
                    elementPointer(a, outer + [index]), ctx.constInt(i32, 0),
                    ctx.constInt(i32, 3), ctx.constInt(i32, 1),
                ])
        }
    }

    /// `llvm.fptosi.sat` on lanes, spelled out: x86's backend expands the vector
    /// intrinsic into a compare-and-branch per lane (a 16-lane histogram body became 16
    /// branchy `cvttsd2si` sequences), while a plain `fptosi` of an in-range value is one
    /// `vcvttpd2qq`. Lanes with |v| < 2^(bits-1) — one `and` and one compare — convert
    /// exactly; only when a live lane lies outside (NaN, too large, or exactly
    /// -2^(bits-1)) does a cold block replace those lanes by `fptosi.sat`'s results (NaN
    /// → 0, positive → max, negative → min). The always-run form (four compares, a
    /// select to keep `fptosi` in range and two selects of the bounds per register) made
    /// the histogram's lanes ~40 % slower in cache (C model, docs/decisions.md).
    func saturatingSignedLanes(
        _ v: LLVMValue, from: ScalarType, to: ScalarType, mask: LLVMValue
    ) -> LLVMValue {
        let real = llvmType(from)
        let bits = to.bitWidth
        let t = ctx.vectorType(llvmType(to), lanes: lanes)
        let (fabs, fabsType) = module.intrinsic("llvm.fabs", [ctx.typeOf(v)])
        let magnitude = b.call(fabsType, fabs, [v])
        let bound = splat(
            ctx.constReal(real, Double(sign: .plus, exponent: bits - 1, significand: 1)))
        // Unordered or ≥ the bound: NaN and the lanes `fptosi` does not define.
        let outside = b.not(b.fcmp(.olt, magnitude, bound))
        // Poison in those lanes only; the fix-up replaces every one of them (dead lanes
        // keep it, as they keep any garbage).
        let converted = b.fptosi(v, t)
        let word = ctx.int(bits: lanes)
        let liveOutside = b.bitcast(and(mask, outside), word)
        let anyOutside = b.icmp(.ne, liveOutside, ctx.null(word))
        return coldFixUp(converted, when: anyOutside, name: "spmd.convert") {
            let maxValue: UInt64 =
                bits >= 64 ? UInt64(Int64.max) : (1 << UInt64(bits - 1)) - 1
            let minValue = ctx.constInt(
                llvmType(to), signed: bits >= 64 ? Int64.min : -(1 << Int64(bits - 1)))
            let zero = splat(ctx.constReal(real, 0))
            let bounds = b.select(
                b.fcmp(.ogt, v, zero), splat(ctx.constInt(llvmType(to), maxValue)),
                splat(minValue))
            let saturated = b.select(b.fcmp(.uno, v, v), ctx.null(t), bounds)
            return b.select(outside, saturated, converted)
        }
    }
}
