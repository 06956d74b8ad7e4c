import KernBasics

/// Generic functions (LANGUAGE.md §3, "Generic functions"): the `<T: Constraint, …>`
/// list after a function's name, and instances — the declaration parsed again with each
/// type parameter replaced by a concrete type, which is how Sema specializes a generic
/// function for the types of a call.
///
/// In: the parser at `<` after a function name, or a generic `FunctionDecl` and its
/// substitutions. Out: `GenericParam`s, or an instance `FunctionDecl` whose nodes are
/// appended to the AST (source ranges are the template's, so diagnostics point at it).
extension Parser {
    /// `<T: BinaryFloatingPoint, U: FixedWidthInteger>`.
    func parseGenericParams() -> [GenericParam] {
        let open = advance()
        var params: [GenericParam] = []
        while !panicking {
            guard case .identifier(let name) = current.kind else {
                errorAtCurrent("expected a generic parameter name such as 'T'")
                return params
            }
            let nameRange = advance().range
            guard consume(.colon) != nil else {
                errorAtCurrent(
                    "generic parameter '\(name)' needs a constraint",
                    help: "write <\(name): BinaryFloatingPoint> or <\(name): FixedWidthInteger>")
                return params
            }
            guard case .identifier(let constraint) = current.kind else {
                errorAtCurrent(
                    "expected a protocol such as 'BinaryFloatingPoint' after ':'")
                return params
            }
            let constraintRange = advance().range
            params.append(
                GenericParam(
                    name: name, nameRange: nameRange, constraint: constraint,
                    constraintRange: constraintRange))
            if consume(.comma) == nil { break }
        }
        if !panicking {
            expect(
                .gt, "'>' to close the generic parameter list",
                note: .init("'<' opened here", at: open.range))
        }
        return params
    }

    /// `template` parsed again with its type parameters replaced (`T` → `Double`) and
    /// named `name`; its nodes are appended to `ast`. Nil if the source no longer holds
    /// the declaration where `template` says (never for a template from `parse(file)`).
    public static func instantiate(
        _ template: FunctionDecl, in file: SourceFile, ast: inout AST,
        substitutions: [String: String], name: String
    ) -> FunctionDecl? {
        let (tokens, _) = Lexer.tokenize(file)
        guard let start = tokens.firstIndex(where: { $0.range.start == template.range.start })
        else { return nil }
        let parser = Parser(tokens: tokens, diagnostics: [], stackTop: currentStackAddress())
        parser.source = Array(file.utf8)
        parser.ast = ast
        parser.exprHeights = Array(repeating: 0, count: ast.exprs.count)
        parser.typeSubstitutions = substitutions
        parser.index = start
        guard var decl = parser.parseFunction(), parser.diagnostics.isEmpty else { return nil }
        decl.name = name
        decl.genericParams = []
        decl.instanceOf = template.name
        ast = parser.ast
        return decl
    }
}
