import Foundation

/// A program the tests run as a real child process (`kernelc`, a compiler, a built
/// binary, `/bin/sh`), with its standard output and error collected.
///
/// In: the executable, its arguments, changes to the environment, a working directory,
/// text for standard input. Out: a `Result` (output, errors, exit status, whether a signal
/// ended it). Both pipes are drained at once, so a child that writes much to one of them
/// never blocks on the other. Start several with `start` and `finish` them later to run
/// them at the same time.
public struct ChildProcess {
    /// What a finished child left behind.
    public struct Result: Sendable {
        /// Standard output (with `mergingErrors`, standard error too, interleaved).
        public var out: String
        /// Standard error (empty with `mergingErrors`).
        public var err: String
        /// The exit status, or the signal's number when `signaled`.
        public var status: Int32
        /// Ended by a signal (SIGSEGV, SIGPIPE, …) rather than by exiting.
        public var signaled: Bool
    }

    private let process: Process
    private let output: Pipe
    private let errors: Pipe?

    /// Starts `executable ARGUMENTS`.
    /// - Parameters:
    ///   - environment: changes to the environment: a value sets a variable, nil removes it.
    ///   - inheritingEnvironment: start from this process's environment (else from none).
    ///   - directory: the working directory (default: this process's).
    ///   - input: written to standard input, which is then closed; nil: standard input is
    ///     empty (`/dev/null`).
    ///   - mergingErrors: standard error goes into the same pipe as standard output.
    /// - Throws: when the executable cannot be started.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String?] = [:],
        inheritingEnvironment: Bool = true, directory: String? = nil, input: String? = nil,
        mergingErrors: Bool = false
    ) throws -> ChildProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = inheritingEnvironment ? ProcessInfo.processInfo.environment : [:]
        for (name, value) in environment { env[name] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let errors = mergingErrors ? nil : Pipe()
        process.standardOutput = output
        process.standardError = errors ?? output
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        try process.run()
        if let inputPipe, let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        return ChildProcess(process: process, output: output, errors: errors)
    }

    /// Runs `executable ARGUMENTS` to its end (parameters as for `start`).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String?] = [:],
        inheritingEnvironment: Bool = true, directory: String? = nil, input: String? = nil,
        mergingErrors: Bool = false
    ) throws -> Result {
        try start(
            executable, arguments, environment: environment,
            inheritingEnvironment: inheritingEnvironment, directory: directory, input: input,
            mergingErrors: mergingErrors
        ).finish()
    }

    /// Waits until the child writes to standard output and returns what it wrote so far
    /// (that text is then not in `finish`'s `out`); empty when the output is closed.
    public func firstOutput() -> String {
        String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
    }

    /// Sends `signal` (e.g. `SIGTERM`) to the child.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the child to end; its output and status.
    public func finish() -> Result {
        let collected = Collected()
        let group = DispatchGroup()
        if let handle = errors?.fileHandleForReading {
            DispatchQueue.global().async(group: group) {
                collected.set(handle.readDataToEndOfFile())
            }
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            out: String(decoding: out, as: UTF8.self),
            err: String(decoding: collected.get(), as: UTF8.self),
            status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal)
    }
}

/// Standard error as read on another thread.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ data: Data) { lock.withLock { self.data = data } }
    func get() -> Data { lock.withLock { data } }
}
