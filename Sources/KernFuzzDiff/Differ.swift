import Foundation
import Kern
import KernBasics
import KernFuzzGen
import KernIR
import KernRuntime

/// The differential check (issue 15 item 7): runs every entry function of a module
/// through the reference interpreter and through the JIT, checked and unchecked, at
/// 1, 2, 3 and 8 threads, and says where they differ. `Configuration` says which of the
/// two compiles uses vector math and which is at -O3 (the other at a level of choice).
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

        /// The entry of one generated program's (or saved case's) source.
        public init(name: String, source: String) {
            self.name = name
            usesTranscendentals = Differ.usesTranscendentals(source)
            callsFloatTranscendentals = source.contains(ProgramGenerator.floatTranscendentalMarker)
        }
    }

    public static let threadCounts = [1, 2, 3, 8]

    /// Seconds spent in the last `check`: interpreter (front end included), JIT
    /// compiles (split into the compile stages, summed over both compiles), JIT calls.
    public struct Times: Sendable, CustomStringConvertible {
        public var interpret = 0.0
        public var compile = 0.0
        public var run = 0.0
        /// Parse and type check, Kern IR (IRGen and passes), LLVM lowering, LLVM
        /// optimization, machine code (the object code the compile cache path emits, plus
        /// the JIT's own code generation, if any, and linking).
        public var frontEnd = 0.0, kernIR = 0.0, llvmLowering = 0.0, llvmOptimization = 0.0
        public var machineCode = 0.0
        /// CPU time (user + system) of the whole process during the check: on a loaded
        /// machine the wall-clock times above say more about the load than the work.
        public var cpu = 0.0

        mutating func add(_ t: CompileTimings) {
            func s(_ d: Duration) -> Double {
                Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            }
            frontEnd += s(t.frontEnd)
            kernIR += s(t.kernIR)
            llvmLowering += s(t.llvmLowering)
            llvmOptimization += s(t.llvmOptimization)
            // With the compile cache (the fuzzer's path), the machine code is made as an
            // object file before the JIT links it: `objectCode`; `jit` is the linking.
            machineCode += s(t.objectCode) + s(t.jit)
        }

        public var description: String {
            String(
                format:
                    "interpret %.2f s, compile %.2f s (front end %.2f, Kern IR %.2f, LLVM lowering %.2f, LLVM optimization %.2f, machine code %.2f), run %.2f s, CPU %.2f s",
                interpret, compile, frontEnd, kernIR, llvmLowering, llvmOptimization, machineCode,
                run, cpu)
        }
    }

    /// The times of the last `check` (the worker reports them per batch).
    nonisolated(unsafe) public static var lastTimes = Times()

    /// How the two JIT compiles of a module are set up. Which compile uses vector math
    /// and which one gets the full optimization level alternate from batch to batch
    /// (`Configuration.forBatch`), so every combination occurs.
    public struct Configuration: Sendable, Equatable, CustomStringConvertible {
        /// The checked compile uses vector math (the unchecked one does not), or the reverse.
        public var vectorMathChecked = true
        /// The checked compile is at -O3 and the unchecked one at `otherOptimizationLevel`,
        /// or the reverse.
        public var fullOptimizationChecked = true
        /// The optimization level (0...3) of the compile that is not at -O3. 3 (the
        /// default) compiles both at -O3; a lower level trades part of the -O3 coverage
        /// for speed (docs/fuzzing.md, "Throughput"). Every module is still compiled at -O3.
        public var otherOptimizationLevel = 3

        public init(
            vectorMathChecked: Bool = true, fullOptimizationChecked: Bool = true,
            otherOptimizationLevel: Int = 3
        ) {
            self.vectorMathChecked = vectorMathChecked
            self.fullOptimizationChecked = fullOptimizationChecked
            self.otherOptimizationLevel = otherOptimizationLevel
        }

        /// The configuration of batch number `n`: vector math alternates every batch, the
        /// -O3 compile every second batch (independent of vector math).
        public static func forBatch(_ n: UInt64, otherOptimizationLevel: Int) -> Configuration {
            Configuration(
                vectorMathChecked: n % 2 == 0, fullOptimizationChecked: (n / 2) % 2 == 0,
                otherOptimizationLevel: otherOptimizationLevel)
        }

        /// Every configuration the fuzzer may use with `otherOptimizationLevel` (what a
        /// saved case is judged with).
        public static func all(otherOptimizationLevel: Int) -> [Configuration] {
            let levels = otherOptimizationLevel == 3 ? [true] : [true, false]
            return levels.flatMap { full in
                [true, false].map {
                    Configuration(
                        vectorMathChecked: $0, fullOptimizationChecked: full,
                        otherOptimizationLevel: otherOptimizationLevel)
                }
            }
        }

        /// The compile options of the checked (`true`) or unchecked compile. The compile
        /// cache stays on, as for users: that path emits the object code with the
        /// module's own optimization level (the JIT's own code generator, used with the
        /// cache off, always works at -O3). Fuzzer processes point it at a private
        /// directory (`FuzzCache`).
        public func options(checked: Bool) -> CompileOptions {
            var options = CompileOptions()
            options.checked = checked
            options.vectorMath = checked == vectorMathChecked
            options.optimizationLevel =
                checked == fullOptimizationChecked ? 3 : otherOptimizationLevel
            return options
        }

        public var description: String {
            "vector math \(vectorMathChecked ? "checked" : "unchecked"), -O3 "
                + (otherOptimizationLevel == 3
                    ? "both" : "\(fullOptimizationChecked ? "checked" : "unchecked")")
        }
    }

    /// Checks every entry of `source` with the two compiles `configuration` describes.
    public static func check(
        source: String, entries: [Entry], seed: UInt64,
        configuration: Configuration = Configuration()
    ) -> Outcome {
        let reference: [Observation]
        var clock = Date()
        func lap() -> Double {
            defer { clock = Date() }
            return Date().timeIntervalSince(clock)
        }
        lastTimes = Times()
        let cpuAtStart = processCPUSeconds()
        defer { lastTimes.cpu = processCPUSeconds() - cpuAtStart }
        do {
            reference = try interpret(source: source, entries: entries, seed: seed)
        } catch {
            return .compileError("\(error)")
        }
        lastTimes.interpret = lap()
        var findings: [Finding] = []
        for checked in [true, false] {
            let options = configuration.options(checked: checked)
            let module: KernModule
            do {
                module = try KernModule.compile(
                    source: source, fileName: "fuzz.kern", options: options)
            } catch {
                return .compileError("JIT (\(checked ? "checked" : "unchecked")): \(error)")
            }
            lastTimes.compile += lap()
            lastTimes.add(module.timings)
            let label =
                "JIT \(checked ? "checked" : "unchecked") -O\(options.optimizationLevel)"
                + (options.vectorMath ? " vector-math" : "")
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
