import Foundation

/// Options of one benchmark run (parsed by kern-bench's main.swift).
public struct Options {
    public var quick = false
    public var plan = TimingPlan(warmups: 1, repetitions: 11)
    /// The repetitions of each kernel are split into this many rounds, and each round
    /// runs every in-process implementation in turn (`--rounds`; default: one repetition
    /// per round; a quick run uses 1). Why: this shared VM has bursts of a few seconds in
    /// which memory-bound code runs ~1.5× slower (C and Kern histograms called
    /// alternately in one process: 11–13 ms each, then both 17–18 ms for three calls);
    /// with one block of repetitions per implementation a burst lands on one of them and
    /// moves its ratio to the others, while rounds spread it over all of them.
    public var rounds = Int.max
    /// The rounds this run makes (`rounds`, or 1 for a quick run).
    var roundPlan: RoundPlan { RoundPlan(plan, rounds: quick ? 1 : rounds) }
    public var resultsDirectory = "results"
    public var cLibraryDirectory = ".build-c"
    public var python = ".venv/bin/python"
    public var pythonScript = "python/bench_python.py"
    public var plotScript = "python/plot.py"
    public var runPython = true
    public var waitForQuietSeconds = 0.0
    /// The kernels timed in process (`--kernels`); all by default.
    public var kernels: [Kernel] = Kernel.allCases
    /// Run only the `@vectorize` chain section (`--chain-only`), or skip it (`--no-chain`).
    public var chainOnly = false
    public var runChain = true
    public init() {}
}

/// One benchmark run, start to finish: inputs, STREAM, in-process suites, Python peers,
/// reports. Returns false if any implementation failed or disagreed with the reference.
public struct Driver {
    public var options: Options
    public var suites: [KernelSuite]
    /// The C library used for STREAM triad (an OpenMP build, so 1 and 2 threads work).
    public var streamLibrary: CLibrarySuite?
    /// In-process implementations of the `@vectorize` chain (UfuncChain.swift).
    public var chainSuites: [ChainSuite] = []

    public init(options: Options, suites: [KernelSuite], streamLibrary: CLibrarySuite?) {
        self.options = options
        self.suites = suites
        self.streamLibrary = streamLibrary
    }

    public func run() throws -> Bool {
        let sizes = options.quick ? Sizes.quick : Sizes.full
        let results = Results(machine: Machine.describe(), sizes: sizes, quick: options.quick)
        Progress.say(
            "kern-bench on \(results.machine.cpu), \(results.machine.cores) cores\(options.quick ? " (quick)" : "")"
        )
        if options.waitForQuietSeconds > 0 {
            Interference.waitForQuiet(upTo: options.waitForQuietSeconds)
        }
        let interference = Interference()
        results.loadAtStart = Interference.loadAverage()
        if results.loadAtStart > 0.5 {
            Progress.say(
                String(
                    format:
                        "warning: load average %.2f at start — other processes are running; timings will be noisy",
                    results.loadAtStart))
        }
        if options.chainOnly {
            runChain(into: results)
            results.othersCPU = interference.othersFraction()
            try write(results)
            return results.chainFailures.isEmpty
        }
        Progress.say("generating inputs")
        let inputs = Inputs(sizes: sizes)

        if let lib = streamLibrary, lib.unavailableReason == nil {
            let reps = options.quick ? 3 : 10
            results.triad1 = lib.withThreads(1) {
                lib.streamTriad(n: sizes.streamN, repetitions: reps).best
            }
            results.triad2 = lib.withThreads(2) {
                lib.streamTriad(n: sizes.streamN, repetitions: reps).best
            }
            Progress.say(
                String(
                    format: "STREAM triad: %.1f GB/s (1 thread), %.1f GB/s (2 threads)",
                    results.triad1, results.triad2))
        }

        for suite in suites {
            if let c = suite as? CLibrarySuite, !c.build.isEmpty {
                results.builds[c.name] = c.build
            }
            guard suite.unavailableReason == nil else {
                Progress.say("\(suite.name): n/a (\(suite.unavailableReason!))")
                continue
            }
            let start = now()
            try suite.prepare(sizes: sizes)
            let setup = (now() - start) * 1e3
            if setup > 1 {
                results.metrics.append(
                    Metric(group: "setup / compile", name: suite.name, value: setup, unit: "ms"))
            }
            results.metrics += suite.extraMetrics(quick: options.quick)
        }

        let runner = InProcessRunner(inputs: inputs, plan: options.plan)
        for k in options.kernels {
            var merged: [Measurement?] = Array(repeating: nil, count: suites.count)
            for plan in options.roundPlan.plans {
                for (index, suite) in suites.enumerated() {
                    let m = runner.run(k, on: suite, plan: plan)
                    merged[index] = merged[index].map { $0.merging(m) } ?? m
                    // Let OpenMP's workers stop spinning before the next implementation runs.
                    if suite.threads > 1 && suite.unavailableReason == nil { usleep(100_000) }
                }
            }
            for m in merged.compactMap({ $0 }) {
                results.add(m)
                report(m)
            }
        }
        measureOverheads(runner, into: results)

        if options.runPython { runPythonPeers(inputs, runner, results) }
        if options.runChain { runChain(into: results) }
        results.othersCPU = interference.othersFraction()
        Progress.say(
            String(
                format: "other processes used %.0f%% of the machine's CPU during the run",
                100 * results.othersCPU))
        try write(results)
        return results.failures.isEmpty && results.chainFailures.isEmpty
    }

    /// The `@vectorize` chain section (UfuncChain.swift).
    private func runChain(into results: Results) {
        let chain = ChainRunner(plan: options.plan, quick: options.quick, python: options.python)
        results.chainN = chain.n
        results.chainRows = chain.run(chainSuites, runPython: options.runPython)
    }

    private func report(_ m: Measurement) {
        let what = "\(m.kernel.rawValue) · \(m.implementation)"
        switch m.status {
        case .ok:
            Progress.say(
                what + ": "
                    + String(format: "%.3f ms (median of %d)", m.medianMs ?? .nan, m.timesMs.count))
        case .unavailable(let why): Progress.say(what + ": n/a (\(why))")
        case .mismatch(let why): Progress.say(what + ": MISMATCH \(why)")
        case .failed(let why): Progress.say(what + ": FAILED \(why)")
        }
    }

    private func measureOverheads(_ runner: InProcessRunner, into results: Results) {
        let calls = options.quick ? 10_000 : 1_000_000
        let launches = options.quick ? 1_000 : 20_000
        for suite in suites {
            if let ns = runner.callOverhead(suite, calls: calls) {
                results.metrics.append(
                    Metric(
                        group: "call overhead", name: "\(suite.name): trivial(x) from Swift",
                        value: ns, unit: "ns/call"))
            }
            if suite.threads > 1, let us = runner.parallelLaunchOverhead(suite, launches: launches)
            {
                results.metrics.append(
                    Metric(
                        group: "parallel launch",
                        name: "\(suite.name): empty loop, \(suite.threads) threads", value: us,
                        unit: "µs/launch"))
                usleep(300_000)
            }
        }
    }

    private func runPythonPeers(_ inputs: Inputs, _ runner: InProcessRunner, _ results: Results) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kern-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            Progress.say("writing inputs for the Python peers to \(dir.path)")
            try inputs.write(to: dir)
            let peers = PythonPeers(
                python: options.python, script: options.pythonScript, directory: dir)
            try peers.writeManifest(inputs.sizes, options.plan, quick: options.quick)
            for group in ["numba", "numpy"] {
                Progress.say("running the \(group) peers")
                do {
                    try peers.run(group: group, into: results, verifyingWith: runner)
                } catch {
                    Progress.say("\(group) peers failed: \(error)")
                    for k in Kernel.allCases {
                        results.add(
                            Measurement(
                                kernel: k, implementation: group == "numba" ? "Numba" : "NumPy",
                                threads: 1, status: .failed("\(error)")))
                    }
                }
            }
        } catch {
            Progress.say("could not prepare the Python peers: \(error)")
        }
        for m in results.measurements
        where ["Numba", "Numba parallel", "NumPy"].contains(m.implementation) {
            if case .mismatch = m.status { report(m) }
        }
    }

    private func write(_ results: Results) throws {
        let dir = URL(fileURLWithPath: options.resultsDirectory)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let report = Report(results)
        let md = report.markdown(timing: options.plan, rounds: options.roundPlan.plans.count)
        try md.write(to: dir.appendingPathComponent("latest.md"), atomically: true, encoding: .utf8)
        let csvURL = dir.appendingPathComponent("latest.csv")
        try report.csv().write(to: csvURL, atomically: true, encoding: .utf8)
        Progress.say("wrote \(dir.path)/latest.md and latest.csv")
        let chart = dir.appendingPathComponent("latest.svg").path
        if let (status, _) = try? Shell.run([
            options.python, options.plotScript, csvURL.path, chart,
        ]), status == 0 {
            Progress.say("wrote \(chart)")
        } else {
            Progress.say("chart not written (matplotlib missing?)")
        }
        print(md)
    }
}

extension CLibrarySuite {
    /// Runs `body` with the library's OpenMP thread count temporarily set to `t`.
    public func withThreads<T>(_ t: Int, _ body: () -> T) -> T {
        setThreads(t)
        defer { setThreads(threads) }
        return body()
    }
}
