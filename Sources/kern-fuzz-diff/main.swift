import Foundation
import KernFuzzDiff
import KernFuzzGen

/// `kern-fuzz-diff`: the differential program fuzzer (issue 15 item 7; docs/fuzzing.md).
///
///     kern-fuzz-diff [--seconds N] [--programs P] [--seed S] [--start K] [--batch B] [--timeout T]
///                    [--corpus DIR] [--jobs J] [--other-opt-level L] [--ledger FILE [--commit C]]
///                    [--generator V]               (V: an older generator version, to reproduce)
///     kern-fuzz-diff --print K [--seed S] [--generator V]   print program K of seed S
///     kern-fuzz-diff --check-file F [--seed S] [--other-opt-level L]
///                                                  judge one file (prints VERDICT ok|diff|compile)
///     kern-fuzz-diff --ledger-summary FILE         distinct programs checked, per generator version
///     kern-fuzz-diff --worker ...                  (internal: the child the fuzzer watches)
let arguments = Array(CommandLine.arguments.dropFirst())
func value(_ flag: String) -> String? {
    guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kern-fuzz-diff: \(message)\n".utf8))
    exit(2)
}
let knownFlags: Set<String> = [
    "--seconds", "--seed", "--start", "--batch", "--timeout", "--corpus", "--print", "--check-file",
    "--max-saved", "--minimize-seconds", "--programs", "--jobs", "--other-opt-level", "--step",
    "--ledger", "--commit", "--ledger-summary", "--generator",
]
var k = 0
while k < arguments.count {
    let a = arguments[k]
    if a == "--worker" {
        k += 1
        continue
    }
    guard knownFlags.contains(a), k + 1 < arguments.count else {
        fail("unknown or incomplete option '\(a)'")
    }
    k += 2
}
func number<T: LosslessStringConvertible>(_ flag: String, _ fallback: T) -> T {
    guard let text = value(flag) else { return fallback }
    guard let v = T(text) else { fail("\(flag) needs a number, got '\(text)'") }
    return v
}

let seed: UInt64 = number("--seed", 1)
let otherOptimizationLevel: Int = number("--other-opt-level", 0)
guard (0...3).contains(otherOptimizationLevel) else {
    fail("--other-opt-level must be 0, 1, 2 or 3, got \(otherOptimizationLevel)")
}
let generator: Int = number("--generator", ProgramGenerator.version)
guard ProgramGenerator.versions.contains(generator) else {
    fail("--generator must be in \(ProgramGenerator.versions), got \(generator)")
}
var generatorOptions = ProgramGenerator.Options()
generatorOptions.version = generator
if arguments.contains("--worker") {
    FuzzCache.usePrivateDirectory()
    let batch = max(1, number("--batch", Worker.defaultBatch))
    Worker.run(
        seed: seed, start: number("--start", 0), batch: batch,
        step: max(UInt64(batch), number("--step", UInt64(batch))),
        otherOptimizationLevel: otherOptimizationLevel, options: generatorOptions)
} else if let path = value("--ledger-summary") {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        fail("cannot read the ledger \(path)")
    }
    print(Ledger.report(text))
} else if let index = value("--print") {
    guard let k = UInt64(index) else { fail("--print needs a program index") }
    print(ProgramGenerator.program(seed: seed, index: k, options: generatorOptions), terminator: "")
} else if let path = value("--check-file") {
    guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
        fail("cannot read \(path)")
    }
    FuzzCache.usePrivateDirectory()
    let verdict = CheckFile.judge(
        source: source, seed: value("--seed").flatMap(UInt64.init),
        otherOptimizationLevel: otherOptimizationLevel)
    print(verdict.detail)
    print("VERDICT \(verdict.kind)")
} else {
    var s = Supervisor()
    s.seed = seed
    s.start = number("--start", 0)
    s.seconds = number("--seconds", 60.0)
    if value("--programs") != nil {
        let limit: UInt64 = number("--programs", 0)
        guard limit > 0 else { fail("--programs needs a positive count") }
        s.programLimit = limit
    }
    s.batch = max(1, number("--batch", Worker.defaultBatch))
    let jobs: Int = number("--jobs", ProcessInfo.processInfo.activeProcessorCount)
    guard (1...256).contains(jobs) else { fail("--jobs must be 1...256, got \(jobs)") }
    s.jobs = jobs
    s.otherOptimizationLevel = otherOptimizationLevel
    s.timeout = number("--timeout", s.timeout)
    s.corpus = value("--corpus") ?? s.corpus
    s.maxSaved = number("--max-saved", s.maxSaved)
    s.minimizeSeconds = number("--minimize-seconds", s.minimizeSeconds)
    s.ledger = value("--ledger")
    s.commit = value("--commit") ?? s.commit
    s.generator = generator
    exit(s.run())
}
