import Foundation
import KernBasics
import Testing

@testable import KernSyntax

/// Syntax errors: positions and wording, recovery that reports every independent
/// error once (DESIGN.md example 10), and the nesting limit on hostile input.

@Test func threeIndependentErrorsAreAllReported() {
    let source = """
        func f() {
            let a = (1 + 2
            let b = 3
            let c = 1 2
        }
        func g(x: Int) -> Int {
            return x *
        }
        """
    #expect(
        errors(source) == [
            "3:5: expected ',' or ')' after the expression, found keyword 'let'",
            "4:15: expected a line break or ';' after the statement, found '2'",
            "8:1: expected an expression, found '}'",
        ])
    // The good code around the errors is still parsed.
    let ast = parse(source).ast
    #expect(ast.functions.map(\.name) == ["f", "g"])
    #expect(ASTDumper(ast).block(ast.functions[0].body).contains("(let b 3)"))
}

@Test func errorsInSeveralFunctionsAndLines() {
    let source = """
        func a() { let = 1 }
        func b() { if x = 1 { } }
        func c() { while { } }
        func d( { }
        func e() { var y: = 2 }
        func ok() { }
        """
    let found = errors(source)
    #expect(found.count == 5)
    #expect(found.map { $0.prefix(2) } == ["1:", "2:", "3:", "4:", "5:"])
    #expect(parse(source).ast.functions.map(\.name).contains("ok"))
}

@Test func fixItsForCommonMistakes() {
    func help(_ body: String) -> String? {
        parse("func f() {\n\(body)\n}").diagnostics.first?.help
    }
    #expect(help("let x = .5") == "write 0.5")
    #expect(help("let x = 1.") == "write 1.0")
    #expect(help("let x = 1, y = 2")?.contains("one name per 'let'") == true)
    #expect(help("if x = 1 { }") == "use '==' to compare values")
    #expect(help("let for = 1")?.contains("'for' is a keyword") == true)
    #expect(help("for in in r { }")?.contains("'in' is a keyword") == true)
    #expect(help("let x = [1, 2]")?.contains("repeating") == true)
    #expect(help("print(\"\\(x)\")")?.contains("separate arguments") == true)
    #expect(
        parse("@inline(sometimes) func f() {}").diagnostics.first?.message.contains(
            "never or always") == true)
    #expect(parse("@fast func f() {}").diagnostics.first?.help?.contains("@vectorize") == true)
    #expect(parse("func f(inout x: Int) {}").diagnostics.first?.help == "write 'name: inout T'")
    #expect(parse("func f(): Int {}").diagnostics.first?.help == "write 'func f(...) -> T'")
}

@Test func lexicalErrorsDoNotCascade() {
    // One bad literal per line: one diagnostic each, nothing from the parser.
    let source = "func f() {\n let a = .5\n let b = 0b2\n let c = \"\\q\"\n let d = 1 $ 2\n}"
    #expect(errors(source).count == 4)
}

@Test func missingCloseBraceBeforeNextFunction() {
    let source = "func f() {\n    if a {\n        x = 1\n\nfunc g() { }\n"
    let (ast, diagnostics, file) = parse(source)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.message == "expected '}' to close the block, found keyword 'func'")
    #expect(
        diagnostics.first.map { file.position(of: $0.range.start) } == SourcePos(line: 5, column: 1)
    )
    #expect(diagnostics.first?.notes.count == 1)
    #expect(ast.functions.map(\.name) == ["f", "g"])
}

@Test func missingCloseBraceAtEndOfFile() {
    #expect(errors("func f() {\n  while a {\n    b()\n").count == 1)
}

@Test func strayTokensAtTopLevel() {
    #expect(
        errors("x = 1\nfunc f() {}") == [
            "1:1: expected a function declaration ('func'), found 'x'"
        ])
    #expect(errors("func f() {}\n}\nfunc g() {}") == ["2:1: unexpected '}' at top level"])
    #expect(
        parse("while true {}\nfunc f() {}").diagnostics.first?.help?.contains("inside a function")
            == true)
}

@Test func attributeInsideBodyIsReportedOnce() {
    #expect(
        errors("func f() {\n  @inline(never)\n  x = 1\n}") == [
            "2:3: an attribute must come right before 'func'"
        ])
}

@Test func recoverySkipsBracedGroupsOfBrokenHeaders() {
    // The body of a broken `if` is skipped whole, so its `}` does not end `f`.
    let source = "func f() {\n  if x == { y = 1 }\n  z = 2\n}\nfunc g() {}"
    let (ast, diagnostics, _) = parse(source)
    #expect(diagnostics.count == 1)
    #expect(ast.functions.map(\.name) == ["f", "g"])
    #expect(ASTDumper(ast).block(ast.functions[0].body).contains("(= z 2)"))
}

@Test func emptyAndTrivialFiles() {
    #expect(errors("").isEmpty)
    #expect(errors("// just a comment\n/* and /* nested */ */").isEmpty)
    #expect(parse("").ast.functions.isEmpty)
}

// MARK: - Nesting limit

/// Runs `body` on a thread with a 1 MiB stack, so that unbounded recursion would
/// crash the test. (256 nested parentheses take about 350 KiB of stack in an -O
/// build, under the 512 KiB of a macOS secondary thread; debug builds need more.)
func onSmallStack(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
    done.wait()
}

/// The diagnostics of parsing `source` on a small stack (`onSmallStack`).
func diagnosticsOnSmallStack(_ source: String) -> [Diagnostic] {
    nonisolated(unsafe) var result: [Diagnostic] = []
    onSmallStack { result = parse(source).diagnostics }
    return result
}

/// Hostile nesting, by name (the strings themselves are too long to print).
let deepExpressions: [String: String] = [
    "parens": String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
    "unclosed parens": String(repeating: "(", count: 100_000),
    "negations": String(repeating: "-", count: 100_000) + "x",
    "array types": String(repeating: "[", count: 100_000) + "Int"
        + String(repeating: "]", count: 100_000)
        + "(repeating: 0, count: 1)",
    "subscripts": "x" + String(repeating: "[0]", count: 100_000),
    "calls": String(repeating: "f(", count: 100_000),
    "additions": String(repeating: "1 + ", count: 100_000) + "1",
    "ternaries": String(repeating: "c ? 1 : ", count: 100_000) + "1",
]

@Test(arguments: deepExpressions.keys.sorted())
func deepExpressionsAreRejectedNotCrashing(_ name: String) {
    let expression = deepExpressions[name] ?? ""
    let result = diagnosticsOnSmallStack("func f() {\n let x = \(expression)\n}")
    #expect(result.count == 1)
    #expect(result.first?.message.contains("nested too deeply") == true)
}

let deepBodies: [String: String] = [
    "ifs": String(repeating: "if a {", count: 100_000) + String(repeating: "}", count: 100_000),
    "unclosed whiles": String(repeating: "while a {", count: 100_000),
    "else ifs": "if a {} " + String(repeating: "else if a {} ", count: 100_000),
    "bare blocks": String(repeating: "{", count: 100_000) + String(repeating: "}", count: 100_000),
]

@Test(arguments: deepBodies.keys.sorted())
func deepBlocksAreRejectedNotCrashing(_ name: String) {
    let body = deepBodies[name] ?? ""
    let result = diagnosticsOnSmallStack("func f() {\n\(body)\n}\nfunc g() {}")
    #expect(result.count == 1)
}

@Test func nestingJustUnderTheLimitIsAccepted() {
    let depth = 100
    let expression =
        String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
    let blocks = String(repeating: "if a {", count: depth) + String(repeating: "}", count: depth)
    let result = diagnosticsOnSmallStack("func f() {\n let x = \(expression)\n\(blocks)\n}")
    #expect(result.isEmpty)
}
