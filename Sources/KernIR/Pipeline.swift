import KernBasics

/// The pass pipeline, as one readable function: one pass per line, in order.
///
/// In: a module from IRGen and the options (`CompileOptions`: `checked`, `verifyEach`,
/// `dumpAfter`). Out: the module rewritten in place, ready for LLVM lowering, plus what
/// each pass did (`PipelineReport`). Throws `VerificationFailed` when the input, or the
/// output of any pass, does not verify (the verifier runs after every pass when
/// `verifyEach` is on), and `PipelineError.unknownPass` for a `dumpAfter` that names no
/// pass. The staged compiler (KernCompiler) is the one caller outside tests.

/// Called with the pipeline's input (pass name `"input"`) and after every pass with the
/// pass's name and its output: the hook `--dump-after` and the staged compiler's
/// observers use.
public typealias PassObserver = (_ pass: String, _ module: Module) -> Void

/// The names `dumpAfter` accepts, in pipeline order.
/// `"all"` (`CompileOptions.dumpAfter`) prints after every one of them.
public let pipelinePassNames = [
    "input", "eliminate-bounds-checks", "remove-bounds-checks", "prune-rng-iterations",
    "outline-parallel-loops", "hoist-bounds-checks", "unroll-and-jam",
]

public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `dumpAfter` names no pass of the pipeline.
    case unknownPass(String)

    public var description: String {
        switch self {
        case .unknownPass(let name):
            "unknown pass '\(name)'; passes: " + pipelinePassNames.joined(separator: ", ")
                + " (or all)"
        }
    }
}

/// What the passes did, in pipeline order.
public struct PipelineReport: Sendable {
    public var statistics: [PassStatistics] = []
    /// Bounds checks per `for` loop after the bounds-check passes, in source order.
    public var loopChecks: [LoopCheckSummary] = []
    /// What `unroll-and-jam` did with each loop of the shape it looks for (a serial loop
    /// ending in an innermost loop that updates an element in place): "unrolled and jammed: …" or
    /// why not. Empty with `CompileOptions.unrollAndJam` off.
    public var unrollAndJam: [LoopID: String] = [:]
    public init() {}
}

/// Runs the passes. `dump` receives the `dumpAfter` text (default: standard output);
/// `observe` sees the input and the output of every pass.
@discardableResult
public func runPipeline(
    _ m: inout Module, options: CompileOptions = CompileOptions(),
    observe: PassObserver? = nil,
    dump: @escaping (String) -> Void = { print($0, terminator: "") }
) throws -> PipelineReport {
    if let name = options.dumpAfter, name != "all", !pipelinePassNames.contains(name) {
        throw PipelineError.unknownPass(name)
    }
    var run = PipelineRun(
        verifyEach: options.verifyEach ?? _isDebugAssertConfiguration(),
        dumpAfter: options.dumpAfter, observe: observe, dump: dump)
    m.numberLoops()
    try run.after("input", &m)

    let checksBefore = boundsChecksPerLoop(m)
    try run.pass("eliminate-bounds-checks", &m) { eliminateBoundsChecks(&$0) }
    // `--unchecked` is enforced here and only here: IRGen always emits the checks.
    if !options.checked {
        try run.pass("remove-bounds-checks", &m) { removeBoundsChecks(&$0) }
    }
    try run.pass("prune-rng-iterations", &m) { pruneRandomIterations(&$0) }
    try run.pass("outline-parallel-loops", &m) { outlineParallelLoops(&$0) }
    // After outlining, so each block of a prange is versioned as an ordinary loop.
    let checksAfter = boundsChecksPerLoop(m)
    var hoisted: [LoopID: Int] = [:]
    if options.checked {
        try run.pass("hoist-bounds-checks", &m) { hoistBoundsChecks(&$0, hoistedPerLoop: &hoisted) }
    }
    run.report.loopChecks = summarizeLoopChecks(
        before: checksBefore, after: checksAfter, hoisted: hoisted)
    // Last: it jams only loops without checks, so it must see what hoisting left.
    if options.unrollAndJam {
        var notes: [LoopID: String] = [:]
        try run.pass("unroll-and-jam", &m) { unrollAndJam(&$0, notes: &notes) }
        run.report.unrollAndJam = notes
    }
    return run.report
}

/// Bookkeeping around each pass: statistics, verification, dumps.
private struct PipelineRun {
    let verifyEach: Bool
    let dumpAfter: String?
    let observe: PassObserver?
    let dump: (String) -> Void
    var report = PipelineReport()

    mutating func pass(
        _ name: String, _ m: inout Module, _ body: (inout Module) -> PassStatistics
    ) throws {
        report.statistics.append(body(&m))
        try after(name, &m)
    }

    func after(_ name: String, _ m: inout Module) throws {
        if dumpAfter == name || dumpAfter == "all" {
            dump("// after \(name)\n" + printModule(m))
        }
        observe?(name, m)
        if verifyEach {
            let errors = verify(m)
            if !errors.isEmpty {
                throw VerificationFailed(errors: errors, after: name == "input" ? nil : name)
            }
        }
    }
}
