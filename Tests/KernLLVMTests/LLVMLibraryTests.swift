/// Loading LLVM at run time (Bindings/LLVMLibrary.swift): the search order, its errors,
/// and which LLVM the tests themselves run on.
import Foundation
import KernJIT
import KernLLVM
import Testing

@Suite struct LLVMLibraryTests {
    /// The tests compile, so an LLVM is loaded; `make test` / `make test-llvm19` say which
    /// major version it must be (KERN_EXPECT_LLVM_MAJOR), so the LLVM 19 run proves 19 ran.
    @Test func theLoadedLLVMIsSupportedAndTheExpectedOne() throws {
        _ = try JITEngine.shared()
        let loaded = try #require(LLVMLibrary.loaded)
        #expect(LLVMLibrary.supported.contains(loaded.major))
        #expect(FileManager.default.fileExists(atPath: loaded.path) || !loaded.path.contains("/"))
        if let expected = ProcessInfo.processInfo.environment["KERN_EXPECT_LLVM_MAJOR"] {
            #expect(String(loaded.major) == expected, "loaded \(loaded.path)")
        }
        // Loading again keeps the first library.
        #expect(try LLVMLibrary.load() == loaded)
    }

    @Test func anExplicitLibraryThatDoesNotExistIsTheOnlyCandidate() {
        let environment = ["KERN_LLVM_LIBRARY": "/nonexistent/libLLVM.so", "PATH": "/usr/bin:/bin"]
        #expect {
            try LLVMLibrary.probe(environment: environment)
        } throws: { error in
            guard let missing = error as? LLVMUnavailable else { return false }
            // Only the explicit path was tried, though LLVM is installed elsewhere.
            return missing.tried.count == 1
                && missing.tried[0].hasPrefix("KERN_LLVM_LIBRARY=/nonexistent/libLLVM.so: ")
                && missing.fix.contains("KERN_LLVM_LIBRARY")
        }
    }

    @Test func aLibraryThatIsNotLLVMIsRejectedWithTheReason() {
        // libm opens fine but has no LLVMGetVersion.
        #expect {
            try LLVMLibrary.probe(environment: ["KERN_LLVM_LIBRARY": "libm.so.6"])
        } throws: { error in
            (error as? LLVMUnavailable)?.tried.first?.contains("no LLVMGetVersion") == true
        }
    }

    @Test func anUnknownLLVMConfigIsReportedAndTheSearchGoesOn() throws {
        let environment = ["LLVM_CONFIG": "llvm-config-does-not-exist", "PATH": "/usr/bin:/bin"]
        do {
            let found = try LLVMLibrary.probe(environment: environment)
            // Found through a later step (llvm-config-NN on PATH or the usual places).
            #expect(LLVMLibrary.supported.contains(found.major))
        } catch {
            #expect(error.tried.first == "LLVM_CONFIG=llvm-config-does-not-exist: not found")
        }
    }

    /// Each supported llvm-config installed here selects its own version.
    @Test(arguments: [19, 22]) func llvmConfigSelectsItsVersion(_ major: Int) throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let tool = "llvm-config-\(major)"
        let installed = path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
        let environment = ["LLVM_CONFIG": tool, "PATH": path]
        if installed {
            #expect(try LLVMLibrary.probe(environment: environment).major == major)
        } else {
            // Not installed: reported, and the search goes on to the usual places, which
            // may hold another supported LLVM (a machine with LLVM 22 only).
            do {
                let found = try LLVMLibrary.probe(
                    environment: ["LLVM_CONFIG": tool, "PATH": "/nonexistent"])
                #expect(LLVMLibrary.supported.contains(found.major))
            } catch {
                #expect(error.tried.first == "LLVM_CONFIG=\(tool): not found")
            }
        }
    }

    @Test func withoutLLVMConfigTheUsualPlacesAreSearched() {
        // No PATH: only the usual install locations remain.
        do {
            let found = try LLVMLibrary.probe(environment: ["PATH": "/nonexistent"])
            #expect(LLVMLibrary.supported.contains(found.major))
            #expect(found.path.hasPrefix("/"))
        } catch {
            #expect(error.tried.contains("no llvm-config-NN (NN in 19...22) on PATH"))
        }
    }
}

/// The remembered `llvm-config` answer (Bindings/LLVMConfigAnswers.swift).
@Suite struct LLVMConfigAnswerTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "kern-llvm-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An executable file standing in for a tool (only its identity matters here).
    private func fakeTool(in directory: String) throws -> String {
        let tool = directory + "/llvm-config-fake"
        #expect(FileManager.default.createFile(atPath: tool, contents: Data("#!/bin/sh\n".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool)
        return tool
    }

    @Test func anAnswerIsRememberedWhileTheToolIsUnchanged() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tool = try fakeTool(in: directory)
        let answers = LLVMConfigAnswers(environment: ["KERN_CACHE_DIR": directory])
        #expect(answers.library(of: tool) == nil)
        let library = "/usr/lib/x86_64-linux-gnu/libc.so.6"  // any existing file
        answers.remember(library, of: tool)
        #expect(answers.library(of: tool) == library)
        // Another process (a new value) reads the same file.
        #expect(LLVMConfigAnswers(environment: ["KERN_CACHE_DIR": directory]).library(of: tool) == library)
        // Remembering again replaces the tool's line instead of adding one.
        answers.remember("/bin/sh", of: tool)
        #expect(answers.library(of: tool) == "/bin/sh")
        let text = try String(contentsOfFile: directory + "/llvm-config-answers", encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1)
        // A changed tool (new size and modification time) is asked again.
        try Data("#!/bin/sh\necho changed\n".utf8).write(to: URL(fileURLWithPath: tool))
        #expect(answers.library(of: tool) == nil)
    }

    @Test func aLibraryThatIsGoneOrAGarbledFileIsIgnored() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tool = try fakeTool(in: directory)
        let answers = LLVMConfigAnswers(environment: ["KERN_CACHE_DIR": directory])
        answers.remember(directory + "/libLLVM-gone.so", of: tool)
        #expect(answers.library(of: tool) == nil)
        try Data([0xff, 0x00, 0x09, 0x0a, 0x41]).write(
            to: URL(fileURLWithPath: directory + "/llvm-config-answers"))
        #expect(answers.library(of: tool) == nil)
    }

    @Test func nothingIsRememberedWithTheCacheOffOrWithoutADirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(LLVMConfigAnswers(environment: ["KERN_CACHE_DIR": directory, "KERN_CACHE": "off"]).file == nil)
        #expect(LLVMConfigAnswers(environment: [:]).file == nil)
    }

    /// The search uses the remembered answer instead of asking the tool: a remembered
    /// library the real tool would not name is the one loaded.
    @Test func theSearchUsesTheRememberedAnswer() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let tools = [22, 19].compactMap { major in
            path.split(separator: ":").map { "\($0)/llvm-config-\(major)" }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard tools.count == 2 else { return }  // needs LLVM 22 and 19 installed
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = ["LLVM_CONFIG": tools[0], "PATH": path, "KERN_CACHE_DIR": directory]
        let first = try LLVMLibrary.probe(environment: environment)
        #expect(first.major == 22)
        let answers = LLVMConfigAnswers(environment: environment)
        #expect(answers.library(of: tools[0]) == first.path)
        let other = try LLVMLibrary.probe(environment: ["LLVM_CONFIG": tools[1], "PATH": path])
        answers.remember(other.path, of: tools[0])
        #expect(try LLVMLibrary.probe(environment: environment).major == 19)
    }
}
