import Foundation
import Kern
import KernBasics
import KernIRGen
import KernSema
import Testing

@testable import KernREPL

/// Inputs compiled directly (no generated source): the session's definitions are extern
/// functions of the input's Kern IR, bound by the JIT to the library's compiled code.
@Suite(.serialized)
struct DirectInputTests {
    @Test func callsGoToTheLibrarysCompiledCode() throws {
        let session = REPLSession()
        _ = session.evaluate(dotSource)
        _ = session.evaluate("var x = [Double](repeating: 0.5, count: 8)")
        let got = transcript(
            ["var u = 0.0; for i in 0..<3 { u += dot(x, x) }; u", "u * 2"], session)
        #expect(got.hasSuffix("u: Double = 6.0\n6.0\n> u * 2\n12.0"))
        // The input's module declares `dot` and has no body of it.
        let file = SourceFile(name: "<input>", text: "dot(x, x) + 1")
        let module = try KernModule.compileInput(
            file, session: session.sessionScope,
            segment: InputSegment(statements: 0..<1, result: .lastExpression),
            library: session.library, options: CompileOptions())
        #expect(module.kirText.contains("extern \"kern_entry_dot\" func @dot("))
        #expect(!module.kirText.contains("parallel"))
        #expect(try module.function(named: "input").call([session.variables["x"]!.storage.argument]) == .double(3))
    }

    @Test func boolsAndTuplesCrossTheCall() {
        let got = transcript([
            "func neg(b: Bool) -> Bool { !b }",
            "func qr(a: Int, b: Int) -> (Int, Int) { (a / b, a % b) }",
            "neg(true) || neg(false)",
            "let (q, r) = qr(17, 5); q * 10 + r",
            "qr(9, 4)",
        ])
        #expect(
            got.hasSuffix(
                """
                > neg(true) || neg(false)
                true
                > let (q, r) = qr(17, 5); q * 10 + r
                q: Int = 3
                r: Int = 2
                32
                > qr(9, 4)
                (2, 1)
                """), "\(got)")
    }

    @Test func valuesAndErrorsCrossTheCallBothWays() {
        let got = transcript([
            "func twice(a: [Double]) -> [Double] { var r = [Double](repeating: 0, count: a.count); for i in a.indices { r[i] = 2 * a[i] }; return r }",
            "func bump(n: inout Int, by k: Int) { n += k }",
            "func fill(a: inout [Double], v: Double) { for i in a.indices { a[i] = v } }",
            "func at(a: [Double], i: Int) -> Double {\n    a[i]\n}",
            "var x = [Double](repeating: 1.5, count: 3)",
            "twice(x)[2] + Double(twice(x).count)",
            "var k = 1; bump(&k, by: 2); bump(&k, by: 3); k",
            "fill(&x, v: 4); x",
            "k = 10; at(x, 9) + 1",
            "k",
        ])
        #expect(
            got.hasSuffix(
                """
                > twice(x)[2] + Double(twice(x).count)
                6.0
                > var k = 1; bump(&k, by: 2); bump(&k, by: 3); k
                k: Int = 6
                6
                > fill(&x, v: 4); x
                [4.0, 4.0, 4.0]
                > k = 10; at(x, 9) + 1
                ! func at:2:5: error: runtime error in 'at': index 9 is out of bounds for dimension 0 of length 3
                        a[i]
                        ^
                > k
                6
                """), "\(got)")
    }

    @Test func aRedefinitionIsWhatTheSameInputCallsNext() {
        let got = transcript([
            "func f() -> Int { 1 }", "f() + 0", "func f() -> Int { 2 }", "f() + 0",
        ])
        #expect(got.hasSuffix("> f() + 0\n1\n> func f() -> Int { 2 }\nredefined func f() -> Int\n> f() + 0\n2"))
    }

    @Test func aPrangePassingAnArrayToADefinitionIsCheckedBySignature() {
        let session = REPLSession()
        _ = session.evaluate("func put(a: inout [Double], i: Int) { a[i] = 1 }")
        _ = session.evaluate("var y = [Double](repeating: 0, count: 4)")
        expectOneError(
            session.evaluate("for i in prange(4) { put(&y, i) }"),
            containing: "it may write any element of 'a': the REPL checks a definition's calls by its signature")
        // The same loop in a definition is checked with the body: no race.
        _ = session.evaluate("func putAll(a: inout [Double]) { for i in prange(a.count) { put(&a, i) } }")
        #expect(transcript(["putAll(&y); y"], session).hasSuffix("[1.0, 1.0, 1.0, 1.0]"))
    }
}

/// File-scope constants of loaded definitions are in the inputs' scope.
@Suite(.serialized)
struct SessionConstantTests {
    @Test func constantsOfLoadedFilesAreVisibleInInputs() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("kern-constants-\(getpid()).kern").path
        try "let N = 4\nlet Scale = 2.5 * Double(N)\nfunc scaled(x: Double) -> Double { x * Scale }\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let got = transcript([
            ":load \(path)",
            "N + 1",
            "scaled(1) + Scale",
            "var a = [Int](repeating: 0, count: N); for i in prange(N) { a[i] = i * N }; a",
            "func f() -> Int { 1 }",  // a later definition keeps the constants
            "N * f()",
            "N = 3",
            ":list",
        ])
        #expect(
            got.hasSuffix(
                """
                > N + 1
                5
                > scaled(1) + Scale
                20.0
                > var a = [Int](repeating: 0, count: N); for i in prange(N) { a[i] = i * N }; a
                a: [Int] = [0, 0, 0, 0]
                [0, 4, 8, 12]
                > func f() -> Int { 1 }
                defined func f() -> Int
                > N * f()
                4
                > N = 3
                ! <input>:1:1: error: cannot assign to value: 'N' is a file-scope 'let' constant
                    N = 3
                    ^
                help: declare a variable inside the function: var myN = N
                > :list
                func scaled(x: Double) -> Double
                func f() -> Int
                let N = 4
                let Scale = 2.5 * Double(N)
                var a: [Int] = [0, 4, 8, 12]
                """), "\(got)")
        #expect(got.contains("defined let N = 4\ndefined let Scale = 2.5 * Double(N)\ndefined func scaled(x: Double) -> Double"))
    }
}
