import KernBasics

/// Tokens: what the lexer produces and the parser consumes.
///
/// Newlines are not tokens. Instead each token records whether a newline (or the
/// start of the file) precedes it, Swift-style, so the parser can end statements at
/// line breaks while still letting binary operators and `.member` continue a line.

public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case `func`, `let`, `var`, `inout`, `if`, `else`, `while`, `repeat`, `for`, `in`
    case `return`, `break`, `continue`, `true`, `false`
}

/// Punctuation and operators, longest spellings first where they share a prefix.
public enum Punct: String, Sendable, Hashable, CaseIterable {
    case lParen = "("
    case rParen = ")"
    case lBrace = "{"
    case rBrace = "}"
    case lBracket = "["
    case rBracket = "]"
    case comma = ","
    case colon = ":"
    case semicolon = ";"
    case dot = "."
    case question = "?"
    case arrow = "->"
    case assign = "="
    case halfOpenRange = "..<"
    case closedRange = "..."
    // Compound assignments.
    case shlAssign = "<<="
    case shrAssign = ">>="
    case addAssign = "+="
    case subAssign = "-="
    case mulAssign = "*="
    case divAssign = "/="
    case remAssign = "%="
    case andAssign = "&="
    case orAssign = "|="
    case xorAssign = "^="
    // Binary and unary operators.
    case shl = "<<"
    case shr = ">>"
    case andAnd = "&&"
    case orOr = "||"
    case eq = "=="
    case ne = "!="
    case le = "<="
    case ge = ">="
    case lt = "<"
    case gt = ">"
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case amp = "&"
    case pipe = "|"
    case caret = "^"
    case tilde = "~"
    case bang = "!"

    /// The binary operator this token spells, if any.
    var binaryOp: BinaryOp? {
        BinaryOp.allCases.first { $0.token == self }
    }

    /// The compound assignment this token spells, if any.
    var compoundOp: CompoundOp? {
        CompoundOp.allCases.first { $0.spelling == rawValue }
    }
}

public enum TokenKind: Sendable, Hashable {
    case identifier(String)
    case keyword(Keyword)
    /// `value` is nil when the literal exceeds UInt64. `text` is as written.
    case integer(value: UInt64?, text: String)
    /// The literal's text without underscores (after repairs such as `.5` → `0.5`).
    case float(text: String)
    /// Contents with escapes processed.
    case string(String)
    /// `@name` (the name without `@`).
    case attribute(String)
    case punct(Punct)
    /// Text the lexer could not make sense of; the lexer has already reported it.
    case invalid
    case endOfFile
}

public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var range: SourceRange
    /// A newline (or the start of the file) comes between the previous token and this one.
    public var atLineStart: Bool
    /// Whitespace, a comment or the start of the file comes right before this token.
    public var spaceBefore: Bool

    func isPunct(_ p: Punct) -> Bool {
        if case .punct(p) = kind { return true }
        return false
    }

    func isKeyword(_ k: Keyword) -> Bool {
        if case .keyword(k) = kind { return true }
        return false
    }

    /// How the token is named in "expected X, found Y" messages.
    public var description: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .keyword(let k): "keyword '\(k.rawValue)'"
        case .integer(_, let text): "'\(text)'"
        case .float(let text): "'\(text)'"
        case .string: "a string literal"
        case .attribute(let name): "'@\(name)'"
        case .punct(let p): "'\(p.rawValue)'"
        case .invalid: "invalid text"
        case .endOfFile: "end of file"
        }
    }
}
