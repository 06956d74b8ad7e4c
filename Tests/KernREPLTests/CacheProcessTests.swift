import Foundation
import Testing

/// The compile cache across processes: two `kernelc run`s storing the same key at once,
/// and `kernelc cache stats|clear`.
@Suite(.serialized)
struct CacheProcessTests {
    static func start(_ binary: String, _ arguments: [String], cache: String) throws -> (
        Process, Pipe, Pipe
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["KERN_CACHE_DIR"] = cache
        env["KERN_CACHE"] = nil
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func finish(_ p: (Process, Pipe, Pipe)) -> (String, String, Int32) {
        let out = p.1.fileHandleForReading.readDataToEndOfFile()
        let err = p.2.fileHandleForReading.readDataToEndOfFile()
        p.0.waitUntilExit()
        return (
            String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self),
            p.0.terminationStatus
        )
    }

    @Test func twoProcessesStoringTheSameKeyAtOnce() throws {
        let binary = try #require(
            FileManagerTemp.kernelc, "kernelc must be built next to the tests")
        let cache = FileManager.default.temporaryDirectory
            .appendingPathComponent("kern-cache-race-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
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
            let runs = try (0..<2).map { _ in
                try Self.start(binary, ["run", "--time", file], cache: cache)
            }
            let results = runs.map(Self.finish)
            for (out, err, status) in results {
                #expect(status == 0, "\(err)")
                #expect(out == "249750.0\n")
                // Round 0 races to store; later rounds must find the entry.
                if round > 0 { #expect(err.contains("compile cache: hit"), "\(err)") }
            }
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(entries.filter { $0.hasSuffix(".kobj") }.count == 1)
        #expect(entries.filter { $0.contains("kern-tmp") }.isEmpty)

        let stats = Self.finish(try Self.start(binary, ["cache", "stats"], cache: cache))
        #expect(stats.2 == 0)
        #expect(stats.0.contains("entries: 1"))
        #expect(stats.0.contains("directory: \(cache)"))
        let clear = Self.finish(try Self.start(binary, ["cache", "clear"], cache: cache))
        #expect(clear.0.contains("removed 1 entries"))
        let after = Self.finish(try Self.start(binary, ["cache", "stats"], cache: cache))
        #expect(after.0.contains("entries: 0"))
    }

    @Test func unwritableCacheDirectoryWarnsOnce() throws {
        let binary = try #require(
            FileManagerTemp.kernelc, "kernelc must be built next to the tests")
        let blocker = FileManager.default.temporaryDirectory
            .appendingPathComponent("kern-cache-file-\(getpid())").path
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let file = FileManagerTemp.file("ro.kern", "func main() -> Int { return 7 }")
        let (out, err, status) = Self.finish(
            try Self.start(binary, ["run", file], cache: blocker + "/cache"))
        #expect(status == 0)
        #expect(out == "7\n")
        #expect(err.components(separatedBy: "compile cache not written").count == 2, "\(err)")
    }
}
