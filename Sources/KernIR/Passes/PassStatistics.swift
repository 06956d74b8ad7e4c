/// What a pass did, for `kernelc report` and `--dump-after` readers: the pass name and
/// per-function counts of what it removed and kept. In: filled by the passes. Out: read
/// by the pipeline's caller. Only passes build these (implicit memberwise initializers).
public struct PassStatistics: Sendable, Hashable, CustomStringConvertible {
    public struct FunctionCount: Sendable, Hashable {
        public var function: String
        public var removed: Int
        public var kept: Int
    }

    /// The pass's pipeline name (`eliminate-bounds-checks`).
    public var pass: String
    /// One entry per function, in module order.
    public var functions: [FunctionCount] = []

    public var removed: Int { functions.reduce(0) { $0 + $1.removed } }
    public var kept: Int { functions.reduce(0) { $0 + $1.kept } }

    public var description: String {
        "\(pass): removed \(removed), kept \(kept)"
            + functions.map { "\n  \($0.function): removed \($0.removed), kept \($0.kept)" }
            .joined()
    }
}

/// Rewrites every block of a function bottom-up, keeping instructions for which
/// `keep` returns true; nested blocks are visited before their parent instruction is
/// offered to `keep`. Returns the number of instructions dropped.
func filterInstructions(_ block: inout Block, _ keep: (Instr) -> Bool) -> Int {
    var dropped = 0
    var out: [Instr] = []
    out.reserveCapacity(block.instrs.count)
    for var instr in block.instrs {
        instr.op.updateNestedBlocks { dropped += filterInstructions(&$0, keep) }
        if keep(instr) {
            out.append(instr)
        } else {
            dropped += 1
        }
    }
    block.instrs = out
    return dropped
}

/// Counts the instructions of a block (nested ones included) that satisfy `test`.
func countInstructions(_ block: Block, _ test: (Instr) -> Bool) -> Int {
    block.instrs.reduce(0) { n, instr in
        n + (test(instr) ? 1 : 0)
            + instr.op.nestedBlocks.reduce(0) { $0 + countInstructions($1, test) }
    }
}

func isBoundsCheck(_ instr: Instr) -> Bool {
    if case .checkBounds = instr.op { return true }
    return false
}
