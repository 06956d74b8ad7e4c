/// Bindings: target machines (host detection, data layout, emission to memory) and
/// the new pass manager (`LLVMRunPasses` with PassBuilderOptions).
import CLLVM

/// What the host CPU is, as LLVM sees it.
package enum HostCPU {
    // Read after LLVMLibrary.load() (Context.init, LLJIT.init, TargetMachineRef.init).
    package static let triple: String = takeMessage(LLVMGetDefaultTargetTriple())
    package static let name: String = takeMessage(LLVMGetHostCPUName())
    package static let features: String = takeMessage(LLVMGetHostCPUFeatures())
}

package final class TargetMachineRef {
    package private(set) var ref: LLVMTargetMachineRef?
    let dataLayout: LLVMTargetDataRef

    /// `optLevel` 0...3 selects the code generator's level too. `forJIT`: the JIT's code
    /// model (code and data may land anywhere in the address space); otherwise the
    /// default (small) model for an object linked into a program or library.
    init(triple: String, cpu: String, features: String, optLevel: Int, forJIT: Bool = true) throws {
        try LLVMLibrary.load()
        var target: LLVMTargetRef?
        var message: UnsafeMutablePointer<CChar>?
        if LLVMGetTargetFromTriple(triple, &target, &message) != 0 {
            throw LLVMError("no target for \(triple): \(takeMessage(message))")
        }
        let level: LLVMCodeGenOptLevel =
            switch optLevel {
            case ...0: LLVMCodeGenLevelNone
            case 1: LLVMCodeGenLevelLess
            case 2: LLVMCodeGenLevelDefault
            default: LLVMCodeGenLevelAggressive
            }
        guard
            let tm = LLVMCreateTargetMachine(
                target, triple, cpu, features, level, LLVMRelocPIC,
                forJIT ? LLVMCodeModelJITDefault : LLVMCodeModelDefault)
        else { throw LLVMError("cannot create a target machine for \(triple) (\(cpu))") }
        ref = tm
        dataLayout = LLVMCreateTargetDataLayout(tm)
    }

    deinit {
        LLVMDisposeTargetData(dataLayout)
        if let ref { LLVMDisposeTargetMachine(ref) }
    }

    /// Gives up ownership (the JIT's target machine builder takes it).
    package func release() -> LLVMTargetMachineRef? {
        defer { ref = nil }
        return ref
    }

    enum FileKind { case assembly, object }

    /// Runs code generation on `module` (which it may modify: pass a clone).
    func emit(_ module: Module, _ kind: FileKind) throws -> [UInt8] {
        var message: UnsafeMutablePointer<CChar>?
        var buffer: LLVMMemoryBufferRef?
        let fileType = kind == .assembly ? LLVMAssemblyFile : LLVMObjectFile
        if LLVMTargetMachineEmitToMemoryBuffer(ref, module.ref, fileType, &message, &buffer) != 0 {
            throw LLVMError("code generation failed: \(takeMessage(message))")
        }
        guard let buffer else { return [] }
        defer { LLVMDisposeMemoryBuffer(buffer) }
        let size = LLVMGetBufferSize(buffer)
        guard let start = LLVMGetBufferStart(buffer) else { return [] }
        return start.withMemoryRebound(to: UInt8.self, capacity: size) {
            Array(UnsafeBufferPointer(start: $0, count: size))
        }
    }
}

/// Runs a textual new-pass-manager pipeline such as `default<O3>`.
func runPasses(_ pipeline: String, on module: Module, machine: TargetMachineRef, vectorize: Bool)
    throws
{
    let options = LLVMCreatePassBuilderOptions()
    defer { LLVMDisposePassBuilderOptions(options) }
    LLVMPassBuilderOptionsSetLoopVectorization(options, vectorize ? 1 : 0)
    LLVMPassBuilderOptionsSetSLPVectorization(options, vectorize ? 1 : 0)
    LLVMPassBuilderOptionsSetLoopUnrolling(options, vectorize ? 1 : 0)
    LLVMPassBuilderOptionsSetLoopInterleaving(options, vectorize ? 1 : 0)
    try LLVMError.check(
        LLVMRunPasses(module.ref, pipeline, machine.ref, options), "optimization failed")
}

/// The host target machine KernJIT gives its LLJIT (same CPU and features as the
/// optimizer's default). The caller owns the result.
package enum HostTargetMachine {
    package static func make() throws -> LLVMTargetMachineRef {
        let machine = try TargetMachineRef(
            triple: HostCPU.triple, cpu: HostCPU.name, features: HostCPU.features,
            optLevel: LLVMTuning.current.codegenLevel(or: 3))
        guard let ref = machine.release() else { throw LLVMError("no host target machine") }
        return ref
    }
}
