import Foundation

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
    static var kernelc: String? {
        var candidates: [URL] = []
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("kernelc"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/.build/debug/kernelc")
        )
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
