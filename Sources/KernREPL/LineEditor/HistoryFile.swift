/// The REPL history file (`~/.kern_history`): appended to, one entry per write, so two
/// REPLs running at once both keep their entries and a symlinked dotfile stays a link
/// (issue 20).
///
/// In: encoded entries (one line each, see `History`). Out: the file's lines. Every
/// access opens the path anew (following symlinks) and holds an exclusive `flock` on the
/// file: an append is one O_APPEND write; trimming (rare: only when the file holds more
/// than twice the limit) reads, writes the newest entries to a temporary file beside the
/// real one and renames it over, under the same lock. An appender that waited for the
/// lock on a file that was meanwhile replaced notices (the path names another inode) and
/// retries on the new file, so no entry is lost to a concurrent trim.
import Foundation
import KernBasics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct HistoryFile: Sendable {
    let path: String

    /// The file's lines (empty when it does not exist or cannot be read).
    func readLines() -> [String] {
        (try? withLockedFile(create: false) { fd in Self.lines(Self.readAll(fd)) }) ?? []
    }

    /// Appends one line (no newline inside) in a single write.
    func append(_ line: String) throws {
        try withLockedFile(create: true) { fd in
            try OutputFile.writeAll(Array((line + "\n").utf8), to: fd, path: path)
        }
    }

    /// Keeps the newest `limit` lines when the file holds more than `2 * limit`.
    /// Returns the lines kept (or all lines when nothing was trimmed).
    @discardableResult
    func trimIfNeeded(limit: Int) throws -> [String] {
        try withLockedFile(create: false) { fd in
            let lines = Self.lines(Self.readAll(fd))
            guard lines.count > 2 * limit else { return lines }
            let kept = Array(lines.suffix(limit))
            // OutputFile follows the link and replaces the file it names atomically.
            try OutputFile.write(Array(kept.map { $0 + "\n" }.joined().utf8), to: path)
            return kept
        }
    }

    /// Runs `body` with the history file open (O_APPEND) and exclusively locked; retries
    /// when the file was replaced while this process waited for the lock.
    private func withLockedFile<R>(create: Bool, _ body: (Int32) throws -> R) throws -> R {
        for _ in 0..<100 {
            let flags = O_RDWR | O_APPEND | O_CLOEXEC | (create ? O_CREAT : 0)
            let fd = open(path, flags, 0o600)
            guard fd >= 0 else { throw OutputFile.systemError(path, errno) }
            defer { close(fd) }
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw OutputFile.systemError(path, errno) }
            }
            var opened = stat()
            var current = stat()
            guard fstat(fd, &opened) == 0 else { throw OutputFile.systemError(path, errno) }
            if stat(path, &current) == 0, current.st_dev == opened.st_dev,
                current.st_ino == opened.st_ino
            {
                return try body(fd)
            }
            // Replaced (trimmed by another REPL) or removed meanwhile: open it again.
        }
        throw OutputFileError(path: path, reason: "the file keeps being replaced")
    }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        lseek(fd, 0, SEEK_SET)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
