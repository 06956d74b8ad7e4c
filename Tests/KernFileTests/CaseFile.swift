import Foundation
import KernBasics

/// A file test (DESIGN.md example 13): a `.kern` program with inline expectations.
///
///     // expect: TEXT              next line of standard output
///     // error: L:C: words         a compile error at L:C whose message contains `words`
///     // runtime-error: L:C: words main stops with a runtime error there
///     // run-options: --unchecked --fast-math --threads 3 --seed 7
struct CaseFile: CustomStringConvertible, Sendable {
    struct ExpectedError: Sendable {
        /// Where, in the form diagnostics and runtime errors carry.
        var position: SourcePos
        var words: String
    }

    var path: String
    var source: String
    var expectedOutput: [String] = []
    var expectedErrors: [ExpectedError] = []
    var expectedRuntimeError: ExpectedError?
    var unchecked = false
    var fastMath = false
    var threads: Int?
    var seed: UInt64?

    /// Path relative to the package root, for readable test names.
    var description: String { path.replacingOccurrences(of: CaseFile.packageRoot + "/", with: "") }

    init(path: String) throws {
        self.path = path
        self.source = try String(contentsOfFile: path, encoding: .utf8)
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let range = raw.range(of: "// ") else { continue }
            let directive = raw[range.upperBound...]
            if let text = Self.value(of: "expect:", in: directive) {
                expectedOutput.append(text)
            } else if let text = Self.value(of: "error:", in: directive),
                let e = Self.position(text)
            {
                expectedErrors.append(e)
            } else if let text = Self.value(of: "runtime-error:", in: directive),
                let e = Self.position(text)
            {
                expectedRuntimeError = e
            } else if let text = Self.value(of: "run-options:", in: directive) {
                parseOptions(text)
            }
        }
    }

    var isCompileFailure: Bool { !expectedErrors.isEmpty }

    private mutating func parseOptions(_ text: String) {
        let words = text.split(separator: " ").map(String.init)
        var i = 0
        while i < words.count {
            switch words[i] {
            case "--unchecked": unchecked = true
            case "--fast-math": fastMath = true
            case "--threads" where i + 1 < words.count:
                threads = Int(words[i + 1])
                i += 1
            case "--seed" where i + 1 < words.count:
                seed = UInt64(words[i + 1])
                i += 1
            default: break
            }
            i += 1
        }
    }

    /// `expect: TEXT` → TEXT (one leading space removed, trailing spaces kept).
    private static func value(of key: String, in directive: Substring) -> String? {
        guard directive.hasPrefix(key) else { return nil }
        var rest = directive.dropFirst(key.count)
        if rest.first == " " { rest = rest.dropFirst() }
        return String(rest)
    }

    /// `L:C: words` or `L:C`.
    private static func position(_ text: String) -> ExpectedError? {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2,
            let line = UInt32(parts[0].trimmingCharacters(in: .whitespaces)),
            let column = UInt32(parts[1].trimmingCharacters(in: .whitespaces))
        else { return nil }
        let words = parts.count > 2 ? parts[2].trimmingCharacters(in: .whitespaces) : ""
        return ExpectedError(position: SourcePos(line: line, column: column), words: words)
    }

    static let packageRoot: String = {
        // Tests/KernFileTests/CaseFile.swift → package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// Every `.kern` file under Tests/Cases and Kernels, sorted.
    static func all() -> [CaseFile] {
        var paths: [String] = []
        for dir in ["Tests/Cases", "Kernels"] {
            let root = packageRoot + "/" + dir
            guard let e = FileManager.default.enumerator(atPath: root) else { continue }
            while let p = e.nextObject() as? String {
                if p.hasSuffix(".kern") { paths.append(root + "/" + p) }
            }
        }
        return paths.sorted().compactMap { try? CaseFile(path: $0) }
    }
}
