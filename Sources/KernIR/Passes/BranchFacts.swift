/// What an `if` condition guarantees inside its `then` block, for bounds-check
/// elimination: `if b >= 0 && b < n { counts[b] += 1 }` (the histogram idiom) proves
/// `0 <= b < n`.
///
/// IRGen lowers `a && b` through a slot: `store $s, A; if A { …; store $s, B }; load $s`.
/// `ConditionTracker` follows that pattern within one block and knows that the loaded
/// value is the conjunction `A && B` (chains nest for `a && b && c`). Any other write
/// to the slot — a store elsewhere, a nested block writing it, a call taking it
/// `inout` — forgets what it knew.
struct ConditionTracker {
    /// Per slot: the conjuncts its current value is known to be.
    private var chains: [SlotID: [ValueID]] = [:]
    /// Per `load` result: the conjuncts it stands for.
    private var loaded: [ValueID: [ValueID]] = [:]

    /// The conjuncts a condition value stands for (itself when nothing is known).
    func conjuncts(_ c: ValueID) -> [ValueID] { loaded[c] ?? [c] }

    /// Updates the knowledge after `instr` (already processed) in the current block.
    mutating func observe(_ instr: Instr) {
        switch instr.op {
        case .store(let s, let v):
            chains[s] = conjuncts(v)
            return
        case .load(let s):
            if let r = instr.result, let chain = chains[s] { loaded[r] = chain }
            return
        case .ifElse(let c, let then, let els):
            if els.instrs.isEmpty, case .store(let s, let b)? = then.instrs.last?.op,
                let chain = chains[s], chain == conjuncts(c),
                !Block(Array(then.instrs.dropLast())).writes(s)
            {
                chains[s] = chain + [b]
                return
            }
        default:
            break
        }
        for s in chains.keys where instr.writes(s) { chains[s] = nil }
    }
}

/// `0 <= index < upper` holds where this guard applies.
struct IndexGuard {
    var index: ValueID
    var upper: ValueID
}

extension Facts {
    /// Guards proven by a conjunction of comparisons: `x >= 0` (or `0 <= x`) together
    /// with `x < n` (or `n > x`).
    func guards(_ conjuncts: [ValueID]) -> [IndexGuard] {
        var nonNegative = Set<ValueID>()
        var below: [(ValueID, ValueID)] = []
        for c in conjuncts {
            guard let (p, a, b) = compares[c] else { continue }
            switch p {
            case .ge where integer(b) == 0: nonNegative.insert(a)
            case .le where integer(a) == 0: nonNegative.insert(b)
            case .gt where integer(b) == -1: nonNegative.insert(a)
            case .lt: below.append((a, b))
            case .gt: below.append((b, a))
            default: break
            }
        }
        return below.filter { nonNegative.contains($0.0) }.map {
            IndexGuard(index: $0.0, upper: $0.1)
        }
    }
}

extension Instr {
    /// Whether this instruction (or a block nested in it) may write slot `s`.
    func writes(_ s: SlotID) -> Bool {
        switch op {
        case .store(let t, _): return t == s
        case .call(_, let args):
            return args.contains { if case .slot(s) = $0 { true } else { false } }
        default: return op.nestedBlocks.contains { $0.writes(s) }
        }
    }
}

extension Block {
    func writes(_ s: SlotID) -> Bool { instrs.contains { $0.writes(s) } }
}
