import KernBasics
import Testing

@testable import KernSyntax

/// The lexer: every token and literal form of LANGUAGE.md §1, newline marking,
/// and lexical errors with their positions and fix-its.

@Test func keywordsAndIdentifiers() {
    let source = Keyword.allCases.map(\.rawValue).joined(separator: " ") + " _x x1 Double _"
    let kinds = lex(source).kinds
    #expect(kinds.prefix(Keyword.allCases.count) == Keyword.allCases.map { .keyword($0) }[...])
    #expect(
        kinds.suffix(4) == [
            .identifier("_x"), .identifier("x1"), .identifier("Double"), .identifier("_"),
        ])
}

@Test func everyPunctuatorLexesAlone() {
    for p in Punct.allCases {
        let (kinds, diagnostics) = lex("a \(p.rawValue) b")
        #expect(diagnostics.isEmpty)
        #expect(kinds == [.identifier("a"), .punct(p), .identifier("b")], "\(p.rawValue)")
    }
}

@Test func longestMatchOperators() {
    let (kinds, _) = lex("a<<=b>>=c..<d...e->f&&g||h<=i")
    let puncts = kinds.compactMap { k -> Punct? in if case .punct(let p) = k { p } else { nil } }
    #expect(
        puncts == [
            .shlAssign, .shrAssign, .halfOpenRange, .closedRange, .arrow, .andAnd, .orOr, .le,
        ])
}

@Test func integerLiterals() {
    let cases: [(String, UInt64?)] = [
        ("42", 42), ("1_000_000", 1_000_000), ("0xFF", 255), ("0xff_ff", 65535), ("0b1010", 10),
        ("0o17", 15), ("007", 7), ("18446744073709551615", UInt64.max),
        ("18446744073709551616", nil),
        ("0xFFFFFFFFFFFFFFFFF", nil),
    ]
    for (text, value) in cases {
        let (kinds, diagnostics) = lex(text)
        #expect(diagnostics.isEmpty, "\(text)")
        #expect(kinds == [.integer(value: value, text: text)], "\(text)")
    }
}

@Test func floatingLiterals() {
    let cases: [(String, String)] = [
        ("1.0", "1.0"), ("0.5e-3", "0.5e-3"), ("1e9", "1e9"), ("6.02_214e23", "6.02214e23"),
        ("2.5E+4", "2.5e+4"), ("1_0.2_5", "10.25"),
    ]
    for (source, text) in cases {
        let (kinds, diagnostics) = lex(source)
        #expect(diagnostics.isEmpty, "\(source)")
        #expect(kinds == [.float(text: text)], "\(source)")
    }
}

@Test func rangeAfterIntegerIsNotAFloat() {
    #expect(
        lex("0..<n").kinds == [
            .integer(value: 0, text: "0"), .punct(.halfOpenRange), .identifier("n"),
        ])
    #expect(
        lex("1...2").kinds == [
            .integer(value: 1, text: "1"), .punct(.closedRange), .integer(value: 2, text: "2"),
        ])
}

@Test func tupleIndexChainsAreIntegers() {
    #expect(
        lex("t.0.1").kinds == [
            .identifier("t"), .punct(.dot), .integer(value: 0, text: "0"), .punct(.dot),
            .integer(value: 1, text: "1"),
        ])
    #expect(lex("f().1").kinds.last == .integer(value: 1, text: "1"))
}

@Test func leadingDotFloatIsAnErrorWithFixIt() {
    let (kinds, diagnostics) = lex("x = .5")
    #expect(kinds.last == .float(text: "0.5"))
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.help == "write 0.5")
    #expect(diagnostics.first?.range == SourceRange(SourceLoc(4), SourceLoc(6)))
}

@Test func trailingDotFloatIsAnErrorWithFixIt() {
    let (kinds, diagnostics) = lex("f(1.)")
    #expect(kinds.contains(.float(text: "1.0")))
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.help == "write 1.0")
    #expect(diagnostics.first?.range.start == SourceLoc(2))
}

@Test func malformedNumbers() {
    for source in ["0b102", "0xFG", "0o8", "12abc", "1e", "1e+", "0x", "0x1.5"] {
        let (kinds, diagnostics) = lex(source)
        #expect(diagnostics.count == 1, "\(source)")
        #expect(kinds == [.invalid], "\(source)")
    }
}

@Test func stringEscapes() {
    let (kinds, diagnostics) = lex(#""a\nb\t\\\"\0\r""#)
    #expect(diagnostics.isEmpty)
    #expect(kinds == [.string("a\nb\t\\\"\0\r")])
}

@Test func stringErrors() {
    #expect(lex(#""abc"#).diagnostics.map(\.message) == ["unterminated string literal"])
    #expect(lex("\"ab\nc\"").diagnostics.first?.message == "unterminated string literal")
    #expect(
        lex(#""\q""#).diagnostics.map(\.message) == [
            "invalid escape sequence '\\q' in string literal"
        ])
    #expect(
        lex(#""\(x)""#).diagnostics.first?.message
            == "string interpolation is not supported in Kern")
}

@Test func commentsNestAndCarryNewlines() {
    let (tokens, diagnostics) = Lexer.tokenize(
        SourceFile(name: "t", text: "a /* x /* y */ z */ b // c\nd /* \n */ e"))
    #expect(diagnostics.isEmpty)
    #expect(
        tokens.map(\.kind) == [
            .identifier("a"), .identifier("b"), .identifier("d"), .identifier("e"), .endOfFile,
        ])
    #expect(tokens.map(\.atLineStart) == [true, false, true, true, false])
    #expect(lex("a /* /* */").diagnostics.map(\.message) == ["unterminated block comment"])
}

@Test func spaceBeforeIsRecorded() {
    let (tokens, _) = Lexer.tokenize(SourceFile(name: "t", text: "a -b- c"))
    #expect(tokens.map(\.spaceBefore) == [true, true, false, false, true, false])
}

@Test func attributeTokens() {
    #expect(
        lex("@vectorize @inline(never)").kinds == [
            .attribute("vectorize"), .attribute("inline"), .punct(.lParen), .identifier("never"),
            .punct(.rParen),
        ])
    #expect(lex("@ x").diagnostics.count == 1)
}

@Test func unexpectedCharacters() {
    let (kinds, diagnostics) = lex("a $ b é")
    #expect(kinds == [.identifier("a"), .invalid, .identifier("b"), .invalid])
    #expect(diagnostics.map(\.message) == ["unexpected character '$'", "unexpected character 'é'"])
}

@Test func tokenRanges() {
    let file = SourceFile(name: "t", text: "let  xy = 0x1F")
    let (tokens, _) = Lexer.tokenize(file)
    #expect(tokens.map { text($0.range, in: file) } == ["let", "xy", "=", "0x1F", ""])
}
