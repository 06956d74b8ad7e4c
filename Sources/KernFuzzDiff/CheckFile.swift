import Foundation

/// Judges one program file (a saved regression case or a minimizer candidate): both
/// compile configurations of `Differ.check` on every entry whose name ends in `main`.
public enum CheckFile {
    /// `kind` is `ok`, `diff`, `compile` or `no-entry`; `detail` says why.
    /// `otherOptimizationLevel` below 3 also judges the configurations a fuzzer run with
    /// that level uses (`Differ.Configuration.all`).
    public static func judge(source: String, seed: UInt64?, otherOptimizationLevel: Int = 3)
        -> (kind: String, detail: String)
    {
        let entries = Differ.entries(of: source)
        guard !entries.isEmpty else { return ("no-entry", "no function named …main()") }
        let seed = seed ?? recordedSeed(source) ?? 1
        // A case found with a lower level keeps being judged with it too.
        let otherOptimizationLevel = min(
            otherOptimizationLevel, recordedOtherOptimizationLevel(source) ?? 3)
        for configuration in Differ.Configuration.all(
            otherOptimizationLevel: otherOptimizationLevel)
        {
            switch Differ.check(
                source: source, entries: entries, seed: seed, configuration: configuration)
            {
            case .agreed: continue
            case .findings(let f): return ("diff", f.map(\.description).joined(separator: "\n"))
            case .compileError(let text): return ("compile", text)
            }
        }
        return ("ok", "")
    }

    /// The comment a saved case found with `--other-opt-level L` (L < 3) carries.
    public static let otherLevelTag = "fuzz-other-opt-level: "

    /// The level of a `// fuzz-other-opt-level: L` line.
    public static func recordedOtherOptimizationLevel(_ source: String) -> Int? {
        for line in source.split(separator: "\n") where line.hasPrefix("// " + otherLevelTag) {
            return Int(line.dropFirst(3 + otherLevelTag.count)).map { min(max($0, 0), 3) }
        }
        return nil
    }

    /// The seed a saved case records in a `// fuzz-seed: N` line.
    public static func recordedSeed(_ source: String) -> UInt64? {
        for line in source.split(separator: "\n") where line.hasPrefix("// fuzz-seed: ") {
            return UInt64(line.dropFirst("// fuzz-seed: ".count))
        }
        return nil
    }
}
