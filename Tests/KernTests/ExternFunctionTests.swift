import Foundation
import Kern
import Testing

/// `@extern(c)` (issue 18.7): binding to a library built here with cc, purity and the
/// compile-time symbol check. The file tests cover libm symbols in both engines.
struct ExternFunctionTests {
    /// A shared library with a stateful function (a counter: impure) and a pure one.
    static let library: Result<String, Error> = Result {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("kern-extern-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let source = dir.appendingPathComponent("kernext.c")
        try """
        #include <stdint.h>
        static int64_t counter = 0;
        int64_t kernext_next(void) { return ++counter; }
        double kernext_scale(double x, int32_t k) { return x * k; }
        int8_t kernext_neg8(int8_t x) { return (int8_t)-x; }
        """.write(to: source, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("libkernext.so").path
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-shared", "-fPIC", "-O1", "-o", output, source.path]
        try cc.run()
        cc.waitUntilExit()
        guard cc.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
        return output
    }

    static let source = """
        @extern(c) func kernext_next() -> Int
        @extern(c, "kernext_scale", pure) func scale(_ x: Double, _ k: Int32) -> Double
        @extern(c) func kernext_neg8(_ x: Int8) -> Int8

        func draws(_ n: Int) -> Int {
            var last = 0
            for i in 0..<n { last = kernext_next() }
            return last
        }
        func scaled(x: [Double], out: inout [Double]) {
            for i in prange(x.count) { out[i] = scale(x[i], 3) }
        }
        func neg(_ x: Int8) -> Int8 { kernext_neg8(x) }
        """

    @Test func callsAFunctionOfANamedLibrary() throws {
        let path = try Self.library.get()
        let module = try KernModule.compile(source: Self.source, libraries: [path])
        // Impure: every call happens, in order (the counter counts them).
        let first = try module.function(named: "draws")(5).as(Int.self)
        let second = try module.function(named: "draws")(3).as(Int.self)
        #expect(second == first + 3)
        var out = [Double](repeating: 0, count: 4)
        try module.function(named: "scaled")([1.0, 2, 3, 4], &out)
        #expect(out == [3, 6, 9, 12])
        #expect(try module.function(named: "neg")(Int8(-128)).as(Int8.self) == -128)
        #expect(try module.function(named: "neg")(Int8(5)).as(Int8.self) == -5)
        // Not host-callable: C functions are the host's already.
        #expect(module["kernext_next"] == nil)
    }

    @Test func unknownSymbolsAndLibrariesAreCompileErrors() throws {
        do {
            _ = try KernModule.compile(
                source: "@extern(c) func kernext_nothing(_ x: Double) -> Double\n",
                fileName: "x.kern", libraries: [try Self.library.get()])
            Issue.record("an unknown symbol compiled")
        } catch {
            #expect("\(error)".contains("C symbol 'kernext_nothing' not found"))
            #expect("\(error)".contains("x.kern:1:17"))
        }
        do {
            _ = try KernModule.compile(
                source: "@extern(c) func cos(_ x: Double) -> Double\n", fileName: "y.kern",
                libraries: ["/nonexistent/libnothing.so"])
            Issue.record("a missing library was accepted")
        } catch {
            #expect("\(error)".contains("cannot load library '/nonexistent/libnothing.so'"))
        }
    }

    @Test func theHeaderListsTheCFunctions() throws {
        let module = try KernModule.compileForEmission(
            source: "@extern(c, \"j0\") func besselJ0(_ x: Double) -> Double\nfunc f(_ x: Double) -> Double { besselJ0(x) }\n",
            fileName: "h.kern")
        let header = try module.cHeader(moduleName: "h", target: "x86-64")
        #expect(header.contains("double j0(double);"))
        #expect(header.contains("kern_entry_f("))
        #expect(!header.contains("kern_entry_besselJ0"))
    }
}
