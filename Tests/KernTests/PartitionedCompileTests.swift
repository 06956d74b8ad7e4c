import Foundation
import KernBasics
import KernIR
import Testing

@testable import Kern

/// A large module compiled in partitions on several threads (issue 14.2): the split
/// (KernIR `partitionModule`), the linked result (same values as one module), the cache
/// entry holding several objects, and the benchmark kernels staying one module.
@Suite(.serialized)
struct PartitionedCompileTests {
    /// `n` kernels with a loop and a `prange` each, all using a small helper inside their
    /// loops, called once each from `main`'s top level (like `gen-stress.py prange`).
    static func program(_ n: Int) -> String {
        var text = "func twice(x: Double) -> Double { return x * 2.0 }\n"
        for k in 0..<n {
            text += """
                func k\(k)(a: [Double]) -> Double {
                    var out = [Double](repeating: 0.0, count: a.count)
                    for i in prange(a.count) { out[i] = twice(x: a[i]) + \(k).0 }
                    var s = 0.0
                    for i in 0..<a.count { s += out[i] }
                    return s
                }

                """
        }
        text += "func main() -> Double {\n    let a = [Double](repeating: 1.5, count: 4)\n    var s = 0.0\n"
        for k in 0..<n { text += "    s += k\(k)(a: a)\n" }
        return text + "    return s\n}\n"
    }

    static func kernIR(_ text: String, name: String = "split.kern") throws -> KernIR.Module {
        let compilation = try Compiler.run(
            SourceFile(name: name, text: text), options: CompileOptions(), stopAfter: .passes)
        return try #require(compilation.module)
    }

    static func compile(
        _ text: String, threads: Int, options: CompileOptions = CompileOptions(compileCache: false)
    ) throws -> KernModule {
        var options = options
        options.lazyCompile = false
        let file = SourceFile(name: "split.kern", text: text)
        var backend = CachingJITBackend(file: file)
        backend.parallelism = .init(threads: threads, minimumCost: 0)
        return try Compiler.compile(file, options: options, backend: backend)
    }

    static func results(_ m: KernModule, n: Int) throws -> [KernValue] {
        let a: [Double] = [0.5, 1.5, -2.0]
        return try (0..<n).map { try m.function(named: "k\($0)")(a) }
            + [try m.function(named: "main").call([])]
    }

    @Test func theSplitPlacesEachFunctionOnceAndCopiesSmallHelpers() throws {
        let m = try Self.kernIR(Self.program(6))
        let parts = partitionModule(m, count: 2, minimumCost: 0)
        #expect(parts.count == 2)
        let index = { (name: String) in m.function(named: name)!.index }
        let twice = index("twice")
        for p in parts {
            #expect(p.defined.contains(twice), "every partition has kernels calling it")
            #expect(!p.imported.contains(twice), "a small helper is copied, not called across")
            #expect(p.entries.isSubset(of: p.defined))
            #expect(p.imported.isDisjoint(with: p.defined))
        }
        // Every exported function has its entry in exactly one partition, and each
        // kernel with its outlined prange body is defined in exactly one.
        for f in m.functions.ids where m.functions[f].isExported && f.index != twice {
            #expect(parts.filter { $0.entries.contains(f.index) }.count == 1)
            #expect(parts.filter { $0.defined.contains(f.index) }.count == 1)
        }
        // What one partition imports, another defines as external.
        for (k, p) in parts.enumerated() {
            for g in p.imported {
                let owners = parts.indices.filter { $0 != k && parts[$0].defined.contains(g) }
                #expect(owners.count == 1)
                #expect(owners.allSatisfy { parts[$0].external.contains(g) })
            }
        }
        // main calls every kernel at its top level: at least one call crosses.
        #expect(parts.contains { !$0.imported.isEmpty })
    }

    @Test func smallModulesAndTheBenchmarkKernelsAreNotSplit() throws {
        let kernels = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Kernels")
        let files = try FileManager.default.contentsOfDirectory(atPath: kernels.path)
            .filter { $0.hasSuffix(".kern") }
        #expect(files.count >= 10)
        for name in files {
            let text = try String(
                contentsOf: kernels.appendingPathComponent(name), encoding: .utf8)
            let m = try Self.kernIR(text, name: name)
            #expect(partitionModule(m, count: 8, minimumCost: 3000).count == 1, "\(name)")
        }
        let small = try Self.kernIR(Self.program(2))
        #expect(partitionModule(small, count: 1, minimumCost: 0).count == 1)
    }

    @Test func aSplitCompileGivesTheSameResults() throws {
        let text = Self.program(6)
        let one = try Self.compile(text, threads: 1)
        let two = try Self.compile(text, threads: 2)
        let three = try Self.compile(text, threads: 3)
        #expect(one.timings.partitions == 1)
        #expect(two.timings.partitions == 2)
        #expect(three.timings.partitions == 3)
        let expected = try Self.results(one, n: 6)
        #expect(try Self.results(two, n: 6) == expected)
        #expect(try Self.results(three, n: 6) == expected)
        // Runtime errors still name their lines: index 9 of a 3-element array in k5.
        let bad = try Self.compile(text + "func oob(a: [Double]) -> Double { return a[9] }\n", threads: 2)
        #expect(throws: KernError.self) { try bad.function(named: "oob")([1.0, 2.0]) }
    }

    @Test func aSplitCompileIsOneCacheEntry() throws {
        let text = Self.program(5)
        try CompileCacheTests.withCache { (dir: String) throws in
            let expected: [KernValue]
            do {
                let first = try Self.compile(text, threads: 2, options: CompileOptions())
                #expect(first.timings.cacheHit == false)
                #expect(first.timings.partitions == 2)
                expected = try Self.results(first, n: 5)
            }
            #expect(CompileCacheTests.entryPaths(dir).count == 1)
            let again = try Self.compile(text, threads: 2, options: CompileOptions())
            #expect(again.timings.cacheHit == true)
            #expect(again.timings.partitions == 2)
            #expect(try Self.results(again, n: 5) == expected)
            // The tools recompile the whole module for their texts.
            #expect(again.llvmIR.contains("@kern_entry_k4("))
        }
    }

    @Test func objectBundlesRoundTripAndRejectDamage() {
        let objects: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 7, count: 300)]
        let bundle = ObjectBundle.encode(objects)
        #expect(ObjectBundle.decode(bundle) == objects)
        // One object is stored as itself (the format of entries before bundles).
        #expect(ObjectBundle.encode([[0x7F, 0x45]]) == [0x7F, 0x45])
        #expect(ObjectBundle.decode([0x7F, 0x45]) == [[0x7F, 0x45]])
        #expect(ObjectBundle.decode(Array(bundle.dropLast())) == nil)
        #expect(ObjectBundle.decode(bundle + [0]) == nil)
        #expect(ObjectBundle.decode(ObjectBundle.magic) == nil)
        var huge = bundle
        huge[12] = 0xFF  // the first object's length, far past the end
        #expect(ObjectBundle.decode(huge) == nil)
    }
}
