/// Terminal bytes → keys.
///
/// In: bytes read from a terminal in raw mode, one at a time. Out: a `Key` when a key is
/// complete: plain characters (UTF-8 sequences are collected first), control keys, and
/// the escape sequences xterm, tmux and the Linux console send for arrows, Home/End and
/// Delete (`ESC [ A`, `ESC O H`, `ESC [ 3 ~`, `ESC [ 1 ; 5 C`, …). Alt-b/Alt-f move by
/// words. Unknown sequences are swallowed whole rather than typed as text.
public enum Key: Equatable, Sendable {
    case character(Character)
    case enter, tab, backspace, delete, escape
    case left, right, up, down, home, end, wordLeft, wordRight
    /// Ctrl plus a letter, e.g. `.control("a")` for Ctrl-A (Enter, Tab, Backspace and
    /// Escape have their own cases).
    case control(Character)
}

public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []
    public init() {}

    /// Feeds one byte; returns the keys it completes (usually none or one; two when an
    /// Escape is followed at once by a key that cannot continue an escape sequence).
    public mutating func feed(_ byte: UInt8) -> [Key] {
        if pending == [0x1B], !Self.continuesEscape(byte) {
            pending.removeAll()
            return [.escape] + feed(byte)
        }
        pending.append(byte)
        let (key, consumed) = Self.decode(pending)
        if consumed { pending.removeAll() }
        return key.map { [$0] } ?? []
    }

    /// Decodes a whole chunk (tests, pasted text).
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        bytes.flatMap { feed($0) }
    }

    /// Bytes that may follow ESC in a sequence this decoder knows.
    static func continuesEscape(_ byte: UInt8) -> Bool {
        [UInt8(ascii: "["), UInt8(ascii: "O"), UInt8(ascii: "b"), UInt8(ascii: "f"), 0x7F, 0x1B]
            .contains(byte)
    }

    /// Whether a lone ESC is waiting for the rest of a sequence. The editor treats it as
    /// the Escape key when no more bytes arrive soon.
    public var isWaitingAfterEscape: Bool { pending == [0x1B] }

    /// Takes a pending lone ESC as the Escape key.
    public mutating func flushEscape() -> Key? {
        guard isWaitingAfterEscape else { return nil }
        pending.removeAll()
        return .escape
    }

    /// (key, whether the bytes are used up). `(nil, false)` means "need more bytes".
    static func decode(_ b: [UInt8]) -> (Key?, Bool) {
        let first = b[0]
        switch first {
        case 0x1B: return decodeEscape(b)
        case 0x0D, 0x0A: return (.enter, true)
        case 0x09: return (.tab, true)
        case 0x7F, 0x08: return (.backspace, true)
        case 0x01...0x1A: return (.control(Character(UnicodeScalar(first + 0x60))), true)
        case 0x00, 0x1C...0x1F: return (nil, true)
        case 0x20...0x7E: return (.character(Character(UnicodeScalar(first))), true)
        default: return decodeUTF8(b)
        }
    }

    private static func decodeEscape(_ b: [UInt8]) -> (Key?, Bool) {
        guard b.count >= 2 else { return (nil, false) }
        switch b[1] {
        case UInt8(ascii: "["), UInt8(ascii: "O"):
            guard b.count >= 3 else { return (nil, false) }
            let last = b[b.count - 1]
            // Parameters and intermediates are 0x20...0x3F; a final byte ends the sequence.
            if (0x20...0x3F).contains(last) {
                return b.count > 16 ? (nil, true) : (nil, false)
            }
            let params = String(decoding: b[2..<(b.count - 1)], as: UTF8.self)
            let control = params.contains(";5") || params.contains(";3")
            switch last {
            case UInt8(ascii: "A"): return (.up, true)
            case UInt8(ascii: "B"): return (.down, true)
            case UInt8(ascii: "C"): return (control ? .wordRight : .right, true)
            case UInt8(ascii: "D"): return (control ? .wordLeft : .left, true)
            case UInt8(ascii: "H"): return (.home, true)
            case UInt8(ascii: "F"): return (.end, true)
            case UInt8(ascii: "~"):
                switch params {
                case "1", "7": return (.home, true)
                case "4", "8": return (.end, true)
                case "3": return (.delete, true)
                default: return (nil, true)
                }
            default: return (nil, true)
            }
        case UInt8(ascii: "b"): return (.wordLeft, true)
        case UInt8(ascii: "f"): return (.wordRight, true)
        case 0x7F: return (.control("w"), true)
        case 0x1B: return (.escape, true)
        default: return (nil, true)
        }
    }

    private static func decodeUTF8(_ b: [UInt8]) -> (Key?, Bool) {
        let first = b[0]
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        if length == 1 { return (nil, true) }  // a stray continuation byte
        guard b.count >= length else { return (nil, false) }
        let s = String(decoding: b, as: UTF8.self)
        guard let c = s.first, s.count == 1, s != "\u{FFFD}" else { return (nil, true) }
        return (.character(c), true)
    }
}
