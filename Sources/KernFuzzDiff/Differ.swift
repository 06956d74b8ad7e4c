import Foundation
import Kern
import KernBasics
import KernFuzzGen
import KernIR
import KernRuntime

/// The differential check (issue 15 item 7): runs every entry function of a module
/// through the reference interpreter and through the JIT, checked and unchecked, at
/// 1, 2, 3 and 8 threads, and says where they differ.
///
/// In: Kern source and the names of its entry functions (no parameters). Out: one
/// `Finding` per entry whose runs disagree, or a compile error for the whole module.
/// What must agree (LANGUAGE.md §7–§8, docs/decisions.md):
/// - every JIT run of an entry with the same module, whatever the thread count —
///   bitwise (NaNs compare equal whatever their sign and payload);
/// - the JIT and the interpreter, bitwise, unless the module was compiled with vector
///   math and the entry calls a transcendental function or `randomNormal()` (SIMD
///   versions may differ from libm in the last bits; such entries are still compared
///   across thread counts, and against the interpreter in the other compile, which is
///   without vector math);
/// - unchecked runs are skipped for entries whose checked run went out of bounds
///   (undefined behaviour then).
/// Floating-point `prange` reductions may be reassociated: the generator only makes
/// reductions whose every order is exact, so no tolerance is needed here.
public enum Differ {
    /// One run's observable behaviour.
    public struct Observation: Equatable, CustomStringConvertible, Sendable {
        public var output: [String]
        public var result: String?
        /// `L:C kind` of a runtime error.
        public var error: String?
        public var outOfBounds = false

        public var description: String {
            var parts = output.suffix(6).map { "  | " + $0 }
            if output.count > 6 { parts.insert("  | … (\(output.count - 6) more lines)", at: 0) }
            if let result { parts.append("  = \(result)") }
            if let error { parts.append("  ! \(error)") }
            return parts.joined(separator: "\n")
        }

        /// Equal up to NaN spelling (`nan` and `-nan` are the same: x86 and constant
        /// folding disagree on a NaN's sign, which IEEE 754 leaves open).
        func agrees(with other: Observation) -> Bool {
            func canon(_ s: String) -> String { s.replacingOccurrences(of: "-nan", with: "nan") }
            return output.map(canon) == other.output.map(canon)
                && result.map(canon) == other.result.map(canon) && error == other.error
        }
    }

    /// A disagreement on one entry.
    public struct Finding: Sendable, CustomStringConvertible {
        public var entry: String
        /// Which runs disagree, e.g. `interpreter vs JIT checked vector-math threads=2`.
        public var what: String
        public var expected: Observation
        public var actual: Observation
        public var description: String {
            "\(entry): \(what)\nexpected:\n\(expected)\nactual:\n\(actual)"
        }
    }

    /// The outcome of checking one module.
    public enum Outcome: Sendable {
        case agreed
        case findings([Finding])
        /// The module does not compile (a generator bug or a compiler bug).
        case compileError(String)
    }

    /// An entry to run and whether it calls functions whose SIMD versions may differ.
    public struct Entry: Sendable {
        public var name: String
        public var usesTranscendentals: Bool
        /// Calls a transcendental function on `Float` operands: compile-time folding
        /// (in `Double`, rounded once) may differ from glibc's `Float` function by an ulp.
        public var callsFloatTranscendentals: Bool
        public init(name: String, usesTranscendentals: Bool, callsFloatTranscendentals: Bool) {
            self.name = name
            self.usesTranscendentals = usesTranscendentals
            self.callsFloatTranscendentals = callsFloatTranscendentals
        }

        /// The entry of one generated program's (or saved case's) source.
        public init(name: String, source: String) {
            self.init(
                name: name, usesTranscendentals: Differ.usesTranscendentals(source),
                callsFloatTranscendentals: source.contains(
                    ProgramGenerator.floatTranscendentalMarker))
        }
    }

    public static let threadCounts = [1, 2, 3, 8]

    /// Seconds spent in the last `check`: interpreter (front end included), JIT
    /// compiles, JIT calls.
    nonisolated(unsafe) public static var lastTimes:
        (interpret: Double, compile: Double, run: Double) = (0, 0, 0)

    /// Checks every entry of `source`. `vectorMathChecked` chooses which of the two
    /// compiles (checked, unchecked) uses vector math; the other does not.
    public static func check(
        source: String, entries: [Entry], seed: UInt64, vectorMathChecked: Bool = true
    ) -> Outcome {
        let reference: [Observation]
        var clock = Date()
        func lap() -> Double {
            defer { clock = Date() }
            return Date().timeIntervalSince(clock)
        }
        lastTimes = (0, 0, 0)
        do {
            reference = try interpret(source: source, entries: entries, seed: seed)
        } catch {
            return .compileError("\(error)")
        }
        lastTimes.interpret = lap()
        var findings: [Finding] = []
        for checked in [true, false] {
            var options = CompileOptions()
            options.checked = checked
            options.vectorMath = checked == vectorMathChecked
            let module: KernModule
            do {
                module = try KernModule.compile(
                    source: source, fileName: "fuzz.kern", options: options)
            } catch {
                return .compileError("JIT (\(checked ? "checked" : "unchecked")): \(error)")
            }
            lastTimes.compile += lap()
            let label =
                "JIT \(checked ? "checked" : "unchecked")\(options.vectorMath ? " vector-math" : "")"
            for (k, entry) in entries.enumerated() {
                if !checked && reference[k].outOfBounds { continue }
                if findings.contains(where: { $0.entry == entry.name }) { continue }
                var first: Observation?
                for threads in threadCounts {
                    let seen = run(module, entry.name, seed: seed, threads: threads)
                    let exact =
                        !entry.callsFloatTranscendentals
                        && (!options.vectorMath || !entry.usesTranscendentals)
                    if exact, !seen.agrees(with: reference[k]) {
                        findings.append(
                            Finding(
                                entry: entry.name,
                                what: "interpreter vs \(label) threads=\(threads)",
                                expected: reference[k], actual: seen))
                        break
                    }
                    if let first, !seen.agrees(with: first) {
                        findings.append(
                            Finding(
                                entry: entry.name, what: "\(label) threads=1 vs threads=\(threads)",
                                expected: first, actual: seen))
                        break
                    }
                    if first == nil { first = seen }
                }
            }
            lastTimes.run += lap()
        }
        return findings.isEmpty ? .agreed : .findings(findings)
    }

    /// Entry functions of a stand-alone file: every `func NAME()` whose name ends in
    /// `main` (a saved regression case keeps its generated `p<k>_main`).
    public static func entries(of source: String) -> [Entry] {
        var result: [Entry] = []
        for line in source.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("func "), let paren = t.firstIndex(of: "(") else { continue }
            let name = String(t[t.index(t.startIndex, offsetBy: 5)..<paren])
            if name.hasSuffix("main"), t[paren...].hasPrefix("()") {
                result.append(Entry(name: name, source: source))
            }
        }
        return result
    }

    /// Whether `source` calls a function whose SIMD version may differ from libm.
    public static func usesTranscendentals(_ source: String) -> Bool {
        fuzzTranscendentalNames.contains { source.contains($0 + "(") }
    }
}
