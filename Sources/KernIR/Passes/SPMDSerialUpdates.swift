import KernBasics

/// Lane-ordered updates in SPMD `prange` bodies (issue 16, item 5; docs/decisions.md,
/// "SPMD prange bodies"): the read-modify-write of an array reduction's private copy,
/// `local[b] += e`, lowers to
///
///     %r = load.elem %row[%b]
///     ... pure arithmetic on %r ...
///     store.elem %row[%b], %v
///
/// Two lanes may hit the same element (two samples in one histogram bin), so a gather
/// of every lane's old value followed by a scatter would lose updates. Such a *serial
/// region* runs lane after lane instead — lane 0's load, arithmetic and store, then
/// lane 1's, … —, which is exactly the order of the scalar loop's iterations for that
/// element. Everything before the region (the bin's computation) still runs on vectors.
///
/// A region is found structurally, without naming the reduction: the store has no
/// index affine in the loop variable (so the race rule admits it only as an array
/// reduction, whose copy the loop uses for nothing else), its load reads the same array
/// at the same index values, earlier in the same block, and only pure scalar
/// operations lie between them, whose results are used nowhere else.
/// The serial region starting at `block.instrs[k]`, if one does: the positions of its
/// load through its store. `isReduction` decides whether the store qualifies (the
/// analysis passes "no index affine in the loop variable"); `uses` counts the
/// instructions of the loop body (nested blocks included) using each value.
public func spmdSerialRegion(
    in block: Block, at k: Int, uses: [ValueID: Int], isReduction: (Instr) -> Bool
) -> ClosedRange<Int>? {
    let instrs = block.instrs
    guard case .loadElement(let array, let indices) = instrs[k].op,
        let loaded = instrs[k].result
    else { return nil }
    // Scan forward over pure operations to the store of the same element.
    var inside: [ValueID: Int] = [:]  // uses seen inside the region
    var defined: Set<ValueID> = [loaded]
    var j = k + 1
    while j < instrs.count {
        let instr = instrs[j]
        for v in instr.op.operands where defined.contains(v) { inside[v, default: 0] += 1 }
        if case .storeElement(let a, let idx, _) = instr.op, a == array, idx == indices {
            guard isReduction(instr) else { return nil }
            // The region's values must not escape it: the lanes run it one at a time
            // and leave no vector of its results behind.
            let escapes = defined.contains { uses[$0, default: 0] != inside[$0, default: 0] }
            return escapes ? nil : k...j
        }
        guard instr.op.isPureScalar, let r = instr.result else { return nil }
        defined.insert(r)
        j += 1
    }
    return nil
}

/// How many instructions (nested blocks included) use each value.
public func spmdValueUses(_ block: Block) -> [ValueID: Int] {
    var uses: [ValueID: Int] = [:]
    func scan(_ b: Block) {
        for instr in b.instrs {
            for v in instr.op.operands { uses[v, default: 0] += 1 }
            instr.op.nestedBlocks.forEach(scan)
        }
    }
    scan(block)
    return uses
}

extension Op {
    /// Straight-line scalar operations without memory accesses or checks (a region runs
    /// only for live lanes, whose checks before it passed).
    var isPureScalar: Bool {
        switch self {
        case .constant, .unary, .binary, .compare, .convert, .math, .dim:
            return true
        default:
            return false
        }
    }
}
