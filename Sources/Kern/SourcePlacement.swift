/// Finds where a Kern source string sits in the Swift file that holds its literal, so
/// positions in the string become positions in that file.
///
/// In: the text, the Swift file's path, and the caller's `#line`/`#column`. Out: a
/// `SourceFile` named after the Swift file, with the line offset and per-line column
/// offsets (`SourceFile.displayPosition`).
///
/// Swift gives only the call's position, not the literal's, and a multi-line literal
/// loses its indentation, so when the Swift file is readable (the usual case while
/// developing and testing) it is read and the text's lines are looked up in it:
/// - near the call (its line and the three after, for `compile(\n source: """`): the
///   text's first line, either after a `"` (single-line literal) or as a whole line after
///   indentation (multi-line literal, which starts on the line after `"""`);
/// - else anywhere in the file, every line matching (a literal assigned to a variable
///   elsewhere in the file and passed to the call).
/// Found: lines and columns are exact (the column offset of a multi-line literal's line
/// is its indentation). Not found in a readable file: the text did not come from a
/// literal there (read at run time, built by code), so it is named `<source>` as before.
/// The file unreadable (an app on another machine): lines are placed by rule — a text with
/// a newline is a multi-line literal starting on the line after the call's, one without
/// sits on the call's line — and columns count within the string.
import Foundation

enum SourcePlacement {
    /// Swift files larger than this are not read (a literal is not looked up in them).
    static let maximumFileSize = 8 << 20

    /// How many lines after the call's line the literal may start (`compile(` on one
    /// line, `source:` on the next, `"""` on the one after).
    static let nearLines = 3

    static func place(_ text: String, inSwiftFile path: String, line: Int, column: Int)
        -> SourceFile
    {
        let textLines = lines(of: text)
        guard let host = readLines(path) else {
            // Unreadable: place by rule (see the file comment).
            let multiLine = textLines.count > 1
            return SourceFile(
                name: path, text: text, lineOffset: max(0, multiLine ? line : line - 1))
        }
        // 0-based host lines where the text may start near the call (none when `line` is
        // past the end of the file).
        let first = max(0, line - 1)
        let last = min(host.count - 1, first + nearLines)
        if first <= last {
            for start in first...last {
                // On the call's own line, a single-line literal is after the parenthesis.
                let after = start == line - 1 ? column : 1
                if let placed = match(
                    textLines, in: host, from: start, afterColumn: after, strict: false)
                {
                    return SourceFile(
                        name: path, text: text, lineOffset: start, columnOffsets: placed)
                }
            }
        }
        for start in host.indices {
            if let placed = match(textLines, in: host, from: start, afterColumn: 1, strict: true) {
                return SourceFile(name: path, text: text, lineOffset: start, columnOffsets: placed)
            }
        }
        return SourceFile(name: "<source>", text: text)
    }

    /// Column offsets per text line when the text starts on host line `start` (0-based),
    /// or nil. Single-line literal: the whole text on that line after a `"`. Multi-line
    /// literal: each non-blank text line is a host line after indentation; `strict`
    /// requires all of them (a search of the whole file), otherwise the first (escapes or
    /// interpolation in later lines then leave those lines' columns unshifted).
    private static func match(
        _ textLines: [String], in host: [String], from start: Int, afterColumn: Int,
        strict: Bool
    ) -> [Int]? {
        // The first line with code anchors the match: blank lines match any line.
        guard let anchor = textLines.firstIndex(where: { !isBlank($0) }), start < host.count
        else { return nil }
        if textLines.count == 1,
            let column = singleLineColumn(of: textLines[0], in: host[start], after: afterColumn)
        {
            return [column]
        }
        guard start + textLines.count <= host.count else { return nil }
        var offsets: [Int] = []
        for (k, textLine) in textLines.enumerated() {
            if isBlank(textLine) {
                offsets.append(0)
            } else if let indent = indentation(of: textLine, in: host[start + k]) {
                offsets.append(indent)
            } else if strict || k == anchor {
                return nil
            } else {
                offsets.append(0)
            }
        }
        return offsets
    }

    /// Scalars before a single-line literal's content `text` in `hostLine`: the first
    /// `"` + `text` at or after the UTF-8 column `after` (Swift's `#column` counts bytes).
    private static func singleLineColumn(of text: String, in hostLine: String, after: Int)
        -> Int?
    {
        let bytes = Array(hostLine.utf8)
        let skip = min(max(0, after - 1), bytes.count)
        let tail = String(decoding: bytes[skip...], as: UTF8.self)
        guard let quote = tail.range(of: "\"" + text) else { return nil }
        let before = String(decoding: bytes[..<skip], as: UTF8.self).unicodeScalars.count
        return before
            + tail.unicodeScalars.distance(
                from: tail.unicodeScalars.startIndex, to: quote.lowerBound) + 1
    }

    private static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The indentation (in Unicode scalars) before `textLine` when the host line is
    /// whitespace followed by exactly `textLine`.
    private static func indentation(of textLine: String, in hostLine: String) -> Int? {
        let scalars = Array(hostLine.unicodeScalars)
        let wanted = Array(textLine.unicodeScalars)
        guard scalars.count >= wanted.count else { return nil }
        let indent = scalars.count - wanted.count
        guard Array(scalars[indent...]) == wanted,
            scalars[..<indent].allSatisfy({ $0 == " " || $0 == "\t" })
        else { return nil }
        return indent
    }

    /// The file's lines, or nil when it is missing, not a regular file, too large or not
    /// UTF-8.
    private static func readLines(_ path: String) -> [String]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = attributes[.size] as? Int, size <= maximumFileSize,
            let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        return lines(of: text)
    }

    /// Lines without their `\n` (or `\r\n`).
    private static func lines(of text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }
}
