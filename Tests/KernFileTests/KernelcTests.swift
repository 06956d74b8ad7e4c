import ArgumentParser
import Foundation
import KernCLITestSupport
import Testing

@testable import KernCLI

/// `kernelc` as a user drives it: argument parsing, exit statuses, emitted files.
@Suite(.serialized)
struct KernelcTests: KernelcSuite {
    let harness = KernelcHarness(label: "tests")

    @Test func checkReportsErrorsWithStatus1() throws {
        let bad = try temporaryFile("bad.kern", "func f() -> Int {\n    return 1.5\n}\n")
        let good = try temporaryFile("good.kern", "func f() -> Int { 1 }\n")
        #expect(kernelc(["check", bad]) == 1)
        #expect(kernelc(["check", good]) == 0)
        #expect(kernelc(["check", "/nonexistent/file.kern"]) == 1)
    }

    @Test func runCallsMainAndFailsCleanlyOnRuntimeErrors() throws {
        let ok = try temporaryFile("ok.kern", "func main() -> Int { 6 * 7 }\n")
        let oob = try temporaryFile(
            "oob.kern",
            "func main() {\n    var x = [Int](repeating: 0, count: 3)\n    x[3] = 1\n}\n")
        let noMain = try temporaryFile("nomain.kern", "func f() {}\n")
        #expect(kernelc(["run", ok]) == 0)
        #expect(
            kernelc(["run", ok, "--threads", "2", "--seed", "7", "--unchecked", "--fast-math"]) == 0
        )
        #expect(kernelc(["run", oob]) == 1)
        #expect(kernelc(["run", noMain]) == 1)
        #expect(kernelc(["run", ok, "--threads", "0"]) == 1)  // validation error
    }

    /// Usage errors end with status 1 like every other bad input (ArgumentParser's own
    /// status would be 64); help still ends with 0.
    @Test func usageErrorsAreStatus1() throws {
        let ok = try temporaryFile("usage.kern", "func main() {}\n")
        #expect(kernelc(["--no-such-option"]) == 1)
        #expect(kernelc(["run"]) == 1)  // no file
        #expect(kernelc(["run", ok, "--threads", "many"]) == 1)
        #expect(kernelc(["build", ok, "--emit", "nonsense"]) == 1)
        #expect(kernelc(["frobnicate"]) == 1)
        #expect(kernelc(["--help"]) == 0)
        #expect(kernelc(["run", "--help"]) == 0)
    }

    @Test func linkNamesLibrariesForCFunctions() throws {
        let source = try temporaryFile(
            "extern.kern",
            "@extern(c) func j1(_ x: Double) -> Double\nfunc main() -> Double { j1(0) }\n")
        let missing = try temporaryFile(
            "missing.kern", "@extern(c) func kern_no_such_symbol() -> Int\nfunc main() {}\n")
        #expect(kernelc(["run", source, "--link", "libm.so.6"]) == 0)
        #expect(kernelc(["run", source, "--link", "/nonexistent/libnothing.so"]) == 1)
        #expect(kernelc(["check", missing]) == 1)
    }

    @Test func buildEmitsEveryFormat() throws {
        let source = try temporaryFile(
            "saxpy.kern",
            """
            func saxpy(a: Float, x: [Float], y: inout [Float]) {
                for i in 0..<x.count { y[i] = a * x[i] + y[i] }
            }
            """)
        for (emit, marker) in [
            ("kir", "export func @saxpy"), ("llvm", "x float>"), ("asm", "saxpy"),
        ] {
            let out = source + "." + emit
            #expect(kernelc(["build", source, "--emit", emit, "-o", out]) == 0)
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(text.contains(marker), "--emit \(emit) lacks \(marker)")
        }
        let object = source + ".o"
        #expect(kernelc(["build", source, "--emit", "obj", "-o", object]) == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: object))
        #expect(bytes.prefix(4) == Data([0x7F, 0x45, 0x4C, 0x46]))  // ELF
        #expect(kernelc(["build", source, "--emit", "obj"]) != 0)  // obj needs -o
    }

    @Test func verifyEachAndDumpAfterReachCompileOptions() throws {
        let flags = try CompileFlags.parse(["--verify-each", "--dump-after", "all"])
        #expect(flags.options.verifyEach == true)
        #expect(flags.options.dumpAfter == "all")
        let plain = try CompileFlags.parse([])
        #expect(plain.options.verifyEach == nil)  // the default: on in debug builds only
        #expect(plain.options.dumpAfter == nil)
        #expect(throws: (any Error).self) {
            try CompileFlags.parse(["--dump-after", "no-such-pass"])
        }
        let source = try temporaryFile(
            "loops.kern", "func f(x: inout [Int]) {\n    for i in x.indices { x[i] += 1 }\n}\n")
        let out = source + ".kir"
        #expect(
            kernelc([
                "build", source, "--emit", "kir", "-o", out, "--verify-each", "--dump-after",
                "hoist-bounds-checks",
            ]) == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains(" loop 0 {"))
        #expect(
            kernelc(["build", source, "--emit", "kir", "-o", out, "--dump-after", "nope"]) != 0)
    }

    /// The simple [Float] loop above compiles to vector code through the whole pipeline.
    @Test func floatLoopIsVectorized() throws {
        let source = try temporaryFile(
            "vec.kern",
            "func scale(a: Float, x: inout [Float]) {\n    for i in x.indices { x[i] = a * x[i] }\n}\n"
        )
        let out = source + ".ll"
        #expect(kernelc(["build", source, "--emit", "llvm", "-o", out]) == 0)
        let ir = try String(contentsOfFile: out, encoding: .utf8)
        #expect(ir.contains("x float>"))
    }

    /// The commands that compile with LLVM start loading it at process start; `check`,
    /// `cache` and `--version`/help do not (they may run where LLVM is missing), nor
    /// `run` (a cache hit links without LLVM; its compile starts the load on a miss).
    @Test func onlyCompilingCommandsLoadLLVMEarly() {
        for command in ["build", "report", "repl"] {
            #expect(Kernelc.willCompile([command, "f.kern"]), "\(command)")
        }
        #expect(Kernelc.willCompile(["build", "--emit", "kir", "f.kern"]))
        for arguments in [
            ["check", "f.kern"], ["cache", "stats"], ["--version"], [], ["help"],
            ["run", "f.kern"],
        ] {
            #expect(!Kernelc.willCompile(arguments), "\(arguments)")
        }
    }
}
