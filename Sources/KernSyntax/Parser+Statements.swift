import KernBasics

/// Blocks and statements (LANGUAGE.md §4).
///
/// In: the parser at `{` (blocks) or at the first token of a statement. Out: `Block`s
/// and `StmtID`s. A statement ends at a line break, `;` or `}`; after an error the
/// block loop resynchronises (see `resynchronize`) and carries on.
extension Parser {
    /// Parses `{ statements }`; the parser must be at `{`.
    /// With `openingBraceMissing`, the `{` was forgotten (already reported) and the
    /// statements up to the `}` are taken as the block anyway.
    /// `closer` is `else` for the body of an `if` and `while` for that of `repeat`:
    /// meeting it where a statement should end means the `}` was left out, which is
    /// reported once before the block closes so the `if`/`repeat` can go on.
    func parseBlock(openingBraceMissing: Bool = false, closer: Keyword? = nil) -> Block {
        let open = current
        guard enterNesting() else {
            if !openingBraceMissing { skipBracedGroup() }
            return Block(stmts: [], range: SourceRange(open.range.start, previousEnd))
        }
        defer { leaveNesting() }
        if !openingBraceMissing { advance() }
        var stmts: [StmtID] = []
        while true {
            if consume(.rBrace) != nil {
                return Block(stmts: stmts, range: SourceRange(open.range.start, previousEnd))
            }
            if atEnd || atDeclarationStart {
                if !unwinding {
                    unwinding = true
                    error(
                        "expected '}' to close the block, found \(current.description)",
                        at: current.range,
                        help: atEnd
                            ? nil : "functions cannot be nested; close the block above first",
                        notes: [.init("'{' opened here", at: open.range)])
                }
                return Block(stmts: stmts, range: SourceRange(open.range.start, previousEnd))
            }
            if let closer, at(closer), closer == .else || !current.atLineStart {
                error(
                    "expected '}' before '\(closer.rawValue)'", at: current.range,
                    notes: [.init("'{' opened here", at: open.range)])
                panicking = false
                return Block(stmts: stmts, range: SourceRange(open.range.start, previousEnd))
            }
            let before = index
            if let stmt = parseStatement() { stmts.append(stmt) }
            if !panicking, let closer, at(closer), !current.atLineStart { continue }
            if !panicking { expectStatementEnd(after: stmts.last) }
            if panicking { resynchronize() }
            if index == before, !at(.rBrace), !atEnd, !atDeclarationStart { advance() }
        }
    }

    /// After a statement: a line break, `;`, `}` or the end of the file must follow.
    func expectStatementEnd(after stmt: StmtID?) {
        if consume(.semicolon) != nil || at(.rBrace) || atEnd || current.atLineStart { return }
        var help: String?
        if at(.comma), let stmt, case .binding(let isVar, _, _, _) = ast.stmts[stmt].kind {
            let keyword = isVar ? "var" : "let"
            help = "declare one name per '\(keyword)', each on its own line or separated by ';'"
        } else if at(.assign) {
            help = "assignment is a statement, not an expression, so it cannot be chained"
        } else {
            help = "put each statement on its own line, or separate them with ';'"
        }
        errorAtCurrent("expected a line break or ';' after the statement", help: help)
    }

    func parseStatement() -> StmtID? {
        switch current.kind {
        case .keyword(.let), .keyword(.var): return parseBinding()
        case .keyword(.if): return parseIf()
        case .keyword(.while): return parseWhile()
        case .keyword(.repeat): return parseRepeat()
        case .keyword(.for): return parseFor()
        case .keyword(.return):
            let token = advance()
            var value: ExprID?
            if !(at(.rBrace) || at(.semicolon) || atEnd || current.atLineStart) {
                value = parseExpression()
            }
            return makeStmt(.returnStmt(value), SourceRange(token.range.start, previousEnd))
        case .keyword(.break):
            return makeStmt(.breakStmt, advance().range)
        case .keyword(.continue):
            return makeStmt(.continueStmt, advance().range)
        case .keyword(.else):
            error(
                "'else' must follow the closing '}' of an 'if'", at: current.range,
                help: "check the braces above")
            return nil
        case .attribute:
            error(
                "an attribute must come right before 'func'", at: current.range,
                help: "attributes apply to functions, e.g. @inline(never) func f() { ... }")
            return nil
        case .punct(.lBrace):
            return parseStrayBlock()
        default:
            return parseExpressionStatement()
        }
    }

    /// A `{` where a statement should start: Kern has no bare blocks. The block is
    /// parsed anyway so its braces pair up; `{ ... } while c` is a `repeat` missing
    /// its keyword. Reported only when nothing inside was, so nesting does not cascade.
    func parseStrayBlock() -> StmtID? {
        let open = current
        let diagnosticsBefore = diagnostics.count
        let block = parseBlock()
        let clean = diagnostics.count == diagnosticsBefore && !panicking
        if at(.while), !current.atLineStart, !panicking {
            if clean {
                error(
                    "expected 'repeat' before the loop body", at: open.range,
                    help: "write repeat { ... } while condition")
                panicking = false
            }
            advance()
            let condition = parseExpression()
            return makeStmt(
                .repeatWhile(body: block, condition: condition),
                SourceRange(open.range.start, previousEnd))
        }
        if clean {
            error(
                "a block cannot stand alone as a statement", at: open.range,
                help: "use the block as the body of 'if', 'while', 'for' or 'repeat'")
            panicking = false
        }
        return makeStmt(.block(block), block.range)
    }

    /// `e`, `target = e`, `target op= e`.
    func parseExpressionStatement() -> StmtID? {
        let start = current.range.start
        let target = parseExpression()
        if case .punct(let p) = current.kind, p == .assign || p.compoundOp != nil, !panicking {
            let opToken = advance()
            let value = parseExpression()
            return makeStmt(
                .assign(target: target, op: p.compoundOp, value: value, opRange: opToken.range),
                SourceRange(start, previousEnd))
        }
        return makeStmt(.expr(target), SourceRange(start, previousEnd))
    }

    /// `let x = e`, `var x: T`, `let (q, r) = e`.
    func parseBinding() -> StmtID? {
        let keyword = advance()
        let isVar = keyword.isKeyword(.var)
        let keywordText = isVar ? "var" : "let"
        let pattern: Pattern
        switch current.kind {
        case .identifier(let name):
            pattern = .name(name, advance().range)
        case .punct(.lParen):
            let open = advance()
            var names: [(name: String, range: SourceRange)] = []
            while !at(.rParen) {
                guard case .identifier(let name) = current.kind else {
                    errorAtCurrent("expected a name in the tuple pattern")
                    return nil
                }
                names.append((name, advance().range))
                if consume(.comma) == nil { break }
            }
            guard
                expect(
                    .rParen, "',' or ')' in the tuple pattern",
                    note: .init("'(' opened here", at: open.range)) != nil
            else { return nil }
            pattern = .tuple(names, SourceRange(open.range.start, previousEnd))
        default:
            errorAtCurrent(
                "expected a name after '\(keywordText)'",
                help: keywordAsNameHelp())
            return nil
        }
        var type: TypeSyntax?
        if consume(.colon) != nil { type = parseType() }
        var value: ExprID?
        if consume(.assign) != nil {
            value = parseExpression()
        } else if at(.eq) {
            error(
                "expected '=' in the declaration, found '=='", at: current.range,
                help: "write '\(keywordText) name = value'")
            return nil
        }
        return makeStmt(
            .binding(isVar: isVar, pattern: pattern, type: type, value: value),
            SourceRange(keyword.range.start, previousEnd))
    }

    /// "'for' is a keyword..." when the current token is a keyword used as a name.
    func keywordAsNameHelp() -> String? {
        guard case .keyword(let k) = current.kind else { return nil }
        return "'\(k.rawValue)' is a keyword and cannot be used as a name; choose another name"
    }

    /// The body after a condition or `repeat`: `{` must come next.
    func parseBody(after what: String, closer: Keyword? = nil) -> Block? {
        guard !panicking else { return nil }
        guard at(.lBrace) else {
            errorAtCurrent(
                "expected '{' after \(what)",
                help: at(.assign) ? "use '==' to compare values" : nil)
            guard braceWasForgotten() else { return nil }
            // `for i in r  s += 1 }`: parse the body as if the `{` were there, so its
            // `}` does not close the function and the error does not cascade.
            panicking = false
            return parseBlock(openingBraceMissing: true, closer: closer)
        }
        return parseBlock(closer: closer)
    }

    /// After a complete header, the current token starts a statement and no `{`
    /// follows on this line: the `{` was most likely left out.
    func braceWasForgotten() -> Bool {
        guard startsStatement(current) || current.atLineStart, !atDeclarationStart,
            !at(.rBrace), !atEnd
        else { return false }
        var i = index
        repeat {
            if tokens[i].isPunct(.lBrace) { return false }
            if tokens[i].isPunct(.rBrace) { return true }
            i += 1
        } while i < tokens.count - 1 && !tokens[i].atLineStart
        return true
    }

    func parseIf() -> StmtID? {
        let keyword = advance()
        let condition = parseExpression()
        guard let then = parseBody(after: "the 'if' condition", closer: .else) else { return nil }
        var elseBranch: StmtID?
        if let elseToken = consume(.else) {
            if at(.if) {
                guard enterNesting() else { return nil }
                elseBranch = parseIf()
                leaveNesting()
                if elseBranch == nil { return nil }
            } else if at(.lBrace) {
                let block = parseBlock()
                elseBranch = makeStmt(.block(block), block.range)
            } else {
                errorAtCurrent(
                    "expected '{' or 'if' after 'else'",
                    notes: [.init("'else' is here", at: elseToken.range)])
                guard braceWasForgotten() else { return nil }
                panicking = false
                let block = parseBlock(openingBraceMissing: true)
                elseBranch = makeStmt(.block(block), block.range)
            }
        }
        return makeStmt(
            .ifStmt(condition: condition, then: then, elseBranch: elseBranch),
            SourceRange(keyword.range.start, previousEnd))
    }

    func parseWhile() -> StmtID? {
        let keyword = advance()
        let condition = parseExpression()
        guard let body = parseBody(after: "the 'while' condition") else { return nil }
        return makeStmt(
            .whileStmt(condition: condition, body: body),
            SourceRange(keyword.range.start, previousEnd))
    }

    func parseRepeat() -> StmtID? {
        let keyword = advance()
        guard let body = parseBody(after: "'repeat'", closer: .while) else { return nil }
        guard
            expect(
                .while, "'while' after the body of 'repeat'",
                help: "write repeat { ... } while condition") != nil
        else { return nil }
        let condition = parseExpression()
        return makeStmt(
            .repeatWhile(body: body, condition: condition),
            SourceRange(keyword.range.start, previousEnd))
    }

    /// `for i in sequence { }`.
    /// At `(` after `for`: if a `;` follows inside the parentheses, the Kern spelling of
    /// the C loop — `for i in a..<b` for `for (i = a; i < b; i++)` (`...` for `<=`,
    /// `stride(from:to:by:)` for other steps), `while true` for `for (;;)`, else a general
    /// hint. nil when this is not a C-style header.
    func cStyleForHelp() -> String? {
        var i = index + 1
        var level = 1
        var parts: [[Token]] = [[]]
        while i < tokens.count - 1, level > 0 {
            let t = tokens[i]
            if t.isPunct(.lParen) { level += 1 }
            if t.isPunct(.rParen) { level -= 1 }
            if t.isPunct(.lBrace) || t.isPunct(.rBrace) { break }
            if level == 1, t.isPunct(.semicolon) {
                parts.append([])
            } else if level > 0 {
                parts[parts.count - 1].append(t)
            }
            i += 1
        }
        guard parts.count == 3 else { return nil }
        if parts.allSatisfy(\.isEmpty) { return "write 'while true { ... }' for an endless loop" }
        let general =
            "write 'for i in a..<b { ... }', or stride(from: a, to: b, by: step) for other steps"
        // `i = a` or `var i = a` / `int i = a`: the name is the token before `=`.
        let initTokens = parts[0]
        guard let eq = initTokens.firstIndex(where: { $0.isPunct(.assign) }), eq > 0,
            case .identifier(let name) = initTokens[eq - 1].kind, eq + 1 < initTokens.count
        else { return general }
        let from = text(of: initTokens[eq + 1].range.union(initTokens.last!.range))
        let condition = parts[1]
        guard condition.count >= 3, case .identifier(name) = condition[0].kind,
            condition[1].isPunct(.lt) || condition[1].isPunct(.le)
        else { return general }
        let to = text(of: condition[2].range.union(condition.last!.range))
        let step = parts[2].map { text(of: $0.range) }.joined()
        let range = condition[1].isPunct(.lt) ? "..<" : "..."
        guard step == "\(name)++" || step == "++\(name)" || step == "\(name)+=1" else {
            let by = step.hasPrefix("\(name)+=") ? String(step.dropFirst(name.count + 2)) : "step"
            let label = condition[1].isPunct(.lt) ? "to" : "through"
            return
                "write 'for \(name) in stride(from: \(from), \(label): \(to), by: \(by)) { ... }'"
        }
        return "write 'for \(name) in \(from)\(range)\(to) { ... }'"
    }

    func parseFor() -> StmtID? {
        let keyword = advance()
        if at(.lParen), let help = cStyleForHelp() {
            error(
                "C-style 'for' loops are not available in Kern",
                at: keyword.range.union(current.range),
                help: help)
            skipParenthesised()
            return nil
        }
        guard case .identifier(let variable) = current.kind else {
            errorAtCurrent("expected a loop variable name after 'for'", help: keywordAsNameHelp())
            return nil
        }
        let variableRange = advance().range
        guard
            expect(
                .in, "'in' after the loop variable",
                help: "write for \(variable) in 0..<n { ... }") != nil
        else { return nil }
        let sequence = parseExpression()
        guard let body = parseBody(after: "the 'for' sequence") else { return nil }
        return makeStmt(
            .forIn(
                variable: variable, variableRange: variableRange, sequence: sequence, body: body),
            SourceRange(keyword.range.start, previousEnd))
    }
}
