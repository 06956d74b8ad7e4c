/// The public face of KernLLVM: compile a KernIR.Module to an optimized LLVM module.
/// In: a verified KernIR.Module and CompileOptions. Out: a CompiledModule (owning its
/// LLVM context and module) that can print IR, emit assembly/object code, or be handed
/// to KernJIT.
import KernABI
import KernBasics
import KernIR

/// An optimized LLVM module with its own context. Not used concurrently: one thread at
/// a time (the JIT works on a clone, so loading does not consume it).
public final class CompiledModule: @unchecked Sendable {
    package let context: Context
    package let module: Module
    /// Names of the exported IR functions; each has an entry `kern_entry_<name>`.
    public let exportedFunctions: [String]
    public let options: CompileOptions
    /// LLVM's loop remarks, in emission order (only with `options.optimizationRemarks`).
    public let remarks: [OptimizationRemark]
    /// The SPMD decision for each `prange` block loop codegen saw, by loop identity:
    /// "SPMD: 8 lanes, masked while" or "not SPMD: <why>" (`kernelc report`).
    public let spmd: [LoopID: String]
    let target: TargetSelection
    /// Wall time of Kern IR → LLVM IR (codegen and the verifier's run is in `optimization`).
    public let loweringTime: Duration
    /// Wall time of LLVM's verifier and pass pipeline (`default<On>`).
    public let optimizationTime: Duration

    init(
        context: Context, module: Module, exportedFunctions: [String], options: CompileOptions,
        target: TargetSelection, remarks: [OptimizationRemark] = [],
        spmd: [LoopID: String] = [:], loweringTime: Duration = .zero,
        optimizationTime: Duration = .zero
    ) {
        self.loweringTime = loweringTime
        self.optimizationTime = optimizationTime
        self.remarks = remarks
        self.spmd = spmd
        self.context = context
        self.module = module
        self.exportedFunctions = exportedFunctions
        self.options = options
        self.target = target
    }

    /// The symbol of the entry wrapper of an exported function.
    public static func entrySymbol(_ function: String) -> String { EntryABI.entrySymbol(function) }

    /// Textual LLVM IR of the optimized module.
    public func llvmIR() -> String { module.printed() }

    /// Whether the code calls glibc's libmvec (`_ZGV…` SIMD math variants, from Codegen or
    /// the loop vectorizer), so a program linking it needs `-lmvec`. Cheaper than searching
    /// `llvmIR()` (printing a module costs as much as a few percent of its compile).
    public var callsVectorMathLibrary: Bool { module.hasFunction(withPrefix: "_ZGV") }

    /// Assembly for the target (generated from a clone; the module stays untouched).
    /// `entryPrefix`: name the entry of function `f` `<entryPrefix>_f` instead of
    /// `kern_entry_f` (ahead-of-time output: every other symbol is internal, so modules
    /// with different prefixes link into one program).
    public func assembly(entryPrefix: String? = nil) throws -> String {
        String(decoding: try emit(.assembly, entryPrefix: entryPrefix), as: UTF8.self)
    }

    /// A relocatable object file for the target; `entryPrefix` as for `assembly`.
    public func objectCode(entryPrefix: String? = nil) throws -> [UInt8] {
        try emit(.object, entryPrefix: entryPrefix)
    }

    private func emit(_ kind: TargetMachineRef.FileKind, entryPrefix: String?) throws -> [UInt8] {
        let copy = module.clone()
        if let entryPrefix {
            for f in exportedFunctions {
                guard let entry = copy.function(named: Self.entrySymbol(f)) else {
                    preconditionFailure("exported function '\(f)' has no entry wrapper")
                }
                copy.setName(entry, EntryABI.entrySymbol(f, prefix: entryPrefix))
            }
        }
        return try target.withMachine(optLevel: options.optimizationLevel) {
            try $0.emit(copy, kind)
        }
    }
}

public enum LLVMBackend {
    /// Lowers, verifies and optimizes `module`. Throws LLVMError with LLVM's message, or
    /// `InvalidTarget`. `runsInProcess`: the code runs in this process (the JIT), so
    /// target features the host lacks are refused or turned off; false: emitted only
    /// (`kernelc build`, reports), any valid target.
    public static func compile(
        _ module: KernIR.Module, options: CompileOptions, runsInProcess: Bool = true
    ) throws -> CompiledModule {
        try compile(module, options: options, runsInProcess: runsInProcess, partition: nil)
    }

    /// `compile` of one partition of `module` (nil: all of it). Each call has its own
    /// LLVM context and target machine, so partitions compile on separate threads.
    static func compile(
        _ module: KernIR.Module, options: CompileOptions, runsInProcess: Bool,
        partition: ModulePartition?
    ) throws -> CompiledModule {
        let clock = ContinuousClock()
        let start = clock.now
        let context = try Context()  // first: loads LLVM on the process's first compile
        let target = try TargetSelection(options, runsInProcess: runsInProcess)
        let llvmModule = Module(name: module.sourceName, context: context)
        let (codegen, collector, lowered) = try target.withMachine(
            optLevel: options.optimizationLevel
        ) { machine in
            llvmModule.setTarget(triple: target.triple, dataLayout: machine.dataLayout)
            let codegen = Codegen(
                ir: module, options: options, target: target, module: llvmModule)
            codegen.emitModule(partition: partition)
            let collector = options.optimizationRemarks ? RemarkCollector(context) : nil
            let lowered = clock.now
            try Optimizer.run(llvmModule, machine: machine, level: options.optimizationLevel)
            return (codegen, collector, lowered)
        }
        let optimized = clock.now
        if let error = context.diagnostics.errors.first {
            throw LLVMError("LLVM reported an error: \(error)")
        }
        let exported = module.functions.ids.filter {
            partition?.entries.contains($0.index) ?? module.functions[$0].isExported
        }.map { module.functions[$0].name }
        return CompiledModule(
            context: context, module: llvmModule, exportedFunctions: exported, options: options,
            target: target, remarks: collector?.remarks ?? [], spmd: codegen.spmdSummaries,
            loweringTime: lowered - start,
            optimizationTime: optimized - lowered)
    }

    /// Assembles `text` (assembly for the target `options` select, e.g. the dispatcher of
    /// a multi-versioned library) into a relocatable object with LLVM's integrated
    /// assembler: module-level assembly in an otherwise empty module.
    /// Throws `LLVMError` (with LLVM's message for bad assembly) or `InvalidTarget`.
    public static func assemble(_ text: String, options: CompileOptions) throws -> [UInt8] {
        let context = try Context()
        let target = try TargetSelection(options, runsInProcess: false)
        let module = Module(name: "kern_asm", context: context)
        module.setInlineAssembly(text)
        let object = try target.withMachine(optLevel: options.optimizationLevel) { machine in
            module.setTarget(triple: target.triple, dataLayout: machine.dataLayout)
            return try machine.emit(module, .object)
        }
        if let error = context.diagnostics.errors.first {
            throw LLVMError("LLVM reported an error: \(error)")
        }
        return object
    }

    /// Loads libLLVM if this process has not yet (README: where it is searched).
    /// Throws `LLVMUnavailable`.
    package static func loadLLVM() throws { try LLVMLibrary.load() }

    /// Everything about the target that decides the machine code of an in-process compile
    /// with `options`, as one line: the loaded LLVM's version, triple, CPU name, the
    /// feature string actually used, the preferred vector width and whether libmvec is
    /// there (codegen calls its variants only then). A compile cache keys on it. Loads
    /// LLVM if needed; throws `LLVMUnavailable` or `InvalidTarget` like `compile`.
    package static func targetIdentity(for options: CompileOptions) throws -> String {
        try LLVMLibrary.load()
        guard let llvm = LLVMLibrary.loaded else { throw LLVMError("LLVM is not loaded") }
        let target = try TargetSelection(options, runsInProcess: true)
        let tuning = LLVMTuning.current.identity
        return [
            "llvm=\(llvm.version)", "triple=\(target.triple)", "cpu=\(target.cpu)",
            "features=\(target.features)", "width=\(target.preferredVectorWidth)",
            "libmvec=\(VectorMathLibrary.isAvailable)",
        ].joined(separator: ";") + (tuning.isEmpty ? "" : ";" + tuning)
    }
}
