import KernBasics

/// The pass pipeline, as one readable function: one pass per line, in order.
///
/// In: a module from IRGen and the options. Out: the module rewritten in place, ready
/// for LLVM lowering, plus what each pass did (`PipelineReport`). Throws
/// `VerificationFailed` when the input, or the output of any pass, does not verify
/// (the verifier runs after every pass when `verifyEach` is on).
public struct PipelineOptions: Sendable {
    /// Run the verifier on the input and after every pass. Default: on in debug builds.
    public var verifyEach: Bool
    /// Print the IR after the pass with this name (`--dump-after=PASS`); `"input"`
    /// prints the pipeline's input. See `pipelinePassNames`.
    public var dumpAfter: String?
    /// False in unchecked mode: every bounds check is removed.
    public var boundsChecks: Bool
    /// Where `dumpAfter` output goes. Default: standard output.
    public var dump: @Sendable (String) -> Void

    public init(
        verifyEach: Bool = _isDebugAssertConfiguration(), dumpAfter: String? = nil,
        boundsChecks: Bool = true,
        dump: @escaping @Sendable (String) -> Void = { print($0, terminator: "") }
    ) {
        self.verifyEach = verifyEach
        self.dumpAfter = dumpAfter
        self.boundsChecks = boundsChecks
        self.dump = dump
    }
}

/// The names `dumpAfter` accepts, in pipeline order.
public let pipelinePassNames = [
    "input", "eliminate-bounds-checks", "remove-bounds-checks", "prune-rng-iterations",
    "outline-parallel-loops", "hoist-bounds-checks",
]

public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `dumpAfter` names no pass of the pipeline.
    case unknownPass(String)

    public var description: String {
        switch self {
        case .unknownPass(let name):
            "unknown pass '\(name)'; passes: " + pipelinePassNames.joined(separator: ", ")
        }
    }
}

/// What the passes did, in pipeline order.
public struct PipelineReport: Sendable {
    public var statistics: [PassStatistics] = []
    /// Bounds checks per `for` loop after the bounds-check passes, in source order.
    public var loopChecks: [LoopCheckSummary] = []
    public init() {}
}

@discardableResult
public func runPipeline(_ m: inout Module, options: PipelineOptions = PipelineOptions()) throws
    -> PipelineReport
{
    if let name = options.dumpAfter, !pipelinePassNames.contains(name) {
        throw PipelineError.unknownPass(name)
    }
    var run = PipelineRun(options: options)
    try run.after("input", &m)

    let checksBefore = boundsChecksPerLoop(m)
    try run.pass("eliminate-bounds-checks", &m) { eliminateBoundsChecks(&$0) }
    if !options.boundsChecks {
        try run.pass("remove-bounds-checks", &m) { removeBoundsChecks(&$0) }
    }
    try run.pass("prune-rng-iterations", &m) { pruneRandomIterations(&$0) }
    try run.pass("outline-parallel-loops", &m) { outlineParallelLoops(&$0) }
    // After outlining, so each block of a prange is versioned as an ordinary loop.
    let checksAfter = boundsChecksPerLoop(m)
    var hoisted: [SourcePos: Int] = [:]
    if options.boundsChecks {
        try run.pass("hoist-bounds-checks", &m) { hoistBoundsChecks(&$0, hoistedPerLoop: &hoisted) }
    }
    run.report.loopChecks = summarizeLoopChecks(
        before: checksBefore, after: checksAfter, hoisted: hoisted)
    return run.report
}

/// Bookkeeping around each pass: statistics, verification, dumps.
private struct PipelineRun {
    let options: PipelineOptions
    var report = PipelineReport()

    mutating func pass(
        _ name: String, _ m: inout Module, _ body: (inout Module) -> PassStatistics
    ) throws {
        report.statistics.append(body(&m))
        try after(name, &m)
    }

    func after(_ name: String, _ m: inout Module) throws {
        if options.dumpAfter == name {
            options.dump("// after \(name)\n" + printModule(m))
        }
        if options.verifyEach {
            let errors = verify(m)
            if !errors.isEmpty {
                throw VerificationFailed(errors: errors, after: name == "input" ? nil : name)
            }
        }
    }
}
