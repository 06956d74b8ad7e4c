import ArgumentParser
import Foundation
import KernCLI

/// `kernelc` driven in process, as the CLI tests need it: source files in a temporary
/// folder, and a command line run to the exit status the process would end with.
public struct KernelcHarness: Sendable {
    /// Per-process folder under the system's temporary directory.
    public let folder: URL

    /// `label` names the folder, so test suites running at once do not share files.
    public init(label: String) {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kernelc-\(label)-\(getpid())")
    }

    /// Writes `text` to `name` in the folder; returns its path.
    public func file(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `kernelc ARGUMENTS`; returns the exit status it would end with.
    public func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try Kernelc.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            return Kernelc.exitStatus(for: error)
        }
    }
}

/// A test suite that drives `kernelc` through a harness, with the two calls its tests are
/// written in: `temporaryFile(name, text)` and `kernelc([arguments])` (an exit status).
public protocol KernelcSuite {
    var harness: KernelcHarness { get }
}

extension KernelcSuite {
    /// Writes `text` to `name` in the harness's folder; returns its path.
    public func temporaryFile(_ name: String, _ text: String) throws -> String {
        try harness.file(name, text)
    }

    /// Runs `kernelc ARGUMENTS`; returns the exit status it would end with.
    public func kernelc(_ arguments: [String]) -> Int32 { harness.run(arguments) }
}
