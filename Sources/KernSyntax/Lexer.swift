import KernBasics

/// Turns a source file's UTF-8 bytes into tokens (LANGUAGE.md §1) plus lexical
/// diagnostics. Never fails: bad input becomes an `.invalid` token (or a repaired
/// literal, e.g. `.5` → `0.5`) after a diagnostic, so parsing can go on.
/// The token list always ends with `.endOfFile`.
public struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    var pos = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    /// Set by whitespace and comments between tokens.
    var sawNewline = true
    var sawSpace = true

    public init(_ file: SourceFile) {
        self.file = file
        self.bytes = file.utf8
    }

    /// Lexes the whole file.
    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic])
    {
        var lexer = Lexer(file)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    mutating func run() {
        while true {
            skipTrivia()
            let start = pos
            guard pos < bytes.count else {
                emit(.endOfFile, from: start)
                return
            }
            let kind = lexToken()
            emit(kind, from: start)
        }
    }

    mutating func emit(_ kind: TokenKind, from start: Int) {
        tokens.append(
            Token(
                kind: kind, range: SourceRange(SourceLoc(start), SourceLoc(pos)),
                atLineStart: sawNewline, spaceBefore: sawSpace))
        sawNewline = false
        sawSpace = false
    }

    func peek(_ offset: Int = 0) -> UInt8 {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : 0
    }

    mutating func error(_ message: String, from start: Int, to end: Int, help: String? = nil) {
        diagnostics.append(
            .error(
                at: SourceRange(SourceLoc(start), SourceLoc(max(start, end))), message, help: help))
    }

    // MARK: - Trivia

    /// Skips whitespace and comments, noting newlines.
    mutating func skipTrivia() {
        while pos < bytes.count {
            let c = bytes[pos]
            switch c {
            case UInt8(ascii: "\n"):
                sawNewline = true
                sawSpace = true
                pos += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                sawSpace = true
                pos += 1
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                sawSpace = true
                while pos < bytes.count, bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                sawSpace = true
                skipBlockComment()
            default:
                return
            }
        }
    }

    /// Block comments nest, as in Swift: `/* a /* b */ c */` is one comment.
    mutating func skipBlockComment() {
        let start = pos
        pos += 2
        var depth = 1
        while pos < bytes.count {
            if bytes[pos] == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                depth += 1
                pos += 2
            } else if bytes[pos] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                depth -= 1
                pos += 2
                if depth == 0 { return }
            } else {
                if bytes[pos] == UInt8(ascii: "\n") { sawNewline = true }
                pos += 1
            }
        }
        error(
            "unterminated block comment", from: start, to: start + 2,
            help: depth > 1
                ? "block comments nest; add \(depth) '*/' to close them all"
                : "add '*/' to end the comment")
    }

    // MARK: - Tokens

    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
            || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    static func isIdentContinue(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) }

    mutating func lexToken() -> TokenKind {
        let c = bytes[pos]
        if Lexer.isIdentStart(c) { return lexIdentifierOrKeyword() }
        if Lexer.isDigit(c) { return lexNumber() }
        switch c {
        case UInt8(ascii: "\""):
            return lexString()
        case UInt8(ascii: "@"):
            return lexAttribute()
        case UInt8(ascii: ".") where Lexer.isDigit(peek(1)) && !dotIsMemberAccess():
            return lexLeadingDotFloat()
        default:
            break
        }
        if let p = lexPunct() { return .punct(p) }
        // Skip one whole Unicode scalar so the message can quote it.
        let start = pos
        pos += 1
        while pos < bytes.count, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        let help: String? =
            switch text {
            case "'": "string literals use double quotes: \"...\""
            case "`": "backquoted identifiers are not supported in Kern"
            case "#", "$": "Kern has no '\(text)' syntax"
            default: nil
            }
        error("unexpected character '\(text)'", from: start, to: pos, help: help)
        return .invalid
    }

    mutating func lexIdentifierOrKeyword() -> TokenKind {
        let start = pos
        while pos < bytes.count, Lexer.isIdentContinue(bytes[pos]) { pos += 1 }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if let k = Keyword(rawValue: text) { return .keyword(k) }
        return .identifier(text)
    }

    mutating func lexAttribute() -> TokenKind {
        let start = pos
        pos += 1
        guard pos < bytes.count, Lexer.isIdentStart(bytes[pos]) else {
            error(
                "expected an attribute name after '@'", from: start, to: start + 1,
                help: "Kern's attributes are @vectorize, @inline(never) and @inline(always)")
            return .invalid
        }
        let nameStart = pos
        while pos < bytes.count, Lexer.isIdentContinue(bytes[pos]) { pos += 1 }
        return .attribute(String(decoding: bytes[nameStart..<pos], as: UTF8.self))
    }

    /// Punctuators grouped by first byte, longest first, for longest-match lexing.
    static let punctTable: [[(bytes: [UInt8], punct: Punct)]] = {
        var table = [[(bytes: [UInt8], punct: Punct)]](repeating: [], count: 128)
        for p in Punct.allCases {
            let bytes = Array(p.rawValue.utf8)
            table[Int(bytes[0])].append((bytes, p))
        }
        return table.map { $0.sorted { $0.bytes.count > $1.bytes.count } }
    }()

    /// Operators and punctuation by longest match.
    mutating func lexPunct() -> Punct? {
        let first = bytes[pos]
        guard first < 128 else { return nil }
        for (spelling, p) in Lexer.punctTable[Int(first)] where pos + spelling.count <= bytes.count
        {
            if spelling.indices.allSatisfy({ bytes[pos + $0] == spelling[$0] }) {
                pos += spelling.count
                return p
            }
        }
        return nil
    }

    /// A `.` right after an identifier, `)`, `]` or a tuple index, with no space in
    /// between, is member access (`t.0`, `x.1`), not the start of a `.5` literal.
    func dotIsMemberAccess() -> Bool {
        guard let last = tokens.last, !sawSpace, Int(last.range.end.offset) == pos else {
            return false
        }
        switch last.kind {
        case .identifier, .integer, .keyword(.true), .keyword(.false): return true
        case .punct(let p): return p == .rParen || p == .rBracket
        case .keyword, .float, .string, .attribute, .invalid, .endOfFile: return false
        }
    }

    /// `.5` is not a Kern literal: report it, and lex it as `0.5` so parsing goes on.
    mutating func lexLeadingDotFloat() -> TokenKind {
        let start = pos
        pos += 1
        let digits = scanDigits(Lexer.isDigit)
        var text = "0." + digits
        text += scanExponent(literalStart: start) ?? ""
        let written = String(decoding: bytes[start..<pos], as: UTF8.self)
        error(
            "a floating-point literal must start with a digit", from: start, to: pos,
            help: "write 0\(written)")
        return .float(text: text)
    }

    /// Reads digits (and `_` separators) accepted by `isValid`; returns them without `_`.
    mutating func scanDigits(_ isValid: (UInt8) -> Bool) -> String {
        var out = ""
        while pos < bytes.count, isValid(bytes[pos]) || bytes[pos] == UInt8(ascii: "_") {
            if bytes[pos] != UInt8(ascii: "_") { out.append(Character(UnicodeScalar(bytes[pos]))) }
            pos += 1
        }
        return out
    }
}
