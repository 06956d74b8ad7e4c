import Foundation

/// The package's executables as the tests find them: a test target that depends on an
/// executable target gets it built into the same folder as the test bundle.
public enum BuiltExecutable {
    /// The path of the built executable `name` (`kernelc`, `kern-fuzz-diff`), or nil when
    /// it is not next to the tests nor in `.build/debug` of the working directory.
    public static func path(named name: String) -> String? {
        var candidates: [URL] = []
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent(name))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/.build/debug/" + name))
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
