import KernBasics

@testable import KernSyntax

/// Helpers shared by the KernSyntax tests: parse a snippet and look at the result
/// as an S-expression dump, or at its diagnostics as "line:col: message" strings.

func parse(_ source: String) -> (ast: AST, diagnostics: [Diagnostic], file: SourceFile) {
    let file = SourceFile(name: "test.kern", text: source)
    let (ast, diagnostics) = Parser.parse(file)
    return (ast, diagnostics, file)
}

/// The dump of a whole file.
func dump(_ source: String) -> String {
    ASTDumper.dump(parse(source).ast)
}

/// Parses `source` as the body of a function and returns the dumps of its statements.
func bodyDump(_ body: String) -> [String] {
    let (ast, _, _) = parse("func f() {\n\(body)\n}")
    guard let f = ast.functions.first else { return [] }
    let dumper = ASTDumper(ast)
    return f.body.stmts.map { dumper.stmt($0) }
}

/// Dump of a single expression written as `let _x = <expr>`.
func exprDump(_ expression: String) -> String {
    let (ast, diagnostics, _) = parse("func f() {\nlet x = \(expression)\n}")
    guard diagnostics.isEmpty, let f = ast.functions.first, let s = f.body.stmts.first,
        case .binding(_, _, _, let value?) = ast.stmts[s].kind
    else { return "<parse error: \(diagnostics.map(\.message))>" }
    return ASTDumper(ast).expr(value)
}

/// Diagnostics as "line:col: message".
func errors(_ source: String) -> [String] {
    let (_, diagnostics, file) = parse(source)
    return diagnostics.map { d in
        let p = file.position(of: d.range.start)
        return "\(p.line):\(p.column): \(d.message)"
    }
}

/// Token kinds of `source`, without the final end-of-file token.
func lex(_ source: String) -> (kinds: [TokenKind], diagnostics: [Diagnostic]) {
    let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "t.kern", text: source))
    return (tokens.dropLast().map(\.kind), diagnostics)
}

/// The source text a range covers.
func text(_ range: SourceRange, in file: SourceFile) -> String {
    String(decoding: file.utf8[Int(range.start.offset)..<Int(range.end.offset)], as: UTF8.self)
}
