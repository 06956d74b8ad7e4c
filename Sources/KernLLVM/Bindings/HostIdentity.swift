/// Bindings: the target part of the compile cache's key for the host, without loading
/// LLVM (docs/decisions.md, "Cache keys without LLVM"). A cache hit then needs no libLLVM
/// at all: that is 15–20 ms of `dlopen` and relocation per process.
///
/// In: the compile's options and the environment. Out: one line, or nil when the key
/// must come from LLVM itself (`LLVMBackend.targetIdentity`): an explicit target CPU or
/// features, a host other than x86-64, no predictable libLLVM file, a bad
/// `KERN_CODEGEN_OPT`, or an LLVM already loaded from another file than predicted.
///
/// Why it is enough: what `targetIdentity` reads from LLVM is (1) the LLVM version and
/// default triple — constants of the libLLVM build, so the identity of the file that will
/// be loaded (real path, size, modification time) stands for them; (2) the host CPU name
/// and feature string — on x86-64, LLVM computes both from CPUID leaves and XGETBV only
/// (lib/TargetParser/Host.cpp), so the raw values (`kern_host_cpuid_words`) and the
/// library decide them; (3) the vector width, libmvec's presence and LLVMTuning, which
/// need no LLVM anyway.
import CLLVM
import Foundation
import KernBasics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

package enum HostIdentity {
    /// The host's identity for `options` without LLVM (see the top of this file), or nil.
    package static func withoutLLVM(
        for options: CompileOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        guard options.targetCPU == nil, options.targetFeatures == nil, let cpu = cpuWords,
            LLVMTuning.current.invalidCodegenLevel == nil,
            let path = LLVMLibrary.predictedPath(environment: environment),
            let library = fileIdentity(path)
        else { return nil }
        // Loaded already (a miss in this process): the key must name the library in use.
        if let loaded = LLVMLibrary.loaded, fileIdentity(loaded.path) != library { return nil }
        let width = options.preferredVectorWidth ?? TargetSelection.measuredVectorWidth
        let tuning = LLVMTuning.current.identity
        return [
            "host-cpuid=\(cpu)", "llvm-library=\(library)", "width=\(width)",
            "libmvec=\(VectorMathLibrary.isAvailable)",
        ].joined(separator: ";") + (tuning.isEmpty ? "" : ";" + tuning)
    }

    /// The CPUID/XGETBV words as hex, once per process; nil where there are none.
    package static let cpuWords: String? = {
        var words = [UInt32](repeating: 0, count: 128)
        let count = kern_host_cpuid_words(&words, words.count)
        guard count > 0, count <= words.count else { return nil }
        return words.prefix(count).map { String($0, radix: 16) }.joined(separator: ".")
    }()

    /// A file as real path, inode, size and modification time (ns); nil when it cannot be
    /// read. The same identity the remembered `llvm-config` answers use.
    static func fileIdentity(_ path: String) -> String? { LLVMConfigAnswers.identity(of: path) }
}
