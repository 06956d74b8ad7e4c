import ArgumentParser
import Foundation
import Kern

/// `kernelc cache stats|clear`: the persistent compile cache (README "Compile cache").
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract:
            "Show or clear the compile cache ($KERN_CACHE_DIR, else $XDG_CACHE_HOME/kern, else ~/.cache/kern).",
        subcommands: [Stats.self, Clear.self])

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the cache's directory, entry count, size and size cap.")

        func run() throws {
            let s = KernCache.statistics()
            var lines = ["directory: \(s.directory ?? "(none: set KERN_CACHE_DIR or HOME)")"]
            lines.append("enabled: \(s.enabled ? "yes" : "no (KERN_CACHE=off)")")
            lines.append("entries: \(s.entries)")
            lines.append("size: \(s.bytes) bytes (\(CacheCommand.megabytes(s.bytes)))")
            lines.append(
                "cap: \(s.maxBytes) bytes (\(CacheCommand.megabytes(s.maxBytes)); KERN_CACHE_MAX_SIZE)"
            )
            try Console.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: nil)
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete every cache entry (other files in the directory stay).")

        func run() throws {
            let removed = KernCache.clear()
            let directory = KernCache.settings.directory ?? "(no cache directory)"
            try Console.write(Array("removed \(removed) entries from \(directory)\n".utf8), to: nil)
        }
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}

/// `--time` / `KERN_TIME=1`: the per-stage compile times on standard error.
enum CompileTimeTable {
    /// Whether `--time` was given or `KERN_TIME` is set to something other than 0.
    static func wanted(_ flag: Bool) -> Bool {
        if flag { return true }
        let value = ProcessInfo.processInfo.environment["KERN_TIME"] ?? ""
        return !value.isEmpty && value != "0"
    }

    /// The table: one line per stage in milliseconds, then the total.
    static func render(_ t: CompileTimings, file: String) -> String {
        func ms(_ d: Duration) -> Double {
            let (s, atto) = d.components
            return Double(s) * 1e3 + Double(atto) / 1e15
        }
        var lines = ["compile times for \(file) (ms):"]
        var total = 0.0
        func row(_ name: String, _ value: Double) -> String {
            "  " + name.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: "%9.2f", value)
        }
        for (name, time) in t.stages {
            lines.append(row(name, ms(time)))
            total += ms(time)
        }
        lines.append(row("total", total))
        switch t.cacheHit {
        case .some(true): lines.append("  compile cache: hit")
        case .some(false): lines.append("  compile cache: miss (stored)")
        case .none: lines.append("  compile cache: not used")
        }
        // A hit links without LLVM (docs/compile-time.md, "Warm"): whether it was needed.
        lines.append("  LLVM: " + (KernInfo.isLLVMLoaded ? "loaded" : "not loaded"))
        return lines.joined(separator: "\n")
    }
}
