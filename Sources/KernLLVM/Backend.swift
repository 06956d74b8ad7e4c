/// The public face of KernLLVM: compile a KernIR.Module to an optimized LLVM module.
/// In: a verified KernIR.Module and CodegenOptions. Out: a CompiledModule (owning its
/// LLVM context and module) that can print IR, emit assembly/object code, or be handed
/// to KernJIT.
import KernIR

public struct CodegenOptions: Sendable, Hashable {
    /// 0...3: the `default<On>` pipeline (vectorizers from O2).
    public var optimizationLevel: Int = 3
    /// Floating-point freedom: strict IEEE (default), balanced or aggressive fast-math.
    public var fastMathLevel: FastMathLevel = .strict
    /// nil: the host CPU.
    public var targetCPU: String? = nil
    /// nil: the host's features (or, with `targetCPU` set, that CPU's own).
    public var targetFeatures: String? = nil
    /// Emit source locations and collect LLVM's loop optimization remarks into
    /// `CompiledModule.remarks` (for reports; off for normal compiles).
    public var optimizationRemarks = false
    /// Loops calling exp, log, sin, … use libmvec's SIMD variants (VectorMathLibrary).
    public var vectorMath = true
    /// `prefer-vector-width` in bits (256 or 512); nil: the measured default.
    public var preferredVectorWidth: Int? = nil
    /// The code runs in this process (the JIT): target features the host lacks are refused
    /// or turned off. false: emitted only (`kernelc build`, reports), any valid target.
    public var runsInProcess = true

    /// Balanced fast-math on/off (the `--fast-math` switch).
    public var fastMath: Bool {
        get { fastMathLevel != .strict }
        set { fastMathLevel = newValue ? .balanced : .strict }
    }

    public init(
        optimizationLevel: Int = 3, fastMath: Bool = false, targetCPU: String? = nil,
        targetFeatures: String? = nil, fastMathLevel: FastMathLevel? = nil,
        vectorMath: Bool = true, preferredVectorWidth: Int? = nil,
        optimizationRemarks: Bool = false, runsInProcess: Bool = true
    ) {
        self.runsInProcess = runsInProcess
        self.optimizationRemarks = optimizationRemarks
        self.optimizationLevel = optimizationLevel
        self.fastMathLevel = fastMathLevel ?? (fastMath ? .balanced : .strict)
        self.targetCPU = targetCPU
        self.targetFeatures = targetFeatures
        self.vectorMath = vectorMath
        self.preferredVectorWidth = preferredVectorWidth
    }
}

/// An optimized LLVM module with its own context. Not used concurrently: one thread at
/// a time (the JIT works on a clone, so loading does not consume it).
public final class CompiledModule: @unchecked Sendable {
    package let context: Context
    package let module: Module
    /// Names of the exported IR functions; each has an entry `kern_entry_<name>`.
    public let exportedFunctions: [String]
    public let options: CodegenOptions
    /// LLVM's loop remarks, in emission order (only with `options.optimizationRemarks`).
    public let remarks: [OptimizationRemark]
    let target: TargetSelection

    init(
        context: Context, module: Module, exportedFunctions: [String], options: CodegenOptions,
        target: TargetSelection, remarks: [OptimizationRemark] = []
    ) {
        self.remarks = remarks
        self.context = context
        self.module = module
        self.exportedFunctions = exportedFunctions
        self.options = options
        self.target = target
    }

    /// The symbol of the entry wrapper of an exported function.
    public static func entrySymbol(_ function: String) -> String { "kern_entry_" + function }

    /// Textual LLVM IR of the optimized module.
    public func llvmIR() -> String { module.printed() }

    /// Assembly for the target (generated from a clone; the module stays untouched).
    public func assembly() throws -> String {
        String(decoding: try emit(.assembly), as: UTF8.self)
    }

    /// A relocatable object file for the target.
    public func objectCode() throws -> [UInt8] { try emit(.object) }

    private func emit(_ kind: TargetMachineRef.FileKind) throws -> [UInt8] {
        let machine = try target.makeMachine(optLevel: options.optimizationLevel)
        return try machine.emit(module.clone(), kind)
    }
}

public enum LLVMBackend {
    /// Lowers, verifies and optimizes `module`. Throws LLVMError with LLVM's message.
    public static func compile(_ module: KernIR.Module, options: CodegenOptions) throws
        -> CompiledModule
    {
        let context = try Context()  // first: loads LLVM on the process's first compile
        let target = try TargetSelection(options)
        let machine = try target.makeMachine(optLevel: options.optimizationLevel)
        let llvmModule = Module(name: module.sourceName, context: context)
        llvmModule.setTarget(triple: target.triple, dataLayout: machine.dataLayout)
        let codegen = Codegen(ir: module, options: options, target: target, module: llvmModule)
        codegen.emitModule()
        let collector = options.optimizationRemarks ? RemarkCollector(context) : nil
        try Optimizer.run(llvmModule, machine: machine, level: options.optimizationLevel)
        if let error = context.diagnostics.errors.first {
            throw LLVMError("LLVM reported an error: \(error)")
        }
        let exported = module.functions.filter(\.isExported).map(\.name)
        return CompiledModule(
            context: context, module: llvmModule, exportedFunctions: exported, options: options,
            target: target, remarks: collector?.remarks ?? [])
    }
}
