/// The measurement overrides of LLVM's pipeline and code generator (Bindings/LLVMTuning.swift)
/// and the background load of LLVM (`LLVMLibrary.preload`).
import KernBasics
import KernLLVM
import Testing

@Suite struct LLVMTuningTests {
    @Test func nothingSetMeansNoOverrideAndNoKeyPart() {
        let none = LLVMTuning(environment: [:])
        #expect(none.passes == nil && none.codegenLevel == nil && none.invalidCodegenLevel == nil)
        #expect(none.identity == "")
        // Empty values count as unset.
        let empty = LLVMTuning(environment: [
            "KERN_LLVM_PASSES": "", "KERN_CODEGEN_OPT": "",
        ])
        #expect(empty == none)
    }

    @Test func everyOverrideIsNamedInTheIdentity() throws {
        let tuning = LLVMTuning(environment: [
            "KERN_LLVM_PASSES": "default<O2>", "KERN_CODEGEN_OPT": "2",
        ])
        #expect(tuning.passes == "default<O2>")
        #expect(try tuning.codegenLevel(or: 3) == 2)
        #expect(tuning.identity == "passes=default<O2>;codegen=2")
        // Different overrides, different identities (so different cache keys).
        #expect(LLVMTuning(environment: ["KERN_CODEGEN_OPT": "1"]).identity != tuning.identity)
    }

    /// Bad environment is an error, never ignored: the level is refused with its value.
    @Test func aCodegenLevelOutside0To3IsAnError() throws {
        for bad in ["4", "fast", "-1"] {
            let tuning = LLVMTuning(environment: ["KERN_CODEGEN_OPT": bad])
            #expect(tuning.invalidCodegenLevel == bad)
            let error = #expect(throws: LLVMError.self) { try tuning.codegenLevel(or: 3) }
            #expect(error?.message.contains("KERN_CODEGEN_OPT='\(bad)'") == true)
        }
        #expect(try LLVMTuning(environment: ["KERN_CODEGEN_OPT": "0"]).codegenLevel(or: 3) == 0)
        #expect(try LLVMTuning(environment: [:]).codegenLevel(or: 2) == 2)
    }

    /// The test process's own environment sets no override, so the target identity (the
    /// compile cache's key) is unchanged from before the overrides existed.
    @Test func theTargetIdentityHasNoTuningPartWithoutOverrides() throws {
        try #require(LLVMTuning.current.identity.isEmpty)
        let identity = try LLVMBackend.targetIdentity(for: CompileOptions())
        #expect(!identity.contains("passes=") && !identity.contains("codegen="))
    }

    /// Preloading never blocks and a later `load()` gets the one library.
    @Test func preloadThenLoadGivesTheSameLibrary() throws {
        LLVMLibrary.preload()
        LLVMLibrary.preload()  // a second call starts nothing
        let loaded = try LLVMLibrary.load()
        #expect(LLVMLibrary.loaded == loaded)
    }
}
