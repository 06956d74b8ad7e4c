import Foundation
import KernBasics
import KernSyntax
import Testing

@testable import KernSema

/// Runs the conformance cases (`.kern` files with `// error: L:C: text` expectations)
/// through the parser and Sema: a case with error lines must produce exactly those
/// errors (position and message substring); a case without must be accepted.
/// Cases are read from Tests/Cases (or the fuzz seeds copied from them) when present.
@Suite struct ConformanceCaseTests {
    static func caseFiles() -> [URL] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let fm = FileManager.default
        var files: [URL] = []
        var dirs = [
            root.appendingPathComponent("Tests/Cases"), root.appendingPathComponent("Fuzz/seeds"),
        ]
        // KERN_CASES_DIR points at another checkout's cases (e.g. main's, extracted).
        if let dir = ProcessInfo.processInfo.environment["KERN_CASES_DIR"] {
            dirs.insert(URL(fileURLWithPath: dir), at: 0)
        }
        for url in dirs {
            guard let e = fm.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let f as URL in e where f.pathExtension == "kern" { files.append(f) }
            if !files.isEmpty { break }
        }
        // The example kernels must all be accepted.
        if let e = fm.enumerator(
            at: root.appendingPathComponent("Kernels"), includingPropertiesForKeys: nil)
        {
            for case let f as URL in e where f.pathExtension == "kern" { files.append(f) }
        }
        return files.sorted { $0.path < $1.path }
    }

    struct Expected: Hashable {
        var line: Int
        var column: Int
        var text: String
    }

    static func expectations(_ source: String) -> [Expected] {
        var result: [Expected] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let r = line.range(of: "// error: ") else { continue }
            let rest = line[r.upperBound...]
            let parts = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let l = Int(parts[0]), let c = Int(parts[1]) else { continue }
            result.append(
                Expected(line: l, column: c, text: parts[2].trimmingCharacters(in: .whitespaces)))
        }
        return result
    }

    @Test func allCases() throws {
        var failures: [String] = []
        let files = Self.caseFiles()
        for url in files {
            guard let source = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let file = SourceFile(name: url.lastPathComponent, text: source)
            let (ast, parseDiagnostics) = Parser.parse(file)
            var diagnostics = parseDiagnostics
            if !parseDiagnostics.contains(where: { $0.severity == .error }) {
                diagnostics += Sema.check(ast, in: file).diagnostics
            }
            let expected = Self.expectations(source)
            let got = diagnostics.filter { $0.severity == .error }.map { d -> (Int, Int, String) in
                let p = file.position(of: d.range.start)
                return (Int(p.line), Int(p.column), d.message)
            }
            var unmatched = got
            for e in expected {
                if let i = unmatched.firstIndex(where: {
                    $0.0 == e.line && $0.1 == e.column && $0.2.contains(e.text)
                }) {
                    unmatched.remove(at: i)
                } else {
                    failures.append(
                        "\(url.lastPathComponent): missing \(e.line):\(e.column): \(e.text) — got \(got.map { "\($0.0):\($0.1): \($0.2)" })"
                    )
                }
            }
            for g in unmatched {
                failures.append("\(url.lastPathComponent): unexpected \(g.0):\(g.1): \(g.2)")
            }
        }
        #expect(
            failures.isEmpty, "\(failures.count) mismatches:\n\(failures.joined(separator: "\n"))")
    }
}
