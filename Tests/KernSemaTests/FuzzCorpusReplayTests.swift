import Foundation
import KernBasics
import KernSema
import KernSyntax
import Testing

/// Replays every fuzzer crasher and hostile input in Tests/FuzzCorpus through the whole
/// front end (parser, then Sema on error-free trees), as the fuzz target does: each must
/// finish without crashing, and Sema must never accept a program with a parse error.
struct FuzzCorpusReplayTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "FuzzCorpus")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0 != "README.md" && !$0.hasPrefix(".") }.sorted()
    }()

    @Test(arguments: files)
    func frontEndSurvives(_ name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let file = SourceFile(name: name, text: String(decoding: data, as: UTF8.self))
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var accepted = false
        nonisolated(unsafe) var parseFailed = false
        let thread = Thread {
            let (ast, diagnostics) = Parser.parse(file)
            parseFailed = diagnostics.contains { $0.severity == .error }
            if !parseFailed {
                accepted = Sema.check(ast, in: file).program != nil
            }
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
        done.wait()
        #expect(!(parseFailed && accepted))
    }
}
