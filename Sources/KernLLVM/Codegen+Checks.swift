/// Codegen of runtime checks, error exits and calls between Kern functions.
/// A failing check branches (weighted unlikely) to a cold block, one per error exit, that
/// calls `kern_rt_fail(ctx, kind, line, col, v0, v1, v2, msg)` with the check's values
/// (phis) and jumps to the error exit of the current point: a block that frees the local
/// arrays live there and returns
/// (the entry wrapper then returns ctx->error.kind). A call to a function that may fail
/// is followed by a test of ctx->error.kind that takes the same exit.
import KernABI
import KernBasics
import KernIR

extension Codegen {
    /// Weights for a branch whose first target is almost never taken.
    static var unlikely: (UInt32, UInt32) { (1, 1 << 20) }

    func checkBounds(_ index: LLVMValue, _ bound: LLVMValue, axis: Int, pos: SourcePos) {
        // One unsigned compare covers index < 0 and index >= bound.
        let bad = b.icmp(.uge, index, bound)
        fail(
            if: bad, .bounds, pos: pos, values: (index, bound, ctx.constInt(ctx.i64, UInt64(axis))))
    }

    func checkDivisor(_ d: LLVMValue, pos: SourcePos) {
        let bad = b.icmp(.eq, d, ctx.null(ctx.typeOf(d)))
        fail(if: bad, .division, pos: pos)
    }

    func checkPrecondition(_ c: LLVMValue, message: String, pos: SourcePos) {
        let bad = b.not(c)
        let text = message.isEmpty ? nil : module.globalString(message, name: "precondition.msg")
        fail(if: bad, .precondition, pos: pos, message: text)
    }

    func checkStride(_ s: LLVMValue, pos: SourcePos) {
        let t = ctx.typeOf(s)
        let bad =
            ctx.isFloatingPoint(t) ? b.fcmp(.oeq, s, ctx.null(t)) : b.icmp(.eq, s, ctx.null(t))
        fail(if: bad, .stride, pos: pos)
    }

    /// Before a call that stays inside a call-graph cycle: fail with `.stackOverflow` at
    /// the call when this frame is below the thread's limit (`ctx->stack_limit`, set per
    /// thread by the host and the parallel runtime; 0 never fails). Compared as
    /// pointers, so no integer cast is needed.
    func checkStack(pos: SourcePos) {
        let (frameAddress, type) = module.intrinsic("llvm.frameaddress", [ctx.ptr])
        let frame = b.call(type, frameAddress, [ctx.constInt(ctx.i32, 0)])
        let limit = b.load(ctx.ptr, contextField(.stackLimit, of: ctxArgument))
        fail(if: b.icmp(.ult, frame, limit), .stackOverflow, pos: pos)
    }

    /// Branches to the cold failure block of the current error exit when `bad` holds;
    /// continues in a fresh block. The failing check's arguments reach the block's one
    /// `kern_rt_fail` call through phis: one call block per exit instead of one per check
    /// keeps the code linear in the number of checks. (A block per check made LLVM's
    /// tail merging in code generation cubic: 200 checked arrays in a loop took seconds,
    /// docs/compile-time.md.)
    func fail(
        if bad: LLVMValue, _ kind: RuntimeStatus, pos: SourcePos,
        values: (LLVMValue, LLVMValue, LLVMValue)? = nil, message: LLVMValue? = nil
    ) {
        let failure = failureBlock()
        let ok = newBlock("check.ok")
        let zero = ctx.null(ctx.i64)
        let (v0, v1, v2) = values ?? (zero, zero, zero)
        let arguments = [
            ctx.constInt(ctx.i32, UInt64(kind.rawValue)), ctx.constInt(ctx.i32, UInt64(pos.line)),
            ctx.constInt(ctx.i32, UInt64(pos.column)), toI64(v0), toI64(v1), toI64(v2),
            message ?? ctx.null(ctx.ptr),
        ]
        let from = b.block
        for (phi, value) in zip(failure.arguments, arguments) { b.addIncoming(phi, value, from) }
        b.condBr(bad, failure.block, ok, weights: Self.unlikely)
        b.position(at: ok)
    }

    /// The failure block of the current error exit, made on first use: phis for
    /// `kern_rt_fail`'s arguments after ctx (kind, line, column, three values, message),
    /// the call, and a branch to the exit.
    private func failureBlock() -> FailureBlock {
        let exit = errorExit()
        if let existing = failureBlocks[exit] { return existing }
        let saved = b.block
        let block = newBlock("check.fail")
        b.position(at: block)
        let types = [ctx.i32, ctx.i32, ctx.i32, ctx.i64, ctx.i64, ctx.i64, ctx.ptr]
        let phis = types.map { b.phi($0) }
        let (fn, type) = runtimeFunction(.fail)
        b.call(type, fn, [ctxArgument] + phis)
        b.br(exit)
        b.position(at: saved)
        let failure = FailureBlock(block: block, arguments: phis)
        failureBlocks[exit] = failure
        return failure
    }

    private func toI64(_ v: LLVMValue) -> LLVMValue {
        intCast(v, to: ctx.i64, signed: true)
    }

    var ctxArgument: LLVMValue {
        guard let ctxParam else { preconditionFailure("KernLLVM: no ctx") }
        return ctxParam
    }

    /// The error exit for the current point: frees the live local arrays, returns.
    /// Cached per scope; allocating an array in the scope invalidates the cache.
    func errorExit() -> LLVMBlock { errorExit(scope: scopes.count - 1) }

    /// A scope without arrays shares its parent's exit (the parent's arrays cannot change
    /// while the child is being emitted). Exits form a chain: each frees only the arrays
    /// allocated since the scope's previous exit, newest first, then jumps to that exit
    /// (or to the parent's, or to the function's error return), so n allocations make n
    /// small exits rather than exits freeing 1, 2, …, n arrays (quadratic code, which
    /// LLVM's tail merging then took seconds over: docs/compile-time.md).
    private func errorExit(scope index: Int) -> LLVMBlock {
        guard index >= 0 else { return errorReturn() }
        if let cached = scopes[index].errorExit { return cached }
        let scope = scopes[index]
        let fresh = Array(scope.arrays[scope.arraysFreedByLastExit...])
        let next = scope.lastErrorExit ?? errorExit(scope: index - 1)
        if fresh.isEmpty {
            scopes[index].errorExit = next
            return next
        }
        let saved = b.block
        let exit = newBlock("error.exit")
        b.position(at: exit)
        freeArrays(fresh)
        b.br(next)
        b.position(at: saved)
        scopes[index].errorExit = exit
        scopes[index].lastErrorExit = exit
        scopes[index].arraysFreedByLastExit = scope.arrays.count
        return exit
    }

    /// The end of every error exit chain: returns (the status is in ctx). One per function.
    private func errorReturn() -> LLVMBlock {
        if let existing = errorReturnBlock { return existing }
        let saved = b.block
        let block = newBlock("error.return")
        b.position(at: block)
        if let zero = errorReturnValue { b.ret(zero) } else { b.retVoid() }
        b.position(at: saved)
        errorReturnBlock = block
        return block
    }

    /// After a call that may fail: leave through the error exit if ctx holds an error.
    func testCallStatus() {
        let status = b.load(ctx.i32, statusPointer(ctxArgument))
        let ok = newBlock("call.ok")
        b.condBr(b.icmp(.ne, status, ctx.null(ctx.i32)), errorExit(), ok, weights: Self.unlikely)
        b.position(at: ok)
    }

    // MARK: Calls

    func call(_ callee: FunctionID, _ args: [CallArgument]) -> LLVMValue? {
        let target = ir.functions[callee]
        if target.external != nil { return callExternal(callee, args) }
        var llvmArgs = [ctxArgument]
        for arg in args {
            switch arg {
            case .value(let v):
                if case .array = function.values[v] {
                    llvmArgs += view(v).abiArguments
                } else {
                    llvmArgs.append(value(v))
                }
            case .slot(let s):
                guard let p = slots[s.index] else { preconditionFailure("KernLLVM: no slot \(s)") }
                llvmArgs.append(p)
            }
        }
        let (fn, type) = functions[callee.index]
        let result = b.call(type, fn, llvmArgs)
        if mayFail[callee.index] { testCallStatus() }
        if case .void = target.returnType { return nil }
        return result
    }

    // MARK: Runtime declarations

    /// Declares (once per module) a runtime function, with the type from the ABI table.
    func runtimeFunction(_ f: RuntimeFunction) -> (fn: LLVMValue, type: LLVMType) {
        let type = llvmType(f.type)
        if let existing = module.function(named: f.symbol) { return (existing, type) }
        let fn = module.addFunction(f.symbol, type)
        module.addAttribute(fn, param: nil, ctx.enumAttribute("nounwind"))
        switch f {
        case .fail:
            // Calls to cold functions are predicted not taken and kept out of hot code.
            module.addAttribute(fn, param: nil, ctx.enumAttribute("cold"))
            module.addAttribute(fn, param: 0, ctx.noCaptureAttribute)
        case .alloc:
            // kern_rt_alloc returns fresh 64-byte-aligned storage (kern_runtime.h).
            module.addAttribute(fn, param: -1, ctx.enumAttribute("noalias"))
            module.addAttribute(fn, param: -1, ctx.enumAttribute("align", 64))
        case .free, .parallelFor, .parallelForRanges, .printText, .printI64, .printU64,
            .printF64, .printF32, .printBool, .printEnd, .clockNanoseconds, .printFormatted:
            break
        case .mpiQuery, .mpiAllreduceI64, .mpiAllreduceF64, .mpiArray, .mpiReduceI64, .mpiReduceF64:
            // Communication: reads and writes the arrays passed and ctx; no attributes.
            break
        }
        return (fn, type)
    }
}

/// The shared failure block of one error exit and its argument phis (`Codegen.fail`).
struct FailureBlock {
    var block: LLVMBlock
    var arguments: [LLVMValue]
}
