import Foundation
import KernCLITestSupport
import Testing

/// `kernelc` as a process without a usable LLVM, and `kernelc --version`.
@Suite struct LLVMLoadingProcessTests {
    /// Runs `kernelc ARGUMENTS` with exactly `environment`.
    func run(_ arguments: [String], environment: [String: String]) throws -> (String, String, Int32)
    {
        let binary = try FileManagerTemp.requireKernelc()
        let r = try ChildProcess.run(
            binary, arguments, environment: environment, inheritingEnvironment: false)
        return (r.out, r.err, r.status)
    }

    /// An environment in which no LLVM can be found.
    static let noLLVM = ["KERN_LLVM_LIBRARY": "/nonexistent", "PATH": "/nonexistent"]

    @Test func noLLVMIsAClearErrorAndStatus1() throws {
        let file = FileManagerTemp.file("needs-llvm.kern", "func main() -> Int { return 42 }\n")
        let (out, err, status) = try run(["run", file], environment: Self.noLLVM)
        #expect(status == 1)
        #expect(out.isEmpty)
        #expect(err.contains("Kern needs LLVM 19 to 22"))
        #expect(err.contains("KERN_LLVM_LIBRARY=/nonexistent: "))
        #expect(err.contains("fix: set KERN_LLVM_LIBRARY"))
    }

    /// `build` starts loading LLVM on a background thread at process start: its failure
    /// still reaches the user as the same error, with status 1.
    @Test func noLLVMIsAClearErrorForBuildToo() throws {
        let file = FileManagerTemp.file("build-needs-llvm.kern", "func f() -> Int { return 1 }\n")
        let object = FileManagerTemp.file("build-needs-llvm.o", "")
        let (_, err, status) = try run(
            ["build", "--emit", "obj", file, "-o", object], environment: Self.noLLVM)
        #expect(status == 1)
        #expect(err.contains("Kern needs LLVM 19 to 22"))
        #expect(err.contains("KERN_LLVM_LIBRARY=/nonexistent: "))
    }

    @Test func checkNeedsNoLLVM() throws {
        let file = FileManagerTemp.file("check-only.kern", "func f() -> Int { return 1 }\n")
        let (_, _, status) = try run(["check", file], environment: Self.noLLVM)
        #expect(status == 0)
    }

    @Test func versionNamesKernAndTheLLVMItWouldLoad() throws {
        var environment = ProcessInfo.processInfo.environment
        let (out, _, status) = try run(["--version"], environment: environment)
        #expect(status == 0)
        #expect(out.hasPrefix("kernelc (Kern) 0.1.0\nLLVM "))
        environment["KERN_LLVM_LIBRARY"] = "/nonexistent"
        let (missing, _, missingStatus) = try run(["--version"], environment: environment)
        #expect(missingStatus == 0)
        #expect(missing.contains("no usable LLVM"))
        #expect(missing.contains("KERN_LLVM_LIBRARY=/nonexistent"))
    }
}
