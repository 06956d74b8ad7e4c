import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process of this executable whose output lines are read with a timeout, so
/// that a crash (death by signal) or a hang (silence) of compiled code is observed by
/// a parent that survives it.
final class ChildProcess {
    enum Event {
        case line(String)
        /// Exited; `signal` is set when a signal ended it.
        case exited(status: Int32, signal: Int32?)
        case timedOut
    }

    private let process = Process()
    private let pipe = Pipe()
    private var buffer = Data()
    private var finished = false

    init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.executablePath)
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        try process.run()
    }

    /// The next line, or how the child ended, waiting at most `timeout` seconds.
    func next(timeout: Double) -> Event {
        let deadline = Date().addingTimeInterval(timeout)
        let fd = pipe.fileHandleForReading.fileDescriptor
        while true {
            if let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...nl)
                return .line(line)
            }
            if finished { return ended() }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return .timedOut }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(left, 1.0) * 1000))
            if ready > 0 {
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = read(fd, &chunk, chunk.count)
                if n > 0 { buffer.append(contentsOf: chunk[0..<n]) } else { finished = true }
            }
        }
    }

    private func ended() -> Event {
        process.waitUntilExit()
        FuzzCache.remove(pid: process.processIdentifier)
        if process.terminationReason == .uncaughtSignal {
            return .exited(status: -1, signal: process.terminationStatus)
        }
        return .exited(status: process.terminationStatus, signal: nil)
    }

    /// Kills a hanging child (if it still runs), reaps it and removes its cache.
    func kill() {
        if process.isRunning { process.terminate() }  // SIGTERM: nothing in the child handles it
        process.waitUntilExit()
        FuzzCache.remove(pid: process.processIdentifier)
    }

    /// Runs a child to completion: its whole output and how it ended (nil output after a
    /// timeout, the child killed).
    static func run(_ arguments: [String], timeout: Double) -> (lines: [String], end: Event) {
        guard let child = try? ChildProcess(arguments: arguments) else {
            return ([], .exited(status: 127, signal: nil))
        }
        var lines: [String] = []
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            switch child.next(timeout: max(deadline.timeIntervalSinceNow, 0.01)) {
            case .line(let l): lines.append(l)
            case .timedOut:
                child.kill()
                return (lines, .timedOut)
            case let end: return (lines, end)
            }
        }
    }
}

extension CommandLine {
    /// This executable, for re-running it as a child.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? arguments[0]
    }
}
