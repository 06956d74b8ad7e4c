import KernBasics
import Testing

@testable import KernSyntax

/// Recovery quality: deleting any single token of a valid program must give at
/// most one diagnostic — never a cascade — and the diagnostic must lie in the file.

let mutationProgram = """
    @inline(never)
    func norm2(_ x: [Double], by n: Int) -> (Double, Int) {
        var s = 0.0
        let (q, r) = divmod(17, 5)
        for i in prange(x.count) { s += x[i] * x[i] }
        if a < b { s = 1 } else if c { s = 2 } else { s <<= 2 }
        while i < n { i += 1 }
        repeat { i -= 1 } while i > 0
        var buf = [Double](repeating: 0, count: n)
        bump(&count, by: 2)
        return (sqrt(s), t.0 + m[i, j])
    }
    func sq(x: Double) -> Double { x * x }
    """

@Test func deletingAnyTokenGivesAtMostOneDiagnostic() {
    let (tokens, _) = Lexer.tokenize(SourceFile(name: "m", text: mutationProgram))
    let bytes = Array(mutationProgram.utf8)
    var deletionsWithErrors = 0
    for token in tokens.dropLast() {
        let start = Int(token.range.start.offset)
        let end = Int(token.range.end.offset)
        let mutated = String(decoding: bytes[..<start] + bytes[end...], as: UTF8.self)
        let file = SourceFile(name: "m", text: mutated)
        let diagnostics = Parser.parse(file).diagnostics
        #expect(diagnostics.count <= 1, "deleting \(token.description) at \(start)")
        for d in diagnostics {
            #expect(Int(d.range.end.offset) <= file.utf8.count && d.range.start <= d.range.end)
        }
        if !diagnostics.isEmpty { deletionsWithErrors += 1 }
    }
    // Most deletions break the program; the parser must notice.
    #expect(deletionsWithErrors > tokens.count / 2)
}

@Test func forgottenOpeningBraceDoesNotCascade() {
    #expect(
        errors("func f() {\n  for i in r  s += 1 }\n  t = 2\n}\nfunc g() {}")
            == ["2:15: expected '{' after the 'for' sequence, found 's'"])
    let ast = parse("func f() {\n  if a  s = 1 } else { s = 2 }\n}").ast
    #expect(
        ASTDumper(ast).block(ast.functions[0].body)
            == "(block (if a (block (= s 1)) (block (= s 2))))")
}

@Test func forgottenClosingBraceBeforeElseOrWhile() {
    #expect(
        errors("func f() {\n  if a { s = 1 else { s = 2 }\n}") == [
            "2:16: expected '}' before 'else'"
        ])
    #expect(
        errors("func f() {\n  repeat { i -= 1 while i > 0\n}") == [
            "2:19: expected '}' before 'while'"
        ])
    // A `while` loop on its own line inside a `repeat` body is not a closer.
    #expect(errors("func f() {\n  repeat {\n    while a { }\n  } while b\n}").isEmpty)
}

@Test func strayBlockKeepsBracesPaired() {
    #expect(
        errors("func f() {\n  { i -= 1 } while i > 0\n}") == [
            "2:3: expected 'repeat' before the loop body"
        ])
    #expect(
        errors("func f() {\n  {{ x = 1 }}\n}") == ["2:4: a block cannot stand alone as a statement"]
    )
    #expect(
        errors("func f() {\n  { x = 1 }\n  y = 2\n}\nfunc g() {}") == [
            "2:3: a block cannot stand alone as a statement"
        ])
}
