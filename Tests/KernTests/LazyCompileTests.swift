import Dispatch
import Foundation
import Testing

@testable import Kern

/// Lazy compilation (issue 14.2). In the host a module compiles each function, with the
/// functions it calls, on its first call (`CompileOptions.lazyCompile`, the default); what
/// was compiled is observed through `KernModule.lazyCompiles`, never through timing.
/// `CompileOptions.entryPoints` compiles only the named functions and what they call;
/// `kernelc run` uses it with `main`.
@Suite(.serialized)
struct LazyCompileTests {
    static let source = """
        func square(x: Int) -> Int { return x * x }
        func sumSquares(n: Int) -> Int {
            var s = 0
            for i in 0..<n { s += square(x: i) }
            return s
        }
        func total(a: [Double]) -> Double {
            var s = 0.0
            for i in prange(a.count) { s += a[i] }
            return s
        }
        func at(a: [Double], i: Int) -> Double {
            return a[i]
        }
        """

    static func compile(
        _ source: String = source,
        options: CompileOptions = .init(
            compileCache: false)
    ) throws -> KernModule {
        try KernModule.compile(source: source, fileName: "host-lazy.kern", options: options)
    }

    @Test func nothingIsCompiledBeforeTheFirstCall() throws {
        let m = try Self.compile()
        #expect(m.functions.map(\.name) == ["square", "sumSquares", "total", "at"])
        #expect(m.lazyCompiles.isEmpty)
        #expect(m.timings.partitions == 0)
    }

    @Test func theFirstCallCompilesOnlyThatFunctionAndItsCallees() throws {
        let m = try Self.compile()
        #expect(try m.function(named: "sumSquares").call([Int64(4)]) == .int64(14))
        #expect(m.lazyCompiles.map(\.function) == ["sumSquares"])
        #expect(m.lazyCompiles[0].compiledFunctions == ["square", "sumSquares"])
        // A second call compiles nothing.
        #expect(try m.function(named: "sumSquares").call([Int64(3)]) == .int64(5))
        #expect(m.lazyCompiles.count == 1)
        // The prange function: itself and its outlined body.
        #expect(try m.function(named: "total")([1.0, 2.0, 3.5]) == .double(6.5))
        #expect(m.lazyCompiles.map(\.function) == ["sumSquares", "total"])
        let compiled = m.lazyCompiles[1].compiledFunctions
        #expect(compiled.first == "total" && compiled.count == 2, "\(compiled)")
        #expect(!compiled.contains("square"))
    }

    @Test func readingTheEntryPointCompilesTheFunction() throws {
        let m = try Self.compile()
        _ = try m.function(named: "square").entryPoint
        #expect(m.lazyCompiles.map(\.compiledFunctions) == [["square"]])
        _ = try m.function(named: "square").entryPoint
        #expect(m.lazyCompiles.count == 1)
    }

    @Test func concurrentFirstCallsCompileOnce() throws {
        let m = try Self.compile()
        let f = try m.function(named: "sumSquares")
        let results = Mutex<[KernValue?]>(Array(repeating: nil, count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            let value = try? f.call([Int64(k + 1)])
            results.withLock { $0[k] = value }
        }
        let expected = (1...8).map { n in
            KernValue.int64(Int64((0..<n).map { $0 * $0 }.reduce(0, +)))
        }
        #expect(results.withLock { $0 } == expected)
        #expect(m.lazyCompiles.map(\.function) == ["sumSquares"])
    }

    @Test func compileErrorsOfFunctionsNeverCalledAreThrownByCompile() {
        let bad = Self.source + "\nfunc broken() -> Int { return 1.5 }\n"
        #expect(throws: KernError.self) { try Self.compile(bad) }
    }

    @Test func runtimeErrorsKeepTheirPositions() throws {
        func position(_ options: CompileOptions) throws -> SourcePos? {
            let m = try Self.compile(options: options)
            do {
                _ = try m.function(named: "at")([1.0, 2.0], 5)
            } catch let KernError.runtime(_, _, position, function, _) {
                #expect(function == "at")
                return position
            }
            return nil
        }
        let lazy = try position(CompileOptions(compileCache: false))
        let eager = try position(CompileOptions(compileCache: false, lazyCompile: false))
        #expect(lazy?.line == 13)
        #expect(lazy == eager)
    }

    @Test func upFrontCompilesEverythingAtCompile() throws {
        let m = try Self.compile(options: CompileOptions(compileCache: false, lazyCompile: false))
        #expect(m.lazyCompiles.isEmpty)
        #expect(m.timings.partitions == 1)
        #expect(try m.function(named: "square").call([Int64(7)]) == .int64(49))
        #expect(m.lazyCompiles.isEmpty)
    }

    @Test func toolTextsShowTheWholeModule() throws {
        let m = try Self.compile()
        let ir = m.llvmIR
        for name in ["square", "sumSquares", "total", "at"] {
            #expect(ir.contains("@kern_entry_\(name)("), "\(name)")
        }
        #expect(m.lazyCompiles.isEmpty, "printing compiles for the tools, not for calls")
    }

    @Test func eachFunctionIsACacheEntryOfItsOwn() throws {
        try CompileCacheTests.withCache { (dir: String) throws in
            do {
                let m = try KernModule.compile(source: Self.source, fileName: "c.kern")
                #expect(try m.function(named: "square").call([Int64(3)]) == .int64(9))
                #expect(try m.function(named: "sumSquares").call([Int64(3)]) == .int64(5))
                #expect(m.lazyCompiles.map(\.cacheHit) == [false, false])
            }
            #expect(CompileCacheTests.entryPaths(dir).count == 2)
            // A new module (the first was released): both from the cache.
            let again = try KernModule.compile(source: Self.source, fileName: "c.kern")
            #expect(try again.function(named: "sumSquares").call([Int64(4)]) == .int64(14))
            #expect(again.lazyCompiles.map(\.cacheHit) == [true])
            // An up-front compile of that one function is the same entry.
            let upFront = try KernModule.compile(
                source: Self.source, fileName: "c.kern",
                options: CompileOptions(entryPoints: ["square"], lazyCompile: false))
            #expect(upFront.timings.cacheHit == true)
            #expect(CompileCacheTests.entryPaths(dir).count == 2)
        }
    }

    // Entry points (up front, only what they reach).

    @Test func onlyTheEntryPointsAreCallableAndTheirCalleesWork() throws {
        let m = try KernModule.compile(
            source: Self.source, fileName: "lazy.kern",
            options: CompileOptions(compileCache: false, entryPoints: ["sumSquares"]))
        #expect(m.functions.map(\.name) == ["sumSquares"])
        #expect(try m.function(named: "sumSquares").call([Int64(4)]) == .int64(14))
        #expect(throws: KernError.self) { try m.function(named: "total") }
    }

    @Test func unreachedFunctionsAreNotCompiled() throws {
        let lazy = try KernModule.compileForEmission(
            source: Self.source, fileName: "lazy.kern",
            options: CompileOptions(entryPoints: ["sumSquares"]))
        let ir = lazy.llvmIR
        #expect(ir.contains("@kern_entry_sumSquares("))
        #expect(!ir.contains("kern_entry_total"))
        #expect(!ir.contains("kern_fn_total"))
        #expect(!ir.contains("kern_tramp_total"), "the uncalled prange body was compiled")
        let full = try KernModule.compileForEmission(source: Self.source, fileName: "lazy.kern")
        #expect(full.llvmIR.contains("@kern_entry_total("))
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
