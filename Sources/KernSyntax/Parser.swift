import KernBasics

/// Parses a source file into an AST. Never fails: syntax errors are returned as
/// diagnostics, with `.error` nodes in the tree where input could not be parsed.
///
/// Recovery (DESIGN.md example 10): the first error in a statement is recorded, the
/// parser then skips to a `;`, a line break, a `}` or the next `func`, and goes on,
/// so independent mistakes are all reported in one run without cascades.
/// Nesting (blocks plus expressions) is limited to `Parser.maxDepth`, so deep input
/// produces a diagnostic rather than a stack overflow, here or in later phases. The
/// parser's own recursion is also limited in bytes (`Parser.stackBudget`): frame sizes
/// vary with the build (an AddressSanitizer debug build needs several times a release
/// build's), and the budget makes "nested too deeply" come before the stack runs out
/// in every build on any thread with at least 1 MiB of stack (docs/decisions.md).
public final class Parser {
    /// Maximum nesting of blocks and expressions, and maximum expression tree height.
    public static let maxDepth = 256
    /// Most stack (bytes) the parser's recursion may use below `parse`'s frame. Release
    /// and debug builds reach `maxDepth` well within it; sanitizer builds may not.
    public static let stackBudget: UInt = 768 << 10

    var tokens: [Token]
    var index = 0
    var ast = AST()
    var diagnostics: [Diagnostic]
    /// Set after an error until the parser resynchronises; suppresses follow-on errors.
    var panicking = false
    /// Set when a block ran into `func` or the end of the file without its `}`; the
    /// enclosing blocks then close silently (one error, not one per level).
    var unwinding = false
    /// Current recursion depth (blocks + nested expressions).
    var depth = 0
    /// Height of each expression tree, indexed like `ast.exprs`.
    var exprHeights: [Int] = []
    /// Stack address at the start of `parse` (see `stackBudget`).
    let stackTop: UInt

    /// Type parameters replaced while parsing a generic function's instance
    /// (Parser+Generics.swift): `T` → `Double` in types and in expressions (`T(x)`, `T.pi`).
    var typeSubstitutions: [String: String] = [:]

    /// The source bytes, for fix-it text quoting what the user wrote (`use 'a[k] += 1'`).
    var source: [UInt8] = []

    init(tokens: [Token], diagnostics: [Diagnostic], stackTop: UInt) {
        self.tokens = tokens
        self.diagnostics = diagnostics
        self.stackTop = stackTop
    }

    /// The source text of a range.
    func text(of r: SourceRange) -> String {
        let lo = min(Int(r.start.offset), source.count)
        let hi = max(lo, min(Int(r.end.offset), source.count))
        return String(decoding: source[lo..<hi], as: UTF8.self)
    }

    public static func parse(_ file: SourceFile) -> (ast: AST, diagnostics: [Diagnostic]) {
        let (tokens, lexDiagnostics) = Lexer.tokenize(file)
        let parser = Parser(
            tokens: tokens, diagnostics: lexDiagnostics, stackTop: currentStackAddress())
        parser.source = Array(file.utf8)
        parser.parseFile()
        let sorted = parser.diagnostics.enumerated().sorted {
            ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
        }.map(\.element)
        return (parser.ast, sorted)
    }

    // MARK: - Tokens

    var current: Token { tokens[index] }

    func peekToken(_ offset: Int = 1) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    var atEnd: Bool {
        if case .endOfFile = current.kind { return true }
        return false
    }

    /// End of the most recently consumed token (for node ranges).
    var previousEnd: SourceLoc {
        index > 0 ? tokens[index - 1].range.end : current.range.start
    }

    @discardableResult
    func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func at(_ p: Punct) -> Bool { current.isPunct(p) }
    func at(_ k: Keyword) -> Bool { current.isKeyword(k) }

    func consume(_ p: Punct) -> Token? {
        guard at(p) else { return nil }
        return advance()
    }

    func consume(_ k: Keyword) -> Token? {
        guard at(k) else { return nil }
        return advance()
    }

    /// Consumes `p` or reports "expected <what>" at the current token.
    @discardableResult
    func expect(_ p: Punct, _ what: String, help: String? = nil, note: Diagnostic.Note? = nil)
        -> Token?
    {
        if let token = consume(p) { return token }
        errorAtCurrent("expected \(what)", help: help, notes: note.map { [$0] } ?? [])
        return nil
    }

    /// Consumes keyword `k` or reports "expected <what>" at the current token.
    @discardableResult
    func expect(_ k: Keyword, _ what: String, help: String? = nil) -> Token? {
        if let token = consume(k) { return token }
        errorAtCurrent("expected \(what)", help: help)
        return nil
    }

    /// Starts a declaration at top level or inside a block during recovery.
    /// `func`, or attributes (with optional `(...)` arguments) followed by `func`.
    var atDeclarationStart: Bool {
        var i = index
        while case .attribute = tokens[i].kind {
            i += 1
            if tokens[i].isPunct(.lParen) {
                // `@inline(never)`, `@extern(c, "symbol", pure)`: skip a short argument list.
                var j = i + 1
                while j < tokens.count - 1, j < i + 8, !tokens[j].isPunct(.rParen) { j += 1 }
                i = tokens[j].isPunct(.rParen) ? j + 1 : j
            }
        }
        return tokens[i].isKeyword(.func)
    }

    var atFileConstantStart: Bool {
        guard at(.let) || at(.var), current.atLineStart, index > 0 else { return false }
        return tokens[index - 1].isPunct(.rBrace) || tokens[index - 1].isPunct(.semicolon)
    }

    // MARK: - Diagnostics

    /// Records an error unless the parser is already recovering from one.
    @inline(never)
    func error(
        _ message: String, at range: SourceRange, help: String? = nil, notes: [Diagnostic.Note] = []
    ) {
        guard !panicking else { return }
        panicking = true
        diagnostics.append(.error(at: range, message, help: help, notes: notes))
    }

    /// "expected X, found Y" at the current token. An `.invalid` token was already
    /// reported by the lexer, so it only starts recovery.
    @inline(never)
    func errorAtCurrent(_ message: String, help: String? = nil, notes: [Diagnostic.Note] = []) {
        if case .invalid = current.kind {
            panicking = true
            return
        }
        error(
            "\(message), found \(current.description)", at: current.range, help: help, notes: notes)
    }

    /// Skips to a point where parsing can resume: after a `;`, or before a line
    /// break, a `}`, a declaration or the end of the file. Braced groups are skipped
    /// whole so a bad `if` header does not leave its body to be misparsed.
    func resynchronize() {
        panicking = false
        var consumedAny = false
        while !atEnd {
            if at(.rBrace) || atDeclarationStart { return }
            if current.atLineStart && (consumedAny || startsStatement(current)) { return }
            if consume(.semicolon) != nil { return }
            if at(.lBrace) {
                skipBracedGroup()
            } else {
                advance()
            }
            consumedAny = true
        }
    }

    /// Skips from `{` to its matching `}` (or to a declaration or the end of the file;
    /// then the enclosing blocks are unclosed too, which `unwinding` says without
    /// another diagnostic).
    func skipBracedGroup() {
        var level = 0
        while !atEnd {
            if at(.lBrace) {
                level += 1
            } else if at(.rBrace) {
                level -= 1
                if level == 0 {
                    advance()
                    return
                }
            } else if atDeclarationStart && current.atLineStart {
                unwinding = true
                return
            }
            advance()
        }
        unwinding = true
    }

    func startsStatement(_ token: Token) -> Bool {
        switch token.kind {
        case .keyword(let k):
            switch k {
            case .let, .var, .if, .while, .repeat, .for, .return, .break, .continue, .func:
                return true
            case .inout, .else, .in, .true, .false:
                return false
            }
        case .identifier, .attribute: return true
        case .integer, .float, .string, .punct, .invalid, .endOfFile: return false
        }
    }

    // MARK: - Nodes

    @inline(never)
    func makeExpr(_ kind: ExprKind, _ range: SourceRange, children: [ExprID] = []) -> ExprID {
        let height = 1 + children.reduce(0) { max($0, exprHeights[$1.index]) }
        if height > Parser.maxDepth {
            error(
                "expression is nested too deeply (the limit is \(Parser.maxDepth) levels)",
                at: range, help: "split the expression using intermediate 'let' constants")
            return appendExpr(.error, range, height: 1)
        }
        return appendExpr(kind, range, height: height)
    }

    func appendExpr(_ kind: ExprKind, _ range: SourceRange, height: Int) -> ExprID {
        exprHeights.append(height)
        return ast.exprs.append(Expr(kind: kind, range: range))
    }

    func errorExpr(at range: SourceRange) -> ExprID {
        appendExpr(.error, range, height: 1)
    }

    func makeStmt(_ kind: StmtKind, _ range: SourceRange) -> StmtID {
        ast.stmts.append(Stmt(kind: kind, range: range))
    }

    /// Size of the probe `currentStackAddress` allocates. A variable, so the allocation
    /// is a dynamic one: AddressSanitizer moves fixed-size locals to its "fake stack"
    /// (use-after-return detection), whose addresses say nothing about stack depth, but
    /// leaves dynamic allocations on the thread's real stack.
    nonisolated(unsafe) static var probeSize = 1

    /// An address at the current depth of the thread's stack (stacks grow down on every
    /// supported target, so deeper frames have smaller addresses).
    @inline(never)
    static func currentStackAddress() -> UInt {
        withUnsafeTemporaryAllocation(byteCount: probeSize, alignment: 1) {
            UInt(bitPattern: $0.baseAddress)
        }
    }

    /// Whether the recursion so far stays within `stackBudget`. A distance that makes
    /// no sense (another mapping) does not count: the depth limit still applies.
    var withinStackBudget: Bool {
        let here = Parser.currentStackAddress()
        guard here < stackTop, stackTop - here < 1 << 30 else { return true }
        return stackTop - here < Parser.stackBudget
    }

    /// Enters one nesting level; false (after a diagnostic) when the limit is reached.
    func enterNesting() -> Bool {
        guard depth < Parser.maxDepth, withinStackBudget else {
            error(
                "code is nested too deeply (the limit is \(Parser.maxDepth) levels)",
                at: current.range,
                help: "move inner parts into separate functions or 'let' constants")
            return false
        }
        depth += 1
        return true
    }

    func leaveNesting() { depth -= 1 }

    // MARK: - File

    func parseFile() {
        while !atEnd {
            if case .attribute = current.kind, !atDeclarationStart {
                // A misspelt attribute (`@inlinenever)`): let the declaration parser say so.
                unwinding = false
                if let function = parseFunction() { ast.functions.append(function) }
                resynchronizeTopLevel()
                continue
            }
            if atDeclarationStart {
                unwinding = false
                if let function = parseFunction() { ast.functions.append(function) }
                if panicking { resynchronizeTopLevel() }
                continue
            }
            if consume(.semicolon) != nil { continue }
            if at(.let) || at(.var) {
                // A file-scope constant (Sema rejects `var` with a clear error).
                unwinding = false
                if let stmt = parseBinding() {
                    ast.fileConstants.append(stmt)
                    expectStatementEnd(after: stmt)
                }
                if panicking { resynchronizeTopLevel() }
                continue
            }
            if at(.rBrace) {
                error(
                    "unexpected '}' at top level", at: current.range,
                    help: "remove it, or check the braces of the function above")
            } else {
                errorAtCurrent(
                    "expected a function declaration ('func')",
                    help: startsStatement(current)
                        ? "statements must be inside a function, e.g. func main() { ... }" : nil)
            }
            advance()
            resynchronizeTopLevel()
        }
    }

    /// At top level, only a declaration can start again: a function, or a file-scope
    /// `let`/`var` at the start of a line right after a `}` or `;` (elsewhere it is more
    /// likely a statement of a function whose `{` is missing).
    func resynchronizeTopLevel() {
        panicking = false
        while !atEnd, !atDeclarationStart, !atFileConstantStart {
            if at(.lBrace) { skipBracedGroup() } else { advance() }
        }
    }
}
