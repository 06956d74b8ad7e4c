import KernBasics

/// Expressions (LANGUAGE.md §4, §5): ternary, binary operators by precedence
/// climbing over `BinaryOp.precedence` (all left-associative), prefix `- ! ~ &`,
/// postfix calls, subscripts and member access, and primaries.
///
/// In: the parser at the first token of an expression. Out: an `ExprID` — an
/// `.error` node (after a diagnostic) where no expression could be parsed.
///
/// Line breaks: a `(` or `[` on a new line starts a new statement (as in Swift), a
/// `.member` on a new line continues the expression, and so does a binary operator,
/// unless it is written like a prefix operator (`-x`, `&x` with no space after it).
extension Parser {
    func parseExpression() -> ExprID {
        guard enterNesting() else { return errorExpr(at: current.range) }
        defer { leaveNesting() }
        let condition = parseBinary(minPrecedence: 1)
        guard at(.question), !panicking else { return condition }
        advance()
        let then = parseExpression()
        guard expect(.colon, "':' in the conditional expression 'c ? a : b'") != nil else {
            return errorExpr(at: SourceRange(range(of: condition).start, previousEnd))
        }
        let otherwise = parseExpression()
        return makeExpr(
            .ternary(condition: condition, then: then, else: otherwise),
            SourceRange(range(of: condition).start, previousEnd),
            children: [condition, then, otherwise])
    }

    func range(of expr: ExprID) -> SourceRange { ast.exprs[expr].range }

    /// The binary operator at the current token, if it continues the expression.
    func currentBinaryOperator() -> BinaryOp? {
        guard case .punct(let p) = current.kind, let op = p.binaryOp else { return nil }
        if current.atLineStart, p == .minus || p == .amp, !peekToken().spaceBefore {
            // `-x` / `&x` starting a line is a new statement, as in Swift.
            return nil
        }
        return op
    }

    /// `++` / `--`: two adjacent `+` (or `-`) tokens at the current one.
    var atIncrementOperator: Bool {
        guard at(.plus) || at(.minus) else { return false }
        let next = peekToken()
        return next.isPunct(at(.plus) ? .plus : .minus) && !next.spaceBefore
    }

    /// C's `i++` / `i--` (postfix, after `operand`): one error with the Kern spelling,
    /// covering both characters; both tokens are consumed so the statement ends cleanly.
    @inline(never)
    func reportPostfixIncrement(_ operand: ExprID) -> ExprID {
        let first = advance()
        let second = advance()
        let spelling = first.isPunct(.plus) ? "++" : "--"
        let target = text(of: range(of: operand))
        let compound = first.isPunct(.plus) ? "+=" : "-="
        error(
            "'\(spelling)' is not available in Kern: use '\(target) \(compound) 1'",
            at: SourceRange(first.range.start, second.range.end),
            help: "write '\(target) \(compound) 1' as a statement of its own")
        panicking = false  // both tokens consumed: parsing goes on normally
        return errorExpr(at: SourceRange(range(of: operand).start, second.range.end))
    }

    func parseBinary(minPrecedence: Int) -> ExprID {
        var lhs = parseUnary()
        if !panicking, atIncrementOperator, !current.atLineStart {
            return reportPostfixIncrement(lhs)
        }
        while !panicking, let op = currentBinaryOperator(), op.precedence >= minPrecedence {
            let opToken = advance()
            let rhs = parseBinary(minPrecedence: op.precedence + 1)
            lhs = makeBinary(op, lhs, rhs, opRange: opToken.range)
        }
        return lhs
    }

    @inline(never)
    func makeBinary(_ op: BinaryOp, _ lhs: ExprID, _ rhs: ExprID, opRange: SourceRange) -> ExprID {
        makeExpr(
            .binary(op, lhs: lhs, rhs: rhs, opRange: opRange), range(of: lhs).union(range(of: rhs)),
            children: [lhs, rhs])
    }

    func parseUnary() -> ExprID {
        guard case .punct(let p) = current.kind else { return parsePostfix() }
        let op: UnaryOp?
        if atIncrementOperator { return parsePrefixIncrement() }
        switch p {
        case .minus: op = .negate
        case .bang: op = .not
        case .tilde: op = .bitNot
        case .amp: op = nil
        case .plus:
            error("unary '+' is not supported", at: current.range, help: "remove the '+'")
            return errorExpr(at: current.range)
        default:
            return parsePostfix()
        }
        let opToken = advance()
        guard enterNesting() else { return errorExpr(at: opToken.range) }
        defer { leaveNesting() }
        let operand = parseUnary()
        let kind: ExprKind =
            if let op { .unary(op, operand: operand, opRange: opToken.range) } else {
                .inoutRef(operand)
            }
        return makeExpr(kind, SourceRange(opToken.range.start, previousEnd), children: [operand])
    }

    /// C's `++i` / `--i` (Swift has neither; `- -i` with a space still negates twice).
    /// Out of line, to keep `parseUnary`'s recursive frame small.
    @inline(never)
    func parsePrefixIncrement() -> ExprID {
        let first = advance()
        let second = advance()
        guard enterNesting() else { return errorExpr(at: first.range) }
        defer { leaveNesting() }
        let operand = parseUnary()
        let spelling = first.isPunct(.plus) ? "++" : "--"
        let compound = first.isPunct(.plus) ? "+=" : "-="
        let target = text(of: range(of: operand))
        error(
            "'\(spelling)' is not available in Kern: use '\(target) \(compound) 1'",
            at: SourceRange(first.range.start, second.range.end),
            help: "write '\(target) \(compound) 1' as a statement of its own")
        return errorExpr(at: SourceRange(first.range.start, previousEnd))
    }

    /// Primary followed by calls, subscripts and member accesses. The suffixes are
    /// parsed out of line to keep this frame, which recursion passes through, small.
    func parsePostfix() -> ExprID {
        var base = parsePrimary()
        while !panicking {
            if at(.lParen), !current.atLineStart {
                base = parseCallSuffix(base)
            } else if at(.lBracket), !current.atLineStart {
                base = parseSubscriptSuffix(base)
            } else if at(.dot) {
                base = parseMemberSuffix(base)
            } else {
                break
            }
        }
        return base
    }

    @inline(never)
    func parseCallSuffix(_ base: ExprID) -> ExprID {
        let open = advance()
        let arguments = parseArguments(open: open)
        return makeExpr(
            .call(callee: base, arguments: arguments),
            SourceRange(range(of: base).start, previousEnd),
            children: [base] + arguments.map(\.value))
    }

    @inline(never)
    func parseSubscriptSuffix(_ base: ExprID) -> ExprID {
        let open = advance()
        var indices: [ExprID] = []
        while !at(.rBracket), !panicking {
            indices.append(parseExpression())
            if consume(.comma) == nil { break }
        }
        if indices.isEmpty, !panicking {
            errorAtCurrent("expected an index in the subscript")
        }
        expect(
            .rBracket, "',' or ']' in the subscript", note: .init("'[' opened here", at: open.range)
        )
        return makeExpr(
            .subscriptAccess(base: base, indices: indices),
            SourceRange(range(of: base).start, previousEnd), children: [base] + indices)
    }

    /// `.name` or `.0` after `base`.
    @inline(never)
    func parseMemberSuffix(_ base: ExprID) -> ExprID {
        let start = range(of: base).start
        advance()
        switch current.kind {
        case .identifier(let name):
            let nameRange = advance().range
            return makeExpr(
                .member(base: base, name: name, nameRange: nameRange),
                SourceRange(start, previousEnd), children: [base])
        case .integer(let value, let text):
            guard let value, value <= UInt64(Int32.max), text.allSatisfy(\.isNumber) else {
                errorAtCurrent("expected a tuple element index such as '.0'")
                return errorExpr(at: SourceRange(start, current.range.end))
            }
            let indexRange = advance().range
            return makeExpr(
                .tupleElement(base: base, index: Int(value), indexRange: indexRange),
                SourceRange(start, previousEnd), children: [base])
        default:
            errorAtCurrent("expected a member name or tuple index after '.'")
            return errorExpr(at: SourceRange(start, previousEnd))
        }
    }

    /// Call arguments after `(`: `f(x, by: 2)`, `atomicAdd(&a[i], v)`.
    func parseArguments(open: Token) -> [Argument] {
        var arguments: [Argument] = []
        while !at(.rParen), !panicking {
            var label: String?
            var labelRange: SourceRange?
            if let text = labelText(current), peekToken().isPunct(.colon) {
                label = text
                labelRange = advance().range
                advance()
            }
            arguments.append(
                Argument(label: label, labelRange: labelRange, value: parseExpression()))
            if consume(.comma) == nil { break }
        }
        expect(
            .rParen, "',' or ')' in the argument list",
            note: .init("'(' opened here", at: open.range))
        return arguments
    }

    func parsePrimary() -> ExprID {
        let token = current
        if token.isPunct(.dot), let e = parseImplicitMember() { return e }
        switch token.kind {
        case .integer(let value, let text):
            advance()
            return makeExpr(.integerLiteral(value: value, text: text), token.range)
        case .float(let text):
            advance()
            return makeExpr(.floatLiteral(text: text), token.range)
        case .string(let value):
            advance()
            return makeExpr(.stringLiteral(value), token.range)
        case .keyword(.true), .keyword(.false):
            advance()
            return makeExpr(.boolLiteral(token.isKeyword(.true)), token.range)
        case .identifier(let name):
            advance()
            return makeExpr(.name(typeSubstitutions[name] ?? name), token.range)
        case .invalid:
            // Already reported by the lexer; stand in for the bad literal quietly.
            advance()
            return errorExpr(at: token.range)
        case .punct(.lParen):
            return parseParenthesised()
        case .punct(.lBracket):
            return parseArrayTypeCallee()
        case .keyword, .attribute, .punct, .endOfFile:
            var help: String?
            if token.isPunct(.dot) {
                help =
                    "name the type, e.g. Double.pi (implicit members like .sum are only for allreduce)"
            } else if case .keyword(let k) = token.kind, k != .in, k != .else, k != .inout {
                help = "'\(k.rawValue)' is a keyword and starts a statement, not an expression"
            }
            errorAtCurrent("expected an expression", help: help)
            return errorExpr(at: token.range)
        }
    }

    /// `.sum` (at a `.`): nil when no identifier follows. Kept out of `parsePrimary`, which
    /// deeply nested input recurses through: its stack frame must not grow (the fuzz
    /// corpus parses on a 1 MiB stack).
    @inline(never)
    func parseImplicitMember() -> ExprID? {
        let dot = current
        guard case .identifier(let name) = peekToken().kind else { return nil }
        advance()
        let nameToken = advance()
        return makeExpr(.implicitMember(name), SourceRange(dot.range.start, nameToken.range.end))
    }

    /// `(e)`, `(a, b)` or `()`.
    func parseParenthesised() -> ExprID {
        let open = advance()
        var elements: [ExprID] = []
        var sawComma = false
        while !at(.rParen), !panicking {
            elements.append(parseExpression())
            if consume(.comma) == nil { break }
            sawComma = true
        }
        expect(
            .rParen, "',' or ')' after the expression",
            note: .init("'(' opened here", at: open.range))
        let range = SourceRange(open.range.start, previousEnd)
        if elements.count == 1, !sawComma {
            return makeExpr(.paren(elements[0]), range, children: elements)
        }
        return makeExpr(.tuple(elements), range, children: elements)
    }

    /// `[Double](repeating: 0, count: n)`: an array type as a callee. Kern has no
    /// array literals, so anything else after `[` is an error.
    func parseArrayTypeCallee() -> ExprID {
        let start = current.range.start
        let next = peekToken()
        let startsType: Bool =
            switch next.kind {
            case .identifier: true
            case .punct(.lBracket), .punct(.lParen): true
            default: false
            }
        guard startsType else {
            error(
                "array literals are not supported in Kern", at: current.range,
                help: "create an array with [Double](repeating: 0, count: n) and fill it")
            return errorExpr(at: current.range)
        }
        let type = parseType()
        let range = SourceRange(start, previousEnd)
        guard !panicking else { return errorExpr(at: range) }
        if !at(.lParen) || current.atLineStart {
            error(
                "expected '(' after the array type", at: current.range,
                help: "create an array with [Double](repeating: 0, count: n)")
            return errorExpr(at: range)
        }
        return makeExpr(.arrayType(type), range)
    }
}
