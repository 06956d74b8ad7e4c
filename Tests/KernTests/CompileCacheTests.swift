import Foundation
import KernBasics
import Testing

@testable import Kern

/// The compile cache (issue 14.1): key, entry format, hits, misses, invalidation,
/// damaged entries, an unwritable directory, eviction, in-process reuse. Every test uses
/// its own temporary cache directory through `KernCache.overrideSettings`.
@Suite(.serialized)
struct CompileCacheTests {
    /// A fresh cache directory for one test, with the given cap and version.
    static func withCache<R>(
        maxBytes: Int64 = KernCache.defaultMaxBytes, version: String = KernInfo.version,
        directory: String? = nil, _ body: (String) throws -> R
    ) rethrows -> R {
        let dir =
            directory
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "kern-cache-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            )
            .path
        KernCache.overrideSettings(
            .init(directory: dir, enabled: true, maxBytes: maxBytes, kernVersion: version))
        defer {
            KernCache.overrideSettings(nil)
            try? FileManager.default.removeItem(atPath: dir)
        }
        return try body(dir)
    }

    /// Compiles `source`, calls `f(x)` and lets the module go (so the next compile is not
    /// an in-process reuse). Returns whether the cache hit and the result.
    static func compileAndCall(
        _ source: String, options: CompileOptions = .init(), x: Int64 = 20
    ) throws -> (hit: Bool?, value: KernValue) {
        // Up front: `timings.cacheHit` is the whole compile's (LazyCompileTests has
        // the lazy compiles' own entries).
        var options = options
        options.lazyCompile = false
        let module = try KernModule.compile(source: source, fileName: "t.kern", options: options)
        let value = try module.function(named: "f").call([x])
        return (module.timings.cacheHit, value)
    }

    static let source = "func f(x: Int) -> Int { return x * 2 + 1 }"
    /// Everything compiled by `compile` (not on the first call), so `timings` has it all.
    static let upFront = CompileOptions(lazyCompile: false)

    static func entryPaths(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".kobj") }.map { dir + "/" + $0 }
    }

    // MARK: - Pieces

    @Test func sha256MatchesTheFIPSVectors() {
        #expect(
            SHA256.hex(SHA256.hash([UInt8]()))
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(SHA256.hash(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(
                SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A million 'a's, fed in uneven pieces.
        var h = SHA256()
        for n in [1, 63, 64, 65, 999_807] { h.update([UInt8](repeating: 0x61, count: n)) }
        #expect(
            SHA256.hex(h.finalize())
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sizesAndEnvironment() {
        #expect(KernCache.parseSize("1048576") == 1_048_576)
        #expect(KernCache.parseSize("64M") == 64 << 20)
        #expect(KernCache.parseSize("2g") == 2 << 30)
        #expect(KernCache.parseSize("lots") == nil)
        #expect(KernCache.parseSize("-1") == nil)
        let all = KernCache.settings(environment: [
            "KERN_CACHE_DIR": "/a", "XDG_CACHE_HOME": "/b", "HOME": "/c",
        ])
        #expect(all.directory == "/a" && all.enabled && all.maxBytes == KernCache.defaultMaxBytes)
        #expect(
            KernCache.settings(environment: ["XDG_CACHE_HOME": "/b", "HOME": "/c"]).directory
                == "/b/kern")
        #expect(KernCache.settings(environment: ["HOME": "/c"]).directory == "/c/.cache/kern")
        #expect(KernCache.settings(environment: [:]).directory == nil)
        #expect(!KernCache.settings(environment: ["KERN_CACHE": "off"]).enabled)
        #expect(KernCache.settings(environment: ["KERN_CACHE_MAX_SIZE": "1K"]).maxBytes == 1024)
    }

    @Test func everyKeyComponentChangesTheKey() {
        let file = SourceFile(name: "a.kern", text: Self.source)
        func key(
            file: SourceFile = file, options: CompileOptions = .init(), version: String = "1",
            build: String = "b", target: String = "cpu=x;features=+avx2"
        ) -> [UInt8] {
            CompileCache.key(
                file: file, options: options, kernVersion: version, build: build, target: target)
        }
        let base = key()
        var variants: [[UInt8]] = [
            key(file: SourceFile(name: "b.kern", text: Self.source)),
            key(file: SourceFile(name: "a.kern", text: Self.source + " ")),
            key(file: SourceFile(name: "a.kern", text: Self.source, lineOffset: 3)),
            key(file: SourceFile(name: "a.kern", text: Self.source, columnOffsets: [4])),
            key(version: "2"), key(build: "c"), key(target: "cpu=x;features=+avx2,-avx512f"),
        ]
        let options: [CompileOptions] = [
            .init(optimizationLevel: 2), .init(checked: false), .init(fastMathLevel: .balanced),
            .init(targetCPU: "haswell"), .init(targetFeatures: "-avx512f"),
            .init(vectorMath: false), .init(preferredVectorWidth: 256),
            .init(optimizationRemarks: true), .init(entryPoints: ["f"]),
            .init(entryPoints: ["f", "g"]), .init(spmd: false),
        ]
        variants += options.map { key(options: $0) }
        for v in variants { #expect(v != base) }
        #expect(Set(variants.map(SHA256.hex)).count == variants.count)
        // Options that do not reach the code leave the key alone.
        #expect(key(options: .init(threads: 3, verifyEach: true, compileCache: false)) == base)
    }

    @Test func entryFormatRejectsDamage() {
        let key = SHA256.hash(Array("k".utf8))
        let payload: [UInt8] = (0..<200).map { UInt8($0 & 255) }
        let entry = CacheStore.encode(payload, key: key)
        #expect(CacheStore.decode(entry, key: key) == payload)
        #expect(CacheStore.decode(entry, key: SHA256.hash(Array("other".utf8))) == nil)
        #expect(CacheStore.decode(Array(entry.dropLast()), key: key) == nil)
        #expect(CacheStore.decode(Array(entry.prefix(20)), key: key) == nil)
        var flipped = entry
        flipped[flipped.count - 7] ^= 1
        #expect(CacheStore.decode(flipped, key: key) == nil)
        var version = entry
        version[8] = 99
        #expect(CacheStore.decode(version, key: key) == nil)
    }

    // MARK: - Compiles

    @Test func lazyAndFullCompilesAreSeparateEntries() throws {
        try Self.withCache { (dir: String) throws in
            let lazy = CompileOptions(entryPoints: ["f"])
            #expect(try Self.compileAndCall(Self.source, options: lazy).hit == false)
            // The full compile must not get the entry that holds f alone.
            #expect(try Self.compileAndCall(Self.source).hit == false)
            #expect(try Self.compileAndCall(Self.source, options: lazy).hit == true)
            #expect(Self.entryPaths(dir).count == 2)
        }
    }

    @Test func missThenHitGivesTheSameResults() throws {
        try Self.withCache { (dir: String) throws in
            let first = try Self.compileAndCall(Self.source)
            #expect(first.hit == false)
            #expect(first.value == .int64(41))
            #expect(Self.entryPaths(dir).count == 1)
            let second = try Self.compileAndCall(Self.source)
            #expect(second.hit == true)
            #expect(second.value == .int64(41))
            // A hit still gives the tools' texts (made again from the Kern IR).
            let module = try KernModule.compile(
                source: Self.source, fileName: "t.kern", options: Self.upFront)
            #expect(module.timings.cacheHit == true)
            #expect(module.llvmIR.contains("kern_entry_f"))
            #expect(try module.objectCode().count > 0)
        }
    }

    @Test func eachKeyComponentInvalidates() throws {
        try Self.withCache { (_: String) throws in
            #expect(try Self.compileAndCall(Self.source).hit == false)
            #expect(try Self.compileAndCall(Self.source).hit == true)
            // An option.
            let unchecked = CompileOptions(checked: false)
            #expect(try Self.compileAndCall(Self.source, options: unchecked).hit == false)
            #expect(try Self.compileAndCall(Self.source, options: unchecked).hit == true)
            // The CPU features.
            let features = CompileOptions(targetFeatures: "-avx512f")
            #expect(try Self.compileAndCall(Self.source, options: features).hit == false)
            #expect(try Self.compileAndCall(Self.source, options: features).hit == true)
            // The source text.
            #expect(try Self.compileAndCall(Self.source + "\n").hit == false)
        }
        // Kern's version (the same directory, another version).
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("kern-cache-version-\(getpid())").path
        try Self.withCache(version: "0.0.1-test", directory: dir) { (_: String) throws in
            #expect(try Self.compileAndCall(Self.source).hit == false)
            #expect(try Self.compileAndCall(Self.source).hit == true)
            KernCache.overrideSettings(
                .init(
                    directory: dir, enabled: true, maxBytes: KernCache.defaultMaxBytes,
                    kernVersion: "0.0.2-test"))
            #expect(try Self.compileAndCall(Self.source).hit == false)
            #expect(try Self.compileAndCall(Self.source).hit == true)
        }
    }

    @Test func corruptTruncatedAndForeignEntriesAreReplaced() throws {
        try Self.withCache { (dir: String) throws in
            _ = try Self.compileAndCall(Self.source)
            let path = try #require(Self.entryPaths(dir).first)
            let good = try #require(FileManager.default.contents(atPath: path))
            var damaged: [Data] = []
            var flipped = good
            flipped[flipped.count - 100] ^= 0x40
            damaged.append(flipped)
            damaged.append(good.prefix(good.count / 2))
            damaged.append(good.prefix(10))
            damaged.append(Data())
            damaged.append(Data("not a cache entry at all".utf8))
            for bad in damaged {
                try bad.write(to: URL(fileURLWithPath: path))
                let miss = try Self.compileAndCall(Self.source, x: 5)
                #expect(miss.hit == false)
                #expect(miss.value == .int64(11))
                #expect(FileManager.default.contents(atPath: path) == good)
                #expect(try Self.compileAndCall(Self.source).hit == true)
            }
        }
    }

    @Test func unwritableDirectoryWarnsOnceAndCompiles() throws {
        // A path below a regular file can never be created, even by root (for whom a
        // read-only directory is still writable).
        let blocker = FileManager.default.temporaryDirectory
            .appendingPathComponent("kern-cache-blocker-\(getpid())").path
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let warnings = Mutex<[String]>([])
        KernCache.redirectWarnings { message in warnings.withLock { $0.append(message) } }
        defer { KernCache.redirectWarnings(nil) }
        try Self.withCache(directory: blocker + "/cache") { (_: String) throws in
            for (i, x) in [3, 4, 5].enumerated() {
                let source = Self.source + String(repeating: "\n", count: i)
                let result = try Self.compileAndCall(source, x: Int64(x))
                #expect(result.hit == false)
                #expect(result.value == .int64(Int64(2 * x + 1)))
            }
        }
        let seen = warnings.withLock { $0 }
        #expect(seen.count == 1)
        #expect(seen.first?.contains("compile cache not written") == true)
        #expect(seen.first?.contains(blocker) == true)
    }

    @Test func evictsTheLeastRecentlyUsedAtTheCap() throws {
        let sources = (0..<4).map { "func f(x: Int) -> Int { return x + \($0) }" }
        // Measure one entry, then allow a little over two of them.
        let size = try Self.withCache { (dir: String) throws -> Int in
            _ = try Self.compileAndCall(sources[0])
            let path = try #require(Self.entryPaths(dir).first)
            return try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        }
        try Self.withCache(maxBytes: Int64(size * 5 / 2)) { (dir: String) throws in
            _ = try Self.compileAndCall(sources[0])
            usleep(20_000)
            _ = try Self.compileAndCall(sources[1])
            usleep(20_000)
            // Using entry 0 makes entry 1 the least recently used.
            #expect(try Self.compileAndCall(sources[0]).hit == true)
            usleep(20_000)
            _ = try Self.compileAndCall(sources[2])
            #expect(Self.entryPaths(dir).count == 2)
            #expect(try Self.compileAndCall(sources[0]).hit == true)
            #expect(try Self.compileAndCall(sources[2]).hit == true)
            #expect(try Self.compileAndCall(sources[1]).hit == false)
            let total = Self.entryPaths(dir).compactMap {
                try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int
            }.reduce(0, +)
            #expect(total <= size * 5 / 2)
        }
    }

    @Test func switchedOffByOptionOrSettings() throws {
        try Self.withCache { (dir: String) throws in
            let off = CompileOptions(compileCache: false)
            #expect(try Self.compileAndCall(Self.source, options: off).hit == nil)
            #expect(try Self.compileAndCall(Self.source, options: off).value == .int64(41))
            #expect(Self.entryPaths(dir).isEmpty)
            KernCache.overrideSettings(
                .init(directory: dir, enabled: false, maxBytes: 1 << 20, kernVersion: "x"))
            #expect(try Self.compileAndCall(Self.source).hit == nil)
            #expect(Self.entryPaths(dir).isEmpty)
        }
    }

    @Test func statisticsAndClear() throws {
        try Self.withCache { (dir: String) throws in
            _ = try Self.compileAndCall(Self.source)
            _ = try Self.compileAndCall(Self.source + "\n")
            let stats = KernCache.statistics()
            #expect(stats.directory == dir && stats.entries == 2 && stats.bytes > 0)
            FileManager.default.createFile(atPath: dir + "/notes.txt", contents: Data())
            #expect(KernCache.clear() == 2)
            #expect(KernCache.statistics().entries == 0)
            #expect(FileManager.default.fileExists(atPath: dir + "/notes.txt"))
        }
    }

    @Test func sameSourceTwiceInOneProcessReusesTheModule() throws {
        try Self.withCache { (_: String) throws in
            let a = try KernModule.compile(source: Self.source, fileName: "r.kern")
            let b = try KernModule.compile(source: Self.source, fileName: "r.kern")
            #expect(a === b)
            let other = try KernModule.compile(
                source: Self.source, fileName: "r.kern", options: .init(checked: false))
            #expect(other !== a)
            let renamed = try KernModule.compile(source: Self.source, fileName: "s.kern")
            #expect(renamed !== a)
            let uncached = try KernModule.compile(
                source: Self.source, fileName: "r.kern", options: .init(compileCache: false))
            #expect(uncached !== a)
            #expect(try b.function(named: "f").call([Int64(1)]) == .int64(3))
        }
        // Once released, a module is compiled again (here: from the persistent cache).
        weak var released: KernModule?
        try Self.withCache { (_: String) throws in
            do {
                let m = try KernModule.compile(
                    source: Self.source, fileName: "w.kern", options: Self.upFront)
                released = m
                #expect(m.timings.cacheHit == false)
            }
            #expect(released == nil)
            let again = try KernModule.compile(
                source: Self.source, fileName: "w.kern", options: Self.upFront)
            #expect(again.timings.cacheHit == true)
        }
    }
}
