import ArgumentParser
import Foundation
import KernFuzzDiff
import KernFuzzGen

/// `kern-fuzz-diff`: the differential program fuzzer (issue 15 item 7; docs/fuzzing.md).
/// One command with four modes: a campaign (the default), `--print`, `--check-file` and
/// `--ledger-summary`; `--worker` is the child a campaign starts and watches.
struct KernFuzzDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kern-fuzz-diff",
        abstract: "Kern's differential program fuzzer (docs/fuzzing.md).",
        discussion: """
            Generates random, well-typed Kern programs and runs each through the reference \
            interpreter and the JIT (checked and unchecked, 1/2/3/8 threads); a difference, \
            crash or hang is minimized and saved under --corpus. Program K of a seed is the \
            same on every machine, so a seed and a count name a campaign (`make fuzz-diff`).
            """)

    @Option(help: "Seed of the program generator (default: 1; with --check-file, the file's own).")
    var seed: UInt64?

    @Option(help: "Stop a campaign after this many seconds.")
    var seconds: Double = 60

    @Option(help: "Stop a campaign after this many programs (default: only --seconds).")
    var programs: UInt64?

    @Option(help: "Index of the first program of a campaign (resume after a stop).")
    var start: UInt64 = 0

    @Option(help: "Programs per compiled module.")
    var batch: Int = Worker.defaultBatch

    @Option(help: "Worker processes (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a batch may take before it counts as a hang.")
    var timeout: Double = Supervisor().timeout

    @Option(help: "Where findings are saved.")
    var corpus: String = Supervisor().corpus

    @Option(help: "Findings saved at most per campaign.")
    var maxSaved: Int = Supervisor().maxSaved

    @Option(help: "Seconds spent minimizing one finding.")
    var minimizeSeconds: Double = Supervisor().minimizeSeconds

    @Option(help: "Optimization level of the second JIT compile (the first is -O3).")
    var otherOptLevel: Int = 0

    @Option(help: "Append the campaign's line to this ledger (TSV).")
    var ledger: String?

    @Option(help: "The commit the ledger line names.")
    var commit: String = Supervisor().commit

    @Option(help: "Generator version (older ones reproduce earlier campaigns).")
    var generator: Int = ProgramGenerator.version

    @Option(name: .customLong("print"), help: "Print program K of the seed and stop.")
    var printIndex: UInt64?

    @Option(help: "Judge one Kern file (prints VERDICT ok|diff|compile).")
    var checkFile: String?

    @Option(help: "Distinct programs checked per generator version in a ledger file.")
    var ledgerSummary: String?

    @Flag(help: .hidden)
    var worker = false

    @Option(help: .hidden)
    var step: UInt64?

    func validate() throws {
        guard (0...3).contains(otherOptLevel) else {
            throw ValidationError("--other-opt-level must be 0, 1, 2 or 3, got \(otherOptLevel)")
        }
        guard ProgramGenerator.versions.contains(generator) else {
            throw ValidationError(
                "--generator must be one of \(ProgramGenerator.versions), got \(generator)")
        }
        guard (1...256).contains(jobs) else {
            throw ValidationError("--jobs must be 1...256, got \(jobs)")
        }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
        if let programs, programs == 0 {
            throw ValidationError("--programs needs a positive count")
        }
        guard seconds > 0, timeout > 0 else {
            throw ValidationError("--seconds and --timeout must be positive")
        }
    }

    func run() throws {
        let seed = self.seed ?? 1
        var generatorOptions = ProgramGenerator.Options()
        generatorOptions.version = generator
        if worker {
            FuzzCache.usePrivateDirectory()
            Worker.run(
                seed: seed, start: start, batch: batch,
                step: max(UInt64(batch), step ?? UInt64(batch)),
                otherOptimizationLevel: otherOptLevel, options: generatorOptions)
        } else if let path = ledgerSummary {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("cannot read the ledger \(path)")
            }
            print(Ledger.report(text))
        } else if let index = printIndex {
            let program = ProgramGenerator.program(
                seed: seed, index: index, options: generatorOptions)
            print(program, terminator: "")
        } else if let path = checkFile {
            guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("cannot read \(path)")
            }
            FuzzCache.usePrivateDirectory()
            let verdict = CheckFile.judge(
                source: source, seed: seed, otherOptimizationLevel: otherOptLevel)
            print(verdict.detail)
            print("VERDICT \(verdict.kind)")
        } else {
            var s = Supervisor()
            s.seed = seed
            s.start = start
            s.seconds = seconds
            s.programLimit = programs
            s.batch = batch
            s.jobs = jobs
            s.otherOptimizationLevel = otherOptLevel
            s.timeout = timeout
            s.corpus = corpus
            s.maxSaved = maxSaved
            s.minimizeSeconds = minimizeSeconds
            s.ledger = ledger
            s.commit = commit
            s.generator = generator
            throw ExitCode(s.run())
        }
    }
}

// Bad arguments end with status 1 (ArgumentParser's own would be 64), like kernelc's.
do {
    var command = try KernFuzzDiffCommand.parseAsRoot()
    try command.run()
} catch {
    if KernFuzzDiffCommand.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(
            Data((KernFuzzDiffCommand.fullMessage(for: error) + "\n").utf8))
        exit(1)
    }
    KernFuzzDiffCommand.exit(withError: error)
}
