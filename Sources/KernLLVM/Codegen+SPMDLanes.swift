/// SPMD lowering (Codegen+SPMD.swift): varying arithmetic (vector instructions, or the
/// scalar emitter lane by lane where vectors would change the results or could trap)
/// and memory (masked gathers, scatters, contiguous loads/stores, uniform loads).
import KernABI
import KernBasics
import KernIR

extension Codegen {
    // MARK: Varying arithmetic

    func spmdVaryingOperation(_ instr: Instr, _ r: ValueID, _ mask: LLVMValue) {
        switch instr.op {
        case .binary(let op, let x, _)
        where !scalarKind(x).isFloating && [.div, .rem, .shl, .shr].contains(op):
            withSafeDivisor(instr) { laneByLane(instr, r) }
        case .math(let fn, let args) where exactVectorIntrinsic(fn, args) != nil:
            // Correctly rounded (or exact) operations: the vector instruction gives every
            // lane the scalar instruction's bits, and costs one instruction, not W calls.
            let name = exactVectorIntrinsic(fn, args) ?? ""
            let xs = args.map(laneValues)
            let (f, type) = module.intrinsic(name, [ctx.typeOf(xs[0])])
            values[r.index] = b.flag(b.call(type, f, xs), floatFlags(reduction: false))
        case .math(.copysign, let args):
            // Exact operations and a select: the vectors give every lane the scalar bits.
            let xs = args.map(laneValues)
            values[r.index] = inlineMath(
                .copysign, scalarKind(args[0]), ctx.typeOf(xs[0]), xs,
                floatFlags(reduction: false))
        case .math:
            laneByLane(instr, r)
        case .convert(let x):
            let to = function.values[r].verifiedScalar("KernLLVM: conversion")
            values[r.index] = convertLanes(laneValues(x), from: scalarKind(x), to: to, mask: mask)
        default:
            // Element-wise LLVM instructions take vectors as they are.
            let uniform = instr.op.operands.filter { !isVarying($0) }
            let broadcast: (ValueID) -> LLVMValue = { self.splat(self.value($0)) }
            withOperands(uniform, boundTo: broadcast) { emit(instr) }
        }
    }

    /// The LLVM intrinsic of a floating math built-in whose result IEEE 754 defines
    /// exactly (square root and fused multiply-add are correctly rounded; the others are
    /// exact), so a vector call is bitwise the lane-by-lane scalar code; nil otherwise.
    func exactVectorIntrinsic(_ fn: MathFunction, _ args: [ValueID]) -> String? {
        guard let first = args.first, scalarKind(first).isFloating else { return nil }
        return Self.exactMathIntrinsics[fn]
    }

    static let exactMathIntrinsics: [MathFunction: String] = [
        .sqrt: "llvm.sqrt", .fma: "llvm.fma", .floor: "llvm.floor", .ceil: "llvm.ceil",
        .trunc: "llvm.trunc", .round: "llvm.round",
    ]

    /// `Codegen.convert` on vectors: the same instructions with vector types. `mask`: the
    /// live lanes (only they can send a float→signed conversion to its fix-up).
    func convertLanes(_ v: LLVMValue, from: ScalarType, to: ScalarType, mask: LLVMValue)
        -> LLVMValue
    {
        if from == to { return v }
        let t = ctx.vectorType(llvmType(to), lanes: lanes)
        if to == .bool {
            let zero = ctx.null(ctx.typeOf(v))
            return from.isFloating ? b.fcmp(.une, v, zero) : b.icmp(.ne, v, zero)
        }
        if from.isFloating && to.isFloating {
            return from.bitWidth < to.bitWidth ? b.fpext(v, t) : b.fptrunc(v, t)
        }
        if from.isFloating && to.isSigned {
            return saturatingSignedLanes(v, from: from, to: to, mask: mask)
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
    func withOperands(
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
    func withSafeDivisor(_ instr: Instr, _ body: () -> Void) {
        guard case .binary(let op, let x, let d) = instr.op, op == .div || op == .rem,
            !scalarKind(x).isFloating
        else { return body() }
        withOperands(
            [d],
            boundTo: { d in
                let v = value(d)
                let t = ctx.typeOf(v)
                let one =
                    isVarying(d)
                    ? splat(ctx.constInt(llvmType(scalarKind(d)), 1)) : ctx.constInt(t, 1)
                return b.select(b.icmp(.eq, v, ctx.null(t)), one, v)
            }, body)
    }

    /// The scalar emitter once per lane, on each lane's operands.
    func laneByLane(_ instr: Instr, _ r: ValueID) {
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
    func elementPointers(_ a: ArrayView, _ indices: [ValueID]) -> LLVMValue {
        var offset: LLVMValue?
        for (k, index) in indices.enumerated() {
            let term = b.mul(laneValues(index), splat(a.strides[k]), nsw: true)
            offset = offset.map { b.add($0, term, nsw: true) } ?? term
        }
        return b.gep(memoryType(a.element), a.data, offset ?? splat(ctx.null(ctx.i64)))
    }

    /// LLVM 22 dropped the alignment operand of the masked gather/scatter intrinsics.
    var maskedIntrinsicsTakeAlignment: Bool {
        guard let llvm = LLVMLibrary.loaded else {
            preconditionFailure("KernLLVM: codegen without LLVM loaded")
        }
        return llvm.major < 22
    }

    /// Emits an element access two ways when the lanes' elements may be consecutive in
    /// memory (every index uniform but the last, which is consecutive): `contiguous` at
    /// lane 0's element when the last stride is 1 (known, or tested at run time), else
    /// `general`. Returns their result (merged), or nil for accesses without one.
    func byLayout(
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
    func uniformLoad(_ a: ArrayView, _ indices: [ValueID], _ mask: LLVMValue)
        -> LLVMValue
    {
        let one = ctx.vectorType(memoryType(a.element), lanes: 1)
        let live = b.insertElement(ctx.poison(ctx.vectorType(ctx.i1, lanes: 1)), any(mask), lane: 0)
        let v = maskedLoad(elementPointer(a, indices.map { value($0) }), one, live, a.element)
        let scalar = b.extractElement(v, ctx.null(ctx.i32))
        return a.element == .bool ? b.trunc(scalar, ctx.i1) : scalar
    }

    func maskedLoad(_ p: LLVMValue, _ type: LLVMType, _ mask: LLVMValue, _ element: ScalarType)
        -> LLVMValue
    {
        let (fn, fnType) = module.intrinsic("llvm.masked.load", [type, ctx.ptr])
        let align = ctx.constInt(ctx.i32, UInt64(element.byteSize))
        return b.call(
            fnType, fn,
            maskedIntrinsicsTakeAlignment
                ? [p, align, mask, ctx.poison(type)] : [p, mask, ctx.poison(type)])
    }

    func gather(_ a: ArrayView, _ indices: [ValueID], _ mask: LLVMValue) -> LLVMValue {
        let type = ctx.vectorType(memoryType(a.element), lanes: lanes)
        let v = byLayout(
            a, indices,
            contiguous: { base in
                if let last = indices.last {
                    let first = b.extractElement(value(last), ctx.null(ctx.i32))
                    prefetchAhead(a, indices, first: first)
                }
                return maskedLoad(base, type, mask, a.element)
            },
            general: { gatherElements(a, indices, mask) })
        guard let v else { preconditionFailure("KernLLVM: a load without a value") }
        return a.element == .bool ? b.trunc(v, maskType) : v
    }

    func gatherElements(_ a: ArrayView, _ indices: [ValueID], _ mask: LLVMValue)
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

    func scatter(
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

    func scatterElements(
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
}
