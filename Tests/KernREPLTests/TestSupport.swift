import Foundation
import KernCLITestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

enum FileManagerTemp {
    /// Writes a file into a per-process temporary directory and returns its path.
    static func file(_ name: String, _ text: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kern-repl-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The built `kernelc` (the test target depends on it, so it sits next to the tests).
    static var kernelc: String? { BuiltExecutable.path(named: "kernelc") }

    /// `kernelc`'s path, or the test fails here: every process test needs the binary.
    static func requireKernelc() throws -> String {
        try #require(kernelc, "kernelc must be built next to the tests")
    }

    /// A path in the temporary directory, `stem` with this process's id: tests of
    /// concurrent test processes (and of their children) do not meet.
    static func scratchPath(_ stem: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(stem)-\(getpid())").path
    }
}

/// Runs `body` with a pseudo-terminal: the device's path (what a program writes to) and
/// a function reading what arrived on the other side (up to 4 KB, at once). `raw` turns
/// off the device's newline translation. Both sides are closed afterwards.
/// - Throws: when no pseudo-terminal can be opened, or what `body` throws.
func withPseudoTerminal<R>(
    raw: Bool = false, _ body: (_ path: String, _ readBack: () -> String) throws -> R
) throws -> R {
    var master: Int32 = -1
    var slave: Int32 = -1
    guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw PseudoTerminalUnavailable() }
    defer {
        close(master)
        close(slave)
    }
    if raw {
        var settings = termios()
        tcgetattr(slave, &settings)
        cfmakeraw(&settings)
        tcsetattr(slave, TCSANOW, &settings)
    }
    return try body(String(cString: ttyname(slave))) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &buffer, buffer.count)
        return String(decoding: buffer[0..<max(n, 0)], as: UTF8.self)
    }
}

struct PseudoTerminalUnavailable: Error {}
