/// Bindings: the few vector operations Codegen needs (scalar x86 conversion intrinsics
/// take their operand in lane 0 of a vector).
import CLLVM

extension Context {
    func vectorType(_ element: LLVMType, lanes: Int) -> LLVMType {
        LLVMVectorType(element, UInt32(lanes))
    }
}

extension Builder {
    /// `vector` with lane `lane` replaced by `v`.
    func insertElement(_ vector: LLVMValue, _ v: LLVMValue, lane: Int) -> LLVMValue {
        LLVMBuildInsertElement(
            ref, vector, v, LLVMConstInt(LLVMInt32TypeInContext(context.ref), UInt64(lane), 0), "")
    }
}
