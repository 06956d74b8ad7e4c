import Foundation
import KernFuzzDiff
import Testing

/// Replays every regression case the differential fuzzer saved (Tests/FuzzDiffCorpus/
/// regressions/*.kern): the interpreter and the JIT must agree on each, in both compile
/// configurations, at 1, 2, 3 and 8 threads. Known, still-open failures live in
/// Tests/FuzzDiffCorpus/known-failures/ and are not replayed here (see its README).
struct CorpusReplayTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzDiffCorpus/regressions")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".kern") }.sorted()
    }

    @Test(arguments: files)
    func replay(_ name: String) throws {
        let source = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let verdict = CheckFile.judge(source: source, seed: nil)
        #expect(verdict.kind == "ok", "\(name): \(verdict.kind)\n\(verdict.detail)")
    }
}
