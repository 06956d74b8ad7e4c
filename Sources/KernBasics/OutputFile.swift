/// Writing a file the user named (`kernelc build -o`, `kernelc report -o`, a cache entry)
/// without damaging what is already there (issue 20).
///
/// In: bytes and a path. Out: the bytes at that path, or an `OutputFileError` naming the
/// path and the reason, with nothing half-written left behind. What "at that path" means
/// depends on what the path already is:
/// - `-`: standard output.
/// - a regular file (or nothing yet): replaced atomically — a temporary file in the same
///   directory is written, then renamed over the target, so a reader sees the old or the
///   new contents, never a mix; an existing file keeps its permission bits (and, where
///   allowed, its owner).
/// - a symbolic link: followed; the file it points to is written by the rules here, and
///   the link stays a link.
/// - anything else (character or block device, FIFO, socket): opened and written in
///   place, never replaced — `-o /dev/null` as root must not turn `/dev/null` into a file.
/// - a directory, a missing directory, no permission, a full disk: an error.
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file could not be written: the path as given and the system's reason.
public struct OutputFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let reason: String
    /// `errno` of the failing call (0 when the reason is not a system error).
    public let code: Int32

    public init(path: String, reason: String, code: Int32 = 0) {
        self.path = path
        self.reason = reason
        self.code = code
    }

    public var description: String { "cannot write '\(path)': \(reason)" }
}

public enum OutputFile {
    /// Writes `bytes` to `path` by the rules above (`-` is standard output).
    /// - Throws: `OutputFileError`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            // Swift's and C's buffered stdout first, so the order on the stream is kept.
            fflush(nil)
            try writeAll(bytes, to: STDOUT_FILENO, path: "standard output")
            return
        }
        guard !path.isEmpty else {
            throw OutputFileError(path: path, reason: "empty file name", code: ENOENT)
        }
        let target = try resolveSymlinks(path)
        var info = stat()
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                throw OutputFileError(path: path, reason: "is a directory", code: EISDIR)
            case S_IFREG:
                try replace(target, with: bytes, keeping: info, shownAs: path)
            case S_IFSOCK:
                try writeToSocket(target, bytes, shownAs: path)
            default:
                try writeInPlace(target, bytes, shownAs: path)
            }
            return
        }
        let error = errno
        guard error == ENOENT else { throw systemError(path, error) }
        // Nothing there yet: create it; a missing directory fails here with ENOENT.
        try replace(target, with: bytes, keeping: nil, shownAs: path)
    }

    /// Writes `name` (one path component) inside `directory` atomically, never following a
    /// symbolic link: an existing link named `name` is replaced by the file, not followed
    /// out of the directory. For a store such as a compile cache that owns `directory`.
    /// - Throws: `OutputFileError`.
    public static func replaceInside(directory: String, name: String, with bytes: [UInt8]) throws {
        let path = directory + "/" + name
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw OutputFileError(path: path, reason: "not a plain file name", code: EINVAL)
        }
        // The temporary file is created with O_EXCL (which never follows a link) and
        // rename(2) replaces a link rather than its target.
        try replace(path, with: bytes, keeping: nil, shownAs: path)
    }

    /// Writes every byte to an open descriptor, retrying short writes and EINTR.
    /// - Throws: `OutputFileError` with `path` as the shown name (EPIPE included).
    public static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw systemError(path, errno)
                }
                offset += n
            }
        }
    }

    // MARK: - Cases

    /// Temporary file next to `target`, written, synced, given the old file's mode, renamed.
    private static func replace(
        _ target: String, with bytes: [UInt8], keeping old: stat?, shownAs path: String
    ) throws {
        let directory = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        let prefix = (directory.isEmpty ? "" : directory + "/") + "." + base + ".kern-tmp-"
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<100 {
            temporary = prefix + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            // 0666 through the umask, as a plain create would give a new file.
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw systemError(path, errno) }
        var closed = false
        do {
            defer { if !closed { close(fd) } }
            try writeAll(bytes, to: fd, path: path)
            if let old {
                // Ownership may not be ours to give (not root): the mode still is.
                _ = fchown(fd, old.st_uid, old.st_gid)
                guard fchmod(fd, old.st_mode & 0o7777) == 0 else { throw systemError(path, errno) }
            }
            // A full disk may only show when the data reaches it.
            guard fsync(fd) == 0 else { throw systemError(path, errno) }
            closed = true
            guard close(fd) == 0 else { throw systemError(path, errno) }
            guard rename(temporary, target) == 0 else { throw systemError(path, errno) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Devices and FIFOs: opened for writing (no truncation, no creation) and written.
    private static func writeInPlace(_ target: String, _ bytes: [UInt8], shownAs path: String)
        throws
    {
        let fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw systemError(path, errno) }
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
    }

    /// A Unix socket cannot be opened: it is connected to (stream, else datagram).
    private static func writeToSocket(_ target: String, _ bytes: [UInt8], shownAs path: String)
        throws
    {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let utf8 = Array(target.utf8)
        guard utf8.count < capacity else {
            throw OutputFileError(path: path, reason: "socket path too long", code: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: utf8)
            raw[utf8.count] = 0
        }
        var lastError: Int32 = 0
        #if canImport(Glibc)
            let kinds = [Int32(SOCK_STREAM.rawValue), Int32(SOCK_DGRAM.rawValue)]
        #else
            let kinds = [SOCK_STREAM, SOCK_DGRAM]
        #endif
        for kind in kinds {
            let fd = socket(AF_UNIX, kind, 0)
            guard fd >= 0 else { throw systemError(path, errno) }
            defer { close(fd) }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            if connected == 0 {
                try writeAll(bytes, to: fd, path: path)
                return
            }
            lastError = errno
            if lastError != EPROTOTYPE { break }
        }
        throw systemError(path, lastError)
    }

    // MARK: - Helpers

    /// Follows symbolic links (also dangling ones: writing creates their target) to the
    /// path that will actually be written; a loop is an error.
    static func resolveSymlinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else {
                return current
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw systemError(path, errno) }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if link.hasPrefix("/") {
                current = link
            } else {
                let directory = (current as NSString).deletingLastPathComponent
                current = directory.isEmpty ? link : directory + "/" + link
            }
        }
        throw systemError(path, ELOOP)
    }

    /// The error for a failed system call on `path`, with a readable reason.
    public static func systemError(_ path: String, _ code: Int32) -> OutputFileError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such directory"
        case ENOTDIR: reason = "a part of the path is not a directory"
        case ENOSPC: reason = "no space left on device"
        default: reason = String(cString: strerror(code)).lowercased()
        }
        return OutputFileError(path: path, reason: reason, code: code)
    }
}
