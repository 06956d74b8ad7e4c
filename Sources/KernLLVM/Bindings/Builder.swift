/// Bindings: an LLVM IR builder with one method per instruction Codegen emits.
/// Predicates and fast-math flags are Kern's own small enums so Codegen does not see
/// the C API.
import CLLVM
import KernBasics

enum IntPredicate {
    case eq, ne, slt, sle, sgt, sge, ult, ule, ugt, uge
    var llvm: LLVMIntPredicate {
        switch self {
        case .eq: LLVMIntEQ
        case .ne: LLVMIntNE
        case .slt: LLVMIntSLT
        case .sle: LLVMIntSLE
        case .sgt: LLVMIntSGT
        case .sge: LLVMIntSGE
        case .ult: LLVMIntULT
        case .ule: LLVMIntULE
        case .ugt: LLVMIntUGT
        case .uge: LLVMIntUGE
        }
    }
}

enum RealPredicate {
    case oeq, une, olt, ole, ogt, oge, uno, ord
    var llvm: LLVMRealPredicate {
        switch self {
        case .oeq: LLVMRealOEQ
        case .une: LLVMRealUNE
        case .olt: LLVMRealOLT
        case .ole: LLVMRealOLE
        case .ogt: LLVMRealOGT
        case .oge: LLVMRealOGE
        case .uno: LLVMRealUNO
        case .ord: LLVMRealORD
        }
    }
}

/// Fast-math flags Kern uses: none (strict IEEE), `reassoc` alone (parallel reductions),
/// the balanced `--fast-math` set (everything except nnan/ninf, so NaN/inf inputs keep
/// their meaning), or the aggressive set (all flags; `isNaN` may fold to false).
enum FloatFlags {
    case strict, reassociate, balanced, aggressive

    init(_ level: FastMathLevel) {
        switch level {
        case .strict: self = .strict
        case .balanced: self = .balanced
        case .aggressive: self = .aggressive
        }
    }

    var llvm: LLVMFastMathFlags {
        let balanced =
            LLVMFastMathAllowReassoc | LLVMFastMathAllowContract | LLVMFastMathNoSignedZeros
            | LLVMFastMathAllowReciprocal | LLVMFastMathApproxFunc
        switch self {
        case .strict: return LLVMFastMathFlags(LLVMFastMathNone)
        case .reassociate: return LLVMFastMathFlags(LLVMFastMathAllowReassoc)
        case .balanced: return LLVMFastMathFlags(balanced)
        case .aggressive:
            return LLVMFastMathFlags(balanced | LLVMFastMathNoNaNs | LLVMFastMathNoInfs)
        }
    }
}

final class Builder {
    let context: Context
    let ref: LLVMBuilderRef

    init(context: Context) {
        self.context = context
        ref = LLVMCreateBuilderInContext(context.ref)
    }
    deinit { LLVMDisposeBuilder(ref) }

    // Positioning
    func position(at block: LLVMBlock) { LLVMPositionBuilderAtEnd(ref, block) }
    var block: LLVMBlock { LLVMGetInsertBlock(ref) }
    /// The current block already ends in a terminator.
    var isTerminated: Bool { LLVMGetBasicBlockTerminator(block) != nil }
    var function: LLVMValue { LLVMGetBasicBlockParent(block) }

    /// Applies `flags` to a floating-point instruction (no-op for constants).
    @discardableResult
    func flag(_ v: LLVMValue, _ flags: FloatFlags) -> LLVMValue {
        if case .strict = flags { return v }
        if LLVMIsAInstruction(v) != nil, LLVMCanValueUseFastMathFlags(v) != 0 {
            LLVMSetFastMathFlags(v, flags.llvm)
        }
        return v
    }

    // Integer arithmetic (wrapping unless `nsw`).
    func add(_ a: LLVMValue, _ b: LLVMValue, nsw: Bool = false) -> LLVMValue {
        nsw ? LLVMBuildNSWAdd(ref, a, b, "") : LLVMBuildAdd(ref, a, b, "")
    }
    func sub(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildSub(ref, a, b, "") }
    func mul(_ a: LLVMValue, _ b: LLVMValue, nsw: Bool = false) -> LLVMValue {
        nsw ? LLVMBuildNSWMul(ref, a, b, "") : LLVMBuildMul(ref, a, b, "")
    }
    func sdiv(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildSDiv(ref, a, b, "") }
    func udiv(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildUDiv(ref, a, b, "") }
    func srem(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildSRem(ref, a, b, "") }
    func urem(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildURem(ref, a, b, "") }
    func and(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildAnd(ref, a, b, "") }
    func or(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildOr(ref, a, b, "") }
    func xor(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildXor(ref, a, b, "") }
    func shl(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildShl(ref, a, b, "") }
    func lshr(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildLShr(ref, a, b, "") }
    func ashr(_ a: LLVMValue, _ b: LLVMValue) -> LLVMValue { LLVMBuildAShr(ref, a, b, "") }
    func neg(_ a: LLVMValue) -> LLVMValue { LLVMBuildNeg(ref, a, "") }
    func not(_ a: LLVMValue) -> LLVMValue { LLVMBuildNot(ref, a, "") }

    // Floating arithmetic
    func fadd(_ a: LLVMValue, _ b: LLVMValue, _ f: FloatFlags) -> LLVMValue {
        flag(LLVMBuildFAdd(ref, a, b, ""), f)
    }
    func fsub(_ a: LLVMValue, _ b: LLVMValue, _ f: FloatFlags) -> LLVMValue {
        flag(LLVMBuildFSub(ref, a, b, ""), f)
    }
    func fmul(_ a: LLVMValue, _ b: LLVMValue, _ f: FloatFlags) -> LLVMValue {
        flag(LLVMBuildFMul(ref, a, b, ""), f)
    }
    func fdiv(_ a: LLVMValue, _ b: LLVMValue, _ f: FloatFlags) -> LLVMValue {
        flag(LLVMBuildFDiv(ref, a, b, ""), f)
    }
    func frem(_ a: LLVMValue, _ b: LLVMValue, _ f: FloatFlags) -> LLVMValue {
        flag(LLVMBuildFRem(ref, a, b, ""), f)
    }
    func fneg(_ a: LLVMValue, _ f: FloatFlags) -> LLVMValue { flag(LLVMBuildFNeg(ref, a, ""), f) }

    // Comparisons and selects
    func icmp(_ p: IntPredicate, _ a: LLVMValue, _ b: LLVMValue) -> LLVMValue {
        LLVMBuildICmp(ref, p.llvm, a, b, "")
    }
    func fcmp(_ p: RealPredicate, _ a: LLVMValue, _ b: LLVMValue, _ f: FloatFlags = .strict)
        -> LLVMValue
    {
        flag(LLVMBuildFCmp(ref, p.llvm, a, b, ""), f)
    }
    func select(_ c: LLVMValue, _ a: LLVMValue, _ b: LLVMValue) -> LLVMValue {
        LLVMBuildSelect(ref, c, a, b, "")
    }

    // Casts
    func zext(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildZExt(ref, v, t, "") }
    func sext(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildSExt(ref, v, t, "") }
    func trunc(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildTrunc(ref, v, t, "") }
    func sitofp(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildSIToFP(ref, v, t, "") }
    func uitofp(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildUIToFP(ref, v, t, "") }
    func fpext(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildFPExt(ref, v, t, "") }
    func fptrunc(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildFPTrunc(ref, v, t, "") }

    // Memory
    /// `atomicrmw add|fadd p, v monotonic`: one indivisible read-modify-write; no ordering
    /// with other memory is needed (threads only meet again at the end of the prange).
    @discardableResult
    func atomicAdd(_ p: LLVMValue, _ v: LLVMValue, floating: Bool) -> LLVMValue {
        LLVMBuildAtomicRMW(
            ref, floating ? LLVMAtomicRMWBinOpFAdd : LLVMAtomicRMWBinOpAdd, p, v,
            LLVMAtomicOrderingMonotonic, 0)
    }

    func alloca(_ t: LLVMType, _ name: String = "") -> LLVMValue { LLVMBuildAlloca(ref, t, name) }
    func load(_ t: LLVMType, _ p: LLVMValue) -> LLVMValue { LLVMBuildLoad2(ref, t, p, "") }
    @discardableResult
    func store(_ v: LLVMValue, _ p: LLVMValue) -> LLVMValue { LLVMBuildStore(ref, v, p) }
    /// `getelementptr inbounds t, p, index`.
    func gep(_ t: LLVMType, _ p: LLVMValue, _ index: LLVMValue) -> LLVMValue {
        var indices: [LLVMValue?] = [index]
        return LLVMBuildInBoundsGEP2(ref, t, p, &indices, 1, "")
    }

    // Aggregates
    func insertValue(_ agg: LLVMValue, _ v: LLVMValue, _ i: Int) -> LLVMValue {
        LLVMBuildInsertValue(ref, agg, v, UInt32(i), "")
    }
    func extractValue(_ agg: LLVMValue, _ i: Int) -> LLVMValue {
        LLVMBuildExtractValue(ref, agg, UInt32(i), "")
    }

    // Calls
    @discardableResult
    func call(_ fnType: LLVMType, _ fn: LLVMValue, _ args: [LLVMValue]) -> LLVMValue {
        var args: [LLVMValue?] = args
        return LLVMBuildCall2(ref, fnType, fn, &args, UInt32(args.count), "")
    }

    // Control flow
    @discardableResult
    func br(_ dest: LLVMBlock) -> LLVMValue { LLVMBuildBr(ref, dest)! }
    /// A conditional branch; `weights` (then, else) marks one side as unlikely.
    @discardableResult
    func condBr(
        _ c: LLVMValue, _ then: LLVMBlock, _ otherwise: LLVMBlock,
        weights: (UInt32, UInt32)? = nil
    ) -> LLVMValue {
        let br = LLVMBuildCondBr(ref, c, then, otherwise)
        if let (t, e) = weights {
            let (kind, node) = context.branchWeights(t, e)
            LLVMSetMetadata(br, kind, node)
        }
        return br!
    }
    func ret(_ v: LLVMValue) { LLVMBuildRet(ref, v) }
    func retVoid() { LLVMBuildRetVoid(ref) }
    func unreachable() { LLVMBuildUnreachable(ref) }

    func phi(_ t: LLVMType) -> LLVMValue { LLVMBuildPhi(ref, t, "") }
    func addIncoming(_ phi: LLVMValue, _ v: LLVMValue, _ from: LLVMBlock) {
        var values: [LLVMValue?] = [v]
        var blocks: [LLVMBlock?] = [from]
        LLVMAddIncoming(phi, &values, &blocks, 1)
    }

    /// Moves the builder to the end of the entry block's allocas (before its terminator
    /// or first non-alloca) for the duration of `body`.
    /// Address of field `index` of a struct of type `t` at `p`.
    func structGEP(_ t: LLVMType, _ p: LLVMValue, _ index: Int) -> LLVMValue {
        LLVMBuildStructGEP2(ref, t, p, UInt32(index), "")
    }

    func atEntry<T>(of fn: LLVMValue, _ body: () -> T) -> T {
        let saved = block
        let entry = LLVMGetEntryBasicBlock(fn)
        if let first = LLVMGetFirstInstruction(entry) {
            LLVMPositionBuilderBefore(ref, first)
        } else {
            LLVMPositionBuilderAtEnd(ref, entry)
        }
        defer { LLVMPositionBuilderAtEnd(ref, saved) }
        return body()
    }
}
