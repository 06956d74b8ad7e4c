import Kern
import Testing

@testable import KernREPL

/// Scripted sessions: each input and the messages it produced, compared with what a
/// user should see. Errors are marked with `!` so a result cannot pass for one.
func transcript(_ inputs: [String], _ session: REPLSession = REPLSession()) -> String {
    inputs.map { input in
        let lines = session.evaluate(input).map { ($0.kind == .error ? "! " : "") + $0.text }
        return (["> " + input] + lines).joined(separator: "\n")
    }.joined(separator: "\n")
}

/// Checks that `messages` is exactly one error whose text contains `text`.
func expectOneError(
    _ messages: [REPLMessage], containing text: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        messages.count == 1 && messages.first?.kind == .error, "\(messages)",
        sourceLocation: sourceLocation)
    #expect(messages.first?.text.contains(text) == true, sourceLocation: sourceLocation)
}

let dotSource = """
    func dot(a: [Double], b: [Double]) -> Double {
        var s = 0.0
        for i in prange(a.count) { s += a[i] * b[i] }
        return s
    }
    """

@Suite(.serialized)
struct TranscriptTests {
    @Test func definitionsArraysAndExpressions() {
        let got = transcript([
            dotSource,
            "var x = [Double](repeating: 1, count: 1_000_000)",
            "dot(x, x)",
            "x.count",
            "dot(x, x) / Double(x.count) + 1",
        ])
        #expect(
            got == """
                > \(dotSource)
                defined func dot(a: [Double], b: [Double]) -> Double
                > var x = [Double](repeating: 1, count: 1_000_000)
                x: [Double] = [1.0, 1.0, 1.0, 1.0, 1.0, ..., 1.0, 1.0, 1.0, 1.0, 1.0] (1000000 elements)
                > dot(x, x)
                1000000.0
                > x.count
                1000000
                > dot(x, x) / Double(x.count) + 1
                2.0
                """)
    }

    @Test func scalarsPersistAndStatementsRun() {
        let got = transcript([
            "var s = 0.0",
            "let n = 4",
            "for i in 1...n { s += Double(i) }",
            "s",
            "s *= 2; let t = s + 1",
            "(t, n)",
            "let (q, r) = (17 / 5, 17 % 5)",
            "q * 10 + r",
        ])
        #expect(
            got == """
                > var s = 0.0
                s: Double = 0.0
                > let n = 4
                n: Int = 4
                > for i in 1...n { s += Double(i) }
                > s
                10.0
                > s *= 2; let t = s + 1
                t: Double = 21.0
                > (t, n)
                (21.0, 4)
                > let (q, r) = (17 / 5, 17 % 5)
                q: Int = 3
                r: Int = 2
                > q * 10 + r
                32
                """)
    }

    @Test func arraysPrintWholeOrAsSummaryAndKeepWrites() {
        let got = transcript([
            "var v = [Int](repeating: 2, count: 4)",
            "v[1] = 7",
            "v",
            "var big = [Float](repeating: 0.5, count: 21)",
            "for i in big.indices { big[i] = Float(i) }",
            "big",
            "var m = [[Int]](repeating: 1, rows: 2, cols: 3)",
            "m[1, 2] = 5",
            "m",
        ])
        #expect(
            got == """
                > var v = [Int](repeating: 2, count: 4)
                v: [Int] = [2, 2, 2, 2]
                > v[1] = 7
                > v
                [2, 7, 2, 2]
                > var big = [Float](repeating: 0.5, count: 21)
                big: [Float] = [0.5, 0.5, 0.5, 0.5, 0.5, ..., 0.5, 0.5, 0.5, 0.5, 0.5] (21 elements)
                > for i in big.indices { big[i] = Float(i) }
                > big
                [0.0, 1.0, 2.0, 3.0, 4.0, ..., 16.0, 17.0, 18.0, 19.0, 20.0] (21 elements)
                > var m = [[Int]](repeating: 1, rows: 2, cols: 3)
                m: [[Int]] = [[Int]] shape 2×3, row-major [1, 1, 1, 1, 1, 1]
                > m[1, 2] = 5
                > m
                [[Int]] shape 2×3, row-major [1, 1, 1, 1, 1, 5]
                """)
    }

    @Test func redefinitionReplacesAndRecompilesDependents() {
        let got = transcript([
            "func sq(x: Double) -> Double { x * x }",
            "func f(x: Double) -> Double { sq(x) + 1 }",
            "f(3)",
            "func sq(x: Double) -> Double { x * x * x }",
            "f(3)",
        ])
        #expect(
            got == """
                > func sq(x: Double) -> Double { x * x }
                defined func sq(x: Double) -> Double
                > func f(x: Double) -> Double { sq(x) + 1 }
                defined func f(x: Double) -> Double
                > f(3)
                10.0
                > func sq(x: Double) -> Double { x * x * x }
                redefined func sq(x: Double) -> Double
                recompiled f
                > f(3)
                28.0
                """)
    }

    @Test func aRedefinitionThatBreaksADependentIsRejected() {
        let session = REPLSession()
        _ = transcript(
            [
                "func sq(x: Double) -> Double { x * x }",
                "func f(x: Double) -> Double { sq(x) + 1 }",
            ], session)
        let broken = session.evaluate("func sq(x: Int) -> Int { x * x }")
        #expect(broken.count == 1 && broken[0].kind == .error)
        #expect(broken[0].text.contains("error:"))
        // The old definition stays.
        #expect(session.evaluate("f(2)") == [REPLMessage(.result, "5.0")])
    }

    @Test func mistakesShowACaretAndTheSessionGoesOn() {
        let got = transcript([
            "let a = 2",
            "a + nope",
            "func g(x: Int) -> Int {\n    return x +\n}",
            "let k = 2.5\nvar b = a\nb = k",
            "b = 1; func f() {}",
            "a * 21",
        ])
        #expect(
            got == """
                > let a = 2
                a: Int = 2
                > a + nope
                ! <input>:1:5: error: cannot find 'nope' in scope
                    a + nope
                        ^~~~
                help: declare it with 'let' or 'var' before this use
                > func g(x: Int) -> Int {
                    return x +
                }
                ! <input>:3:1: error: expected an expression, found '}'
                    }
                    ^
                > let k = 2.5
                var b = a
                b = k
                ! <input>:3:5: error: cannot assign value of type 'Double' to type 'Int'
                    b = k
                        ^
                help: convert explicitly: Int(k)
                > b = 1; func f() {}
                ! <input>:1:8: error: a function must be defined in an input of its own
                    b = 1; func f() {}
                           ^~~~
                help: type the statements and the 'func' separately
                > a * 21
                42
                """)
    }

    @Test func aRuntimeErrorKeepsAllState() {
        let session = REPLSession()
        _ = transcript(["var x = [Double](repeating: 1, count: 8)", "var n = 5"], session)
        let got = transcript(["n += 1; x[0] = 3; x[n * 10] = 1", "n", "x[0]"], session)
        #expect(
            got == """
                > n += 1; x[0] = 3; x[n * 10] = 1
                ! <input>:1:19: error: runtime error in 'input': index 60 is out of bounds for dimension 0 of length 8
                    n += 1; x[0] = 3; x[n * 10] = 1
                                      ^
                > n
                5
                > x[0]
                3.0
                """)
    }

    @Test func runtimeErrorsInDefinitionsPointIntoTheDefinition() {
        let session = REPLSession()
        _ = session.evaluate("func at(a: [Int], i: Int) -> Int {\n    return a[i]\n}")
        _ = session.evaluate("let v = [Int](repeating: 1, count: 3)")
        let messages = session.evaluate("at(v, 7) + 1")
        expectOneError(
            messages,
            containing: "func at:2:12: error: runtime error in 'at': index 7 is out of bounds")
    }

    @Test func inputsTheREPLCannotKeepAreExplained() {
        let got = transcript(["}", "var z: Int", ":kir"])
        #expect(
            got == """
                > }
                ! <input>:1:1: error: unexpected '}' that closes nothing
                    }
                    ^
                help: remove it, or check the brackets before it
                > var z: Int
                ! <input>:1:1: error: a top-level variable needs an initial value
                    var z: Int
                    ^~~~~~~~~~
                help: give it one, e.g. var z: Int = 0
                > :kir
                ! error: :kir needs a function name
                """)
    }

    @Test func inoutScalarsAndVoidCalls() {
        let got = transcript([
            "func bump(n: inout Int, by k: Int) { n += k }",
            "var c = 1",
            "bump(&c, by: 41)",
            "c",
        ])
        #expect(got.hasSuffix("> bump(&c, by: 41)\n> c\n42"))
    }

    @Test func arraysMustBeAllocatedToBeKept() {
        let session = REPLSession()
        _ = session.evaluate("let x = [Double](repeating: 1, count: 4)")
        let messages = session.evaluate("let y = x")
        expectOneError(
            messages,
            containing: "a top-level array must be created here with [T](repeating:count:)")
        #expect(messages[0].text.contains("^"))
    }

    @Test func seedMakesRandomNumbersRepeatable() {
        let session = REPLSession()
        _ = session.evaluate("func r() -> Double { Double.random(in: 0..<1) }")
        _ = session.evaluate(":seed 7")
        let first = session.evaluate("r()")
        let again = session.evaluate("r()")
        _ = session.evaluate(":seed 8")
        let other = session.evaluate("r()")
        _ = session.evaluate(":seed 7")
        let back = session.evaluate("r() + 0")  // through a compiled input, not a direct call
        #expect(first.count == 1 && first[0].kind == .result)
        #expect(first == again)
        #expect(first != other)
        #expect(first == back)
        let value = Double(first[0].text) ?? -1
        #expect(value >= 0 && value < 1)
    }

    @Test func threadsDoNotChangeReductions() {
        let session = REPLSession()
        _ = transcript([dotSource, "var x = [Double](repeating: 0.1, count: 100_000)"], session)
        let all = session.evaluate("dot(x, x)")
        #expect(session.evaluate(":threads 1") == [REPLMessage(.info, "prange loops use 1 thread")])
        #expect(session.evaluate("dot(x, x)") == all)
        #expect(session.evaluate(":threads 0")[0].kind == .error)
    }

    @Test func commands() {
        let session = REPLSession()
        _ = transcript([dotSource, "let x = [Double](repeating: 2, count: 3)"], session)
        #expect(session.evaluate(":type dot(x, x) > 1") == [REPLMessage(.result, "Bool")])
        #expect(session.evaluate(":type x") == [REPLMessage(.result, "[Double]")])
        #expect(session.evaluate(":kir dot")[0].text.contains("dot"))
        #expect(session.evaluate(":llvm dot")[0].text.contains("define"))
        #expect(session.evaluate(":asm dot")[0].text.contains("ret"))
        #expect(session.evaluate(":kir nothing")[0].kind == .error)
        let report = session.evaluate(":report dot")
        #expect(report.count == 1 && report[0].kind == .result)
        // The prange loop at line 3 of the definition: parallel, vectorized, a + reduction.
        #expect(report[0].text.contains("func dot (1:1)"))
        let loop = report[0].text.split(separator: "\n").first { $0.contains("3:5") } ?? ""
        #expect(loop.contains("prange") && loop.contains("yes: width") && loop.contains("s +"))
        #expect(session.evaluate(":report nothing")[0].kind == .error)
        #expect(
            session.evaluate(":list") == [
                REPLMessage(
                    .info,
                    """
                    func dot(a: [Double], b: [Double]) -> Double
                    let x: [Double] = [2.0, 2.0, 2.0]
                    """)
            ])
        let timing = session.evaluate(":time dot(x, x)")
        #expect(timing.count == 1 && timing[0].text.hasPrefix("median "))
        #expect(timing[0].text.contains("GB/s over 24 bytes of arrays"))
        #expect(session.evaluate(":help")[0].text.contains(":time EXPR"))
        #expect(session.evaluate(":bogus")[0].kind == .error)
        #expect(session.evaluate(":l")[0].text.contains(":load or :list"))
        _ = session.evaluate(":reset")
        #expect(session.evaluate("x")[0].kind == .error)
        #expect(!session.shouldQuit)
        _ = session.evaluate(":q")
        #expect(session.shouldQuit)
    }

    @Test func callsInsideExpressionsKeepTheirMeaning() {
        let got = transcript([
            "func at(a: [Int], i: Int) -> Int { a[i] }",
            "func r() -> Double { Double.random(in: 0..<1) }",
            "let v = [Int](repeating: 3, count: 2)",
            "at(v, 1) * 2 + at(v, 0) + 1",
            "false && at(v, 5) > 0",  // the right side never runs: no out-of-bounds error
            "true ? 1 : at(v, 9)",
            "r() == r()",  // two draws of one call differ
            "at(v, 0) + v[7]",  // the error is in the input, after the call
        ])
        #expect(
            got.hasSuffix(
                """
                > at(v, 1) * 2 + at(v, 0) + 1
                10
                > false && at(v, 5) > 0
                false
                > true ? 1 : at(v, 9)
                1
                > r() == r()
                false
                > at(v, 0) + v[7]
                ! <input>:1:12: error: runtime error in 'input': index 7 is out of bounds for dimension 0 of length 2
                    at(v, 0) + v[7]
                               ^
                """))
    }

    @Test func loadDefinesTheFunctionsOfAFile() throws {
        let path = FileManagerTemp.file(
            "load.kern", dotSource + "\nfunc twice(x: Int) -> Int { 2 * x }\n")
        let session = REPLSession()
        #expect(
            session.evaluate(":load \(path)") == [
                REPLMessage(.info, "defined func dot(a: [Double], b: [Double]) -> Double"),
                REPLMessage(.info, "defined func twice(x: Int) -> Int"),
            ])
        #expect(session.evaluate("twice(21)") == [REPLMessage(.result, "42")])
        #expect(session.evaluate(":load /nonexistent.kern")[0].kind == .error)
    }
}
