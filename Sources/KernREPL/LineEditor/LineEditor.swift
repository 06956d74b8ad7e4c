/// The interactive line editor: `EditorState` plus a terminal.
///
/// In: a prompt; keys from the terminal. Out: the submitted input, or nil at Ctrl-D.
/// Rendering redraws the whole input after each key: move up to the prompt's row, clear
/// to the end of the screen, write the prompt and the lines (continuation lines get a
/// `...>` prompt of the same width) and put the cursor back. Inputs are short, so a
/// full redraw is simpler and as fast as incremental updates. Lines longer than the
/// terminal wrap and are counted by the terminal width.
public final class LineEditor {
    public var state: EditorState
    let terminal: Terminal
    /// Rows between the prompt's row and the cursor's row after the last render.
    private var cursorRow = 0

    public init(state: EditorState, terminal: Terminal = Terminal()) {
        self.state = state
        self.terminal = terminal
    }

    /// Reads one input. Returns nil when the user ends input (Ctrl-D on an empty line or
    /// the terminal closes).
    public func readInput(prompt: String, continuation: String) -> String? {
        state.reset()
        cursorRow = 0
        return terminal.withRawMode { () -> String? in
            render(prompt, continuation)
            var decoder = KeyDecoder()
            while true {
                let timeout: Int32? = decoder.isWaitingAfterEscape ? 50 : nil
                guard let byte = terminal.readByte(timeoutMilliseconds: timeout) else {
                    if let key = decoder.flushEscape() {
                        _ = state.handle(key)
                        render(prompt, continuation)
                        continue
                    }
                    return nil
                }
                for key in decoder.feed(byte) {
                    switch state.handle(key) {
                    case .submit(let text)?:
                        finish(prompt, continuation)
                        return text
                    case .cancel?:
                        finish(prompt, continuation, marker: "^C")
                        state.reset()
                        cursorRow = 0
                    case .endOfInput?:
                        terminal.write("\r\n")
                        return nil
                    case .clearScreen?:
                        terminal.write("\u{1B}[H\u{1B}[2J")
                        cursorRow = 0
                    case nil:
                        if !state.candidatesToShow.isEmpty {
                            finish(prompt, continuation, moveOnly: true)
                            terminal.write(state.candidatesToShow.joined(separator: "  ") + "\r\n")
                            cursorRow = 0
                        }
                    }
                }
                render(prompt, continuation)
            }
        }
    }

    /// The rows of the current display: prompt + text lines, or the search line.
    private func displayLines(_ prompt: String, _ continuation: String) -> (
        lines: [String], cursorLine: Int, cursorColumn: Int
    ) {
        let text = state.text
        if let search = state.search {
            let label =
                search.match == nil && !search.query.isEmpty
                ? "failing reverse-i-search" : "reverse-i-search"
            let head = "(\(label))'\(search.query)': "
            let flat = String(text).replacingOccurrences(of: "\n", with: " ")
            return ([head + flat], 0, head.count + search.query.count)
        }
        var lines: [String] = []
        var current = prompt
        var cursorLine = 0
        var cursorColumn = prompt.count
        for (i, c) in text.enumerated() {
            if i == state.cursor {
                cursorLine = lines.count
                cursorColumn = current.count
            }
            if c == "\n" {
                lines.append(current)
                current = continuation
            } else {
                current.append(c)
            }
        }
        if state.cursor == text.count {
            cursorLine = lines.count
            cursorColumn = current.count
        }
        lines.append(current)
        return (lines, cursorLine, cursorColumn)
    }

    private func render(_ prompt: String, _ continuation: String) {
        let width = max(terminal.width, 10)
        let (lines, cursorLine, cursorColumn) = displayLines(prompt, continuation)
        var out = ""
        if cursorRow > 0 { out += "\u{1B}[\(cursorRow)A" }
        out += "\r\u{1B}[J"
        out += lines.joined(separator: "\r\n")
        // Rows taken by each line, wrapping at the terminal width.
        func rows(_ s: String) -> Int { max(1, (s.count + width - 1) / width) }
        var endRow = lines.reduce(0) { $0 + rows($1) } - 1
        if let last = lines.last, last.count > 0, last.count % width == 0 {
            out += "\r\n"  // the terminal holds the cursor at the margin; move it down
            endRow += 1
        }
        let targetRow = lines[..<cursorLine].reduce(0) { $0 + rows($1) } + cursorColumn / width
        if endRow > targetRow { out += "\u{1B}[\(endRow - targetRow)A" }
        out += "\r"
        if cursorColumn % width > 0 { out += "\u{1B}[\(cursorColumn % width)C" }
        cursorRow = targetRow
        terminal.write(out)
    }

    /// Leaves the input on screen and moves below it.
    private func finish(
        _ prompt: String, _ continuation: String, marker: String = "", moveOnly: Bool = false
    ) {
        if !moveOnly {
            // Draw without search decoration, cursor at the end.
            let (lines, _, _) = displayLines(prompt, continuation)
            var out = ""
            if cursorRow > 0 { out += "\u{1B}[\(cursorRow)A" }
            out += "\r\u{1B}[J" + lines.joined(separator: "\r\n") + marker + "\r\n"
            terminal.write(out)
        } else {
            let width = max(terminal.width, 10)
            let (lines, _, _) = displayLines(prompt, continuation)
            let total = lines.reduce(0) { $0 + max(1, ($1.count + width - 1) / width) } - 1
            var out = ""
            if total > cursorRow { out += "\u{1B}[\(total - cursorRow)B" }
            terminal.write(out + "\r\n")
        }
        cursorRow = 0
    }
}
