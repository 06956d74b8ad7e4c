import KernBasics

/// Bounds checks per loop, for `kernelc report`. In: the module before and after the
/// bounds-check passes. Out: for every `for` loop (keyed by function and the position
/// of its `for` keyword), how many `check.bounds` the passes removed, hoisted out of the
/// loop, and kept inside it. A check is counted in its innermost enclosing loop.
public struct LoopCheckSummary: Sendable, Hashable {
    public var function: String
    /// Position of the loop's `for` keyword.
    public var loop: SourcePos
    /// Proved safe and deleted.
    public var removed: Int
    /// Replaced by range checks before the loop (filled by the hoisting pass).
    public var hoisted: Int
    /// Still checked on every iteration.
    public var kept: Int

    public init(function: String, loop: SourcePos, removed: Int, hoisted: Int, kept: Int) {
        self.function = function
        self.loop = loop
        self.removed = removed
        self.hoisted = hoisted
        self.kept = kept
    }
}

/// Identifies a loop across passes: passes keep an instruction's position.
struct LoopKey: Hashable {
    var function: String
    var loop: SourcePos
}

/// Number of bounds checks directly in each loop (nested loops count separately), for
/// every loop of the module, including loops without checks.
func boundsChecksPerLoop(_ m: Module) -> [LoopKey: Int] {
    var counts: [LoopKey: Int] = [:]
    for f in m.functions.elements {
        countChecks(f.body, function: f.name, loop: nil, into: &counts)
    }
    return counts
}

private func countChecks(
    _ block: Block, function: String, loop: LoopKey?, into counts: inout [LoopKey: Int]
) {
    for instr in block.instrs {
        if isBoundsCheck(instr), let loop { counts[loop, default: 0] += 1 }
        var inner = loop
        if case .forLoop = instr.op {
            let key = LoopKey(function: function, loop: instr.pos)
            counts[key, default: 0] += 0
            inner = key
        }
        for nested in instr.op.nestedBlocks {
            countChecks(nested, function: function, loop: inner, into: &counts)
        }
    }
}

/// Summaries from the counts before and after the bounds-check passes, in source order.
/// `after` is counted before hoisting (hoisting only moves checks) and may come from a
/// module whose prange bodies were outlined into other functions, so counts after the
/// first pass are matched by loop position, which is unique within a source file.
func summarizeLoopChecks(
    before: [LoopKey: Int], after: [LoopKey: Int], hoisted: [SourcePos: Int] = [:]
)
    -> [LoopCheckSummary]
{
    var afterByLoop: [SourcePos: Int] = [:]
    for (key, n) in after { afterByLoop[key.loop, default: 0] += n }
    return before.keys.sorted {
        ($0.loop.line, $0.loop.column, $0.function) < ($1.loop.line, $1.loop.column, $1.function)
    }
    .map { key in
        let remaining = afterByLoop[key.loop] ?? 0
        let moved = min(hoisted[key.loop] ?? 0, remaining)
        let kept = remaining - moved
        return LoopCheckSummary(
            function: key.function, loop: key.loop,
            removed: max(0, (before[key] ?? 0) - remaining), hoisted: moved, kept: kept)
    }
}
