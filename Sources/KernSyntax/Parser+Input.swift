import KernBasics

/// REPL inputs: statements at top level (LANGUAGE.md §4 statements, no `func`).
///
/// In: a `SourceFile` holding one REPL input. Out: an AST whose only function is the
/// input itself — a parameterless, void function named by the caller, whose body is the
/// input's statements with the input's own positions. Sema checks it against a
/// `SessionScope` (the REPL's definitions and variables); nothing is wrapped in
/// generated text, so diagnostics need no mapping back.
extension Parser {
    /// Parses `file` as the statements of a function body.
    public static func parseInput(_ file: SourceFile, functionName: String) -> (
        ast: AST, diagnostics: [Diagnostic]
    ) {
        let (tokens, lexDiagnostics) = Lexer.tokenize(file)
        let parser = Parser(
            tokens: tokens, diagnostics: lexDiagnostics, stackTop: currentStackAddress())
        parser.source = Array(file.utf8)
        let body = parser.parseInputStatements()
        let start = SourceRange(at: SourceLoc(0))
        parser.ast.functions.append(
            FunctionDecl(
                attributes: [], name: functionName, nameRange: start, params: [],
                returnType: nil, body: body, funcKeywordRange: start, range: body.range))
        let sorted = parser.diagnostics.enumerated().sorted {
            ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
        }.map(\.element)
        return (parser.ast, sorted)
    }

    /// The statements up to the end of the file, recovering as a block does.
    private func parseInputStatements() -> Block {
        var stmts: [StmtID] = []
        while !atEnd {
            if at(.rBrace) {
                error(
                    "unexpected '}' that closes nothing", at: current.range,
                    help: "remove it, or check the brackets before it")
                advance()
                resynchronize()
                continue
            }
            if atDeclarationStart {
                // The REPL sends inputs that start with `func` to its definitions.
                error(
                    "a function must be defined in an input of its own", at: current.range,
                    help: "type the statements and the 'func' separately")
                while !atEnd { advance() }
                break
            }
            let before = index
            if let stmt = parseStatement() { stmts.append(stmt) }
            if !panicking { expectStatementEnd(after: stmts.last) }
            if panicking { resynchronize() }
            if index == before, !at(.rBrace), !atEnd, !atDeclarationStart { advance() }
        }
        let end = SourceLoc(source.count)
        return Block(stmts: stmts, range: SourceRange(SourceLoc(0), end))
    }
}
