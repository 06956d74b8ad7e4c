import KernBasics

/// Number and string literals (LANGUAGE.md §1).
///
/// In: the lexer positioned at a digit or `"`. Out: an `.integer`, `.float`,
/// `.string` or (after a diagnostic) `.invalid` token kind. Malformed literals that
/// have an obvious meaning (`1.`) are reported and repaired so parsing goes on.
extension Lexer {
    mutating func lexNumber() -> TokenKind {
        let start = pos
        if bytes[pos] == UInt8(ascii: "0") {
            let prefix = peek(1)
            if prefix == UInt8(ascii: "x") {
                return lexRadixInteger(start: start, radix: 16, name: "hexadecimal")
            }
            if prefix == UInt8(ascii: "b") {
                return lexRadixInteger(start: start, radix: 2, name: "binary")
            }
            if prefix == UInt8(ascii: "o") {
                return lexRadixInteger(start: start, radix: 8, name: "octal")
            }
        }
        let intDigits = scanDigits(Lexer.isDigit)
        // `t.0.1`: after a member-access dot, only an integer tuple index follows.
        let afterDot: Bool = {
            guard let last = tokens.last, last.isPunct(.dot) else { return false }
            return Int(last.range.end.offset) == start
        }()
        var isFloat = false
        var text = intDigits
        var valid = true
        if !afterDot, peek() == UInt8(ascii: "."), Lexer.isDigit(peek(1)) {
            pos += 1
            text += "." + scanDigits(Lexer.isDigit)
            isFloat = true
        } else if !afterDot, peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: "."),
            !Lexer.isIdentStart(peek(1))
        {
            // `1.` followed by space, `)`, `,`…: not a literal in Kern (nor in Swift).
            pos += 1
            let written = String(decoding: bytes[start..<pos], as: UTF8.self)
            error(
                "a floating-point literal needs a digit after the '.'", from: start, to: pos,
                help: "write \(written)0")
            return .float(text: intDigits + ".0")
        }
        if !afterDot, peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            if let exponent = scanExponent(literalStart: start) {
                text += exponent
            } else {
                valid = false
            }
            isFloat = true
        }
        if pos < bytes.count, Lexer.isIdentContinue(bytes[pos]) {
            let bad = bytes[pos]
            while pos < bytes.count, Lexer.isIdentContinue(bytes[pos]) { pos += 1 }
            error(
                "'\(Character(UnicodeScalar(bad)))' is not a valid digit in a number literal",
                from: start, to: pos,
                help: "put a space or an operator between a number and a name")
            return .invalid
        }
        guard valid else { return .invalid }
        if isFloat { return .float(text: text) }
        let written = String(decoding: bytes[start..<pos], as: UTF8.self)
        return .integer(value: UInt64(intDigits, radix: 10), text: written)
    }

    mutating func lexRadixInteger(start: Int, radix: Int, name: String) -> TokenKind {
        pos += 2
        let isValid: (UInt8) -> Bool = { c in
            switch radix {
            case 2: return c == UInt8(ascii: "0") || c == UInt8(ascii: "1")
            case 8: return c >= UInt8(ascii: "0") && c <= UInt8(ascii: "7")
            default:
                return Lexer.isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
                    || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
            }
        }
        let digits = scanDigits(isValid)
        if pos < bytes.count, Lexer.isIdentContinue(bytes[pos]) {
            let bad = bytes[pos]
            while pos < bytes.count, Lexer.isIdentContinue(bytes[pos]) { pos += 1 }
            error(
                "'\(Character(UnicodeScalar(bad)))' is not a valid \(name) digit",
                from: start, to: pos)
            return .invalid
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "."), Lexer.isDigit(peek(1)) {
            pos += 1
            _ = scanDigits(Lexer.isDigit)
            error(
                "\(name) floating-point literals are not supported", from: start, to: pos,
                help: "write the value as a decimal literal")
            return .invalid
        }
        guard !digits.isEmpty else {
            let prefix = String(decoding: bytes[start..<(start + 2)], as: UTF8.self)
            error("expected \(name) digits after '\(prefix)'", from: start, to: pos)
            return .invalid
        }
        let written = String(decoding: bytes[start..<pos], as: UTF8.self)
        return .integer(value: UInt64(digits, radix: radix), text: written)
    }

    /// Reads `e[+-]digits` at `pos` (which holds `e` or `E`). Returns the exponent
    /// text without underscores, or nil after reporting a malformed exponent.
    mutating func scanExponent(literalStart: Int) -> String? {
        guard peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") else { return nil }
        pos += 1
        var text = "e"
        if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
            text.append(Character(UnicodeScalar(peek())))
            pos += 1
        }
        guard Lexer.isDigit(peek()) else {
            error(
                "expected a digit in the exponent of a floating-point literal",
                from: literalStart, to: pos, help: "write an exponent such as 1e9 or 2.5e-3")
            return nil
        }
        return text + scanDigits(Lexer.isDigit)
    }

    /// `"..."` with the escapes `\n \t \\ \" \0 \r`. A string may not span lines.
    mutating func lexString() -> TokenKind {
        let start = pos
        pos += 1
        var value: [UInt8] = []
        var valid = true
        while true {
            guard pos < bytes.count, bytes[pos] != UInt8(ascii: "\n") else {
                error(
                    "unterminated string literal", from: start, to: start + 1,
                    help: "add '\"' to end the string on the same line")
                return .invalid
            }
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                break
            }
            if c != UInt8(ascii: "\\") {
                value.append(c)
                pos += 1
                continue
            }
            let escapeStart = pos
            pos += 1
            let e = peek()
            switch e {
            case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "r"): value.append(UInt8(ascii: "\r"))
            case UInt8(ascii: "0"): value.append(0)
            case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
            case UInt8(ascii: "("):
                error(
                    "string interpolation is not supported in Kern", from: escapeStart,
                    to: escapeStart + 2,
                    help: "pass values as separate arguments: print(\"x =\", x)")
                valid = false
            default:
                guard pos < bytes.count, e != UInt8(ascii: "\n") else { continue }
                var end = pos + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                let shown = String(decoding: bytes[escapeStart..<end], as: UTF8.self)
                error(
                    "invalid escape sequence '\(shown)' in string literal", from: escapeStart,
                    to: end, help: "the escapes are \\n \\t \\r \\0 \\\\ and \\\"")
                valid = false
                pos = end
                continue
            }
            pos += 1
        }
        guard valid else { return .invalid }
        return .string(String(decoding: value, as: UTF8.self))
    }
}
