import ArgumentParser
import Foundation
import Kern
import KernBasics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Kernelc {
    /// The `kernelc` executable's entry point: `main()` with output errors made exit
    /// status 1 (issue 15.4). SIGPIPE is ignored and closed standard descriptors are
    /// reserved (`StandardStreams.prepare`); at exit, on every path (including
    /// ArgumentParser's own `exit` after help or a usage error), a failed write to stdout
    /// or stderr turns the status into 1, with a message on stderr when one can be shown.
    public static func runProcess() {
        StandardStreams.prepare()
        atexit { Kernelc.checkStreamsAtExit() }
        if willCompile(Array(CommandLine.arguments.dropFirst())) {
            // libLLVM opens on another thread while the arguments are parsed and the
            // source is read and checked (docs/compile-time.md).
            KernInfo.loadLLVMInBackground()
        }
        mainWithExitStatuses()
    }

    /// ArgumentParser's `main()`, ending with `exitStatus(for:)`: a usage error prints
    /// ArgumentParser's own message (and usage line) and ends with status 1.
    static func mainWithExitStatuses() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let status = exitStatus(for: error)
            guard status == exitCode(for: error).rawValue else {
                StandardStreams.writeError(fullMessage(for: error))
                Foundation.exit(status)
            }
            exit(withError: error)
        }
    }

    /// The status `kernelc` ends with after `error`: ArgumentParser's, except that a usage
    /// error (an unknown option, a missing or malformed argument: ArgumentParser's 64) is
    /// 1, the status of every other kind of bad input (README, "Errors"). Help and
    /// `--version` end with 0.
    public static func exitStatus(for error: any Error) -> Int32 {
        let code = exitCode(for: error)
        return code == .validationFailure ? 1 : code.rawValue
    }

    /// Whether these arguments (without the program name) name a command that compiles
    /// with LLVM — build (every `--emit` compiles), report, repl — so loading it early is
    /// not wasted. Not `run`: its code is often in the compile cache, linked without LLVM;
    /// the compile itself starts the load when the cache has no entry (Compiler.compile).
    /// A wrong guess costs only time, never behaviour.
    static func willCompile(_ arguments: [String]) -> Bool {
        guard let command = arguments.first else { return false }
        return ["build", "report", "repl"].contains(command)
    }

    /// Flushes stdout and ends the process with status 1 if any output was lost.
    static func checkStreamsAtExit() {
        let code = KernOutput.standardOutputError()
        if code != 0 { StandardStreams.recordOutputFailure(code: code) }
        guard let failure = StandardStreams.failure else { return }
        if let message = StandardStreams.message(for: failure) {
            StandardStreams.writeError(message)
        }
        // exit() is already running: _exit ends it without running the handlers again.
        _exit(1)
    }
}
