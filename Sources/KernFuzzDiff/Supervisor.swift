import Foundation
import KernFuzzGen

/// The parent half of `kern-fuzz-diff`: runs `jobs` `Worker` children for the given
/// time (worker *j* checks batches *j*, *j + jobs*, …, so a seed and a program count
/// give the same programs whatever `jobs` is), watches each for crashes and hangs, pins
/// a crashing or hanging batch down to its program by re-running the batch's programs
/// one at a time, minimizes every finding (each candidate judged in a fresh child, so a
/// crash or hang is observed safely) and saves it as a regression case.
public struct Supervisor: Sendable {
    public var seed: UInt64 = 1
    public var start: UInt64 = 0
    public var seconds: Double = 60
    /// Stop after this many programs (whole batches), even if time is left: a run with
    /// a seed and a program count checks the same programs on any machine (CI uses it).
    public var programLimit: UInt64?
    public var batch = Worker.defaultBatch
    /// Worker processes at once (one per core is the default of the command line).
    public var jobs = 1
    /// The optimization level of the compile that is not at -O3 (`Differ.Configuration`).
    public var otherOptimizationLevel = 3
    /// Silence longer than this means a hang (generous: a loaded machine compiles a
    /// batch in minutes).
    public var timeout: Double = 300
    /// Where minimized findings are written (created if missing).
    public var corpus: String = "Tests/FuzzDiffCorpus/new"
    /// At most this many findings are minimized and saved per run (more are listed).
    public var maxSaved = 8
    public var minimizeSeconds: Double = 120
    /// The campaign ledger to append this run's line to (`Ledger`); nil: none.
    public var ledger: String?
    /// What the ledger records as the fuzzer's source version (e.g. a git commit).
    public var commit = "unknown"
    /// The generator version (`ProgramGenerator.Options.version`; default the current one).
    public var generator = ProgramGenerator.version
    private var generatorOptions: ProgramGenerator.Options {
        var o = ProgramGenerator.Options()
        o.version = generator
        return o
    }
    public init() {}

    /// Serializes output lines of the job threads.
    private static let output = NSLock()

    /// Writes a line at once (unbuffered, so a log file shows progress as it happens).
    private func say(_ line: String) {
        Supervisor.output.withLock { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }

    struct Found {
        var index: UInt64
        var kind: String
        var text: String
    }

    /// What the job threads share (under `lock`).
    private final class Progress: @unchecked Sendable {
        let lock = NSLock()
        let began: Date
        var programs: UInt64 = 0
        var found: [Found] = []
        var lastReport: Date
        /// Per job: the first program of its first batch not checked yet.
        var next: [UInt64]
        var workerFailed = false
        /// Whether the stop asked for by SIGINT or SIGTERM (`StopOnSignal`) was announced.
        var stopAnnounced = false
        init(began: Date, jobs: Int) {
            self.began = began
            lastReport = began
            next = Array(repeating: 0, count: jobs)
        }
    }

    /// Runs the fuzzer; returns the process exit status (1 if anything was found, 2 if a
    /// worker could not run).
    public func run() -> Int32 {
        let began = Date()
        let end = began.addingTimeInterval(seconds)
        let progress = Progress(began: began, jobs: jobs)
        StopOnSignal.install()
        say(
            "kern-fuzz-diff: seed \(seed), from program \(start), \(Int(seconds)) s"
                + (programLimit.map { ", at most \($0) programs" } ?? "")
                + ", \(batch) programs per module, \(jobs) worker\(jobs == 1 ? "" : "s")"
                + ", generator version \(generator)"
                + (otherOptimizationLevel == 3
                    ? "" : ", one compile per module at -O\(otherOptimizationLevel)")
        )
        let group = DispatchGroup()
        for job in 0..<jobs {
            group.enter()
            let thread = Thread {
                let next = runJob(job, end: end, progress: progress)
                progress.lock.withLock { progress.next[job] = next }
                group.leave()
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(began)
        let (programs, found, failed) = progress.lock.withLock {
            (
                progress.programs, progress.found.sorted { $0.index < $1.index },
                progress.workerFailed
            )
        }
        // Every batch below the smallest job's next one is checked.
        let next = progress.lock.withLock { progress.next.min() ?? start }
        // Every worker has been reaped here, so its CPU time is in the children's.
        let cpu = processCPUSeconds() + childrenCPUSeconds()
        say(
            String(
                format:
                    "kern-fuzz-diff: %llu programs in %.1f s: %.1f programs/s; %.1f CPU-s: %.2f programs per CPU-second; %d findings",
                programs, elapsed, Double(programs) / elapsed, cpu,
                Double(programs) / max(cpu, 0.001), found.count))
        if !found.isEmpty { save(found) }
        say("kern-fuzz-diff: next program index \(next) (resume with --start \(next))")
        var ledgerFailed = false
        if let ledger {
            let entry = LedgerEntry(
                date: ISO8601DateFormatter().string(from: began), commit: commit,
                generator: generator, seed: seed,
                start: start, next: next, programs: programs, findings: found.count,
                seconds: elapsed, cpuSeconds: cpu, otherOptimizationLevel: otherOptimizationLevel)
            do {
                try Ledger.append(entry, to: ledger)
                say("kern-fuzz-diff: ledger \(ledger): \(entry.line)")
            } catch {
                say("kern-fuzz-diff: \(error); this run's line: \(entry.line)")
                ledgerFailed = true
            }
        }
        if failed || ledgerFailed { return 2 }
        return found.isEmpty ? 0 : 1
    }

    /// Which batches each job checks: job *j* the batches starting at `first(job: j)`,
    /// then every `step` programs (so the jobs together check every batch once).
    struct Schedule {
        var start: UInt64
        var batch: Int
        var jobs: Int
        var step: UInt64 { UInt64(batch * jobs) }
        func first(job: Int) -> UInt64 { start + UInt64(job * batch) }
    }

    var schedule: Schedule { Schedule(start: start, batch: batch, jobs: jobs) }

    /// One job: a worker child checking every `jobs`-th batch from batch `job` on,
    /// restarted after a crash or hang. Returns the first program of the next batch.
    private func runJob(_ job: Int, end: Date, progress: Progress) -> UInt64 {
        let step = schedule.step
        var next = schedule.first(job: job)
        var limitReached: Bool {
            guard let programLimit else { return false }
            return next >= start + programLimit
        }
        func finished(batchAt first: UInt64, findings: [Found]) {
            progress.lock.withLock {
                progress.programs += UInt64(batch)
                progress.found += findings
                guard Date().timeIntervalSince(progress.lastReport) > 60 else { return }
                progress.lastReport = Date()
                let rate = Double(progress.programs) / Date().timeIntervalSince(progress.began)
                say(
                    String(
                        format: "kern-fuzz-diff: %llu programs, %.2f programs/s, %d findings",
                        progress.programs, rate, progress.found.count))
            }
            next = first + step
        }
        var going: Bool {
            guard StopOnSignal.requested else { return Date() < end }
            progress.lock.withLock {
                guard !progress.stopAnnounced else { return }
                progress.stopAnnounced = true
                say(
                    "kern-fuzz-diff: stopping: unfinished batches are left for a resumed run;"
                        + " findings are saved and the ledger written (signal again to quit at once)"
                )
            }
            return false
        }
        while going, !limitReached {
            guard
                let child = try? ChildProcess(arguments: [
                    "--worker", "--seed", "\(seed)", "--start", "\(next)", "--batch", "\(batch)",
                    "--step", "\(step)", "--other-opt-level", "\(otherOptimizationLevel)",
                    "--generator", "\(generator)",
                ])
            else {
                say("kern-fuzz-diff: cannot start the worker")
                progress.lock.withLock { progress.workerFailed = true }
                return next
            }
            defer { child.kill() }
            var current: UInt64?
            loop: while going {
                switch child.next(timeout: min(timeout, max(end.timeIntervalSinceNow, 0) + timeout))
                {
                case .line(let line):
                    let words = line.split(separator: " ", maxSplits: 3).map(String.init)
                    switch words.first {
                    case "BATCH": current = UInt64(words[1])
                    case "DONE":
                        finished(batchAt: current ?? next, findings: [])
                        current = nil
                        if limitReached { break loop }
                    case "FIND" where words.count == 4:
                        let f = Found(
                            index: UInt64(words[1]) ?? 0, kind: words[2],
                            text: Worker.unescape(words[3]))
                        say("FOUND program \(f.index) (\(f.kind)):\n\(f.text)")
                        progress.lock.withLock { progress.found.append(f) }
                    default: say(line)
                    }
                case .timedOut:
                    child.kill()
                    let first = current ?? next
                    finished(batchAt: first, findings: locate(batchAt: first, why: "hang"))
                    break loop
                case .exited(let status, let signal):
                    guard let first = current else {
                        // Between batches: the worker could not run at all (it never
                        // exits by itself); restarting it would spin.
                        say("kern-fuzz-diff: the worker exited (status \(status)) outside a batch")
                        progress.lock.withLock { progress.workerFailed = true }
                        return next
                    }
                    let why = signal.map { "crash (signal \($0))" } ?? "exit \(status)"
                    finished(batchAt: first, findings: locate(batchAt: first, why: why))
                    break loop
                }
            }
        }
        return next
    }

    /// Re-runs each program of a batch that crashed or hung, alone, in its own child.
    private func locate(batchAt first: UInt64, why: String) -> [Found] {
        say("kern-fuzz-diff: batch at \(first): \(why); re-running its programs one at a time")
        var result: [Found] = []
        for index in first..<first + UInt64(batch) {
            let source = ProgramGenerator.program(
                seed: seed, index: index, options: generatorOptions)
            let verdict = Supervisor.judge(
                source, seed: seed, timeout: timeout, otherOptimizationLevel: otherOptimizationLevel
            )
            if verdict.kind != "ok" {
                say("FOUND program \(index) (\(verdict.kind)):\n\(verdict.detail)")
                result.append(Found(index: index, kind: verdict.kind, text: verdict.detail))
            }
        }
        return result
    }

    /// Judges a program in a fresh child: `ok`, `diff`, `compile`, `crash` or `hang`.
    public static func judge(
        _ source: String, seed: UInt64, timeout: Double, otherOptimizationLevel: Int = 3
    ) -> (kind: String, detail: String) {
        let path =
            NSTemporaryDirectory()
            + "kern-fuzz-diff-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).kern"
        guard FileManager.default.createFile(atPath: path, contents: Data(source.utf8)) else {
            return ("ok", "")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (lines, end) = ChildProcess.run(
            [
                "--check-file", path, "--seed", "\(seed)",
                "--other-opt-level", "\(otherOptimizationLevel)",
            ], timeout: timeout)
        switch end {
        case .timedOut: return ("hang", "no verdict within \(Int(timeout)) s")
        case .exited(_, let signal?):
            return ("crash", "killed by signal \(signal)\n" + lines.joined(separator: "\n"))
        case .exited, .line:
            guard let verdict = lines.first(where: { $0.hasPrefix("VERDICT ") }) else {
                return ("crash", "no verdict\n" + lines.joined(separator: "\n"))
            }
            let kind = String(verdict.dropFirst("VERDICT ".count))
            return (kind, lines.filter { !$0.hasPrefix("VERDICT ") }.joined(separator: "\n"))
        }
    }

    /// Minimizes up to `maxSaved` findings and writes them to `corpus`.
    private func save(_ found: [Found]) {
        try? FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        for f in found.prefix(maxSaved) {
            let source = ProgramGenerator.program(
                seed: seed, index: f.index, options: generatorOptions)
            let original = Supervisor.judge(
                source, seed: seed, timeout: timeout, otherOptimizationLevel: otherOptimizationLevel
            )
            // A finding that does not show alone (it needed its batch) is saved whole.
            let kind = original.kind == "ok" ? f.kind + "-batch-only" : original.kind
            let shortTimeout = kind == "hang" ? min(timeout, 10) : timeout
            let small =
                original.kind == "ok"
                ? source
                : Minimizer.minimize(source, deadline: Date().addingTimeInterval(minimizeSeconds)) {
                    Supervisor.judge(
                        $0, seed: seed, timeout: shortTimeout,
                        otherOptimizationLevel: otherOptimizationLevel
                    ).kind == kind
                }
            let detail = Supervisor.judge(
                small, seed: seed, timeout: timeout, otherOptimizationLevel: otherOptimizationLevel
            ).detail
            let header =
                ([
                    "Found by kern-fuzz-diff --seed \(seed) (program \(f.index)): \(kind)",
                    "Replay: kern-fuzz-diff --check-file THIS_FILE --seed \(seed)",
                    "fuzz-seed: \(seed)",
                ]
                + (otherOptimizationLevel == 3
                    ? [] : ["\(CheckFile.otherLevelTag)\(otherOptimizationLevel)"])
                + detail.split(separator: "\n").prefix(30).map(String.init)).map { "// " + $0 }
            let path = "\(corpus)/\(kind)-s\(seed)-p\(f.index).kern"
            let text = header.joined(separator: "\n") + "\n" + small + "\n"
            // A finding that cannot be saved must not pass unnoticed (the run still fails).
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                say("kern-fuzz-diff: could not write \(path); the program follows:\n\(text)")
                continue
            }
            say(
                "kern-fuzz-diff: saved \(path) (\(source.split(separator: "\n").count) → \(small.split(separator: "\n").count) lines)"
            )
        }
        if found.count > maxSaved {
            say("kern-fuzz-diff: not minimized: programs \(found.dropFirst(maxSaved).map(\.index))")
        }
    }
}
