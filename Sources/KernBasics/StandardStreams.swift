/// Standard output and error for Kern's tools, where a failed write is remembered instead
/// of trapping (`FileHandle.write` traps on EBADF/ENOSPC) or being lost (issue 15.4).
///
/// In: text for stdout/stderr. Out: written with write(2), or a recorded failure that the
/// tool turns into exit status 1 (`failure`). `prepare()` makes a closed stdin, stdout or
/// stderr (`2>&-`) safe: the descriptor is reserved so no file opened later takes its
/// number, and writes to it fail visibly (EBADF) instead of landing in that file.
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum StandardStreams {
    /// Which stream failed first and with which errno.
    public struct Failure: Sendable, Equatable {
        public var isStandardError: Bool
        public var code: Int32
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var firstFailure: Failure?

    /// For a command-line tool, once at start: SIGPIPE ignored (a closed pipe becomes an
    /// EPIPE write error, reported as exit status 1, not a death by signal) and closed
    /// descriptors 0–2 reserved with `/dev/null` opened read-only (never written).
    public static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
            let reserved = open("/dev/null", O_RDONLY)
            if reserved >= 0, reserved != fd {
                dup2(reserved, fd)
                close(reserved)
            }
        }
    }

    /// Writes text to standard error (a newline is added when missing); a failure is
    /// recorded, never thrown: there is nowhere left to report it.
    public static func writeError(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        // Anything buffered for stdout first, so a terminal shows both in order.
        fflush(nil)
        do {
            try OutputFile.writeAll(Array(line.utf8), to: STDERR_FILENO, path: "standard error")
        } catch let error as OutputFileError {
            record(Failure(isStandardError: true, code: error.code))
        } catch {
            record(Failure(isStandardError: true, code: EIO))
        }
    }

    /// Writes bytes to standard output after stdio's buffered output; a failure is
    /// recorded and thrown.
    /// - Throws: `OutputFileError`.
    public static func writeOutput(_ bytes: [UInt8]) throws {
        fflush(nil)
        do {
            try OutputFile.writeAll(bytes, to: STDOUT_FILENO, path: "standard output")
        } catch let error as OutputFileError {
            record(Failure(isStandardError: false, code: error.code))
            throw error
        }
    }

    /// Records a failed write to stdout found elsewhere (stdio, the Kern runtime).
    public static func recordOutputFailure(code: Int32) {
        record(Failure(isStandardError: false, code: code))
    }

    /// The first failed write, if any.
    public static var failure: Failure? { lock.withLock { firstFailure } }

    private static func record(_ failure: Failure) {
        lock.withLock { if firstFailure == nil { firstFailure = failure } }
    }

    /// The message for a failed stdout write, or nil when none should be printed: a
    /// closed pipe (`kernelc run … | head -1`) is the reader's choice, not an error to
    /// shout about; it still gives exit status 1.
    public static func message(for failure: Failure) -> String? {
        if failure.isStandardError || failure.code == EPIPE { return nil }
        return "error: cannot write standard output: "
            + OutputFile.systemError("", failure.code).reason
    }
}
