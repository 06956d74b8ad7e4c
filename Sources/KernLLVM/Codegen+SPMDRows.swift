/// SPMD lowering (Codegen+SPMD.swift): rows cached per group. A read `a[i, j]` in an inner
/// loop, with `i` the `prange` variable and `j` uniform (a k-means point's coordinates in
/// its `d` loop), would be a gather on every trip: lane l reads row `i + l`, one row
/// stride apart. Instead each group copies the W rows it works on into a lane-major
/// buffer once (one gather per column), and every read becomes one aligned vector load
/// of `buffer[j]`. Legal because SPMDAnalysis only caches arrays the loop never writes
/// and no written array overlaps, so the rows cannot change while the group runs.
/// The buffer holds `spmdCachedColumns` columns; a block whose rows are wider runs as the
/// ordinary scalar loop (chosen once per block, before its groups).
import KernABI
import KernBasics
import KernIR

extension Codegen {
    /// Columns a cached row may have. 64 keeps one buffer at 8 KiB (16 Double lanes),
    /// well inside L1 next to the data being streamed; k-means has d ≤ 64 in practice.
    static let spmdCachedColumns = 64

    /// Array values of the function being emitted that no written array overlaps: its
    /// `noalias` array parameters (ArrayAliasing.swift).
    var unaliasedArrayValues: Set<ValueID> {
        let noalias = noaliasArrays[functionID.index]
        var out = Set<ValueID>()
        for (k, p) in function.params.enumerated() where noalias[k] {
            if case .value(let v) = p.binding { out.insert(v) }
        }
        return out
    }

    /// The block as lanes when every cached array's rows fit their buffer, else as the
    /// scalar loop (the same code `--no-spmd` makes).
    func emitSPMDWithCachedRows(_ loop: ForLoop, _ decision: SPMDDecision) {
        let limit = ctx.constInt(ctx.i64, UInt64(Self.spmdCachedColumns))
        var fits = ctx.trueValue
        for a in decision.cachedRows.sorted(by: { $0.raw < $1.raw }) {
            fits = b.and(fits, b.icmp(.ule, view(a).shape[1], limit))
        }
        let lanesBlock = newBlock("spmd.rows.fit")
        let scalarBlock = newBlock("spmd.rows.wide")
        let merge = newBlock("spmd.rows.done")
        b.condBr(fits, lanesBlock, scalarBlock)
        b.position(at: lanesBlock)
        emitSPMDGroups(loop, decision)
        if !b.isTerminated { b.br(merge) }
        b.position(at: scalarBlock)
        spmdScalarFallback = true
        emitFor(loop)
        spmdScalarFallback = false
        if !b.isTerminated { b.br(merge) }
        b.position(at: merge)
    }

    /// One buffer per cached array (entry-block allocas): `spmdCachedColumns` vectors of
    /// the array's element type.
    func rowCacheBuffers(_ decision: SPMDDecision, lanes: Int) -> [ValueID: LLVMValue] {
        guard let fn = llvmFunction else { preconditionFailure("KernLLVM: no function") }
        var out: [ValueID: LLVMValue] = [:]
        for a in decision.cachedRows {
            let vector = ctx.vectorType(memoryType(view(a).element), lanes: lanes)
            let type = ctx.arrayType(vector, count: Self.spmdCachedColumns)
            out[a] = b.atEntry(of: fn) { b.alloca(type, "spmd.rows") }
        }
        return out
    }

    /// At the start of a group whose lanes hold iterations `rows`: copies column by
    /// column the rows of every cached array into its buffer. Only lanes that are live and
    /// whose row exists are read (the others get 0 and are never used by a live lane: a
    /// live lane past the array's end fails its bounds check first).
    func fillRowCaches(_ rows: LLVMValue, _ live: LLVMValue) {
        guard let caches = spmd?.rowCaches else { return }
        let i64 = ctx.i64
        for (a, buffer) in caches.sorted(by: { $0.key.raw < $1.key.raw }) {
            let v = view(a)
            let element = memoryType(v.element)
            let vector = ctx.vectorType(element, lanes: lanes)
            let valid = and(live, b.icmp(.ult, rows, splat(v.shape[0])))
            let rowOffsets = b.mul(rows, splat(v.strides[0]))
            let columns = v.shape[1]
            let end = newBlock("spmd.rows.filled")
            if lanes % 8 == 0 {
                // Rows of at most 8 contiguous elements: vector loads and a transpose.
                let dense = newBlock("spmd.rows.dense")
                let general = newBlock("spmd.rows.general")
                let fits = b.and(
                    b.icmp(.eq, v.strides[1], ctx.constInt(i64, 1)),
                    b.icmp(.ule, columns, ctx.constInt(i64, 8)))
                b.condBr(fits, dense, general)
                b.position(at: dense)
                transposeRows(v, rows: rows, valid: valid, into: buffer)
                b.br(end)
                b.position(at: general)
            }
            let preheader = b.block
            let body = newBlock("spmd.rows.fill")
            b.condBr(b.icmp(.sgt, columns, ctx.null(i64)), body, end)
            b.position(at: body)
            let column = b.phi(i64)
            b.addIncoming(column, ctx.null(i64), preheader)
            let offsets = b.add(rowOffsets, splat(b.mul(column, v.strides[1])))
            let pointers = b.gep(element, v.data, offsets)
            let (fn, fnType) = module.intrinsic(
                "llvm.masked.gather", [vector, ctx.vectorType(ctx.ptr, lanes: lanes)])
            let align = ctx.constInt(ctx.i32, UInt64(v.element.byteSize))
            let zero = ctx.null(vector)
            let gathered = b.call(
                fnType, fn,
                maskedIntrinsicsTakeAlignment
                    ? [pointers, align, valid, zero] : [pointers, valid, zero])
            b.store(gathered, b.gep(vector, buffer, column))
            let next = b.add(column, ctx.constInt(i64, 1), nsw: true)
            b.addIncoming(column, next, body)
            b.condBr(b.icmp(.slt, next, columns), body, end)
            b.position(at: end)
            prefetchNextGroupsRows(v, firstRow: b.extractElement(rows, ctx.null(ctx.i32)))
        }
    }

    /// The fill for rows of at most 8 elements with column stride 1 (k-means points with
    /// d ≤ 8): per block of 8 lanes, 8 masked row loads (only the row's columns, only for
    /// valid lanes) and a 3-stage 8×8 transpose of shuffles, then 8 column stores. 24
    /// shuffles and 16 memory operations per 8 lanes, where the gathers cost 8 loads per
    /// vector and were the largest part of the fill (docs/decisions.md).
    func transposeRows(_ v: ArrayView, rows: LLVMValue, valid: LLVMValue, into buffer: LLVMValue) {
        let i64 = ctx.i64
        let element = memoryType(v.element)
        let eight = ctx.vectorType(element, lanes: 8)
        let mask8 = ctx.vectorType(ctx.i1, lanes: 8)
        var columns8 = ctx.poison(ctx.vectorType(i64, lanes: 8))
        for k in 0..<8 { columns8 = b.insertElement(columns8, v.shape[1], lane: k) }
        let inRow = b.icmp(
            .ult, ctx.constVector((0..<8).map { ctx.constInt(i64, UInt64($0)) }), columns8)
        let (load, loadType) = module.intrinsic("llvm.masked.load", [eight, ctx.ptr])
        let align = ctx.constInt(ctx.i32, UInt64(v.element.byteSize))
        for block in 0..<lanes / 8 {
            var r: [LLVMValue] = []
            for l in 0..<8 {
                let lane = ctx.constInt(ctx.i32, UInt64(block * 8 + l))
                let ok = b.extractElement(valid, lane)
                let row = b.extractElement(rows, lane)
                // An invalid lane loads nothing, from the array's start.
                let p = b.select(ok, b.gep(element, v.data, b.mul(row, v.strides[0])), v.data)
                let mask = b.select(ok, inRow, ctx.null(mask8))
                r.append(
                    b.call(
                        loadType, load,
                        maskedIntrinsicsTakeAlignment
                            ? [p, align, mask, ctx.null(eight)] : [p, mask, ctx.null(eight)]))
            }
            // t: rows 2p and 2p+1 interleaved (even columns, odd columns).
            var t: [LLVMValue] = []
            for p in 0..<4 {
                t.append(b.shuffle(r[2 * p], r[2 * p + 1], [0, 8, 2, 10, 4, 12, 6, 14]))
                t.append(b.shuffle(r[2 * p], r[2 * p + 1], [1, 9, 3, 11, 5, 13, 7, 15]))
            }
            // u: four rows of columns (0, 4), (2, 6), (1, 5), (3, 7), for rows 0–3 then 4–7.
            let lo2 = [0, 1, 8, 9, 4, 5, 12, 13]
            let hi2 = [2, 3, 10, 11, 6, 7, 14, 15]
            let u = [
                b.shuffle(t[0], t[2], lo2), b.shuffle(t[0], t[2], hi2),
                b.shuffle(t[1], t[3], lo2), b.shuffle(t[1], t[3], hi2),
                b.shuffle(t[4], t[6], lo2), b.shuffle(t[4], t[6], hi2),
                b.shuffle(t[5], t[7], lo2), b.shuffle(t[5], t[7], hi2),
            ]
            let lo4 = [0, 1, 2, 3, 8, 9, 10, 11]
            let hi4 = [4, 5, 6, 7, 12, 13, 14, 15]
            // (column, its vector): u[k] and u[k + 4] hold the same two columns.
            let columnOf = [(0, 4), (2, 6), (1, 5), (3, 7)]
            for (k, (c0, c1)) in columnOf.enumerated() {
                for (c, pick) in [(c0, lo4), (c1, hi4)] {
                    let offset = ctx.constInt(i64, UInt64(c * lanes + block * 8))
                    b.store(b.shuffle(u[k], u[k + 4], pick), b.gep(element, buffer, offset))
                }
            }
        }
    }

    /// Prefetches, line by line, the rows the next group will cache, so that their cache
    /// misses overlap this group's work instead of stalling the next group's gathers (the
    /// fill is a burst of loads with no work to hide it). Only when those rows exist and
    /// the span from the first to the last of their elements is at most 16 KiB with
    /// positive strides: every prefetched line then holds an element of the array.
    /// Measured on the k-means benchmark: see docs/decisions.md, "SPMD prange bodies".
    func prefetchNextGroupsRows(_ v: ArrayView, firstRow: LLVMValue) {
        let i64 = ctx.i64
        let one = ctx.constInt(i64, 1)
        let w = ctx.constInt(i64, UInt64(lanes))
        let next = b.add(firstRow, w)
        let last = b.sub(b.add(next, w), one)
        let columns = v.shape[1]
        let span = b.add(
            b.add(
                b.mul(b.sub(w, one), v.strides[0]),
                b.mul(b.sub(columns, one), v.strides[1])), one)
        let bytes = b.mul(span, ctx.constInt(i64, UInt64(v.element.byteSize)))
        let zero = ctx.null(i64)
        var ok = b.icmp(.slt, last, v.shape[0])
        ok = b.and(ok, b.icmp(.sge, next, zero))
        ok = b.and(ok, b.icmp(.sgt, columns, zero))
        ok = b.and(ok, b.icmp(.sgt, v.strides[0], zero))
        ok = b.and(ok, b.icmp(.sgt, v.strides[1], zero))
        ok = b.and(ok, b.icmp(.sle, bytes, ctx.constInt(i64, 16_384)))
        let body = newBlock("spmd.rows.prefetch")
        let end = newBlock("spmd.rows.prefetched")
        let offset = enterCountedLoop(if: ok, body: body, exit: end, start: zero)
        let start = elementPointer(v, [next, zero])
        let (fn, fnType) = module.intrinsic("llvm.prefetch", [ctx.ptr])
        let i32 = ctx.i32
        // Read, keep in all cache levels (locality 3), data.
        b.call(
            fnType, fn,
            [
                b.gep(ctx.i8, start, offset), ctx.null(i32), ctx.constInt(i32, 3),
                ctx.constInt(i32, 1),
            ])
        let step = b.add(offset, ctx.constInt(i64, 64))
        b.addIncoming(offset, step, body)
        b.condBr(b.icmp(.slt, step, bytes), body, end)
        b.position(at: end)
    }

    /// `a[i, j]` from the group's cached rows when `a` is cached, `i` is the `prange`
    /// variable and `j` is uniform; nil otherwise. A column outside the row (only possible
    /// without bounds checks, where the scalar read is undefined) reads column 0 instead
    /// of leaving the buffer.
    func cachedRowLoad(_ a: ValueID, _ indices: [ValueID]) -> LLVMValue? {
        guard let state = spmd, let buffer = state.rowCaches[a], indices.count == 2,
            indices[0] == state.induction, !isVarying(indices[1])
        else { return nil }
        let v = view(a)
        let i64 = ctx.i64
        let column = intCast(value(indices[1]), to: i64, signed: scalarKind(indices[1]).isSigned)
        let inside = b.icmp(.ult, column, v.shape[1])
        let safe = b.select(inside, column, ctx.null(i64))
        let vector = ctx.vectorType(memoryType(v.element), lanes: lanes)
        let loaded = b.load(vector, b.gep(vector, buffer, safe))
        return v.element == .bool ? b.trunc(loaded, maskType) : loaded
    }
}
