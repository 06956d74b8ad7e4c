import Testing

@testable import KernREPL

/// Feeds text and keys to an editor; `\r` is Enter.
private func type(_ state: inout EditorState, _ keys: [Key]) -> [EditorState.Outcome] {
    keys.compactMap { state.handle($0) }
}

private func chars(_ s: String) -> [Key] { s.map { $0 == "\r" ? .enter : .character($0) } }

private func editor(history: [String] = [], names: [String] = []) -> EditorState {
    var h = History()
    for e in history { h.add(e) }
    return EditorState(
        history: h, isComplete: { InputScanner.status(of: $0) == .complete },
        completions: { prefix, atStart in
            prefix.hasPrefix(":") ? (atStart ? REPLSession.commands.map(\.name) : []) : names
        })
}

struct KeyDecoderTests {
    @Test func decodesCharactersControlsAndEscapeSequences() {
        var d = KeyDecoder()
        #expect(d.feed(Array("a é".utf8)) == [.character("a"), .character(" "), .character("é")])
        #expect(
            d.feed([0x01, 0x05, 0x0B, 0x17, 0x12, 0x03, 0x04]) == [
                .control("a"), .control("e"), .control("k"), .control("w"), .control("r"),
                .control("c"), .control("d"),
            ])
        #expect(d.feed([0x0D, 0x09, 0x7F, 0x08]) == [.enter, .tab, .backspace, .backspace])
        #expect(
            d.feed(Array("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D".utf8)) == [.up, .down, .right, .left])
        #expect(
            d.feed(Array("\u{1B}OH\u{1B}OF\u{1B}[1~\u{1B}[4~\u{1B}[3~".utf8)) == [
                .home, .end, .home, .end, .delete,
            ])
        #expect(
            d.feed(Array("\u{1B}[1;5C\u{1B}[1;5D\u{1B}b\u{1B}f".utf8)) == [
                .wordRight, .wordLeft, .wordLeft, .wordRight,
            ])
        // An unknown sequence is swallowed, not typed.
        #expect(d.feed(Array("\u{1B}[15~x".utf8)) == [.character("x")])
    }

    @Test func aLoneEscapeWaitsThenFlushes() {
        var d = KeyDecoder()
        #expect(d.feed(0x1B) == [])
        #expect(d.isWaitingAfterEscape)
        #expect(d.flushEscape() == .escape)
        #expect(!d.isWaitingAfterEscape)
        // Escape followed at once by a key that cannot continue a sequence: both count.
        #expect(d.feed([0x1B, 0x05]) == [.escape, .control("e")])
    }
}

struct EditorStateTests {
    @Test func typingAndCursorMovement() {
        var s = editor()
        _ = type(&s, chars("let x = 1"))
        _ = type(&s, [.control("a"), .character("_"), .control("e"), .character("0")])
        #expect(s.string == "_let x = 10")
        _ = type(&s, [.left, .left, .backspace, .delete])
        #expect(s.string == "_let x =0")
        _ = type(&s, [.home, .delete, .wordRight, .wordRight])
        #expect(s.cursor == 5)
    }

    @Test func killAndYank() {
        var s = editor()
        _ = type(&s, chars("foo bar baz"))
        _ = type(&s, [.control("w")])
        #expect(s.string == "foo bar ")
        _ = type(&s, [.control("a"), .control("k")])
        #expect(s.string == "")
        _ = type(&s, [.control("y")])
        #expect(s.string == "foo bar ")
        _ = type(&s, [.control("u")])
        #expect(s.string == "")
    }

    @Test func enterSubmitsCompleteInputAndContinuesOpenBrackets() {
        var s = editor()
        #expect(type(&s, chars("func f() {\r")).isEmpty)
        #expect(s.string == "func f() {\n")
        let out = type(&s, chars("  print(1)\r}\r"))
        #expect(out == [.submit("func f() {\n  print(1)\n}")])
    }

    @Test func historyUpDownKeepsTheDraft() {
        var s = editor(history: ["first", "second"])
        _ = type(&s, chars("dra"))
        _ = type(&s, [.up])
        #expect(s.string == "second")
        _ = type(&s, [.up, .up])
        #expect(s.string == "first")
        _ = type(&s, [.down, .down])
        #expect(s.string == "dra")
    }

    @Test func upAndDownMoveInsideAMultiLineInputFirst() {
        var s = editor(history: ["old"])
        _ = type(&s, chars("f(1,\r2)"))
        #expect(s.string == "f(1,\n2)")
        _ = type(&s, [.up])
        #expect(s.string == "f(1,\n2)" && s.cursor == 2)
        _ = type(&s, [.up])
        #expect(s.string == "old")
    }

    @Test func submittedInputsEnterHistory() {
        var s = editor()
        _ = type(&s, chars("1 + 1\r"))
        s.reset()
        _ = type(&s, chars("2 + 2\r"))
        s.reset()
        _ = type(&s, [.up])
        #expect(s.string == "2 + 2")
        _ = type(&s, [.up])
        #expect(s.string == "1 + 1")
    }

    @Test func reverseSearch() {
        var s = editor(history: ["let a = 1", "dot(x, x)", "let b = 2", "dot(y, y)"])
        _ = type(&s, [.control("r")] + chars("dot"))
        #expect(s.search?.query == "dot" && s.string == "dot(y, y)")
        _ = type(&s, [.control("r")])
        #expect(s.string == "dot(x, x)")
        #expect(type(&s, [.enter]) == [.submit("dot(x, x)")])
        s.reset()
        _ = type(&s, chars("keep") + [.control("r")] + chars("zzz"))
        #expect(s.search?.match == nil)
        _ = type(&s, [.control("g")])
        #expect(s.search == nil && s.string == "keep")
    }

    @Test func tabCompletesNamesAndCommands() {
        var s = editor(names: ["saxpy", "sum", "sumsq"])
        _ = type(&s, chars("sa") + [.tab])
        #expect(s.string == "saxpy")
        s.reset()
        _ = type(&s, chars("su") + [.tab])
        #expect(s.string == "sum")
        _ = type(&s, [.tab])
        #expect(s.candidatesToShow == ["sum", "sumsq"])
        s.reset()
        _ = type(&s, chars(":ti") + [.tab])
        #expect(s.string == ":time ")
    }

    @Test func controlCCancelsAndControlDEndsOnlyAnEmptyLine() {
        var s = editor()
        #expect(type(&s, chars("abc") + [.control("c")]) == [.cancel])
        _ = type(&s, [.control("a")])
        #expect(type(&s, [.control("d")]).isEmpty)
        #expect(s.string == "bc")
        s.reset()
        #expect(type(&s, [.control("d")]) == [.endOfInput])
    }
}

struct InputScannerTests {
    @Test func openBracketsCommentsAndStringsNeedMore() {
        #expect(InputScanner.status(of: "dot(x, x)") == .complete)
        #expect(InputScanner.status(of: "func f() {") == .needsMore)
        #expect(InputScanner.status(of: "f(1,\n 2") == .needsMore)
        #expect(InputScanner.status(of: "x[1") == .needsMore)
        #expect(InputScanner.status(of: "/* open") == .needsMore)
        #expect(InputScanner.status(of: "let a = 1 // { not code") == .complete)
        #expect(InputScanner.status(of: "print(\"(\")") == .complete)
        #expect(InputScanner.status(of: "}") == .complete)
    }

    @Test func identifiersSkipNumbersCommentsAndStrings() {
        #expect(
            InputScanner.identifiers(in: "for i in 1...n { s += 0x1F + 1e3 } // x\nprint(\"y\")")
                == ["for", "i", "in", "n", "s", "print"])
    }
}

struct HistoryTests {
    @Test func persistsMultiLineEntriesInAFile() {
        let path = FileManagerTemp.file("history", "")
        var h = History(path: path)
        h.add("func f() {\n  1\n}")
        h.add("a \\ b")
        h.add("a \\ b")
        h.add("   ")
        let reloaded = History(path: path)
        #expect(reloaded.entries == ["func f() {\n  1\n}", "a \\ b"])
    }

    @Test func dropsTheOldestBeyondTheLimit() {
        var h = History(limit: 2)
        ["a", "b", "c"].forEach { h.add($0) }
        #expect(h.entries == ["b", "c"])
    }
}

struct ValueFormatterTests {
    @Test func shortArraysPrintWholeLongOnesAsSummary() throws {
        let short = try makeStorage(.int64, shape: [3])
        #expect(ValueFormatter.format(array: short, rank: 1) == "[0, 0, 0]")
        let long = try makeStorage(.double, shape: [100])
        long.fill(with: .double(0.25))
        #expect(
            ValueFormatter.format(array: long, rank: 1)
                == "[0.25, 0.25, 0.25, 0.25, 0.25, ..., 0.25, 0.25, 0.25, 0.25, 0.25] (100 elements)"
        )
        let cube = try makeStorage(.bool, shape: [1, 2, 1])
        #expect(
            ValueFormatter.format(array: cube, rank: 3)
                == "[[[Bool]]] shape 1×2×1, row-major [false, false]")
    }
}
