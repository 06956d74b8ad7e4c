import Foundation
import KernBasics
import Testing

@testable import KernSyntax

/// Replays every file of Tests/FuzzCorpus (fuzzer crashers and hand-made hostile
/// inputs) through the parser: each must parse without crashing, on a thread with
/// an ordinary 1 MiB stack. Sema replay is added by the lead.

let fuzzCorpusDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("FuzzCorpus")

func fuzzCorpusFiles() -> [String] {
    let names =
        (try? FileManager.default.contentsOfDirectory(atPath: fuzzCorpusDirectory.path)) ?? []
    return names.filter { $0 != "README.md" && !$0.hasPrefix(".") }.sorted()
}

@Test func fuzzCorpusIsPresent() {
    #expect(fuzzCorpusFiles().count >= 4)
}

@Test(arguments: fuzzCorpusFiles())
func fuzzCorpusFileParsesWithoutCrashing(_ name: String) throws {
    let data = try Data(contentsOf: fuzzCorpusDirectory.appendingPathComponent(name))
    let file = SourceFile(name: name, text: String(decoding: data, as: UTF8.self))
    nonisolated(unsafe) var diagnostics: [Diagnostic] = []
    nonisolated(unsafe) var ast = AST()
    nonisolated(unsafe) var dumped = ""
    onSmallStack {
        let result = Parser.parse(file)
        diagnostics = result.diagnostics
        ast = result.ast
        _ = DiagnosticRenderer().render(diagnostics, in: file)
    }
    // The tree the parser stopped at is also well formed. Dumped on an 8 MiB thread: the
    // parser's stack budget bounds the parser, not a later walk whose frames (under
    // AddressSanitizer) are larger than the parser's.
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        dumped = ASTDumper.dump(ast)
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    done.wait()
    // Every diagnostic points into the file.
    for d in diagnostics {
        #expect(d.range.start <= d.range.end && Int(d.range.end.offset) <= file.utf8.count)
    }
    if name.hasPrefix("deep-") {
        #expect(diagnostics.contains { $0.message.contains("nested too deeply") })
    }
    _ = dumped
}
