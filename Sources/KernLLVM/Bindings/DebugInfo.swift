/// Bindings: the minimal debug info `kernelc report` needs (DebugLocations): a compile
/// unit, one subprogram per function, line:column locations and loop IDs.
import CLLVM

typealias LLVMMetadata = LLVMMetadataRef

/// An LLVM DIBuilder for one module, with its compile unit.
final class DIBuilder {
    private let module: Module
    private let ref: LLVMDIBuilderRef
    private let unitFile: LLVMMetadata
    private let subroutineType: LLVMMetadata

    init(module: Module, sourceName: String) {
        self.module = module
        module.context.diagnostics.sourceName = sourceName
        ref = LLVMCreateDIBuilder(module.ref)
        unitFile = LLVMDIBuilderCreateFile(ref, sourceName, sourceName.utf8.count, "", 0)
        let producer = "kern"
        _ = LLVMDIBuilderCreateCompileUnit(
            ref, LLVMDWARFSourceLanguageC, unitFile, producer, producer.utf8.count,
            1, "", 0, 0, "", 0, LLVMDWARFEmissionLineTablesOnly, 0, 0, 0, "", 0, "", 0)
        subroutineType = LLVMDIBuilderCreateSubroutineType(ref, unitFile, nil, 0, LLVMDIFlagZero)
        // Without this flag LLVM's verifier strips all debug info from the module.
        let version = LLVMValueAsMetadata(
            LLVMConstInt(
                LLVMInt32TypeInContext(module.context.ref), UInt64(LLVMDebugMetadataVersion()), 0))
        let key = "Debug Info Version"
        LLVMAddModuleFlag(module.ref, LLVMModuleFlagBehaviorWarning, key, key.utf8.count, version)
    }

    deinit { LLVMDisposeDIBuilder(ref) }

    /// Resolves the debug-info nodes; call once after the last function.
    func finalize() { LLVMDIBuilderFinalize(ref) }

    /// Gives `fn` a subprogram named `name` starting at `line`, and returns it. Its file is
    /// named after the LLVM function: a remark's text (which the C API gives only as
    /// `file:line:col: message`) then says which function the loop is in.
    func subprogram(for fn: LLVMValue, name: String, line: UInt32) -> LLVMMetadata {
        var linkageLength = 0
        let linkage = LLVMGetValueName2(fn, &linkageLength)
        let file = LLVMDIBuilderCreateFile(ref, linkage, linkageLength, "", 0)
        if let linkage {
            let bytes = UnsafeRawBufferPointer(start: linkage, count: linkageLength)
            module.context.diagnostics.functionFiles.insert(String(decoding: bytes, as: UTF8.self))
        }
        let subprogram = LLVMDIBuilderCreateFunction(
            ref, file, name, name.utf8.count, linkage, linkageLength, file, line, subroutineType,
            1, 1, line, LLVMDIFlagZero, 1)
        LLVMSetSubprogram(fn, subprogram)
        guard let subprogram else { preconditionFailure("LLVM made no DISubprogram") }
        return subprogram
    }

    /// A `DILocation` in `scope`.
    func location(line: UInt32, column: UInt32, scope: LLVMMetadata) -> LLVMMetadata {
        guard
            let location = LLVMDIBuilderCreateDebugLocation(
                module.context.ref, line, column, scope, nil)
        else { preconditionFailure("LLVM made no DILocation") }
        return location
    }
}

extension Builder {
    /// The location instructions built next get (nil: none).
    var debugLocation: LLVMMetadata? {
        get { LLVMGetCurrentDebugLocation2(ref) }
        set { LLVMSetCurrentDebugLocation2(ref, newValue) }
    }
}
