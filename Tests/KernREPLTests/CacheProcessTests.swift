import Foundation
import KernCLITestSupport
import Testing

/// The compile cache across processes: two `kernelc run`s storing the same key at once,
/// and `kernelc cache stats|clear`.
@Suite(.serialized)
struct CacheProcessTests {
    /// The built `kernelc` with its compile cache in `cache`.
    struct Kernelc {
        let binary: String
        let cache: String

        init(cache: String) throws {
            binary = try FileManagerTemp.requireKernelc()
            self.cache = cache
        }

        /// Starts `kernelc ARGUMENTS`.
        func start(_ arguments: [String]) throws -> ChildProcess {
            try ChildProcess.start(
                binary, arguments, environment: ["KERN_CACHE_DIR": cache, "KERN_CACHE": nil])
        }

        /// Removes the cache directory and everything the runs stored in it.
        func removeCache() { try? FileManager.default.removeItem(atPath: cache) }
    }

    @Test func twoProcessesStoringTheSameKeyAtOnce() throws {
        let kernelc = try Kernelc(cache: FileManagerTemp.scratchPath("kern-cache-race"))
        defer { kernelc.removeCache() }
        let file = FileManagerTemp.file(
            "race.kern",
            """
            func main() -> Double {
                var s = 0.0
                for i in 0..<1000 { s += Double(i) * 0.5 }
                return s
            }
            """)
        for round in 0..<3 {
            let runs = try (0..<2).map { _ in try kernelc.start(["run", "--time", file]) }
            for r in runs.map({ $0.finish() }) {
                #expect(r.status == 0, "\(r.err)")
                #expect(r.out == "249750.0\n")
                // Round 0 races to store; later rounds must find the entry.
                if round > 0 { #expect(r.err.contains("compile cache: hit"), "\(r.err)") }
            }
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: kernelc.cache)
        #expect(entries.filter { $0.hasSuffix(".kobj") }.count == 1)
        #expect(entries.filter { $0.contains("kern-tmp") }.isEmpty)

        let stats = try kernelc.start(["cache", "stats"]).finish()
        #expect(stats.status == 0)
        #expect(stats.out.contains("entries: 1"))
        #expect(stats.out.contains("directory: \(kernelc.cache)"))
        let clear = try kernelc.start(["cache", "clear"]).finish()
        #expect(clear.out.contains("removed 1 entries"))
        let after = try kernelc.start(["cache", "stats"]).finish()
        #expect(after.out.contains("entries: 0"))
    }

    /// A hit for the host CPU needs no LLVM: neither its key nor linking its objects
    /// (ObjectLinker) loads libLLVM in the process; a miss does.
    @Test func aHitRunsWithoutLoadingLLVM() throws {
        let kernelc = try Kernelc(cache: FileManagerTemp.scratchPath("kern-cache-nollvm"))
        defer { kernelc.removeCache() }
        let file = FileManagerTemp.file(
            "nollvm.kern",
            """
            func square(x: Double) -> Double { return exp(log(x)) * x }
            func main() -> Double {
                var a = [Double](repeating: 0.0, count: 1000)
                for i in prange(1000) { a[i] = square(x: Double(i % 7) + 1.0) }
                var s = 0.0
                for i in 0..<1000 { s += a[i] }
                print("sum", s)
                return s
            }
            """)
        let miss = try kernelc.start(["run", "--time", file]).finish()
        #expect(miss.status == 0, "\(miss.err)")
        #expect(miss.err.contains("compile cache: miss"), "\(miss.err)")
        #expect(miss.err.contains("LLVM: loaded"), "\(miss.err)")
        let hit = try kernelc.start(["run", "--time", file]).finish()
        #expect(hit.status == 0, "\(hit.err)")
        #expect(hit.err.contains("compile cache: hit"), "\(hit.err)")
        #expect(hit.err.contains("LLVM: not loaded"), "\(hit.err)")
        #expect(hit.out == miss.out)
    }

    @Test func unwritableCacheDirectoryWarnsOnce() throws {
        // The cache's parent is a file: the directory cannot be made.
        let blocker = FileManagerTemp.scratchPath("kern-cache-file")
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let file = FileManagerTemp.file("ro.kern", "func main() -> Int { return 7 }")
        let r = try Kernelc(cache: blocker + "/cache").start(["run", file]).finish()
        #expect(r.status == 0)
        #expect(r.out == "7\n")
        #expect(r.err.components(separatedBy: "compile cache not written").count == 2, "\(r.err)")
    }
}
