/// Decides whether REPL input is complete or continues on the next line.
///
/// In: the text typed so far. Out: `.complete` or `.needsMore` — more is needed while
/// a `(`, `[` or `{` is open, a `/* */` comment is open, or a string literal is
/// unterminated on its line. Unbalanced closers count as complete: the compiler then
/// reports them with a caret, which helps more than waiting for input.
/// The scanner also lists identifiers (outside comments and strings), which is how the
/// session finds the definitions and variables an input uses.
enum InputScanner {
    enum Status: Equatable { case complete, needsMore }

    static func status(of text: String) -> Status {
        scan(text).status
    }

    /// The byte offset of the first `)`, `]` or `}` that closes nothing, if any. Such an
    /// input would close the REPL's generated wrapper early, so the session reports it
    /// itself.
    static func unmatchedCloser(in text: String) -> Int? {
        scan(text).unmatched
    }

    private static func scan(_ text: String) -> (status: Status, unmatched: Int?) {
        var depth = 0
        var commentDepth = 0
        var inString = false
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
            if commentDepth > 0 {
                if c == UInt8(ascii: "*"), next == UInt8(ascii: "/") {
                    commentDepth -= 1
                    i += 1
                } else if c == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                    commentDepth += 1
                    i += 1
                }
            } else if inString {
                if c == UInt8(ascii: "\\") {
                    i += 1
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\n") {
                    inString = false
                }
            } else {
                switch c {
                case UInt8(ascii: "/") where next == UInt8(ascii: "/"):
                    while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                    commentDepth += 1
                    i += 1
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth < 0 { return (.complete, i) }
                default: break
                }
            }
            i += 1
        }
        return (depth > 0 || commentDepth > 0 || inString ? .needsMore : .complete, nil)
    }

    /// Every identifier-like word outside comments and strings (keywords included).
    static func identifiers(in text: String) -> Set<String> {
        var result: Set<String> = []
        let bytes = Array(text.utf8)
        var i = 0
        func isStart(_ c: UInt8) -> Bool {
            (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_")
        }
        func isPart(_ c: UInt8) -> Bool { isStart(c) || (c >= 48 && c <= 57) }
        while i < bytes.count {
            let c = bytes[i]
            let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
            if c == UInt8(ascii: "/"), next == UInt8(ascii: "/") {
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            } else if c == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                i += 2
                while i + 1 < bytes.count,
                    !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/"))
                { i += 1 }
                i += 2
                continue
            } else if c == UInt8(ascii: "\"") {
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\""),
                    bytes[i] != UInt8(ascii: "\n")
                { i += 1 }
            } else if isStart(c) {
                let start = i
                while i < bytes.count, isPart(bytes[i]) { i += 1 }
                result.insert(String(decoding: bytes[start..<i], as: UTF8.self))
                continue
            } else if c >= 48 && c <= 57 {
                // A number (including `1_000` and `0xFF`): skip so its letters are not a name.
                while i < bytes.count {
                    let isFraction =
                        bytes[i] == UInt8(ascii: ".") && i + 1 < bytes.count
                        && bytes[i + 1] >= 48 && bytes[i + 1] <= 57
                    guard isPart(bytes[i]) || isFraction else { break }
                    i += 1
                }
                continue
            }
            i += 1
        }
        return result
    }
}
