import Foundation
import Testing

@testable import Kern

/// Lazy compilation (issue 14.2): `CompileOptions.entryPoints` compiles only the named
/// functions and what they call; `kernelc run` uses it with `main`.
@Suite struct LazyCompileTests {
    static let source = """
        func square(x: Int) -> Int { return x * x }
        func sumSquares(n: Int) -> Int {
            var s = 0
            for i in 0..<n { s += square(x: i) }
            return s
        }
        func unused(a: [Double]) -> Double {
            var s = 0.0
            for i in prange(a.count) { s += a[i] }
            return s
        }
        """

    @Test func onlyTheEntryPointsAreCallableAndTheirCalleesWork() throws {
        let m = try KernModule.compile(
            source: Self.source, fileName: "lazy.kern",
            options: CompileOptions(compileCache: false, entryPoints: ["sumSquares"]))
        #expect(m.functions.map(\.name) == ["sumSquares"])
        #expect(try m.function(named: "sumSquares").call([Int64(4)]) == .int64(14))
        #expect(throws: KernError.self) { try m.function(named: "unused") }
    }

    @Test func unreachedFunctionsAreNotCompiled() throws {
        let lazy = try KernModule.compileForEmission(
            source: Self.source, fileName: "lazy.kern",
            options: CompileOptions(entryPoints: ["sumSquares"]))
        let ir = lazy.llvmIR
        #expect(ir.contains("@kern_entry_sumSquares("))
        #expect(!ir.contains("kern_entry_unused"))
        #expect(!ir.contains("kern_fn_unused"))
        #expect(!ir.contains("kern_tramp_unused"), "the unused prange body was compiled")
        let full = try KernModule.compileForEmission(source: Self.source, fileName: "lazy.kern")
        #expect(full.llvmIR.contains("@kern_entry_unused("))
    }

    @Test func unknownEntryPointsCompileNothingCallable() throws {
        let m = try KernModule.compile(
            source: Self.source, fileName: "lazy.kern",
            options: CompileOptions(compileCache: false, entryPoints: ["nope"]))
        #expect(m.functions.isEmpty)
    }

    @Test func theFrontEndStillChecksEveryFunction() {
        // An error in a function main does not call is still an error.
        #expect(throws: KernError.self) {
            try KernModule.compile(
                source: "func main() {}\nfunc bad() -> Int { return 1.5 }", fileName: "bad.kern",
                options: CompileOptions(compileCache: false, entryPoints: ["main"]))
        }
    }
}
