/// Bindings: vector types, constants and lane operations (Kern's own vector math and the
/// scalar x86 conversion intrinsics, which take their operand in lane 0 of a vector),
/// plus the bit-level conversions those need.
import CLLVM

extension Context {
    /// `[count x element]`.
    func arrayType(_ element: LLVMType, count: Int) -> LLVMType {
        guard let type = LLVMArrayType2(element, UInt64(count)) else {
            preconditionFailure("LLVM made no [\(count) x …] array type")
        }
        return type
    }

    func vectorType(_ element: LLVMType, lanes: Int) -> LLVMType {
        guard let type = LLVMVectorType(element, UInt32(lanes)) else {
            preconditionFailure("LLVM made no <\(lanes) x …> vector type")
        }
        return type
    }

    /// A constant vector of `elements`.
    func constVector(_ elements: [LLVMValue]) -> LLVMValue {
        var elements: [LLVMValue?] = elements
        guard let vector = LLVMConstVector(&elements, UInt32(elements.count)) else {
            preconditionFailure("LLVM made no constant vector")
        }
        return vector
    }
}

extension Builder {
    /// `vector` with lane `lane` replaced by `v`.
    func insertElement(_ vector: LLVMValue, _ v: LLVMValue, lane: Int) -> LLVMValue {
        LLVMBuildInsertElement(
            ref, vector, v, LLVMConstInt(LLVMInt32TypeInContext(context.ref), UInt64(lane), 0), "")
    }

    /// `shufflevector a, b, mask`: lane k of the result is lane `mask[k]` of `a` followed
    /// by `b`.
    func shuffle(_ a: LLVMValue, _ b: LLVMValue, _ mask: [Int]) -> LLVMValue {
        let i32 = LLVMInt32TypeInContext(context.ref)
        var lanes: [LLVMValue?] = mask.map { LLVMConstInt(i32, UInt64($0), 0) }
        return LLVMBuildShuffleVector(ref, a, b, LLVMConstVector(&lanes, UInt32(lanes.count)), "")
    }

    /// Lane `index` (an i32 value) of `vector`.
    func extractElement(_ vector: LLVMValue, _ index: LLVMValue) -> LLVMValue {
        LLVMBuildExtractElement(ref, vector, index, "")
    }

    /// `fptosi` (truncating float → signed integer; poison when out of range).
    func fptosi(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildFPToSI(ref, v, t, "") }

    /// The same bits as type `t`.
    func bitcast(_ v: LLVMValue, _ t: LLVMType) -> LLVMValue { LLVMBuildBitCast(ref, v, t, "") }
}
