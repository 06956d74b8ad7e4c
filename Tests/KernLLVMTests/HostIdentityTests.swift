import Foundation
import KernBasics
import Testing

@testable import KernLLVM

/// The compile cache's host key without LLVM (HostIdentity): made from CPUID/XGETBV and
/// the libLLVM file that would be loaded; nil wherever it cannot stand for LLVM's answers.
@Suite struct HostIdentityTests {
    /// The environment that names one library explicitly.
    static func library(_ path: String) -> [String: String] { ["KERN_LLVM_LIBRARY": path] }

    @Test func namesTheCPUAndTheLibrary() throws {
        #if arch(x86_64)
            let words = try #require(HostIdentity.cpuWords)
            // Leaf 0's maximum, the vendor, leaf 1, …: many words, the same every time.
            #expect(words.split(separator: ".").count > 8)
            // The loaded LLVM if any (a key naming another file is refused), else LLVM 22.
            let path = LLVMLibrary.loaded?.path ?? "/usr/lib/llvm-22/lib/libLLVM.so"
            guard FileManager.default.fileExists(atPath: path) else { return }
            let a = try #require(
                HostIdentity.withoutLLVM(for: .init(), environment: Self.library(path)))
            let b = try #require(
                HostIdentity.withoutLLVM(for: .init(), environment: Self.library(path)))
            #expect(a == b)
            #expect(a.contains("host-cpuid=" + words))
            // Named by its real file: a symlink to it gives the same identity.
            let real = try #require(realpath(path, nil))
            defer { free(real) }
            #expect(a.contains("llvm-library=" + String(cString: real) + "\t"))
            var wide = CompileOptions()
            wide.preferredVectorWidth = 256
            #expect(HostIdentity.withoutLLVM(for: wide, environment: Self.library(path)) != a)
        #endif
    }

    @Test func anotherLibraryIsAnotherIdentity() throws {
        let paths = ["/usr/lib/llvm-22/lib/libLLVM.so", "/usr/lib/llvm-19/lib/libLLVM.so"]
        guard paths.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else { return }
        let ids = paths.map {
            HostIdentity.withoutLLVM(for: .init(), environment: Self.library($0))
        }
        if let loaded = LLVMLibrary.loaded {
            // This process runs one LLVM already: a key naming another file must not be
            // made (code stored under it would come from the loaded one).
            let same = paths.map {
                HostIdentity.fileIdentity($0) == HostIdentity.fileIdentity(loaded.path)
            }
            #expect(zip(ids, same).allSatisfy { ($0 != nil) == $1 })
        } else {
            #expect(ids[0] != nil && ids[1] != nil)
            #expect(ids[0] != ids[1])
        }
    }

    @Test func explicitTargetsAndMissingLibrariesNeedLLVM() {
        var cpu = CompileOptions()
        cpu.targetCPU = "haswell"
        #expect(HostIdentity.withoutLLVM(for: cpu) == nil)
        var features = CompileOptions()
        features.targetFeatures = "+avx2"
        #expect(HostIdentity.withoutLLVM(for: features) == nil)
        #expect(
            HostIdentity.withoutLLVM(for: .init(), environment: Self.library("/nonexistent")) == nil
        )
    }
}
