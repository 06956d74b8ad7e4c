import Foundation
import KernFuzzGen

/// The worker half of `kern-fuzz-diff`: generates batches of programs, compiles each
/// batch as one module (amortizing JIT cost) and checks it with `Differ`. It reports on
/// standard output, one line per event, so the parent can watch it for crashes and
/// hangs:
///
///     BATCH <first> <count>      starting programs first..<first+count
///     FIND <index> <kind> <text> program `index` disagrees (kind: diff, compile); text is
///                                the finding with newlines escaped as \n
///     DONE <first>               batch finished
public enum Worker {
    /// Programs per compiled module: larger batches amortize JIT start-up better, but a
    /// crash or hang costs a re-run of the whole batch one program at a time.
    public static let defaultBatch = 8

    /// Checks batches of `batch` programs from `start` on, forever, skipping ahead by
    /// `step` programs after each (the supervisor's parallel workers take turns: worker
    /// *j* of *n* checks batches *j*, *j + n*, … with `step` = `n × batch`).
    /// `otherOptimizationLevel`: see `Differ.Configuration`.
    public static func run(
        seed: UInt64, start: UInt64, batch: Int, step: UInt64? = nil,
        otherOptimizationLevel: Int = 3, options: ProgramGenerator.Options
    ) -> Never {
        var first = start
        while true {
            say("BATCH \(first) \(batch)")
            let indices = (first..<first + UInt64(batch)).map { $0 }
            check(
                seed: seed, indices: indices, options: options,
                configuration: .forBatch(
                    first / UInt64(batch), otherOptimizationLevel: otherOptimizationLevel))
            say("DONE \(first) \(Differ.lastTimes)")
            first += step ?? UInt64(batch)
        }
    }

    /// Checks programs `indices` as one module; on a compile error, one by one.
    /// Every call uses the run's `seed`, so a program behaves the same in any batch.
    static func check(
        seed: UInt64, indices: [UInt64], options: ProgramGenerator.Options,
        configuration: Differ.Configuration
    ) {
        let sources = indices.map {
            ProgramGenerator.program(seed: seed, index: $0, options: options)
        }
        let entries = zip(indices, sources).map {
            Differ.Entry(name: ProgramGenerator.entryName(index: $0.0), source: $0.1)
        }
        let outcome = Differ.check(
            source: sources.joined(separator: "\n"), entries: entries, seed: seed,
            configuration: configuration)
        switch outcome {
        case .agreed: return
        case .findings(let findings):
            for f in findings {
                guard let k = entries.firstIndex(where: { $0.name == f.entry }) else { continue }
                say("FIND \(indices[k]) diff \(escape(f.description))")
            }
        case .compileError(let text):
            if indices.count == 1 {
                say("FIND \(indices[0]) compile \(escape(text))")
                return
            }
            for index in indices {
                check(
                    seed: seed, indices: [index], options: options,
                    configuration: configuration)
            }
        }
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    public static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    public static func unescape(_ s: String) -> String {
        var out = ""
        var it = s.makeIterator()
        while let c = it.next() {
            guard c == "\\" else {
                out.append(c)
                continue
            }
            switch it.next() {
            case "n": out.append("\n")
            case let other?: out.append(other)
            case nil: out.append("\\")
            }
        }
        return out
    }
}
