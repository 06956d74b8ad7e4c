import Foundation
@testable import KernFuzzDiff
import KernFuzzGen
import Testing

/// The campaign ledger (docs/fuzzing.md, "Long campaigns"): lines round-trip, the
/// summary counts each (generator, seed, program) once however runs overlap, and a run
/// appends its line.
struct LedgerTests {
    func entry(
        seed: UInt64, _ range: Range<UInt64>, generator: Int = 2, findings: Int = 0,
        cpu: Double = 10
    ) -> LedgerEntry {
        LedgerEntry(
            date: "2026-12-07T12:00:00Z", commit: "abc1234", generator: generator, seed: seed,
            start: range.lowerBound, next: range.upperBound,
            programs: range.upperBound - range.lowerBound, findings: findings, seconds: 5,
            cpuSeconds: cpu, otherOptimizationLevel: 0)
    }

    @Test func lineRoundTrips() {
        let e = entry(seed: 42, 96..<192, findings: 1)
        #expect(LedgerEntry(line: e.line) == e)
        #expect(e.line.split(separator: "\t").count == 11)
        // A commit text with spaces stays one field.
        var spaced = e
        spaced.commit = "v1 dirty"
        #expect(LedgerEntry(line: spaced.line)?.commit == "v1")
    }

    @Test func commentsAreSkippedAndBadLinesReported() {
        let text = Ledger.header + "\n" + entry(seed: 1, 0..<8).line + "\nnot a ledger line\n\n"
        let (entries, bad) = Ledger.parse(text)
        #expect(entries.count == 1)
        #expect(bad == [3])
        #expect(Ledger.report(text).contains("malformed lines (not counted): [3]"))
        // next below start is malformed too.
        let backwards = entry(seed: 1, 0..<8).line.replacingOccurrences(of: "\t0\t8\t", with: "\t8\t0\t")
        #expect(LedgerEntry(line: backwards) == nil)
    }

    @Test func overlappingRunsCountOnce() {
        let runs = [
            entry(seed: 7, 0..<1000), entry(seed: 7, 500..<1500),  // overlap: 1500 distinct
            entry(seed: 7, 2000..<2100),  // a gap: +100
            entry(seed: 8, 0..<1000, findings: 2),  // another seed: +1000
            entry(seed: 8, 0..<0),  // checked nothing
            entry(seed: 7, 0..<400, generator: 1),  // other programs: counted apart
        ]
        let summary = Ledger.summarize(runs)
        #expect(summary.map(\.generator) == [1, 2])
        #expect(summary[0].programs == 400)
        #expect(summary[1].programs == 2600)
        #expect(summary[1].seeds == 2)
        #expect(summary[1].runs == 5)
        #expect(summary[1].findings == 2)
        #expect(summary[1].cpuSeconds == 50)
        #expect(Ledger.unionLength([0..<10, 2..<5, 10..<12, 20..<21]) == 13)
    }

    @Test func appendCreatesTheFileWithItsHeader() throws {
        let path = NSTemporaryDirectory() + "kern-ledger-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tsv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Ledger.append(entry(seed: 3, 0..<16), to: path)
        try Ledger.append(entry(seed: 3, 16..<32), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(Ledger.header + "\n"))
        #expect(text.split(separator: "\n").count == 3)
        #expect(Ledger.summarize(Ledger.parse(text).entries).first?.programs == 32)
        #expect(throws: LedgerError.self) {
            try Ledger.append(entry(seed: 3, 0..<8), to: "/nonexistent-dir/ledger.tsv")
        }
    }

    @Test func theRepositoryLedgerParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FuzzDiffCorpus/ledger.tsv").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(Ledger.header))
        #expect(Ledger.parse(text).badLines.isEmpty)
    }
}
