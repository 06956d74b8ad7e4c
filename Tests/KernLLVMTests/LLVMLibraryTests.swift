/// Loading LLVM at run time (Bindings/LLVMLibrary.swift): the search order, its errors,
/// and which LLVM the tests themselves run on.
import Foundation
import KernJIT
import KernLLVM
import Testing

@Suite struct LLVMLibraryTests {
    /// The tests compile, so an LLVM is loaded; `make test` / `make test-llvm19` say which
    /// major version it must be (KERN_EXPECT_LLVM_MAJOR), so the LLVM 19 run proves 19 ran.
    @Test func theLoadedLLVMIsSupportedAndTheExpectedOne() throws {
        _ = try JITEngine.shared()
        let loaded = try #require(LLVMLibrary.loaded)
        #expect(LLVMLibrary.supported.contains(loaded.major))
        #expect(FileManager.default.fileExists(atPath: loaded.path) || !loaded.path.contains("/"))
        if let expected = ProcessInfo.processInfo.environment["KERN_EXPECT_LLVM_MAJOR"] {
            #expect(String(loaded.major) == expected, "loaded \(loaded.path)")
        }
        // Loading again keeps the first library.
        #expect(try LLVMLibrary.load() == loaded)
    }

    @Test func anExplicitLibraryThatDoesNotExistIsTheOnlyCandidate() {
        let environment = ["KERN_LLVM_LIBRARY": "/nonexistent/libLLVM.so", "PATH": "/usr/bin:/bin"]
        #expect {
            try LLVMLibrary.probe(environment: environment)
        } throws: { error in
            guard let missing = error as? LLVMUnavailable else { return false }
            // Only the explicit path was tried, though LLVM is installed elsewhere.
            return missing.tried.count == 1
                && missing.tried[0].hasPrefix("KERN_LLVM_LIBRARY=/nonexistent/libLLVM.so: ")
                && missing.fix.contains("KERN_LLVM_LIBRARY")
        }
    }

    @Test func aLibraryThatIsNotLLVMIsRejectedWithTheReason() {
        // libm opens fine but has no LLVMGetVersion.
        #expect {
            try LLVMLibrary.probe(environment: ["KERN_LLVM_LIBRARY": "libm.so.6"])
        } throws: { error in
            (error as? LLVMUnavailable)?.tried.first?.contains("no LLVMGetVersion") == true
        }
    }

    @Test func anUnknownLLVMConfigIsReportedAndTheSearchGoesOn() throws {
        let environment = ["LLVM_CONFIG": "llvm-config-does-not-exist", "PATH": "/usr/bin:/bin"]
        do {
            let found = try LLVMLibrary.probe(environment: environment)
            // Found through a later step (llvm-config-NN on PATH or the usual places).
            #expect(LLVMLibrary.supported.contains(found.major))
        } catch {
            #expect(error.tried.first == "LLVM_CONFIG=llvm-config-does-not-exist: not found")
        }
    }

    /// Each supported llvm-config installed here selects its own version.
    @Test(arguments: [19, 22]) func llvmConfigSelectsItsVersion(_ major: Int) throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let tool = "llvm-config-\(major)"
        let installed = path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
        let environment = ["LLVM_CONFIG": tool, "PATH": path]
        if installed {
            #expect(try LLVMLibrary.probe(environment: environment).major == major)
        } else {
            #expect(throws: LLVMUnavailable.self) {
                try LLVMLibrary.probe(environment: ["LLVM_CONFIG": tool, "PATH": "/nonexistent"])
            }
        }
    }

    @Test func withoutLLVMConfigTheUsualPlacesAreSearched() {
        // No PATH: only the usual install locations remain.
        do {
            let found = try LLVMLibrary.probe(environment: ["PATH": "/nonexistent"])
            #expect(LLVMLibrary.supported.contains(found.major))
            #expect(found.path.hasPrefix("/"))
        } catch {
            #expect(error.tried.contains("no llvm-config-NN (NN in 19...22) on PATH"))
        }
    }
}
