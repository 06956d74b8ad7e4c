/// Bindings: the LLVM context (with its ThreadSafeContext, so modules can go to the JIT),
/// types and constants. Together with the other files in Bindings/ this is the only
/// Swift code in KernLLVM that calls `LLVM…` functions; the wrappers own what they create.
import CLLVM

typealias LLVMValue = LLVMValueRef
typealias LLVMType = LLVMTypeRef
typealias LLVMBlock = LLVMBasicBlockRef

/// An error reported by LLVM (verifier, pass pipeline, code generation, JIT).
public struct LLVMError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension LLVMError {
    /// Consumes an `LLVMErrorRef`; nil means success.
    package static func take(_ error: LLVMErrorRef?, _ what: String) -> LLVMError? {
        guard let error else { return nil }
        guard let cMessage = LLVMGetErrorMessage(error) else { return LLVMError(what) }
        defer { LLVMDisposeErrorMessage(cMessage) }
        return LLVMError("\(what): \(String(cString: cMessage))")
    }

    /// Throws when `error` is a failure.
    package static func check(_ error: LLVMErrorRef?, _ what: String) throws {
        if let failure = take(error, what) { throw failure }
    }
}

/// Takes ownership of an LLVM-allocated C string (`LLVMDisposeMessage`).
func takeMessage(_ p: UnsafeMutablePointer<CChar>?) -> String {
    guard let p else { return "" }
    defer { LLVMDisposeMessage(p) }
    return String(cString: p)
}

/// An LLVMContext owned through its ThreadSafeContext.
package final class Context {
    package let ref: LLVMContextRef
    package let threadSafe: LLVMOrcThreadSafeContextRef

    /// Where LLVM's diagnostics for this context go (remarks while collecting, errors).
    let diagnostics = DiagnosticSink()

    /// Loads LLVM first if this is the process's first compile.
    init() throws(LLVMUnavailable) {
        try LLVMLibrary.load()
        var tsc: LLVMOrcThreadSafeContextRef?
        ref = kern_llvm_create_context(&tsc)
        guard let tsc else { preconditionFailure("LLVM returned no ThreadSafeContext") }
        threadSafe = tsc
        diagnostics.install(on: ref)
    }

    deinit {
        // The JIT may keep the context alive (its ThreadSafeContext is shared): later
        // diagnostics must not reach the sink, which dies with `self`.
        DiagnosticSink.uninstall(from: ref)
        LLVMOrcDisposeThreadSafeContext(threadSafe)
    }

    // Types
    var void: LLVMType { LLVMVoidTypeInContext(ref) }
    var i1: LLVMType { LLVMInt1TypeInContext(ref) }
    var i8: LLVMType { LLVMInt8TypeInContext(ref) }
    var i32: LLVMType { LLVMInt32TypeInContext(ref) }
    var i64: LLVMType { LLVMInt64TypeInContext(ref) }
    var ptr: LLVMType { LLVMPointerTypeInContext(ref, 0) }
    var f32: LLVMType { LLVMFloatTypeInContext(ref) }
    var f64: LLVMType { LLVMDoubleTypeInContext(ref) }
    func int(bits: Int) -> LLVMType { LLVMIntTypeInContext(ref, UInt32(bits)) }

    func structType(_ fields: [LLVMType]) -> LLVMType {
        var fields: [LLVMType?] = fields
        return LLVMStructTypeInContext(ref, &fields, UInt32(fields.count), 0)
    }

    func functionType(_ result: LLVMType, _ params: [LLVMType]) -> LLVMType {
        var params: [LLVMType?] = params
        return LLVMFunctionType(result, &params, UInt32(params.count), 0)
    }

    // Constants
    func constInt(_ type: LLVMType, _ value: UInt64) -> LLVMValue {
        LLVMConstInt(type, value, 0)
    }
    func constInt(_ type: LLVMType, signed value: Int64) -> LLVMValue {
        LLVMConstInt(type, UInt64(bitPattern: value), 1)
    }
    func constReal(_ type: LLVMType, _ value: Double) -> LLVMValue { LLVMConstReal(type, value) }
    func null(_ type: LLVMType) -> LLVMValue { LLVMConstNull(type) }
    /// The type of field `index` of a struct type.
    func fieldType(_ structType: LLVMType, _ index: Int) -> LLVMType {
        LLVMStructGetTypeAtIndex(structType, UInt32(index))
    }
    /// `float` or `double`.
    func isFloatingPoint(_ type: LLVMType) -> Bool {
        let kind = LLVMGetTypeKind(type)
        return kind == LLVMFloatTypeKind || kind == LLVMDoubleTypeKind
    }
    func poison(_ type: LLVMType) -> LLVMValue { LLVMGetPoison(type) }
    func allOnes(_ type: LLVMType) -> LLVMValue { LLVMConstAllOnes(type) }
    var trueValue: LLVMValue { constInt(i1, 1) }
    var falseValue: LLVMValue { constInt(i1, 0) }

    func typeOf(_ v: LLVMValue) -> LLVMType { LLVMTypeOf(v) }
    func intWidth(_ t: LLVMType) -> Int { Int(LLVMGetIntTypeWidth(t)) }

    /// A constant integer's value, if `v` is one.
    func constantValue(_ v: LLVMValue) -> Int64? {
        guard LLVMIsAConstantInt(v) != nil else { return nil }
        return LLVMConstIntGetSExtValue(v)
    }

    // Attributes
    func enumAttribute(_ name: String, _ value: UInt64 = 0) -> LLVMAttributeRef {
        let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
        return LLVMCreateEnumAttribute(ref, kind, value)
    }
    func stringAttribute(_ key: String, _ value: String) -> LLVMAttributeRef {
        LLVMCreateStringAttribute(
            ref, key, UInt32(key.utf8.count), value, UInt32(value.utf8.count))
    }
    var noCaptureAttribute: LLVMAttributeRef { kern_llvm_nocapture_attribute(ref) }

    // Metadata
    /// Gives the loop whose latch branch is `backEdge` a loop ID carrying `location` (a
    /// `DILocation`, in report compiles) and, when `rolled`, `llvm.loop.unroll.disable`.
    func setLoopID(_ backEdge: LLVMValue, location: LLVMMetadata?, rolled: Bool = false) {
        kern_llvm_set_loop_id(ref, backEdge, location, rolled ? 1 : 0)
    }

    /// `!{!"branch_weights", i32 taken, i32 notTaken}`.
    func branchWeights(_ taken: UInt32, _ notTaken: UInt32) -> (kind: UInt32, node: LLVMValue) {
        let kind = LLVMGetMDKindIDInContext(ref, "prof", 4)
        var ops: [LLVMMetadataRef?] = [
            LLVMMDStringInContext2(ref, "branch_weights", 14),
            LLVMValueAsMetadata(constInt(i32, UInt64(taken))),
            LLVMValueAsMetadata(constInt(i32, UInt64(notTaken))),
        ]
        let node = LLVMMDNodeInContext2(ref, &ops, ops.count)
        return (kind, LLVMMetadataAsValue(ref, node))
    }
}
