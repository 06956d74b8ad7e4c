/// Connects a `REPLSession` to standard input and output.
///
/// In: the session and whether standard input and output are a terminal. Out: the
/// conversation. On a terminal: a banner, the line editor with history in
/// `historyPath`, prompts, colours in diagnostics. Piped (scripts, tests): no banner,
/// prompts or escape codes — lines are read and gathered until brackets close, results
/// go to standard output and diagnostics to standard error, so a session can be
/// scripted and compared. Output from kernels (`print`) and results share C stdio, so
/// their order is kept.
import Foundation
import KernBasics

#if canImport(Glibc)
    import Glibc
#endif

public struct REPLDriver {
    public static let prompt = "kern> "
    public static let continuation = "  ... "

    let session: REPLSession
    let historyPath: String?

    public init(session: REPLSession, historyPath: String? = REPLDriver.defaultHistoryPath) {
        self.session = session
        self.historyPath = historyPath
    }

    /// `$KERN_HISTORY`, else `~/.kern_history`.
    public static var defaultHistoryPath: String? {
        let env = ProcessInfo.processInfo.environment
        if let path = env["KERN_HISTORY"] { return path.isEmpty ? nil : path }
        return env["HOME"].map { $0 + "/.kern_history" }
    }

    /// Runs until `:quit` or end of input. Returns the process exit status: 0, or 1 when
    /// a piped session had an error (so scripts notice).
    public func run() -> Int32 {
        if Terminal.isTerminal(0) && Terminal.isTerminal(1) { return runInteractive() }
        return runPiped()
    }

    func runPiped() -> Int32 {
        var hadError = false
        var pending = ""
        while let line = readLine(strippingNewline: false) {
            pending += line
            if InputScanner.status(of: pending) == .needsMore { continue }
            hadError = emit(session.evaluate(pending)) || hadError
            pending = ""
            if session.shouldQuit { return hadError ? 1 : 0 }
        }
        if !pending.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            hadError = emit(session.evaluate(pending)) || hadError
        }
        return hadError ? 1 : 0
    }

    func runInteractive() -> Int32 {
        session.useColor = true
        let session = self.session
        let terminal = Terminal()
        let state = EditorState(
            history: History(path: historyPath),
            isComplete: { InputScanner.status(of: $0) == .complete },
            completions: { prefix, atStart in
                if prefix.hasPrefix(":") { return atStart ? REPLSession.commands.map(\.name) : [] }
                return Self.names(session)
            })
        let editor = LineEditor(state: state, terminal: terminal)
        terminal.write("Kern REPL — :help for commands, Ctrl-D to leave.\n")
        while !session.shouldQuit {
            guard let input = editor.readInput(prompt: Self.prompt, continuation: Self.continuation)
            else { break }
            _ = emit(session.evaluate(input))
        }
        return 0
    }

    private static func names(_ session: REPLSession) -> [String] { session.completionNames }

    /// Prints messages; returns whether any was an error.
    @discardableResult
    func emit(_ messages: [REPLMessage]) -> Bool {
        var hadError = false
        for m in messages {
            let text = m.text.hasSuffix("\n") ? m.text : m.text + "\n"
            if m.kind == .error {
                hadError = true
                fflush(nil)
                StandardStreams.writeError(text)
            } else {
                // Swift's print goes through C stdio, like kernels' print: order is kept.
                print(text, terminator: "")
            }
        }
        fflush(nil)
        return hadError
    }
}
