/// The measurement overrides of LLVM's pipeline and code generator (Bindings/LLVMTuning.swift)
/// and the background load of LLVM (`LLVMLibrary.preload`).
import KernBasics
import KernLLVM
import Testing

@Suite struct LLVMTuningTests {
    @Test func nothingSetMeansNoOverrideAndNoKeyPart() {
        let none = LLVMTuning(environment: [:])
        #expect(none.passes == nil && none.codegenLevel == nil && none.llvmOptions.isEmpty)
        #expect(none.identity == "")
        // Empty values count as unset.
        let empty = LLVMTuning(environment: [
            "KERN_LLVM_PASSES": "", "KERN_CODEGEN_OPT": "", "KERN_LLVM_OPTIONS": "",
        ])
        #expect(empty == none)
    }

    @Test func everyOverrideIsNamedInTheIdentity() {
        let tuning = LLVMTuning(environment: [
            "KERN_LLVM_PASSES": "default<O2>", "KERN_CODEGEN_OPT": "2",
            "KERN_LLVM_OPTIONS": "-enable-epilogue-vectorization=false -unroll-runtime=false",
        ])
        #expect(tuning.passes == "default<O2>")
        #expect(tuning.codegenLevel == 2)
        #expect(
            tuning.llvmOptions == ["-enable-epilogue-vectorization=false", "-unroll-runtime=false"])
        #expect(
            tuning.identity
                == "passes=default<O2>;codegen=2;llvm-options=-enable-epilogue-vectorization=false -unroll-runtime=false"
        )
        // Different overrides, different identities (so different cache keys).
        #expect(LLVMTuning(environment: ["KERN_CODEGEN_OPT": "1"]).identity != tuning.identity)
    }

    @Test func aCodegenLevelOutside0To3IsIgnored() {
        #expect(LLVMTuning(environment: ["KERN_CODEGEN_OPT": "4"]).codegenLevel == nil)
        #expect(LLVMTuning(environment: ["KERN_CODEGEN_OPT": "fast"]).codegenLevel == nil)
        #expect(LLVMTuning(environment: ["KERN_CODEGEN_OPT": "0"]).codegenLevel == 0)
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
