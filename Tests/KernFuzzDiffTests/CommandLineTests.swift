import Foundation
import KernCLITestSupport
import Testing

/// `kern-fuzz-diff` as a user runs it: help, usage errors with status 1, `--print`, stopping
/// a run with a signal.
@Suite struct CommandLineTests {
    func fuzzer(_ arguments: [String]) throws -> ChildProcess.Result {
        let binary = try #require(
            BuiltExecutable.path(named: "kern-fuzz-diff"), "kern-fuzz-diff must be built")
        return try ChildProcess.run(binary, arguments)
    }

    @Test func helpListsTheModesAndEndsWith0() throws {
        let r = try fuzzer(["--help"])
        #expect(r.status == 0 && !r.signaled)
        for option in ["--seed", "--programs", "--check-file", "--ledger-summary", "--print"] {
            #expect(r.out.contains(option), "\(option) in \(r.out)")
        }
        #expect(!r.out.contains("--worker"), "the internal mode stays hidden")
    }

    @Test func usageErrorsAreStatus1WithAMessage() throws {
        let cases: [([String], String)] = [
            (["--no-such-option"], "Unknown option '--no-such-option'"),
            (["--seed", "many"], "--seed"),
            (["--other-opt-level", "7"], "--other-opt-level must be 0, 1, 2 or 3, got 7"),
            (["--jobs", "0"], "--jobs must be 1...256, got 0"),
            (["--programs", "0"], "--programs needs a positive count"),
            (["--check-file", "/nonexistent/program.kern"], "cannot read /nonexistent/program.kern"),
        ]
        for (arguments, message) in cases {
            let r = try fuzzer(arguments)
            #expect(r.status == 1 && !r.signaled, "\(arguments): \(r.status)")
            #expect(r.err.contains(message), "\(arguments): \(r.err)")
        }
    }

    /// SIGTERM (or Ctrl-C's SIGINT) ends a campaign early and it still counts: the workers
    /// stop at their next batch boundary, and the run ends as at the end of its time, with
    /// its ledger line (whose `next` leaves the unfinished batch to a resumed run).
    @Test func aSignalStopsTheRunWhichStillWritesItsLedgerLine() throws {
        let binary = try #require(
            BuiltExecutable.path(named: "kern-fuzz-diff"), "kern-fuzz-diff must be built")
        let ledger = FileManager.default.temporaryDirectory
            .appendingPathComponent("kern-fuzz-diff-signal-\(getpid()).tsv").path
        defer { try? FileManager.default.removeItem(atPath: ledger) }
        let began = Date()
        let child = try ChildProcess.start(
            binary,
            [
                "--seconds", "900", "--seed", "5", "--batch", "1", "--jobs", "1",
                "--ledger", ledger, "--commit", "signal-test",
            ])
        // The banner is written after the handlers are installed.
        let banner = child.firstOutput()
        #expect(banner.contains("kern-fuzz-diff: seed 5"), "\(banner)")
        Thread.sleep(forTimeInterval: 2)
        child.send(SIGTERM)
        let r = child.finish()
        #expect(r.status == 0 && !r.signaled, "\(r.status) \(r.err)")
        #expect(Date().timeIntervalSince(began) < 300, "it stopped long before its 900 s")
        #expect(r.out.contains("kern-fuzz-diff: stopping"), "\(r.out)")
        let lines = try String(contentsOfFile: ledger, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        try #require(lines.count == 1, "\(lines)")
        let fields = lines[0].split(separator: "\t").map(String.init)
        #expect(fields[1] == "signal-test" && fields[3] == "5" && fields[4] == "0", "\(fields)")
        // `next` (where a resumed run starts) is the number of programs checked (1 job).
        #expect(fields[5] == fields[6], "\(fields)")
        #expect(r.out.contains("resume with --start \(fields[5])"), "\(r.out)")
    }

    @Test func printGivesTheSeedsProgram() throws {
        let r = try fuzzer(["--print", "3", "--seed", "20261207"])
        #expect(r.status == 0)
        #expect(r.out.contains("func p3_main()"), "\(r.out)")
        #expect(try fuzzer(["--print", "3", "--seed", "20261207"]).out == r.out)
        #expect(try fuzzer(["--print", "3", "--seed", "20261208"]).out != r.out)
    }
}
