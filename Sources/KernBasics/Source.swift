/// Source text and positions in it.
///
/// Positions are byte offsets (`SourceLoc`); line and column are computed only when
/// a position is shown to a person (diagnostics, runtime errors), never stored in the AST.

/// A byte offset into a `SourceFile`'s UTF-8 text.
public struct SourceLoc: Hashable, Comparable, Sendable {
    public var offset: UInt32
    public init(_ offset: UInt32) { self.offset = offset }
    public init(_ offset: Int) { self.offset = UInt32(clamping: offset) }
    public static func < (a: SourceLoc, b: SourceLoc) -> Bool { a.offset < b.offset }
}

/// A half-open byte range `[start, end)` in a `SourceFile`.
public struct SourceRange: Hashable, Sendable {
    public var start: SourceLoc
    public var end: SourceLoc
    public init(_ start: SourceLoc, _ end: SourceLoc) {
        self.start = start
        self.end = end
    }
    public init(at loc: SourceLoc) { self.init(loc, loc) }
    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// A 1-based line and column, the form positions take when shown to people and
/// when carried past the front end (Kern IR, runtime errors).
/// Columns count Unicode scalars, so a caret lines up under non-ASCII text.
public struct SourcePos: Hashable, Sendable, CustomStringConvertible {
    /// The line, from 1 (0 when unknown).
    public var line: UInt32
    /// The column in Unicode scalars, from 1 (0 when unknown).
    public var column: UInt32
    /// The position `line:column`.
    public init(line: UInt32, column: UInt32) {
        self.line = line
        self.column = column
    }
    /// No position (`0:0`): the compiler knew none.
    public static let unknown = SourcePos(line: 0, column: 0)
    public var description: String { "\(line):\(column)" }
}

/// One source text with its name, and a line table for offset → line/column.
///
/// The text may sit inside a larger file — a kernel in a Swift string literal — and then
/// `lineOffset` and the column offsets place it there: positions computed on the text
/// (`position(of:)`, what Kern IR and runtime errors carry) are mapped to the file `name`
/// names by `displayPosition(_:)` when shown.
public final class SourceFile: Sendable {
    /// The file diagnostics name: a `.kern` path, or the Swift file holding the literal.
    public let name: String
    /// The Kern source text.
    public let text: String
    /// `text` as UTF-8 bytes (what `SourceLoc` offsets index).
    public let utf8: [UInt8]
    /// Lines of `name` before the text's line 1 (0 for a whole `.kern` file).
    public let lineOffset: UInt32
    /// Per text line (index 0 = line 1), columns of `name` before the text's column 1:
    /// the indentation Swift strips from a multi-line literal, or the columns before a
    /// single-line literal's content. Lines past the end have offset 0.
    private let columnOffsets: [UInt32]
    /// Byte offset of the first character of each line.
    private let lineStarts: [Int]

    /// A text named `name`; `lineOffset` and `columnOffsets` (see the properties) place
    /// it inside that file when it is part of one.
    public init(name: String, text: String, lineOffset: Int = 0, columnOffsets: [Int] = []) {
        self.name = name
        self.text = text
        self.lineOffset = UInt32(clamping: lineOffset)
        self.columnOffsets = columnOffsets.map { UInt32(clamping: $0) }
        let bytes = Array(text.utf8)
        self.utf8 = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// Line (1-based) and column (1-based, in Unicode scalars) of a location.
    public func position(of loc: SourceLoc) -> SourcePos {
        let offset = min(Int(loc.offset), utf8.count)
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let lineStart = lineStarts[lo]
        var column = 1
        for i in lineStart..<offset where utf8[i] & 0xC0 != 0x80 { column += 1 }
        return SourcePos(line: UInt32(lo + 1), column: UInt32(column))
    }

    /// Where a position of the text is in the file `name` names: what diagnostics and
    /// runtime errors show. `SourcePos.unknown` stays unknown.
    public func displayPosition(_ position: SourcePos) -> SourcePos {
        guard position != .unknown else { return position }
        let index = Int(position.line) - 1
        let shift = index >= 0 && index < columnOffsets.count ? columnOffsets[index] : 0
        return SourcePos(
            line: position.line &+ lineOffset, column: position.column &+ shift)
    }

    /// `displayPosition(position(of: loc))`.
    public func displayPosition(of loc: SourceLoc) -> SourcePos {
        displayPosition(position(of: loc))
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: UInt32) -> String {
        let index = Int(line) - 1
        guard index >= 0, index < lineStarts.count else { return "" }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
    }

    /// How many lines the text has (a final newline starts an empty last line).
    public var lineCount: Int { lineStarts.count }
}
