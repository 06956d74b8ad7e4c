/// Codegen of `parallel_for`: the launch of an outlined `prange` body on the runtime's
/// thread pool (kern_parallel.h). The captured values are packed into a context struct
/// on the caller's stack; a per-site trampoline `i32 (ptr context, ptr blockCtx, i64 lo,
/// i64 hi, i64 block)` unpacks them and calls the outlined function, returning the
/// block's status. A failing block's error (the lowest-index one) is copied into the
/// caller's ctx by the runtime, and the caller leaves through its error exit.
/// In: `parallelFor` instructions (parallel loops never reach LLVM lowering: the
/// outlining pass turned them into these). Out: a call to `kern_parallel_for`, or to
/// `kern_parallel_for_ranges` when the body never reads its block index (no reductions:
/// its effect does not depend on where the range is cut, so the runtime splits the
/// iterations evenly over the threads instead of whole blocks; docs/decisions.md,
/// "Affinity scheduling").
import KernABI
import KernIR

extension Codegen {
    func emitParallelFor(
        body: FunctionID, captures: [ValueID], lower: ValueID, upper: ValueID, blockSize: ValueID
    ) {
        // Flatten the captures as the internal calling convention passes them.
        var fieldTypes: [LLVMType] = []
        var fieldValues: [LLVMValue] = []
        for c in captures {
            switch function.values[c] {
            case .array:
                // Captured like an array argument (EntryABI's order).
                let a = view(c).abiArguments
                fieldTypes += a.map { ctx.typeOf($0) }
                fieldValues += a
            case .scalar, .tuple:
                fieldTypes.append(llvmType(function.values[c]))
                fieldValues.append(value(c))
            case .void:
                break
            }
        }
        let contextType = ctx.structType(fieldTypes)
        guard let fn = llvmFunction else { preconditionFailure("KernLLVM: no function") }
        let context = b.atEntry(of: fn) { b.alloca(contextType, "prange.context") }
        for (i, v) in fieldValues.enumerated() {
            b.store(v, b.structGEP(contextType, context, i))
        }
        let trampoline = emitTrampoline(
            for: body, contextType: contextType, fieldCount: fieldTypes.count)
        let (launch, launchType) = runtimeFunction(
            ignoresBlockIndex(body) ? .parallelForRanges : .parallelFor)
        let status = b.call(
            launchType, launch,
            [ctxArgument, trampoline, context, value(lower), value(upper), value(blockSize)])
        let ok = newBlock("prange.ok")
        b.condBr(b.icmp(.ne, status, ctx.null(ctx.i32)), errorExit(), ok, weights: Self.unlikely)
        b.position(at: ok)
    }

    /// True when the outlined body (parameters lo, hi, block, captures…: OutlineParallelLoops)
    /// never reads `block`, which only partial results are indexed by, and computes each
    /// element the same whichever vector group it falls in: vector math (libmvec, Kern's
    /// own), random draws (normal ones use vector `log`/`cos`) and SPMD lanes may round an
    /// element in a vector group differently from a scalar remainder, and so may fast-math
    /// contraction; fixed block boundaries keep those groupings independent of the thread
    /// count. Any other body keeps the block launch, which is correct for every body.
    private func ignoresBlockIndex(_ body: FunctionID) -> Bool {
        let f = ir.functions[body]
        guard f.params.count >= 3, f.params[2].name == "block",
            case .value(let block) = f.params[2].binding
        else { return false }
        return spmdValueUses(f.body)[block] == nil && options.fastMathLevel == .strict
            && !computesPerElement(body)
    }

    /// `i32 kern_tramp_<body>(ptr context, ptr blockCtx, i64 lo, i64 hi, i64 block)`.
    private func emitTrampoline(for body: FunctionID, contextType: LLVMType, fieldCount: Int)
        -> LLVMValue
    {
        let type = llvmType(RuntimeABI.blockBody)
        let name = "kern_tramp_" + ir.functions[body].name
        if let existing = module.function(named: name) { return existing }
        let fn = module.addFunction(name, type)
        module.setLinkage(fn, .internal)
        addCommonAttributes(fn, vectorWidth: vectorWidths[body.index])
        let saved = b.block
        let savedLocation = debug?.state
        debug?.beginFunction(fn, name: ir.functions[body].name, pos: ir.functions[body].pos)
        defer { if let savedLocation { debug?.restore(savedLocation) } }
        b.position(at: module.appendBlock(fn, "entry"))
        let context = module.param(fn, 0)
        let blockCtx = module.param(fn, 1)
        var args = [blockCtx, module.param(fn, 2), module.param(fn, 3), module.param(fn, 4)]
        for i in 0..<fieldCount {
            let fieldType = ctx.fieldType(contextType, i)
            args.append(b.load(fieldType, b.structGEP(contextType, context, i)))
        }
        let (callee, calleeType) = functions[body.index]
        _ = b.call(calleeType, callee, args)
        b.ret(b.load(ctx.i32, statusPointer(blockCtx)))
        b.position(at: saved)
        return fn
    }
}
