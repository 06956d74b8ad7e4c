import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// Parses IR text; the test fails (by throwing) on a syntax error.
func parse(_ text: String) throws -> Module {
    do {
        return try parseModule(text)
    } catch {
        Issue.record("parse error \(error)")
        throw error
    }
}

/// Parses and verifies IR text, recording every verifier error as a test failure.
func parseVerified(_ text: String) throws -> Module {
    let m = try parse(text)
    for e in verify(m) { Issue.record("verifier: \(e)") }
    return m
}

/// `text` parsed, verified and loop-numbered, after `pass` (which fills per-loop
/// `notes`); a verifier error after the pass is a test failure naming `passName`. The
/// loop-pass suites' common step (hoisting, unroll-and-jam).
func afterLoopPass<Note>(
    _ passName: String, _ text: String,
    _ pass: (inout Module, inout [LoopID: Note]) -> PassStatistics
) throws -> (Module, PassStatistics, [LoopID: Note]) {
    var m = try parseVerified(text)
    m.numberLoops()
    var notes: [LoopID: Note] = [:]
    let stats = pass(&m, &notes)
    for e in verify(m) { Issue.record("verifier after \(passName): \(e)") }
    return (m, stats, notes)
}

/// The SPMD decision (SPMDAnalysis.swift) for the first loop of the outlined `prange`
/// body `f.prange0` in `text` (the SPMD test suites' common step).
func spmdDecision(of text: String) throws -> SPMDDecision {
    let m = try parseVerified(text)
    let f = m.functions[try #require(m.function(named: "f.prange0"))]
    let loop = try #require(
        f.body.instrs.lazy.compactMap { i -> ForLoop? in
            if case .forLoop(let l) = i.op { return l }
            return nil
        }.first)
    return spmdDecision(loop, in: f)
}

/// Runs function `name` of `text` and returns its result and printed lines.
func run(
    _ text: String, _ name: String = "f", _ args: [InterpreterValue] = []
) throws -> (InterpreterValue?, [String]) {
    let m = try parseVerified(text)
    let lines = LineCollector()
    var interp = Interpreter(module: m)
    interp.output = { lines.lines.append($0) }
    let r = try interp.call(name, args)
    return (r, lines.lines)
}

final class LineCollector: @unchecked Sendable {
    var lines: [String] = []
}

/// The message of the runtime error `body` throws, or nil.
func runtimeError(_ body: () throws -> Void) -> IRRuntimeError? {
    do {
        try body()
    } catch let e as IRRuntimeError {
        return e
    } catch {
        Issue.record("unexpected error \(error)")
    }
    return nil
}
