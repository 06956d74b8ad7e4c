import KernBasics

/// Bounds checks per loop, for `kernelc report`. In: the module before and after the
/// bounds-check passes. Out: for every `for` loop (keyed by its `LoopID`), how many
/// `check.bounds` the passes removed, hoisted out of the loop, and kept inside it. A
/// check is counted in its innermost enclosing loop. Built only here (implicit memberwise
/// initializer).
public struct LoopCheckSummary: Sendable, Hashable {
    /// The loop's identity (the report joins on it).
    public var id: LoopID
    public var function: String
    /// Position of the loop's `for` keyword (for display; not unique).
    public var loop: SourcePos
    /// Proved safe and deleted.
    public var removed: Int
    /// Replaced by range checks before the loop (filled by the hoisting pass).
    public var hoisted: Int
    /// Still checked on every iteration.
    public var kept: Int

}

/// Where a loop was first seen (its function before outlining, and its position).
struct LoopPlace: Hashable {
    var function: String
    var pos: SourcePos
}

/// Bounds checks directly in each `for` loop (nested loops count separately), by loop
/// identity, for every `for` loop of the module, including loops without checks.
/// Passes keep `LoopID`s, so counts before and after outlining and versioning match up.
struct LoopCheckCounts {
    var counts: [LoopID: Int] = [:]
    var places: [LoopID: LoopPlace] = [:]
}

func boundsChecksPerLoop(_ m: Module) -> LoopCheckCounts {
    var result = LoopCheckCounts()
    for f in m.functions.elements {
        countChecks(f.body, function: f.name, loop: nil, into: &result)
    }
    return result
}

private func countChecks(
    _ block: Block, function: String, loop: LoopID?, into result: inout LoopCheckCounts
) {
    for instr in block.instrs {
        if isBoundsCheck(instr), let loop { result.counts[loop, default: 0] += 1 }
        var inner = loop
        if case .forLoop = instr.op {
            guard let id = instr.loop else {
                preconditionFailure("runPipeline numbers every loop before counting checks")
            }
            result.counts[id, default: 0] += 0
            if result.places[id] == nil {
                result.places[id] = LoopPlace(function: function, pos: instr.pos)
            }
            inner = id
        }
        for nested in instr.op.nestedBlocks {
            countChecks(nested, function: function, loop: inner, into: &result)
        }
    }
}

/// Summaries from the counts before and after the bounds-check passes, in source order
/// (then loop order). `after` is counted before hoisting (hoisting only moves checks)
/// and may come from a module whose prange bodies were outlined into other functions:
/// the loop keeps its ID there.
func summarizeLoopChecks(
    before: LoopCheckCounts, after: LoopCheckCounts, hoisted: [LoopID: Int] = [:]
)
    -> [LoopCheckSummary]
{
    before.counts.keys.sorted {
        let (a, b) = (before.places[$0]!, before.places[$1]!)
        return (a.pos.line, a.pos.column, a.function, $0) < (
            b.pos.line, b.pos.column, b.function, $1
        )
    }
    .map { id in
        let place = before.places[id]!
        let remaining = after.counts[id] ?? 0
        let moved = min(hoisted[id] ?? 0, remaining)
        return LoopCheckSummary(
            id: id, function: place.function, loop: place.pos,
            removed: max(0, (before.counts[id] ?? 0) - remaining), hoisted: moved,
            kept: remaining - moved)
    }
}
