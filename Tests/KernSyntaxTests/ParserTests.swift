import KernBasics
import Testing

@testable import KernSyntax

/// The parser on valid input: every construct of LANGUAGE.md, checked through the
/// S-expression dump.

@Test func functionsParamsAndReturnTypes() {
    #expect(
        dump("func saxpy(a: Float, x: [Float], y: inout [Float]) { }")
            == "(func saxpy (params (a Float) (x [Float]) (y inout [Float])) (block))")
    #expect(
        dump("func f(_ x: [[Double]], by n: Int, in t: [[[Int32]]]) -> (Int, Double) { }")
            == "(func f (params (_ x [[Double]]) (by n Int) (in t [[[Int32]]])) -> (Int, Double) (block))"
    )
    #expect(
        dump("func sq(x: Double) -> Double { x * x }")
            == "(func sq (params (x Double)) -> Double (block (* x x)))")
    #expect(dump("func main() -> () {}") == "(func main (params) -> () (block))")
}

@Test func parameterLabels() {
    let (ast, diagnostics, _) = parse("func f(a: Int, _ b: Int, by c: Int) {}")
    #expect(diagnostics.isEmpty)
    #expect(ast.functions[0].params.map(\.label) == ["a", nil, "by"])
    #expect(ast.functions[0].params.map(\.name) == ["a", "b", "c"])
}

@Test func functionAttributes() {
    let (ast, diagnostics, _) = parse(
        "@vectorize func f(x: Float) -> Float { x }\n@inline(never)\nfunc g() {}\n@inline(always) func h() {}"
    )
    #expect(diagnostics.isEmpty)
    #expect(
        ast.functions.map { $0.attributes.map(\.name) } == [["vectorize"], ["inline"], ["inline"]])
    #expect(ast.functions.map { $0.attributes.first?.argument } == [nil, "never", "always"])
}

@Test func bindings() {
    #expect(
        bodyDump("let a = 1\nvar b: Float = 2\nvar c: [Double]\nlet (q, r) = divmod(17, 5)") == [
            "(let a 1)", "(var b: Float 2)", "(var c: [Double])", "(let (q r) (call divmod 17 5))",
        ])
}

@Test func fileScopeConstants() {
    // Before, between and after functions; `var` parses too (Sema rejects it).
    #expect(
        dump("let n = 4\nfunc f() {}\nlet h: Float = 0.5; var v = 1\nfunc g() {}")
            == "(let n 4)\n(let h: Float 0.5)\n(var v 1)\n(func f (params) (block))\n(func g (params) (block))")
    let (ast, diagnostics, _) = parse("let a = 1 let b = 2\nfunc f() {}")
    #expect(diagnostics.map(\.message) == ["expected a line break or ';' after the statement, found keyword 'let'"])
    #expect(ast.functions.count == 1, "recovery reaches the function")
}

@Test func assignments() {
    let ops = CompoundOp.allCases.map(\.spelling)
    let body = (["="] + ops).map { "x[i] \($0) 1" }.joined(separator: "\n")
    #expect(bodyDump(body) == (["="] + ops).map { "(\($0) (subscript x i) 1)" })
}

@Test func controlFlow() {
    #expect(
        bodyDump("if a { } else if b { x = 1 } else { break }")
            == ["(if a (block) (if b (block (= x 1)) (block (break))))"])
    #expect(bodyDump("if a {\n}\nelse {\ncontinue\n}") == ["(if a (block) (block (continue)))"])
    #expect(bodyDump("while i < n { i += 1 }") == ["(while (< i n) (block (+= i 1)))"])
    #expect(bodyDump("repeat { i -= 1 } while i > 0") == ["(repeat (block (-= i 1)) (> i 0))"])
    #expect(bodyDump("return") == ["(return)"])
    #expect(bodyDump("return x + 1") == ["(return (+ x 1))"])
}

@Test func forLoops() {
    #expect(
        bodyDump(
            """
            for i in 0..<n { }
            for i in 1...n { }
            for i in stride(from: 0, to: n, by: 2) { }
            for i in stride(from: n, through: 0, by: -1) { }
            for i in prange(n) { }
            for i in prange(x.indices) { }
            for _ in x.indices { }
            """) == [
                "(for i (..< 0 n) (block))", "(for i (... 1 n) (block))",
                "(for i (call stride from: 0 to: n by: 2) (block))",
                "(for i (call stride from: n through: 0 by: (- 1)) (block))",
                "(for i (call prange n) (block))", "(for i (call prange (. x indices)) (block))",
                "(for _ (. x indices) (block))",
            ])
}

@Test func precedence() {
    let cases: [(String, String)] = [
        ("1..<n - 1", "(..< 1 (- n 1))"),
        ("a << 2 * b", "(* (<< a 2) b)"),
        ("a + b * c", "(+ a (* b c))"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b / c", "(/ (/ a b) c)"),
        ("a & b | c ^ d", "(^ (| (& a b) c) d)"),
        ("a + b == c * d", "(== (+ a b) (* c d))"),
        ("a < b && c >= d || !e", "(|| (&& (< a b) (>= c d)) (! e))"),
        ("a || b && c", "(|| a (&& b c))"),
        ("0...n == r", "(== (... 0 n) r)"),
        ("c ? a : b", "(? c a b)"),
        ("c ? a : d ? e : f", "(? c a (? d e f))"),
        ("a || b ? x + 1 : y", "(? (|| a b) (+ x 1) y)"),
        ("-x * y", "(* (- x) y)"),
        ("-x.count", "(- (. x count))"),
        ("~a >> 1", "(>> (~ a) 1)"),
        ("!a == b", "(== (! a) b)"),
        ("- -x", "(- (- x))"),
        ("(a + b) * c", "(* (paren (+ a b)) c)"),
        ("a % b != 0", "(!= (% a b) 0)"),
    ]
    for (source, expected) in cases {
        #expect(exprDump(source) == expected, "\(source)")
    }
}

@Test func everyBinaryOperatorParses() {
    for op in BinaryOp.allCases {
        #expect(exprDump("a \(op.spelling) b") == "(\(op.spelling) a b)", "\(op.spelling)")
    }
}

@Test func postfixExpressions() {
    let cases: [(String, String)] = [
        ("f()", "(call f)"),
        ("f(a: 1, x: v)", "(call f a: 1 x: v)"),
        ("bump(&count, by: 2)", "(call bump (& count) by: 2)"),
        ("atomicAdd(&a[i], v)", "(call atomicAdd (& (subscript a i)) v)"),
        ("Double.random(in: 0..<1)", "(call (. Double random) in: (..< 0 1))"),
        ("x[i][j]", "(subscript (subscript x i) j)"),
        ("m[i, j]", "(subscript m i j)"),
        ("t[i, j, k]", "(subscript t i j k)"),
        ("x.shape(1)", "(call (. x shape) 1)"),
        ("t.0 + t.1", "(+ (. t 0) (. t 1))"),
        ("f(x).0.1", "(. (. (call f x) 0) 1)"),
        ("Double.pi", "(. Double pi)"),
        ("[Double](repeating: 0, count: n)", "(call [Double] repeating: 0 count: n)"),
        (
            "[[Float]](repeating: 1, rows: r, cols: c)",
            "(call [[Float]] repeating: 1 rows: r cols: c)"
        ),
        ("(1, 2.5)", "(tuple 1 2.5)"),
        ("()", "(tuple)"),
        ("(x)", "(paren x)"),
        ("Double(n)", "(call Double n)"),
        ("f(a,\n b\n)", "(call f a b)"),
        ("f(a, b,)", "(call f a b)"),
    ]
    for (source, expected) in cases {
        #expect(exprDump(source) == expected, "\(source)")
    }
}

@Test func literals() {
    #expect(exprDump("0xFF") == "255")
    #expect(exprDump("1_000") == "1000")
    #expect(exprDump("6.02_214e23") == "6.02214e23")
    #expect(exprDump("true") == "true")
    #expect(exprDump("\"hi\\n\"") == "\"hi\\n\"")
    #expect(exprDump("99999999999999999999") == "<overflow 99999999999999999999>")
}

@Test func newlinesEndStatementsButNotExpressions() {
    // A binary operator on the next line continues, as in Swift.
    #expect(bodyDump("let v = a\n    + b\n    * c") == ["(let v (+ a (* b c)))"])
    // So does member access.
    #expect(bodyDump("let n = x\n    .count") == ["(let n (. x count))"])
    // A prefix operator starting a line begins a new statement.
    #expect(bodyDump("let v = a\n-v") == ["(let v a)", "(- v)"])
    // So does `(` or `[`: no call or subscript across a line break.
    #expect(bodyDump("let v = a\n(b)") == ["(let v a)", "(paren b)"])
    #expect(bodyDump("x = 1; y = 2;\nz = 3") == ["(= x 1)", "(= y 2)", "(= z 3)"])
    // An operator at the end of a line continues on the next.
    #expect(bodyDump("let v = a &&\n b") == ["(let v (&& a b))"])
    #expect(bodyDump("let v = c\n ? a\n : b") == ["(let v (? c a b))"])
}

@Test func nodeRanges() {
    let source =
        "func f(x: [Double]) -> Double {\n    let s = x[0] * 2.0 + g(a: 1)\n    return -s\n}"
    let (ast, diagnostics, file) = parse(source)
    #expect(diagnostics.isEmpty)
    let f = ast.functions[0]
    #expect(text(f.range, in: file) == source)
    #expect(text(f.nameRange, in: file) == "f")
    #expect(text(f.funcKeywordRange, in: file) == "func")
    #expect(text(f.params[0].range, in: file) == "x: [Double]")
    #expect(text(f.params[0].type.range, in: file) == "[Double]")
    #expect(f.returnType.map { text($0.range, in: file) } == "Double")
    #expect(
        text(f.body.range, in: file).hasPrefix("{") && text(f.body.range, in: file).hasSuffix("}"))
    let stmts = f.body.stmts.map { ast.stmts[$0] }
    #expect(text(stmts[0].range, in: file) == "let s = x[0] * 2.0 + g(a: 1)")
    #expect(text(stmts[1].range, in: file) == "return -s")
    let exprTexts = Set(ast.exprs.map { text($0.range, in: file) })
    for piece in ["x[0] * 2.0 + g(a: 1)", "x[0] * 2.0", "x[0]", "g(a: 1)", "2.0", "-s", "g", "1"] {
        #expect(exprTexts.contains(piece), "\(piece)")
    }
    for case .binary(_, _, _, let opRange) in ast.exprs.map(\.kind) {
        #expect(["*", "+"].contains(text(opRange, in: file)))
    }
}

@Test func statementAndPatternRanges() {
    let source = "func f() {\n  let (q, r) = d()\n  for i in 0..<3 { }\n  if a { } else { }\n}"
    let (ast, diagnostics, file) = parse(source)
    #expect(diagnostics.isEmpty)
    let stmts = ast.functions[0].body.stmts.map { ast.stmts[$0] }
    #expect(
        stmts.map { text($0.range, in: file) } == [
            "let (q, r) = d()", "for i in 0..<3 { }", "if a { } else { }",
        ])
    if case .binding(_, .tuple(let names, let r), _, _) = stmts[0].kind {
        #expect(names.map { text($0.range, in: file) } == ["q", "r"])
        #expect(text(r, in: file) == "(q, r)")
    } else {
        Issue.record("expected a tuple pattern")
    }
    if case .forIn(_, let vr, _, _) = stmts[1].kind { #expect(text(vr, in: file) == "i") }
}
