import KernBasics

/// Function declarations, attributes, parameters and type annotations (LANGUAGE.md §2, §3, §10).
///
/// In: the parser at `@` or `func`. Out: a `FunctionDecl`, or nil after a diagnostic
/// (the caller then skips to the next declaration).
extension Parser {
    /// Attributes Kern knows, with the arguments each accepts (nil: takes none).
    static let knownAttributes: [String: [String]?] = [
        "vectorize": nil,
        "inline": ["never", "always"],
        "extern": ["c"],
    ]

    func parseFunction() -> FunctionDecl? {
        let start = current.range.start
        var attributes: [Attribute] = []
        while case .attribute(let name) = current.kind {
            if let attribute = parseAttribute(name: name) { attributes.append(attribute) }
        }
        guard let funcToken = consume(.func) else {
            errorAtCurrent("expected 'func' after the attribute")
            return nil
        }
        guard case .identifier(let name) = current.kind else {
            errorAtCurrent(
                "expected a function name after 'func'",
                help: current.isPunct(.lParen)
                    ? "name the function: func name(...)" : keywordAsNameHelp())
            return nil
        }
        let nameRange = advance().range
        let genericParams = at(.lt) ? parseGenericParams() : []
        guard let open = expect(.lParen, "'(' to start the parameter list of '\(name)'") else {
            return nil
        }
        let params = parseParameters(open: open)
        var returnType: TypeSyntax?
        if consume(.arrow) != nil {
            returnType = parseType()
        } else if at(.colon) {
            error(
                "return types are written with '->', found ':'", at: current.range,
                help: "write 'func \(name)(...) -> T'")
            advance()
            returnType = parseType()
        }
        guard !panicking else { return nil }
        let isExtern = attributes.contains { $0.name == "extern" }
        if isExtern && !at(.lBrace) {
            // `@extern(c) func erfc(_ x: Double) -> Double`: the body is C's.
            var decl = FunctionDecl(
                attributes: attributes, name: name, nameRange: nameRange, params: params,
                returnType: returnType, body: Block(stmts: [], range: SourceRange(at: previousEnd)),
                funcKeywordRange: funcToken.range, range: SourceRange(start, previousEnd))
            decl.hasBody = false
            decl.genericParams = genericParams
            return decl
        }
        guard at(.lBrace) else {
            errorAtCurrent("expected '{' to start the body of '\(name)'")
            return nil
        }
        let body = parseBlock()
        var decl = FunctionDecl(
            attributes: attributes, name: name, nameRange: nameRange, params: params,
            returnType: returnType, body: body, funcKeywordRange: funcToken.range,
            range: SourceRange(start, previousEnd))
        decl.genericParams = genericParams
        return decl
    }

    /// `@vectorize`, `@inline(never)`, `@inline(always)`.
    func parseAttribute(name: String) -> Attribute? {
        let token = advance()
        guard let allowed = Parser.knownAttributes[name] else {
            error(
                "unknown attribute '@\(name)'", at: token.range,
                help: "Kern's attributes are @vectorize, @inline(never) and @inline(always)")
            if at(.lParen) { skipParenthesised() }
            // Go on with the declaration only if it visibly continues.
            if case .attribute = current.kind { panicking = false }
            if at(.func) { panicking = false }
            return nil
        }
        guard let choices = allowed else {
            if at(.lParen), !current.spaceBefore {
                error("'@\(name)' takes no arguments", at: current.range, help: "write '@\(name)'")
                skipParenthesised()
                panicking = false
            }
            return Attribute(name: name, argument: nil, range: token.range)
        }
        let list = choices.joined(separator: " or ")
        guard expect(.lParen, "'(' after '@\(name)'", help: "write @\(name)(\(choices[0]))") != nil
        else { return nil }
        guard case .identifier(let argument) = current.kind, choices.contains(argument) else {
            errorAtCurrent("expected \(list) in '@\(name)(...)'")
            return nil
        }
        advance()
        var symbol: String?
        var options: [String] = []
        if name == "extern" {
            // `@extern(c, "symbol", pure)`: an optional C symbol name, then options.
            while consume(.comma) != nil {
                switch current.kind {
                case .string(let s) where symbol == nil && options.isEmpty:
                    symbol = s
                    advance()
                case .identifier(let option):
                    options.append(option)
                    advance()
                default:
                    errorAtCurrent(
                        "expected a symbol name in quotes or 'pure' in '@extern(c, ...)'",
                        help: "write @extern(c), @extern(c, \"symbol\") or @extern(c, pure)")
                    return nil
                }
            }
        }
        guard expect(.rParen, "')' after '@\(name)(\(argument)'") != nil else { return nil }
        var attribute = Attribute(
            name: name, argument: argument, range: SourceRange(token.range.start, previousEnd),
            symbol: symbol)
        attribute.options = options
        return attribute
    }

    /// Skips a parenthesised group that cannot be used (e.g. arguments of an unknown attribute).
    func skipParenthesised() {
        var level = 0
        repeat {
            if at(.lParen) { level += 1 } else if at(.rParen) { level -= 1 }
            advance()
        } while level > 0 && !atEnd && !at(.lBrace) && !atDeclarationStart
    }

    /// `(a: Float, _ x: [Double], by n: Int, y: inout [Float])` after the `(`.
    func parseParameters(open: Token) -> [Param] {
        var params: [Param] = []
        while !at(.rParen) {
            guard let param = parseParameter() else { return params }
            params.append(param)
            if consume(.comma) == nil { break }
        }
        expect(
            .rParen, "',' or ')' in the parameter list",
            note: .init("'(' opened here", at: open.range))
        return params
    }

    /// The text of a token usable as an argument label: identifiers, `_` and keywords.
    func labelText(_ token: Token) -> String? {
        switch token.kind {
        case .identifier(let name): return name
        case .keyword(let k): return k.rawValue
        default: return nil
        }
    }

    func parseParameter() -> Param? {
        let start = current.range.start
        if at(.inout), labelText(peekToken()) != nil {
            error(
                "'inout' goes before the parameter's type", at: current.range,
                help: "write 'name: inout T'")
            panicking = false
            advance()
        }
        guard let first = labelText(current) else {
            errorAtCurrent("expected a parameter name")
            return nil
        }
        let firstToken = advance()
        var label: String? = first
        var name = first
        var nameToken = firstToken
        if let second = labelText(current), !current.isPunct(.colon) {
            label = first == "_" ? nil : first
            name = second
            nameToken = advance()
        }
        guard case .identifier = nameToken.kind, name != "_" else {
            error(
                "expected a parameter name, found \(nameToken.description)", at: nameToken.range,
                help: nameToken.isKeyword(.inout) ? "write 'name: inout T'" : nil)
            return nil
        }
        guard expect(.colon, "':' and a type after parameter '\(name)'") != nil else { return nil }
        let isInout = consume(.inout) != nil
        let type = parseType()
        return Param(
            label: label, name: name, nameRange: nameToken.range, type: type, isInout: isInout,
            range: SourceRange(start, previousEnd))
    }

    // MARK: - Types

    /// `Double`, `[Float]`, `[[Int32]]`, `(Int, Double)`, `()`.
    func parseType() -> TypeSyntax {
        let start = current.range.start
        guard enterNesting() else { return .named("<error>", current.range) }
        defer { leaveNesting() }
        switch current.kind {
        case .identifier(let name):
            return .named(typeSubstitutions[name] ?? name, advance().range)
        case .punct(.lBracket):
            let open = advance()
            let element = parseType()
            expect(
                .rBracket, "']' to close the array type",
                note: .init("'[' opened here", at: open.range))
            return .array(element: element, SourceRange(start, previousEnd))
        case .punct(.lParen):
            let open = advance()
            var elements: [TypeSyntax] = []
            while !at(.rParen) && !panicking {
                elements.append(parseType())
                if consume(.comma) == nil { break }
            }
            expect(
                .rParen, "',' or ')' in the tuple type",
                note: .init("'(' opened here", at: open.range))
            return .tuple(elements, SourceRange(start, previousEnd))
        default:
            errorAtCurrent("expected a type")
            return .named("<error>", SourceRange(at: start))
        }
    }
}
