/// The line editor's state and key handling, with no terminal: what tests drive.
///
/// In: keys. Out: the edited text and cursor (the text may span lines: Enter inserts a
/// newline while `isComplete` says the input goes on), and an `Outcome` when the user
/// submits, cancels (Ctrl-C), ends input (Ctrl-D on an empty line) or asks for
/// completions. Keys follow Emacs/readline: Ctrl-A/E start/end of line, Ctrl-K/U kill to
/// end/start of line, Ctrl-W kill the word before the cursor, Ctrl-Y yank, Ctrl-R
/// reverse search through history (Ctrl-G gives up, any other key accepts the match), Up/Down move between lines of the input and then
/// through history.
public struct EditorState {
    public enum Outcome: Equatable, Sendable {
        case submit(String)
        case cancel
        case endOfInput
        case clearScreen
    }

    /// Reverse-search mode (Ctrl-R): the query and the matching history entry.
    public struct Search: Equatable, Sendable {
        public var query = ""
        public var match: Int?
        var original: [Character]
        var originalCursor: Int
    }

    public private(set) var text: [Character] = []
    public private(set) var cursor = 0
    public private(set) var search: Search?
    public var history: History
    /// Index into history while browsing; `history.entries.count` means the draft.
    private var historyIndex: Int
    private var draft: [Character] = []
    private var killed: [Character] = []
    /// Whether the text so far is a complete input (Enter submits) or goes on.
    let isComplete: (String) -> Bool
    /// Completion candidates for a word prefix (and whether it starts the input).
    let completions: (_ prefix: String, _ atStart: Bool) -> [String]
    /// Set when Tab found several candidates and nothing to add: the editor lists them.
    public private(set) var candidatesToShow: [String] = []

    public init(
        history: History = History(),
        isComplete: @escaping (String) -> Bool = { _ in true },
        completions: @escaping (String, Bool) -> [String] = { _, _ in [] }
    ) {
        self.history = history
        self.historyIndex = history.entries.count
        self.isComplete = isComplete
        self.completions = completions
    }

    public var string: String { String(text) }

    /// Clears the text for a new prompt.
    public mutating func reset() {
        text = []
        cursor = 0
        search = nil
        historyIndex = history.entries.count
        draft = []
    }

    /// Handles one key; returns an outcome when the line is done or something is asked.
    public mutating func handle(_ key: Key) -> Outcome? {
        candidatesToShow = []
        if search != nil {
            if let outcome = handleSearch(key) { return outcome }
            if search != nil { return nil }
        }
        switch key {
        case .character(let c): insert([c])
        case .enter:
            let s = string
            if cursor == text.count, !isComplete(s) {
                insert(["\n"])
            } else {
                history.add(s)
                return .submit(s)
            }
        case .tab: complete()
        case .backspace:
            if cursor > 0 {
                text.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete: if cursor < text.count { text.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = lineStart(cursor)
        case .end, .control("e"): cursor = lineEnd(cursor)
        case .wordLeft: cursor = wordStart(before: cursor)
        case .wordRight:
            var i = cursor
            while i < text.count, !isWord(text[i]) { i += 1 }
            while i < text.count, isWord(text[i]) { i += 1 }
            cursor = i
        case .up: moveVertically(-1)
        case .down: moveVertically(1)
        case .control("b"): cursor = max(0, cursor - 1)
        case .control("f"): cursor = min(text.count, cursor + 1)
        case .control("k"): kill(cursor..<lineEnd(cursor))
        case .control("u"): kill(lineStart(cursor)..<cursor)
        case .control("w"): kill(wordStart(before: cursor)..<cursor)
        case .control("y"): insert(killed)
        case .control("p"): moveVertically(-1)
        case .control("n"): moveVertically(1)
        case .control("r"):
            search = Search(query: "", match: nil, original: text, originalCursor: cursor)
        case .control("c"): return .cancel
        case .control("d"):
            if text.isEmpty { return .endOfInput }
            if cursor < text.count { text.remove(at: cursor) }
        case .control("l"): return .clearScreen
        case .escape, .control: break
        }
        return nil
    }

    // MARK: - Reverse search

    /// Keys in search mode. Returns an outcome if the key also finished the line; leaves
    /// `search` set while searching goes on, clears it (and returns nil) when the key
    /// should then be handled as a normal key.
    private mutating func handleSearch(_ key: Key) -> Outcome? {
        guard var s = search else { return nil }
        switch key {
        case .character(let c):
            s.query.append(c)
            s.match = history.search(s.query, from: s.match ?? history.entries.count - 1)
            search = s
            showMatch()
            return nil
        case .backspace:
            if !s.query.isEmpty { s.query.removeLast() }
            s.match = history.search(s.query, from: history.entries.count - 1)
            search = s
            showMatch()
            return nil
        case .control("r"):
            if let m = s.match, let older = history.search(s.query, from: m - 1) { s.match = older }
            search = s
            showMatch()
            return nil
        case .control("g"), .control("c"):
            text = s.original
            cursor = s.originalCursor
            search = nil
            return nil
        default:
            // Any other key (Escape, arrows, Enter…) accepts the match and then acts
            // normally: Enter submits, Escape does nothing more.
            search = nil
            return nil
        }
    }

    private mutating func showMatch() {
        guard let s = search else { return }
        if let m = s.match {
            text = Array(history.entries[m])
            if let r = history.entries[m].range(of: s.query) {
                cursor = history.entries[m].distance(
                    from: history.entries[m].startIndex, to: r.lowerBound)
            }
        } else {
            text = s.original
            cursor = s.originalCursor
        }
    }

    // MARK: - Editing helpers

    private mutating func insert(_ chars: [Character]) {
        text.insert(contentsOf: chars, at: cursor)
        cursor += chars.count
    }

    private mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        killed = Array(text[range])
        text.removeSubrange(range)
        cursor = range.lowerBound
    }

    private func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    private func wordStart(before i: Int) -> Int {
        var j = i
        while j > 0, !isWord(text[j - 1]) { j -= 1 }
        while j > 0, isWord(text[j - 1]) { j -= 1 }
        return j
    }

    func lineStart(_ i: Int) -> Int {
        var j = i
        while j > 0, text[j - 1] != "\n" { j -= 1 }
        return j
    }

    func lineEnd(_ i: Int) -> Int {
        var j = i
        while j < text.count, text[j] != "\n" { j += 1 }
        return j
    }

    /// Up/Down: between the lines of a multi-line input, then through history.
    private mutating func moveVertically(_ direction: Int) {
        let start = lineStart(cursor)
        let column = cursor - start
        if direction < 0, start > 0 {
            let previousStart = lineStart(start - 1)
            cursor = min(previousStart + column, start - 1)
            return
        }
        let end = lineEnd(cursor)
        if direction > 0, end < text.count {
            let nextStart = end + 1
            cursor = min(nextStart + column, lineEnd(nextStart))
            return
        }
        let target = historyIndex + direction
        guard target >= 0, target <= history.entries.count else { return }
        if historyIndex == history.entries.count { draft = text }
        historyIndex = target
        text = target == history.entries.count ? draft : Array(history.entries[target])
        cursor = text.count
    }

    // MARK: - Completion

    private mutating func complete() {
        var start = cursor
        while start > 0, isWord(text[start - 1]) || text[start - 1] == ":" { start -= 1 }
        let prefix = String(text[start..<cursor])
        let atStart = text[..<start].allSatisfy { $0 == " " }
        let candidates = Array(Set(completions(prefix, atStart))).filter { $0.hasPrefix(prefix) }
            .sorted()
        guard !candidates.isEmpty else { return }
        if candidates.count == 1 {
            insert(Array(candidates[0].dropFirst(prefix.count)))
            if candidates[0].hasPrefix(":") { insert([" "]) }
            return
        }
        var common = candidates[0]
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        if common.count > prefix.count {
            insert(Array(common.dropFirst(prefix.count)))
        } else {
            candidatesToShow = candidates
        }
    }
}
