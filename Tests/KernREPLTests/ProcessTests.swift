import Foundation
import KernCLITestSupport
import Testing

/// `kernelc repl` as a process: piped (scripted) and in a real terminal (tmux).
@Suite(.serialized)
struct ProcessTests {
    /// Runs kernelc with `stdin` piped in; returns (stdout, stderr, status).
    func runPiped(_ stdin: String, arguments: [String] = ["repl"]) throws -> (String, String, Int32)
    {
        let binary = try FileManagerTemp.requireKernelc()
        let r = try ChildProcess.run(
            binary, arguments, environment: ["KERN_HISTORY": ""], input: stdin)
        return (r.out, r.err, r.status)
    }

    @Test func pipedSessionPrintsOnlyResultsAndDiagnostics() throws {
        let script = """
            func sumsq(a: [Double]) -> Double {
                var s = 0.0
                for i in prange(a.count) { s += a[i] * a[i] }
                return s
            }
            var x = [Double](repeating: 2, count: 100)
            sumsq(x)
            x[500]
            func hello() { print("hi", 1 + 1) }
            hello()
            x.count

            """
        let (out, err, status) = try runPiped(script)
        #expect(
            out == """
                defined func sumsq(a: [Double]) -> Double
                x: [Double] = [2.0, 2.0, 2.0, 2.0, 2.0, ..., 2.0, 2.0, 2.0, 2.0, 2.0] (100 elements)
                400.0
                defined func hello()
                hi 2
                100

                """)
        #expect(
            err == """
                <input>:1:1: error: runtime error in 'input': index 500 is out of bounds for dimension 0 of length 100
                    x[500]
                    ^

                """)
        #expect(status == 1)  // a scripted session with an error says so
        #expect(!out.contains("\u{1B}") && !err.contains("\u{1B}"))
        #expect(!out.contains("kern>"))
    }

    @Test func pipedSessionStopsAtQuit() throws {
        let (out, err, status) = try runPiped("1 + 1\n:quit\n2 + 2\n")
        #expect(out == "2\n" && err.isEmpty && status == 0)
    }
}

/// A real terminal: tmux runs `kernelc repl`; keys go in with `send-keys`, the screen
/// comes back with `capture-pane`.
let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(.serialized)
struct TerminalTests {
    /// A server of our own, its socket in the test's temporary directory.
    static let socket = FileManagerTemp.file("tmux.sock", "")

    /// Runs tmux on a socket of its own, with `posix_spawn` rather than Foundation's
    /// `Process`: children of `Process` start with almost every signal blocked, and a
    /// tmux client then never hears from its server. Output goes through a file: the
    /// server that `new-session` starts inherits the descriptor.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = FileManagerTemp.file("tmux-output", "")
        let argv = [tmuxPath!, "-S", Self.socket] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ) == 0 else {
            throw TmuxFailed()
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        if status != 0 { throw TmuxFailed() }
        return String(
            decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
    }

    struct TmuxFailed: Error {}

    /// Waits (up to 20 s: the first compile loads LLVM) until the screen satisfies `done`.
    func screen(_ session: String, until done: (String) -> Bool) throws -> String {
        var text = ""
        for _ in 0..<200 {
            text = try tmux(["capture-pane", "-p", "-t", session])
            if done(text) { return text }
            Thread.sleep(forTimeInterval: 0.1)
        }
        print("tmux: gave up waiting; the screen is:\n\(text)")
        return text
    }

    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test(.enabled(if: tmuxPath != nil, "tmux is not installed"))
    func historyMultiLineEditingAndErrorRecovery() throws {
        let binary = try FileManagerTemp.requireKernelc()
        let session = "kern-repl-test-\(getpid())"
        let history = FileManagerTemp.file("tmux-history", "")
        try? FileManager.default.removeItem(atPath: Self.socket)
        try tmux([
            "new-session", "-d", "-s", session, "-x", "100", "-y", "40",
            "env KERN_HISTORY=\(history) \(binary) repl",
        ])
        defer {
            _ = try? tmux(["kill-server"])
            try? FileManager.default.removeItem(atPath: Self.socket)
        }
        var text = try screen(session) { $0.contains("kern>") }  // capture-pane trims trailing spaces
        #expect(text.contains("Kern REPL"))

        // Multi-line input: the definition continues while the brace is open.
        try tmux(["send-keys", "-t", session, "func sq(x: Double) -> Double {", "Enter"])
        text = try screen(session) { $0.contains("  ...") }
        try tmux(["send-keys", "-t", session, "x * x", "Enter", "}", "Enter"])
        text = try screen(session) { $0.contains("defined func sq") }
        #expect(text.contains("defined func sq(x: Double) -> Double"))

        // An error shows a caret; the session goes on.
        try tmux(["send-keys", "-t", session, "sq(true)", "Enter"])
        text = try screen(session) { $0.contains("error:") }
        #expect(text.contains("error:") && text.contains("^"))
        try tmux(["send-keys", "-t", session, "sq(3)", "Enter"])
        text = try screen(session) { $0.contains("9.0") }
        #expect(count("9.0", in: text) == 1)

        // History: Up recalls the last input (repeats are stored once); Up twice the one
        // before, edited at its end.
        try tmux(["send-keys", "-t", session, "Up", "Enter"])
        text = try screen(session) { count("9.0", in: $0) == 2 }
        #expect(count("9.0", in: text) == 2)
        try tmux([
            "send-keys", "-t", session, "Up", "Up", "C-e", "BSpace", "BSpace", "BSpace", "BSpace",
            "BSpace", "2.0)", "Enter",
        ])
        text = try screen(session) { $0.contains("4.0") }
        #expect(text.contains("4.0"))

        // Ctrl-R finds the multi-line definition; editing it redefines the function.
        try tmux(["send-keys", "-t", session, "C-r", "x * x", "Escape"])
        text = try screen(session) {
            $0.contains("reverse-i-search") || $0.components(separatedBy: "x * x").count > 2
        }
        try tmux(["send-keys", "-t", session, "C-e", " * x", "Down", "C-e", "Enter"])
        text = try screen(session) { $0.contains("redefined func sq") }
        #expect(text.contains("redefined func sq"))
        try tmux(["send-keys", "-t", session, "sq(2)", "Enter"])
        text = try screen(session) { $0.contains("8.0") }
        #expect(text.contains("8.0"))

        // Ctrl-C clears the line; Ctrl-D leaves.
        try tmux(["send-keys", "-t", session, "garbage", "C-c"])
        text = try screen(session) { $0.contains("^C") }
        #expect(text.contains("garbage^C"))
        try tmux(["send-keys", "-t", session, "C-d"])
        var ended = false
        for _ in 0..<100 where !ended {
            ended = (try? tmux(["has-session", "-t", session])) == nil
            if !ended { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(ended, "Ctrl-D should end the session")
        let saved = String(
            decoding: FileManager.default.contents(atPath: history) ?? Data(), as: UTF8.self)
        #expect(saved.contains("func sq(x: Double) -> Double {\\nx * x * x\\n}"))
    }
}
