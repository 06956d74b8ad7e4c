import Foundation
import KernBasics
import Testing

@testable import Kern

/// Cache hits linked by ObjectLinker inside Kern (the file tests run every program this
/// way too): a split compile's entry (several objects with hidden symbols across them)
/// links as one image, values as with ORC; a hit never needs LLVM's key.
@Suite(.serialized)
struct CachedLinkTests {
    /// Compiles PartitionedCompileTests' program in 2 partitions, calls every kernel and
    /// `main`, and says how the code was linked.
    static func splitRun(_ n: Int) throws -> (values: [KernValue], hit: Bool?, linked: [Bool]) {
        let m = try PartitionedCompileTests.compile(
            PartitionedCompileTests.program(n), threads: 2, options: CompileOptions())
        return (
            try PartitionedCompileTests.results(m, n: n), m.timings.cacheHit, m.linkedWithoutLLVM
        )
    }

    @Test func aSplitCompilesEntryLinksAsOneImage() throws {
        try CompileCacheTests.withCache { (dir: String) throws in
            let stored = try Self.splitRun(6)
            #expect(stored.hit == false)
            #expect(stored.linked == [false])
            let linked = try Self.splitRun(6)
            #expect(linked.hit == true)
            #expect(linked.linked == [true])
            KernCache.linkHitsWithORC(true)
            defer { KernCache.linkHitsWithORC(false) }
            let orc = try Self.splitRun(6)
            #expect(orc.hit == true)
            #expect(orc.linked == [false])
            #expect(linked.values == orc.values)
            #expect(linked.values == stored.values)
        }
    }

    /// For the host target the key is made without LLVM: the same for every compile in
    /// the process, and not the key LLVM's own identity gives.
    @Test func theHostKeyNeedsNoLLVM() throws {
        try CompileCacheTests.withCache { (_: String) throws in
            let file = SourceFile(name: "k.kern", text: CompileCacheTests.source)
            let host = try #require(try CompileCache.forCompile(file, options: .init()))
            #expect(host.keyedWithoutLLVM)
            var explicit = CompileOptions()
            explicit.targetFeatures = "+avx2"
            let llvm = try #require(try CompileCache.forCompile(file, options: explicit))
            #expect(!llvm.keyedWithoutLLVM)
            #expect(host.key != llvm.key)
        }
    }
}
