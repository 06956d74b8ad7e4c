/// The human-readable rendering of a `KernReport`: one table per function, one row per
/// loop (nested loops indented under their parent), and under a row the reasons a loop
/// was not vectorized. `remarks: true` adds LLVM's remarks verbatim.
import Foundation

extension KernReport {
    /// The report as `kernelc report` prints it: a table per function, a row per loop.
    /// - Parameter remarks: also list LLVM's remarks verbatim under each loop.
    public func text(remarks: Bool = false) -> String {
        var out = "\(file): loop report (-O\(optimizationLevel)"
        out += checked ? ", bounds checks on" : ", unchecked"
        if fastMath { out += ", fast-math" }
        out += ")\n"
        if !optimized {
            out += "not optimized: the vectorizers run from -O2, so vectorization is not reported\n"
        }
        for f in functions {
            out += "\n" + f.text(remarks: remarks)
        }
        return out
    }
}

extension FunctionReport {
    /// This function's part of `KernReport.text(remarks:)`.
    /// - Parameter remarks: also list LLVM's remarks verbatim under each loop.
    public func text(remarks: Bool = false) -> String {
        var out = "func \(name) (\(line):\(column))\n"
        if loops.isEmpty { return out + "  no loops\n" }
        let header = [
            "loop", "kind", "parallel", "vectorized", "checks rm/hoist/kept", "reductions",
        ]
        var rows: [[String]] = []
        var notes: [[String]] = []
        for loop in loops {
            rows.append([
                String(repeating: "  ", count: loop.depth) + loop.position,
                loop.kind.rawValue,
                loop.parallel ? "yes" : "no",
                loop.vectorization.summary,
                loop.boundsChecks.map { "\($0.removed)/\($0.hoisted)/\($0.kept)" } ?? "-",
                loop.reductions.isEmpty
                    ? "-"
                    : loop.reductions.map { "\($0.variable) \($0.op)" }.joined(separator: ", "),
            ])
            var lines = loop.vectorization.status == .vectorized ? [] : loop.vectorization.reasons
            if let spmd = loop.spmd { lines.insert(spmd, at: 0) }
            if let jam = loop.unrollAndJam { lines.insert(jam, at: 0) }
            if remarks {
                lines += loop.remarks.map {
                    "[\($0.pass) \($0.kind) at \($0.line):\($0.column) in \($0.llvmFunction)] \($0.message)"
                }
            }
            notes.append(lines)
        }
        let widths = header.indices.map { c in
            ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0
        }
        func tableRow(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { c, cell in
                c == cells.count - 1
                    ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }
            return "  " + padded.joined(separator: "  ") + "\n"
        }
        out += tableRow(header)
        for (row, lines) in zip(rows, notes) {
            out += tableRow(row)
            let indent = String(repeating: " ", count: 4 + (row[0].prefix { $0 == " " }.count))
            for note in lines {
                // LLVM's messages can span lines: keep them under their bullet.
                out +=
                    indent + "- " + note.replacingOccurrences(of: "\n", with: "\n" + indent + "  ")
                    + "\n"
            }
        }
        return out
    }
}

extension VectorizationReport {
    /// "yes: width 8, interleave 4", "no", "not optimized", …
    public var summary: String {
        switch status {
        case .vectorized: "yes: width \(width ?? 1), interleave \(interleave ?? 1)"
        case .notVectorized: "no"
        case .fullyUnrolled: "fully unrolled"
        case .notOptimized: "not optimized"
        case .noRemark: "-"
        }
    }
}
