/// Splits Kern IR text (the printer's output, or hand-written IR) into tokens for
/// `IRParser`. In: text. Out: tokens with line/column, newlines kept as tokens because
/// an instruction ends at the end of its line. `//` starts a comment to end of line.

struct IRToken: Sendable {
    enum Kind: Sendable, Equatable {
        case ident(String)
        case value(UInt32)
        case slot(UInt32)
        /// `@name` or `@"quoted name"`.
        case function(String)
        /// Integer or floating literal, as written (`-3`, `2.5`, `1e-05`, `-inf`, `nan`).
        case number(String)
        case string(String)
        case punct(String)
        case newline
        case eof
    }
    var kind: Kind
    var line: Int
    var column: Int
}

/// A syntax error in IR text, at 1-based line and column.
public struct IRParseError: Error, CustomStringConvertible, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
    // Only the IR lexer and parser create these: the memberwise init (internal) is enough.
    public var description: String { "\(line):\(column): \(message)" }
}

func lexIR(_ text: String) throws(IRParseError) -> [IRToken] {
    let chars = Array(text.unicodeScalars)
    var tokens: [IRToken] = []
    var i = 0
    var line = 1
    var lineStart = 0

    func peek(_ k: Int) -> Unicode.Scalar? { i + k < chars.count ? chars[i + k] : nil }
    func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }

    func readString(_ startCol: Int) throws(IRParseError) -> String {
        // `i` is at the opening quote.
        i += 1
        var s = ""
        while true {
            guard let c = peek(0), c != "\n" else {
                throw IRParseError(line: line, column: startCol, message: "unterminated string")
            }
            i += 1
            if c == "\"" { return s }
            if c != "\\" {
                s.unicodeScalars.append(c)
                continue
            }
            guard let e = peek(0) else { continue }
            i += 1
            if let escape = irStringEscapes.first(where: { $0.letter == e }) {
                s.unicodeScalars.append(escape.raw)
                continue
            }
            switch e {
            case "u":
                guard peek(0) == "{" else {
                    throw IRParseError(
                        line: line, column: i - lineStart, message: "expected '{' after \\u")
                }
                i += 1
                var hex = ""
                while let h = peek(0), h != "}" {
                    hex.unicodeScalars.append(h)
                    i += 1
                }
                i += 1
                guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                    throw IRParseError(
                        line: line, column: i - lineStart, message: "bad escape \\u{\(hex)}")
                }
                s.unicodeScalars.append(scalar)
            default:
                throw IRParseError(
                    line: line, column: i - lineStart, message: "unknown escape '\\\(e)'")
            }
        }
    }

    func readWord() -> String {
        var s = ""
        while let c = peek(0), isIdentifierContinue(c) {
            s.unicodeScalars.append(c)
            i += 1
        }
        return s
    }

    while i < chars.count {
        let c = chars[i]
        let col = i - lineStart + 1
        func add(_ k: IRToken.Kind) { tokens.append(IRToken(kind: k, line: line, column: col)) }
        switch c {
        case " ", "\t", "\r":
            i += 1
        case "\n":
            add(.newline)
            i += 1
            line += 1
            lineStart = i
        case "/" where peek(1) == "/":
            while let d = peek(0), d != "\n" { i += 1 }
        case "%", "$":
            i += 1
            var digits = ""
            while let d = peek(0), isDigit(d) {
                digits.unicodeScalars.append(d)
                i += 1
            }
            guard let n = UInt32(digits) else {
                throw IRParseError(
                    line: line, column: col, message: "expected a number after '\(c)'")
            }
            add(c == "%" ? .value(n) : .slot(n))
        case "@":
            i += 1
            if peek(0) == "\"" {
                add(.function(try readString(col + 1)))
            } else {
                let name = readWord()
                guard !name.isEmpty else {
                    throw IRParseError(
                        line: line, column: col, message: "expected a name after '@'")
                }
                add(.function(name))
            }
        case "\"":
            add(.string(try readString(col)))
        case "-" where peek(1) == ">":
            add(.punct("->"))
            i += 2
        case "." where peek(1) == "." && (peek(2) == "<" || peek(2) == "."):
            add(.punct(peek(2) == "<" ? "..<" : "..."))
            i += 3
        case _
        where isDigit(c) || (c == "-" && (isDigit(peek(1)) || peek(1) == "i" || peek(1) == "n")):
            var s = ""
            if c == "-" {
                s = "-"
                i += 1
            }
            if let d = peek(0), d == "i" || d == "n" {
                s += readWord()  // inf, nan
            } else {
                while let d = peek(0),
                    isDigit(d) || d == "." || d == "e" || d == "E"
                        || ((d == "+" || d == "-") && (s.hasSuffix("e") || s.hasSuffix("E")))
                {
                    s.unicodeScalars.append(d)
                    i += 1
                }
            }
            add(.number(s))
        case _ where isIdentifierStart(c):
            let w = readWord()
            add(w == "inf" || w == "nan" ? .number(w) : .ident(w))
        case "(", ")", "[", "]", "{", "}", ",", ":", "=", ";", "!", "<":
            add(.punct(String(c)))
            i += 1
        default:
            throw IRParseError(line: line, column: col, message: "unexpected character '\(c)'")
        }
    }
    tokens.append(IRToken(kind: .eof, line: line, column: i - lineStart + 1))
    return tokens
}
