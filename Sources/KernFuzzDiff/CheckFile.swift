import Foundation

/// Judges one program file (a saved regression case or a minimizer candidate): both
/// compile configurations of `Differ.check` on every entry whose name ends in `main`.
public enum CheckFile {
    /// `kind` is `ok`, `diff`, `compile` or `no-entry`; `detail` says why.
    public static func judge(source: String, seed: UInt64?) -> (kind: String, detail: String) {
        let entries = Differ.entries(of: source)
        guard !entries.isEmpty else { return ("no-entry", "no function named …main()") }
        let seed = seed ?? recordedSeed(source) ?? 1
        for vectorMathChecked in [true, false] {
            switch Differ.check(
                source: source, entries: entries, seed: seed, vectorMathChecked: vectorMathChecked)
            {
            case .agreed: continue
            case .findings(let f): return ("diff", f.map(\.description).joined(separator: "\n"))
            case .compileError(let text): return ("compile", text)
            }
        }
        return ("ok", "")
    }

    /// The seed a saved case records in a `// fuzz-seed: N` line.
    public static func recordedSeed(_ source: String) -> UInt64? {
        for line in source.split(separator: "\n") where line.hasPrefix("// fuzz-seed: ") {
            return UInt64(line.dropFirst("// fuzz-seed: ".count))
        }
        return nil
    }
}
