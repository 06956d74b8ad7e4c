/// The sealed LLVM boundary (docs/architecture.md): only CLLVM and KernLLVM/Bindings call
/// LLVM's C API, and the host API imports the back end without re-exporting it.
import Foundation
import Testing

@Suite struct LLVMBoundaryTests {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    func swiftFiles() throws -> [(path: String, text: String)] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        return try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map {
            ($0, try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8))
        }
    }

    @Test func onlyBindingsCallLLVMFunctions() throws {
        // `LLVMName(` of a C function; Kern's own Swift types that start with LLVM are fine.
        let call = try Regex(#"\bLLVM[A-Z][A-Za-z0-9]*\("#)
        let ownTypes = ["LLVMError(", "LLVMJITBackend(", "LLVMEmitOnlyBackend("]
        var offenders: [String] = []
        let files = try swiftFiles()
        #expect(files.count > 50)
        for (path, text) in files where !path.hasPrefix("KernLLVM/Bindings/") {
            for match in text.matches(of: call) where !ownTypes.contains(String(text[match.range])) {
                offenders.append("\(path): \(text[match.range])")
            }
        }
        #expect(offenders.isEmpty, "direct LLVM C calls outside Bindings: \(offenders)")
    }

    @Test func onlyBindingsImportCLLVM() throws {
        let importers = try swiftFiles().filter { $0.text.contains("import CLLVM\n") }.map(\.path)
        #expect(importers.allSatisfy { $0.hasPrefix("KernLLVM/Bindings/") }, "\(importers)")
    }

    @Test func theHostAPIImportsTheBackEndInternally() throws {
        for (path, text) in try swiftFiles() where path.hasPrefix("Kern/") {
            for module in ["KernLLVM", "KernJIT", "CLLVM"] {
                #expect(!text.contains("\nimport \(module)\n"), "\(path) imports \(module) publicly")
            }
        }
    }
}
