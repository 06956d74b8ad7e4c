/// Input history, optionally kept in a file between sessions.
///
/// In: submitted inputs (multi-line ones stay one entry). Out: entries for Up/Down and
/// Ctrl-R search. The file has one entry per line; a newline inside an entry is written
/// as `\n` and a backslash as `\\`. Consecutive duplicates and blank inputs are not
/// recorded; the oldest entries are dropped beyond `limit` in memory. The file is only
/// appended to (`HistoryFile`), one entry per write, so concurrent REPLs keep both their
/// entries; it is trimmed back to `limit` entries when loaded with more than twice that.
import Foundation

public struct History: Sendable {
    public private(set) var entries: [String] = []
    public let limit: Int
    public let path: String?

    public init(limit: Int = 1000, path: String? = nil) {
        self.limit = limit
        self.path = path
        guard let path else { return }
        let file = HistoryFile(path: path)
        // Trimming rewrites the file, so it happens only here, rarely; a file that cannot
        // be trimmed is still read.
        let lines = (try? file.trimIfNeeded(limit: limit)) ?? file.readLines()
        entries = lines.map(Self.decode)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    public mutating func add(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, entries.last != entry
        else { return }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        append(entry)
    }

    /// The newest entry at or before `start` that contains `query`.
    public func search(_ query: String, from start: Int) -> Int? {
        guard !query.isEmpty, !entries.isEmpty else { return nil }
        var i = min(start, entries.count - 1)
        while i >= 0 {
            if entries[i].contains(query) { return i }
            i -= 1
        }
        return nil
    }

    private func append(_ entry: String) {
        guard let path else { return }
        // A history that cannot be written is not worth interrupting the session for.
        try? HistoryFile(path: path).append(Self.encode(entry))
    }

    static func encode(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func decode(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
