import KernCLITestSupport
import Testing

/// `kern-fuzz-diff` as a user runs it: help, usage errors with status 1, `--print`.
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

    @Test func printGivesTheSeedsProgram() throws {
        let r = try fuzzer(["--print", "3", "--seed", "20261207"])
        #expect(r.status == 0)
        #expect(r.out.contains("func p3_main()"), "\(r.out)")
        #expect(try fuzzer(["--print", "3", "--seed", "20261207"]).out == r.out)
        #expect(try fuzzer(["--print", "3", "--seed", "20261208"]).out != r.out)
    }
}
