import Foundation
import KernBasics
import Testing

@testable import KernREPL

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh directory per test under the temporary directory.
private func scratch(_ name: String) throws -> String {
    let dir =
        NSTemporaryDirectory()
        + "kern-output-\(getpid())-\(name)-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

private func fileType(_ path: String) -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { return 0 }
    return info.st_mode & S_IFMT
}

/// Issue 20: what `OutputFile.write` does with each kind of existing target.
@Suite(.serialized)
struct OutputFileTests {
    @Test func createsANewFileAndReplacesARegularOneKeepingItsMode() throws {
        let dir = try scratch("regular")
        let path = dir + "/out.txt"
        try OutputFile.write(Array("one\n".utf8), to: path)
        #expect(contents(path) == "one\n")
        chmod(path, 0o640)
        var before = stat()
        stat(path, &before)
        try OutputFile.write(Array("two\n".utf8), to: path)
        var after = stat()
        stat(path, &after)
        #expect(contents(path) == "two\n")
        #expect(after.st_mode & 0o7777 == 0o640)
        #expect(after.st_ino != before.st_ino)  // replaced by rename, not rewritten
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    @Test func followsASymlinkAndKeepsIt() throws {
        let dir = try scratch("symlink")
        try FileManager.default.createDirectory(
            atPath: dir + "/build", withIntermediateDirectories: true)
        try "stale".write(toFile: dir + "/build/out.o", atomically: false, encoding: .utf8)
        symlink("build/out.o", dir + "/out.o")
        try OutputFile.write(Array("fresh".utf8), to: dir + "/out.o")
        #expect(fileType(dir + "/out.o") == S_IFLNK)
        #expect(contents(dir + "/build/out.o") == "fresh")
        // A dangling link: its target is created.
        symlink("build/new.o", dir + "/new.o")
        try OutputFile.write(Array("new".utf8), to: dir + "/new.o")
        #expect(fileType(dir + "/new.o") == S_IFLNK)
        #expect(contents(dir + "/build/new.o") == "new")
    }

    @Test func writesIntoAFIFOWithAReader() throws {
        let dir = try scratch("fifo")
        let path = dir + "/pipe"
        #expect(mkfifo(path, 0o600) == 0)
        // The reader opens the FIFO on another thread (open blocks until both ends exist).
        let received = LockedBytes()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            // Plain reads until EOF (Foundation's file reading trusts st_size, 0 for a FIFO).
            let fd = open(path, O_RDONLY)
            var data = Data()
            var chunk = [UInt8](repeating: 0, count: 256)
            while fd >= 0 {
                let n = read(fd, &chunk, chunk.count)
                guard n > 0 else { break }
                data.append(contentsOf: chunk[0..<n])
            }
            if fd >= 0 { close(fd) }
            received.set(data)
            done.signal()
        }
        try OutputFile.write(Array("through the pipe\n".utf8), to: path)
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(String(decoding: received.get(), as: UTF8.self) == "through the pipe\n")
        #expect(fileType(path) == S_IFIFO)
    }

    @Test func writesIntoAPseudoTerminalInPlace() throws {
        // Raw mode: the bytes arrive as written (no newline translation).
        try withPseudoTerminal(raw: true) { name, readBack in
            #expect(fileType(name) == S_IFCHR)
            try OutputFile.write(Array("to the device".utf8), to: name)
            #expect(readBack() == "to the device")
            #expect(fileType(name) == S_IFCHR)  // still the device
        }
    }

    @Test func aFullDeviceIsAnError() throws {
        #expect(fileType("/dev/full") == S_IFCHR)
        #expect(throws: OutputFileError.self) { try OutputFile.write([1, 2, 3], to: "/dev/full") }
        do {
            try OutputFile.write([1, 2, 3], to: "/dev/full")
        } catch let error as OutputFileError {
            #expect(error.code == ENOSPC)
            #expect(error.description == "cannot write '/dev/full': no space left on device")
        }
        #expect(fileType("/dev/full") == S_IFCHR)
    }

    @Test func directoriesAndMissingOrBlockedDirectoriesAreErrors() throws {
        let dir = try scratch("errors")
        func failure(_ path: String) -> OutputFileError? {
            do {
                try OutputFile.write(Array("x".utf8), to: path)
                return nil
            } catch {
                return error as? OutputFileError
            }
        }
        #expect(failure(dir)?.reason == "is a directory")
        #expect(failure(dir + "/missing/out.o")?.reason == "no such directory")
        // Unwritable even for root (tests run as root, which ignores permission bits): a
        // path under a regular file.
        try "file".write(toFile: dir + "/plain", atomically: false, encoding: .utf8)
        #expect(failure(dir + "/plain/out.o")?.reason == "a part of the path is not a directory")
        #expect(contents(dir + "/plain") == "file")
        // A read-only directory stops non-root users; root passes permission checks, so
        // only the non-root run can assert the error.
        let locked = dir + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        chmod(locked, 0o500)
        defer { chmod(locked, 0o700) }
        if geteuid() != 0 {
            #expect(failure(locked + "/out.o")?.code == EACCES)
        }
        // Nothing half-written is left behind anywhere.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [
                "locked", "plain",
            ])
        let leftInLocked = try FileManager.default.contentsOfDirectory(atPath: locked)
        #expect(leftInLocked.isEmpty || geteuid() == 0)
    }

    @Test func replaceInsideNeverFollowsALinkOutOfItsDirectory() throws {
        let dir = try scratch("cache")
        let outside = try scratch("outside") + "/victim"
        try "precious".write(toFile: outside, atomically: false, encoding: .utf8)
        symlink(outside, dir + "/entry")
        try OutputFile.replaceInside(directory: dir, name: "entry", with: Array("cached".utf8))
        #expect(contents(outside) == "precious")
        #expect(fileType(dir + "/entry") == S_IFREG)
        #expect(contents(dir + "/entry") == "cached")
        #expect(throws: OutputFileError.self) {
            try OutputFile.replaceInside(directory: dir, name: "../escape", with: [])
        }
    }
}

/// Bytes handed from a reader thread to the test.
private final class LockedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.withLock { data = d } }
    func get() -> Data { lock.withLock { data } }
}

/// Issue 20: the history file is appended to, follows links, and is shared safely.
@Suite(.serialized)
struct HistoryFileTests {
    @Test func appendsThroughASymlinkedDotfile() throws {
        let dir = try scratch("history-link")
        try "old\n".write(toFile: dir + "/real_history", atomically: false, encoding: .utf8)
        symlink("real_history", dir + "/.kern_history")
        var h = History(path: dir + "/.kern_history")
        h.add("new")
        #expect(fileType(dir + "/.kern_history") == S_IFLNK)
        #expect(contents(dir + "/real_history") == "old\nnew\n")
    }

    @Test func twoConcurrentWritersKeepEveryEntry() throws {
        let dir = try scratch("history-concurrent")
        let path = dir + "/history"
        let perWriter = 200
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            var h = History(path: path)
            for i in 0..<perWriter { h.add("writer \(writer) entry \(i)") }
        }
        let lines = contents(path)?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.count == 2 * perWriter)
        for writer in 0..<2 {
            // Each writer's entries are all there, in its own order.
            let mine = lines.filter { $0.hasPrefix("writer \(writer) ") }
            #expect(mine == (0..<perWriter).map { "writer \(writer) entry \($0)" })
        }
    }

    @Test func trimsOnlyWhenFarOverTheLimitAndKeepsTheLinkAndMode() throws {
        let dir = try scratch("history-trim")
        let real = dir + "/real"
        try ((0..<25).map { "e\($0)" }.joined(separator: "\n") + "\n")
            .write(toFile: real, atomically: false, encoding: .utf8)
        chmod(real, 0o600)
        symlink("real", dir + "/link")
        // 25 lines, limit 10: more than twice the limit, trimmed to the newest 10.
        let h = History(limit: 10, path: dir + "/link")
        #expect(h.entries == (15..<25).map { "e\($0)" })
        #expect(contents(real) == (15..<25).map { "e\($0)\n" }.joined())
        #expect(fileType(dir + "/link") == S_IFLNK)
        var info = stat()
        stat(real, &info)
        #expect(info.st_mode & 0o7777 == 0o600)
        // 15 lines, limit 10: under twice the limit, the file is left alone.
        try ((0..<15).map { "f\($0)" }.joined(separator: "\n") + "\n")
            .write(toFile: real, atomically: false, encoding: .utf8)
        let h2 = History(limit: 10, path: dir + "/link")
        #expect(h2.entries.count == 10)
        #expect(contents(real)?.split(separator: "\n").count == 15)
    }

    @Test func concurrentTrimAndAppendLoseNothing() throws {
        let dir = try scratch("history-trim-race")
        let path = dir + "/history"
        try ((0..<50).map { "old\($0)" }.joined(separator: "\n") + "\n")
            .write(toFile: path, atomically: false, encoding: .utf8)
        // One thread trims (limit 10 → keeps 10 of 50) while another appends.
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                _ = History(limit: 10, path: path)
            } else {
                var h = History(limit: 1000, path: path)
                for i in 0..<50 { h.add("new\(i)") }
            }
        }
        let lines = contents(path)?.split(separator: "\n").map(String.init) ?? []
        // Trimming may drop the oldest lines (new ones too, if it ran late), but an entry
        // written while the file was being replaced must not vanish: the new entries that
        // remain are a run ending with the last one.
        let new = lines.filter { $0.hasPrefix("new") }
        #expect(new.count >= 10)
        #expect(new == (50 - new.count..<50).map { "new\($0)" })
        #expect(lines.count <= 60)
    }
}
