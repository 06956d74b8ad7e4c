/// Source positions in LLVM IR, for optimization remarks (`kernelc report`).
///
/// In: the module being lowered and the Kern source name. Out: a minimal debug-info
/// skeleton — one compile unit, one `DISubprogram` per defined function — and a
/// `DILocation` (line:column of Kern source) on every instruction Codegen emits, plus a
/// loop ID carrying the `for`/`while`/`repeat` position on every loop's back edge. LLVM's
/// loop passes then report each loop at the position of its keyword.
///
/// Only built when `CodegenOptions.optimizationRemarks` is on: normal compiles carry no
/// debug info, so their compile latency and code are exactly what they were
/// (docs/decisions.md, "Optimization report").
import CLLVM
import KernBasics

final class DebugLocations {
    private let module: Module
    private let builder: Builder
    private let di: LLVMDIBuilderRef
    private let file: LLVMMetadataRef
    private let subroutineType: LLVMMetadataRef
    /// The subprogram of the function being emitted.
    private var scope: LLVMMetadataRef?

    init(module: Module, builder: Builder, sourceName: String) {
        self.module = module
        self.builder = builder
        di = LLVMCreateDIBuilder(module.ref)
        file = LLVMDIBuilderCreateFile(di, sourceName, sourceName.utf8.count, "", 0)
        let producer = "kern"
        _ = LLVMDIBuilderCreateCompileUnit(
            di, LLVMDWARFSourceLanguageC, file, producer, producer.utf8.count,
            1, "", 0, 0, "", 0, LLVMDWARFEmissionLineTablesOnly, 0, 0, 0, "", 0, "", 0)
        subroutineType = LLVMDIBuilderCreateSubroutineType(di, file, nil, 0, LLVMDIFlagZero)
        // Without this flag LLVM's verifier strips all debug info from the module.
        let version = LLVMValueAsMetadata(
            LLVMConstInt(
                LLVMInt32TypeInContext(module.context.ref), UInt64(LLVMDebugMetadataVersion()), 0))
        let key = "Debug Info Version"
        LLVMAddModuleFlag(module.ref, LLVMModuleFlagBehaviorWarning, key, key.utf8.count, version)
    }

    deinit { LLVMDisposeDIBuilder(di) }

    /// Resolves the debug-info nodes; call once after the last function.
    func finalize() { LLVMDIBuilderFinalize(di) }

    /// Where emission is: the function's subprogram and the current location.
    struct State {
        fileprivate var scope: LLVMMetadataRef?
        fileprivate var location: LLVMMetadataRef?
    }

    var state: State { State(scope: scope, location: LLVMGetCurrentDebugLocation2(builder.ref)) }

    func restore(_ saved: State) {
        scope = saved.scope
        LLVMSetCurrentDebugLocation2(builder.ref, saved.location)
    }

    /// Gives `fn` a subprogram named `name` and makes `pos` the current location.
    func beginFunction(_ fn: LLVMValue, name: String, pos: SourcePos) {
        let line = UInt32(max(pos.line, 1))
        var linkageLength = 0
        let linkage = LLVMGetValueName2(fn, &linkageLength)
        let subprogram = LLVMDIBuilderCreateFunction(
            di, file, name, name.utf8.count, linkage, linkageLength, file, line, subroutineType,
            1, 1, line, LLVMDIFlagZero, 1)
        LLVMSetSubprogram(fn, subprogram)
        scope = subprogram
        setLocation(pos)
    }

    /// Makes `pos` the current location; returns the state to restore after the
    /// instruction. Positions IRGen did not know keep the enclosing instruction's.
    func enter(_ pos: SourcePos) -> State {
        let saved = state
        if pos != .unknown { setLocation(pos) }
        return saved
    }

    /// Marks `backEdge` (a loop's latch branch) with the current location as the loop's.
    func markLoop(_ backEdge: LLVMValue) {
        guard let location = LLVMGetCurrentDebugLocation2(builder.ref) else { return }
        kern_llvm_set_loop_location(backEdge, location)
    }

    private func setLocation(_ pos: SourcePos) {
        guard let scope else { return }
        let location = LLVMDIBuilderCreateDebugLocation(
            module.context.ref, UInt32(max(pos.line, 1)), pos.column, scope, nil)
        LLVMSetCurrentDebugLocation2(builder.ref, location)
    }
}
