/// Errors in kernels written as Swift string literals name this Swift file and the line
/// and column inside it (issue 13.3); resource-loaded kernels name their original file.
///
/// The expected lines are computed from `#line` next to each literal, so the tests keep
/// passing when lines are added above them.
import Foundation
import Testing

@testable import Kern

@Suite struct SourcePositionTests {
    /// The rendered error of `body`, or "" when it did not throw a `KernError`.
    private func message(_ body: () throws -> Void) -> String {
        do { try body() } catch let e as KernError { return e.description } catch {}
        return ""
    }

    private var thisFile: String { #filePath }

    @Test func compileErrorInMultiLineLiteral() {
        // As swift format lays it out: `compile(` then `source: """` on the next line.
        let line = #line + 5
        let text = message {
            _ = try KernModule.compile(
                source: """
                    func f(x: Int) -> Int {
                        return x + undefined
                    }
                    """)
        }
        // `undefined` is at column 36 of the Swift line (20 spaces of indentation + 16).
        #expect(text.hasPrefix("\(thisFile):\(line):36: error: "), "\(text)")
        #expect(text.contains("return x + undefined"), "the snippet is the kernel's line")
    }

    @Test func compileErrorInSingleLineLiteral() {
        let line = #line + 1
        let text = message { _ = try KernModule.compile(source: "func f() -> Int { return nope }") }
        let column = 91  // of `nope` in the line above
        #expect(text.hasPrefix("\(thisFile):\(line):\(column): error: "), "\(text)")
    }

    @Test func literalInAVariableElsewhereInTheFile() {
        let text = message { _ = try KernModule.compile(source: Self.elsewhere) }
        // Column 12 of the text's line, plus the literal's 8 columns of indentation.
        #expect(text.hasPrefix("\(thisFile):\(Self.elsewhereLine + 2):20: error: "), "\(text)")
    }

    static let elsewhereLine = #line + 1
    static let elsewhere = """
        func g() -> Float {
            return undefinedName
        }
        """

    @Test func kernSourceRecordsTheLiteralsLine() throws {
        let line = #line + 1
        let source = KernSource(
            """
            func h(a: [Int], i: Int) -> Int {
                return a[i]
            }
            """)
        let module = try KernModule.compile(source)
        let h = try module.function(named: "h")
        let text = message { _ = try h([1, 2, 3], 5) }
        // The runtime error (a failed bounds check) is placed like compile errors.
        #expect(text.hasPrefix("\(thisFile):\(line + 3):"), "\(text)")
        #expect(text.contains("runtime error in 'h': index 5 is out of bounds"), "\(text)")
        #expect(text.contains("return a[i]"))
        // `position` stays in the text; the file maps it.
        guard case .runtime(_, _, let position, _, let file?)? = error(of: { _ = try h([1], 9) })
        else {
            Issue.record("expected a runtime error")
            return
        }
        #expect(position.line == 2)
        #expect(file.displayPosition(position).line == UInt32(line + 3))
        #expect(file.displayPosition(position).column == position.column + 12)
    }

    @Test func preconditionAtRunTime() throws {
        let line = #line + 1
        let module = try KernModule.compile(
            source: """
                func p(n: Int) {
                    precondition(n > 0, "n must be positive")
                }
                """)
        let text = message { _ = try module.function(named: "p")(-1) }
        #expect(
            text.hasPrefix("\(thisFile):\(line + 3):21: error: runtime error in 'p'"), "\(text)")
    }

    @Test func positionsInsideMessagesArePlacedToo() {
        let line = #line + 1
        let text = message {
            _ = try KernModule.compile(
                source: """
                    func r(a: inout [Int]) {
                        for i in prange(0..<a.count) { a[i % 10] = i }
                    }
                    """)
        }
        // The race checker names the access by position in its message: the Swift file's.
        #expect(text.hasPrefix("\(thisFile):\(line + 4):56: error: data race"), "\(text)")
        #expect(text.contains("the write to a[i % 10] at \(line + 4):56"), "\(text)")
    }

    @Test func checkPlacesDiagnosticsToo() {
        let line = #line + 1
        let text = message { try KernModule.check(source: "func f() { let x: Int = 1.5 }") }
        #expect(text.hasPrefix("\(thisFile):\(line):"), "\(text)")
    }

    @Test func anExplicitFileNameIsAWholeFile() {
        let text = message {
            _ = try KernModule.compile(
                source: "func f() -> Int {\n  return zz\n}", fileName: "k.kern")
        }
        #expect(text.hasPrefix("k.kern:2:10: error: "), "\(text)")
    }

    @Test func textFromNoLiteralIsNamedSource() {
        // Built at run time: in no literal of this file.
        let code = ["func f() -> Int {", "  return " + "q" + "q" + "q", "}"].joined(separator: "\n")
        let text = message { _ = try KernModule.compile(source: code) }
        #expect(text.hasPrefix("<source>:2:10: error: "), "\(text)")
    }

    @Test func unreadableSwiftFilePlacesByRule() {
        let multi = KernSource(
            "func f() -> Int {\n  return zz\n}", file: "/nonexistent/App.swift", line: 40)
        #expect(
            message { _ = try KernModule.compile(multi) }.hasPrefix(
                "/nonexistent/App.swift:42:10: "))
        let single = KernSource(
            "func f() -> Int { return zz }", file: "/nonexistent/App.swift", line: 7)
        #expect(
            message { _ = try KernModule.compile(single) }.hasPrefix(
                "/nonexistent/App.swift:7:26: "))
    }

    @Test func linesOutsideTheFileAreNotATrap() {
        // A `line:` past the end of a readable file, or below 1: no literal there, and
        // none elsewhere in the file (built at run time), so the text names itself.
        let code = ["func f() -> Int {", "  return " + "w" + "w", "}"].joined(separator: "\n")
        for line in [100_000, 0, -5] {
            let text = message { _ = try KernModule.compile(KernSource(code, line: line)) }
            #expect(text.hasPrefix("<source>:2:10: error: "), "\(line): \(text)")
        }
    }

    @Test func twoLiteralsOnTheCallsLine() {
        // The single-line literal is looked up after the call's parenthesis (`#column`).
        let line = #line + 1
        let text = message { _ = ("func g(){a}", try KernModule.compile(source: "func g(){a}")) }
        let column = 91  // of `a` in the second literal above
        #expect(text.hasPrefix("\(thisFile):\(line):\(column): error: "), "\(text)")
    }

    @Test func aFileIsNamedByThePathAsGiven() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kern-positions-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "func get(a: [Int], i: Int) -> Int {\n    return a[i]\n}\n".write(
            to: folder.appendingPathComponent("get.kern"), atomically: true, encoding: .utf8)
        // Not standardized: `..` stays, as the user wrote it.
        let path = folder.path + "/../" + folder.lastPathComponent + "/get.kern"
        let get = try KernModule.compile(path: path).function(named: "get")
        let text = message { _ = try get([1], 3) }
        #expect(text.hasPrefix("\(path):2:12: error: runtime error in 'get'"), "\(text)")
    }

    @Test func resourceNamesTheOriginalFile() throws {
        let original = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/broken.kern").path
        let text = message { _ = try KernModule.compile(resource: "broken", in: .module) }
        #expect(text.hasPrefix("\(original):3:"), "\(text)")
        #expect(!text.contains(".build"))
        // Without the sources (another caller folder), the bundle's name and the file name.
        let elsewhere = message {
            _ = try KernModule.compile(
                resource: "broken", in: .module, file: "/nonexistent/X.swift")
        }
        #expect(elsewhere.contains("/broken.kern:3:"), "\(elsewhere)")
        #expect(!elsewhere.contains("/.build/"), "\(elsewhere)")
        let missing = message { _ = try KernModule.compile(resource: "missing", in: .module) }
        #expect(missing.contains("no resource of that name"), "\(missing)")
    }

    private func error(of body: () throws -> Void) -> KernError? {
        do { try body() } catch let e as KernError { return e } catch {}
        return nil
    }
}
