/// Codegen of array results (IR.swift: `call` and `returnValue` of arrays).
///
/// In: an array-returning call or return. Out: the internal convention
/// `{ ptr data, i64 extent_0 … extent_{r-1} }` (a new dense row-major array the caller
/// owns; `data` is null on the error path, where the caller tests the status first and
/// never sees it), the caller's view registered in the current scope (freed on every
/// exit from it), and the entry wrapper's result slots (data, then the extents).
import KernABI
import KernBasics
import KernIR

extension Codegen {
    /// `{ ptr, i64 × rank }`: how an array result travels between Kern functions.
    func arrayResultType(rank: Int) -> LLVMType {
        ctx.structType([ctx.ptr] + Array(repeating: ctx.i64, count: rank))
    }

    /// The view of a called function's array result, now owned by the current scope.
    func adoptArrayResult(_ result: LLVMValue, element: ScalarType, rank: Int) -> ArrayView {
        let data = b.extractValue(result, 0)
        let shape = (0..<rank).map { b.extractValue(result, $0 + 1) }
        scopes[scopes.count - 1].arrays.append(data)
        // The cached error exit does not free `data`; the next failure builds a new one.
        scopes[scopes.count - 1].errorExit = nil
        return ArrayView(
            data: data, shape: shape, strides: denseStrides(shape), element: element)
    }

    /// Row-major strides (in elements) of a dense array of the given extents.
    func denseStrides(_ shape: [LLVMValue]) -> [LLVMValue] {
        var strides = [LLVMValue](repeating: ctx.constInt(ctx.i64, 1), count: shape.count)
        if shape.count > 1 {
            for k in stride(from: shape.count - 2, through: 0, by: -1) {
                strides[k] = b.mul(strides[k + 1], shape[k + 1], nsw: true)
            }
        }
        return strides
    }

    /// `return a` for an array: moves an array this call owns (no copy, not freed),
    /// copies any other view into a new dense array, then frees the rest and returns.
    func emitArrayReturn(_ v: ValueID, pos: SourcePos) {
        let source = view(v)
        let rank = source.shape.count
        var data = source.data
        var owned = isOwnedArray(v)
        if !owned {
            data = allocateUnowned(source.element, source.shape, pos: pos)
            copyDense(from: source, to: data)
            owned = true
        }
        var result = ctx.poison(arrayResultType(rank: rank))
        result = b.insertValue(result, data, 0)
        for (k, extent) in source.shape.enumerated() {
            result = b.insertValue(result, extent, k + 1)
        }
        freeScopes(from: 0, keeping: data)
        spillRandomState(callee: nil)
        b.ret(result)
    }

    /// Whether `v` is an array view.
    func isArrayValue(_ v: ValueID) -> Bool {
        if case .array = function.values[v] { return true }
        return false
    }

    /// Whether `v` is an array this call owns: the result of `allocArray` or of a call
    /// returning an array (both registered in a scope, so `data` is freed on exits).
    func isOwnedArray(_ v: ValueID) -> Bool { ownedArrays.contains(v) }

    /// A new dense array's storage that no scope frees (it is returned). Failing
    /// allocations stop the call like `allocArray`'s.
    private func allocateUnowned(_ kind: ScalarType, _ shape: [LLVMValue], pos: SourcePos)
        -> LLVMValue
    {
        // Every element is written next (copyDense), so no fill pass.
        let view = allocArray(kind, shape, fill: nil, pos: pos)
        // allocArray registered it in the innermost scope: this one is returned instead.
        scopes[scopes.count - 1].arrays.removeLast()
        scopes[scopes.count - 1].errorExit = nil
        return view.data
    }

    /// Copies every element of `source` into the dense row-major storage at `data`.
    private func copyDense(from source: ArrayView, to data: LLVMValue) {
        let target = ArrayView(
            data: data, shape: source.shape, strides: denseStrides(source.shape),
            element: source.element)
        var indices: [LLVMValue] = []
        func loop(_ axis: Int) {
            if axis == source.shape.count {
                storeElement(target, indices, loadElement(source, indices))
                return
            }
            let i64 = ctx.i64
            let preheader = b.block
            let body = newBlock("copy.body")
            let exit = newBlock("copy.end")
            let extent = source.shape[axis]
            b.condBr(b.icmp(.sgt, extent, ctx.null(i64)), body, exit)
            b.position(at: body)
            let i = b.phi(i64)
            b.addIncoming(i, ctx.null(i64), preheader)
            indices.append(i)
            loop(axis + 1)
            indices.removeLast()
            let next = b.add(i, ctx.constInt(i64, 1), nsw: true)
            b.addIncoming(i, next, b.block)
            b.condBr(b.icmp(.slt, next, extent), body, exit)
            b.position(at: exit)
        }
        loop(0)
    }

    /// Stores an entry wrapper's array result: slot 0 the data pointer (the host now owns
    /// it and frees it with `kern_rt_free`), slots 1…rank the extents.
    func storeArrayResult(_ result: LLVMValue, rank: Int, to base: LLVMValue) {
        for k in 0...rank {
            let p =
                k == 0
                ? base
                : b.gep(ctx.i8, base, ctx.constInt(ctx.i64, UInt64(EntryABI.resultSlotSize * k)))
            b.store(b.extractValue(result, k), p)
        }
    }
}
