/// Codegen of array views: element addressing (`base + Σ index_k * stride_k` through an
/// inbounds GEP), subviews, selects of views, and local arrays (`kern_rt_alloc`, filled,
/// registered in the current scope so every exit frees them).
/// In: views as data pointer + shape + strides (in elements). Out: loads, stores, views.
import KernABI
import KernBasics
import KernIR

extension Codegen {
    /// Address of an element. Offsets of valid accesses fit in i64 (nsw helps SCEV see
    /// affine strides); out-of-range indices were stopped by a check before.
    func elementPointer(_ a: ArrayView, _ indices: [LLVMValue]) -> LLVMValue {
        var offset: LLVMValue?
        for (k, index) in indices.enumerated() {
            let term = b.mul(index, a.strides[k], nsw: true)
            offset = offset.map { b.add($0, term, nsw: true) } ?? term
        }
        return b.gep(memoryType(a.element), a.data, offset ?? ctx.null(ctx.i64))
    }

    func loadElement(_ a: ArrayView, _ indices: [LLVMValue]) -> LLVMValue {
        let v = b.load(memoryType(a.element), elementPointer(a, indices))
        return a.element == .bool ? b.trunc(v, ctx.i1) : v
    }

    func storeElement(_ a: ArrayView, _ indices: [LLVMValue], _ v: LLVMValue) {
        let stored = a.element == .bool ? b.zext(v, ctx.i8) : v
        b.store(stored, elementPointer(a, indices))
    }

    /// Row `index` of `a`: the view without its first dimension.
    func subview(_ a: ArrayView, _ index: LLVMValue) -> ArrayView {
        let offset = b.mul(index, a.strides[0], nsw: true)
        return ArrayView(
            data: b.gep(memoryType(a.element), a.data, offset), shape: Array(a.shape.dropFirst()),
            strides: Array(a.strides.dropFirst()), element: a.element)
    }

    func selectView(_ c: LLVMValue, _ x: ArrayView, _ y: ArrayView) -> ArrayView {
        ArrayView(
            data: b.select(c, x.data, y.data),
            shape: zip(x.shape, y.shape).map { b.select(c, $0, $1) },
            strides: zip(x.strides, y.strides).map { b.select(c, $0, $1) }, element: x.element)
    }

    /// A new dense row-major array with every element `fill` (nil: left unset, for arrays
    /// whose every element is written next). Negative extents fail with KERN_ERR_SIZE, an
    /// overflowing or refused size with KERN_ERR_ALLOCATION.
    func allocArray(_ kind: ScalarType, _ dims: [LLVMValue], fill: LLVMValue?, pos: SourcePos)
        -> ArrayView
    {
        let i64 = ctx.i64
        let zero = ctx.null(i64)
        let (mulFn, mulType) = module.intrinsic("llvm.umul.with.overflow", [i64])
        var count = ctx.constInt(i64, 1)
        var overflow = ctx.falseValue
        for d in dims {
            fail(if: b.icmp(.slt, d, zero), .size, pos: pos, values: (d, zero, zero))
            let product = b.call(mulType, mulFn, [count, d])
            count = b.extractValue(product, 0)
            overflow = b.or(overflow, b.extractValue(product, 1))
        }
        let elementSize = ctx.constInt(i64, UInt64(kind.byteSize))
        let bytesAndOverflow = b.call(mulType, mulFn, [count, elementSize])
        let bytes = b.extractValue(bytesAndOverflow, 0)
        overflow = b.or(overflow, b.extractValue(bytesAndOverflow, 1))
        // Sizes beyond Int64.max are refused like an allocation failure.
        overflow = b.or(overflow, b.icmp(.slt, bytes, zero))
        let reported = b.select(overflow, ctx.constInt(i64, UInt64(Int64.max)), bytes)
        fail(if: overflow, .allocation, pos: pos, values: (reported, zero, zero))

        let (allocFn, allocType) = runtimeFunction(.alloc)
        let data = b.call(allocType, allocFn, [bytes])
        fail(
            if: b.icmp(.eq, data, ctx.null(ctx.ptr)), .allocation, pos: pos,
            values: (bytes, zero, zero))
        // From here on every exit of the enclosing block frees `data`.
        scopes[scopes.count - 1].arrays.append(data)
        scopes[scopes.count - 1].errorExit = nil

        if let fill { fillArray(data, count: count, kind: kind, fill: fill) }

        var strides = [LLVMValue](repeating: ctx.constInt(i64, 1), count: dims.count)
        if dims.count > 1 {
            for k in stride(from: dims.count - 2, through: 0, by: -1) {
                strides[k] = b.mul(strides[k + 1], dims[k + 1], nsw: true)
            }
        }
        return ArrayView(data: data, shape: dims, strides: strides, element: kind)
    }

    /// `for i in 0..<count { data[i] = fill }` — LLVM turns it into memset or vector stores.
    private func fillArray(_ data: LLVMValue, count: LLVMValue, kind: ScalarType, fill: LLVMValue) {
        let i64 = ctx.i64
        let stored = kind == .bool ? b.zext(fill, ctx.i8) : fill
        let preheader = b.block
        let body = newBlock("fill.body")
        let exit = newBlock("fill.end")
        b.condBr(b.icmp(.sgt, count, ctx.null(i64)), body, exit)
        b.position(at: body)
        let i = b.phi(i64)
        b.addIncoming(i, ctx.null(i64), preheader)
        b.store(stored, b.gep(memoryType(kind), data, i))
        let next = b.add(i, ctx.constInt(i64, 1), nsw: true)
        b.addIncoming(i, next, body)
        b.condBr(b.icmp(.slt, next, count), body, exit)
        b.position(at: exit)
    }

    func freeArrays(_ arrays: [LLVMValue]) {
        guard !arrays.isEmpty else { return }
        let (fn, type) = runtimeFunction(.free)
        for p in arrays.reversed() { b.call(type, fn, [p]) }
    }
}
