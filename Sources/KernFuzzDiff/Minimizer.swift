import Foundation

/// Delta debugging on a generated program's structure (functions, statements, blocks).
///
/// In: program text with one statement per line and blocks indented by four spaces (as
/// `ProgramGenerator` writes it), and a predicate telling whether a candidate still
/// shows the failure. Out: a smaller program that still does. Candidates that no longer
/// compile simply are not interesting, so the result stays a valid program.
public enum Minimizer {
    /// A deletable span of lines: a statement, or a block with its closing line.
    struct Unit {
        var start: Int
        var end: Int  // inclusive
        var isBlock: Bool { end > start }
    }

    public static func minimize(
        _ text: String, deadline: Date, isInteresting: (String) -> Bool
    ) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var progress = true
        while progress, Date() < deadline {
            progress = false
            // Largest units first: whole functions and loops go in one step.
            let ordered = units(of: lines).sorted { ($0.end - $0.start) > ($1.end - $1.start) }
            var removed = Set<Int>()
            for u in ordered where Date() < deadline {
                if (u.start...u.end).contains(where: removed.contains) { continue }
                var candidate = lines
                for k in u.start...u.end { candidate[k] = "\u{0}" }
                for k in removed { candidate[k] = "\u{0}" }
                if isInteresting(render(candidate)) {
                    removed.formUnion(u.start...u.end)
                    progress = true
                    continue
                }
                // A block that must stay may still lose its header: keep the body only
                // (candidates with a dangling `} else {` do not compile and are dropped).
                if u.isBlock, !lines[u.start].hasPrefix("func "),
                    lines[u.end].trimmingCharacters(in: .whitespaces) == "}"
                {
                    var unwrapped = candidateBase(lines, removed)
                    unwrapped[u.start] = "\u{0}"
                    unwrapped[u.end] = "\u{0}"
                    if isInteresting(render(unwrapped)) {
                        removed.formUnion([u.start, u.end])
                        progress = true
                    }
                }
            }
            lines = lines.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        }
        return render(lines)
    }

    private static func candidateBase(_ lines: [String], _ removed: Set<Int>) -> [String] {
        var c = lines
        for k in removed { c[k] = "\u{0}" }
        return c
    }

    private static func render(_ lines: [String]) -> String {
        lines.filter { $0 != "\u{0}" }.joined(separator: "\n")
    }

    private static func indentation(_ line: String) -> Int {
        line.prefix { $0 == " " }.count
    }

    /// Statements and blocks: a line ending in `{` spans to the next line at its
    /// indentation that closes it (`}` or `} while …`), `} else {` continuing the block.
    static func units(of lines: [String]) -> [Unit] {
        var result: [Unit] = []
        for (i, line) in lines.enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("}") || t.hasPrefix("//") { continue }
            guard t.hasSuffix("{") else {
                result.append(Unit(start: i, end: i))
                continue
            }
            let depth = indentation(line)
            var j = i + 1
            while j < lines.count {
                let u = lines[j].trimmingCharacters(in: .whitespaces)
                if indentation(lines[j]) == depth, u.hasPrefix("}"), !u.hasSuffix("{") { break }
                j += 1
            }
            if j < lines.count { result.append(Unit(start: i, end: j)) }
        }
        return result
    }
}
