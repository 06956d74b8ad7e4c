import Foundation
import KernFuzzGen

/// The campaign ledger: one line per fuzzer run, appended by `kern-fuzz-diff --ledger
/// FILE`, so that runs with different seeds (and resumed runs of one seed) add up to an
/// auditable cumulative count of checked programs (docs/fuzzing.md, "Long campaigns").
///
/// A line is tab-separated:
///
///     date  commit  generator  seed  start  next  programs  findings  seconds  cpu_seconds  other_opt_level
///
/// Every program index in `start..<next` of `seed` was checked by a generator of version
/// `generator` (`ProgramGenerator.version`); `programs` may be a little larger than
/// `next - start` (parallel workers finish batches past the first unchecked one). The
/// summary counts each (generator, seed, index) once, so overlapping runs are not
/// counted twice, and counts nothing of a run that checked nothing.
public struct LedgerEntry: Equatable, Sendable {
    /// UTC, ISO 8601.
    public var date: String
    /// The source the fuzzer was built from (`git describe`-like text; `unknown` if not given).
    public var commit: String
    /// `ProgramGenerator.version` of the generator that made the programs.
    public var generator: Int = ProgramGenerator.version
    public var seed: UInt64
    public var start: UInt64
    public var next: UInt64
    public var programs: UInt64
    public var findings: Int
    public var seconds: Double
    public var cpuSeconds: Double
    public var otherOptimizationLevel: Int

    /// The ledger line (no newline). A commit text is cut at whitespace: it is one field.
    public var line: String {
        let commitField =
            commit.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? "unknown"
        return [
            date, commitField, "\(generator)", "\(seed)", "\(start)", "\(next)", "\(programs)",
            "\(findings)", String(format: "%.1f", seconds), String(format: "%.1f", cpuSeconds),
            "\(otherOptimizationLevel)",
        ].joined(separator: "\t")
    }
}

// Only this module's supervisor makes entries, with Swift's implicit (internal)
// memberwise initializer; declaring `init?(line:)` in the struct would remove that one.
extension LedgerEntry {
    /// Parses a ledger line; nil for a comment, a blank line or a malformed line.
    public init?(line: String) {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 11, !line.hasPrefix("#"), let generator = Int(f[2]),
            let seed = UInt64(f[3]), let start = UInt64(f[4]), let next = UInt64(f[5]),
            let programs = UInt64(f[6]), let findings = Int(f[7]), let seconds = Double(f[8]),
            let cpu = Double(f[9]), let level = Int(f[10]), next >= start
        else { return nil }
        self.init(
            date: f[0], commit: f[1], generator: generator, seed: seed, start: start, next: next,
            programs: programs, findings: findings, seconds: seconds, cpuSeconds: cpu,
            otherOptimizationLevel: level)
    }
}

public enum Ledger {
    /// The first line of a new ledger file.
    public static let header =
        "# kern-fuzz-diff ledger (docs/fuzzing.md): date\tcommit\tgenerator\tseed\tstart\tnext\tprograms\tfindings\tseconds\tcpu_seconds\tother_opt_level"

    /// Appends `entry` to the ledger at `path` (created with its header if missing).
    /// - Throws: `LedgerError` when the file cannot be opened or written.
    public static func append(_ entry: LedgerEntry, to path: String) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        let text = (exists ? "" : header + "\n") + entry.line + "\n"
        guard let handle = FileHandle(forUpdatingAtPath: path) ?? create(path) else {
            throw LedgerError(description: "cannot open the ledger \(path)")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw LedgerError(description: "cannot write the ledger \(path): \(error)")
        }
    }

    private static func create(_ path: String) -> FileHandle? {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        return FileHandle(forUpdatingAtPath: path)
    }

    /// The entries of a ledger's text, and the numbers of the lines that are neither an
    /// entry nor a comment (reported, never silently skipped).
    public static func parse(_ text: String) -> (entries: [LedgerEntry], badLines: [Int]) {
        var entries: [LedgerEntry] = []
        var bad: [Int] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        {
            let l = String(line)
            if l.isEmpty || l.hasPrefix("#") { continue }
            if let e = LedgerEntry(line: l) { entries.append(e) } else { bad.append(n + 1) }
        }
        return (entries, bad)
    }

    /// Cumulative numbers of one generator version.
    public struct Summary: Equatable, Sendable {
        public var generator: Int
        /// Distinct (seed, index) pairs checked.
        public var programs: UInt64
        public var seeds: Int
        public var runs: Int
        public var findings: Int
        public var cpuSeconds: Double
    }

    /// Per generator version (ascending): distinct programs (the union of every run's
    /// `start..<next` per seed), seeds, runs, findings and CPU time.
    public static func summarize(_ entries: [LedgerEntry]) -> [Summary] {
        let byGenerator = Dictionary(grouping: entries, by: \.generator)
        return byGenerator.keys.sorted().map { g in
            let runs = byGenerator[g] ?? []
            let bySeed = Dictionary(grouping: runs, by: \.seed)
            let programs = bySeed.values.reduce(UInt64(0)) { total, seedRuns in
                total + unionLength(seedRuns.map { $0.start..<$0.next })
            }
            return Summary(
                generator: g, programs: programs, seeds: bySeed.count, runs: runs.count,
                findings: runs.reduce(0) { $0 + $1.findings },
                cpuSeconds: runs.reduce(0) { $0 + $1.cpuSeconds })
        }
    }

    /// The number of integers in the union of `ranges`.
    static func unionLength(_ ranges: [Range<UInt64>]) -> UInt64 {
        var total: UInt64 = 0
        var covered: UInt64 = 0  // everything below this is counted
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
            let from = max(r.lowerBound, covered)
            if r.upperBound > from { total += r.upperBound - from }
            covered = max(covered, r.upperBound)
        }
        return total
    }

    /// The summary as text (what `kern-fuzz-diff --ledger-summary FILE` prints).
    public static func report(_ text: String) -> String {
        let (entries, bad) = parse(text)
        var lines = summarize(entries).map { s in
            "generator \(s.generator): \(s.programs) distinct programs over \(s.seeds) seed"
                + (s.seeds == 1 ? "" : "s") + " in \(s.runs) run" + (s.runs == 1 ? "" : "s")
                + ", \(s.findings) findings, \(Int(s.cpuSeconds.rounded())) CPU-s"
        }
        if lines.isEmpty { lines.append("no runs") }
        if !bad.isEmpty { lines.append("malformed lines (not counted): \(bad)") }
        return lines.joined(separator: "\n")
    }
}

/// A ledger that cannot be read or written.
public struct LedgerError: Error, CustomStringConvertible {
    public var description: String
}
