import KernBasics

/// The checked fallback of a versioned loop (`hoistBoundsChecks`) when every hoisted
/// check runs on every iteration. In: the original loop and the affine forms of its
/// hoisted checks. Out: instructions that behave exactly like the original loop — the
/// same iterations, the same effects, the same first failing access — but hold no loop
/// with one exit per check:
///
///     failed = false
///     for i in <the loop's range> {                  // serial
///         if <number of hoisted checks passing at i> != <number of hoisted checks> {
///             failed = true; at = i; break      // one such test per 16 checks
///         }
///         <body without the hoisted checks>
///     }
///     if failed { <the body's prefix up to its last hoisted check, with i = at> }
///
/// Why: every check of a loop is a loop exit, and LLVM's IndVarSimplify asks SCEV, for
/// each induction-variable user, about the conditions of all the exits dominating it:
/// O(n²) queries for n checks (a loop over 200 `inout` arrays took ~3 s of IndVarSimplify;
/// docs/compile-time.md). Here the loop has one exit, taken on a condition SCEV cannot
/// split (a count of passing checks, not an `and` of them), and the failing iteration's
/// checks run once, in straight-line code after the loop. (Exactly: one exit per
/// `checksPerExit` checks, tested one group after the other at the top of the iteration.)
///
/// Why it is exact. A hoisted check "runs on every iteration" when it sits in the
/// body's top-level block before anything that contains a `break`, `continue` or
/// `return`: nothing before it can leave the iteration except a failing check. Its
/// condition `0 <= c*i + k < B` is computed from the affine form with the same wrapping
/// i64 arithmetic the body uses (a polynomial identity holds modulo 2^64), so the test
/// at the top of an iteration is exactly "every hoisted check of this iteration would
/// pass". Iterations before the first failing one therefore run the body without those
/// checks with the same effects as the original; the failing one runs the original
/// prefix, checks included, which must stop at the first failing access in program
/// order (a hoisted check in it fails, unless an earlier check does). Nothing after the
/// prefix could have run, so the code after the `if` is never reached with `failed` set.
///
/// `nil` (the caller keeps the original loop as fallback) when a hoisted check may be
/// skipped on some iteration: then the range test can fail on a loop that runs without
/// error, the fallback is the hot path, and the original loop is the faster one to keep.
struct CheckedFallback {
    var function: Function
    let pos: SourcePos
    let id: LoopID?

    /// Checks tested per loop exit. One exit for all would make one long sum, and LLVM's
    /// SLP vectorizer tries to vectorize a long reduction at a cost that grows faster than
    /// its length (0.6 s for 200 checks); groups keep every reduction short and the exits
    /// few (IndVarSimplify's work grows with exits × checks: 13 × 200 for 200 checks).
    static let checksPerExit = 16

    /// A hoisted check: its index `coefficient * induction + offset` and its bound.
    struct Check: Hashable {
        var index: AffineForm
        var bound: AffineForm
    }

    /// The fallback for `loop`, or nil when one of the hoisted checks may be skipped.
    /// `hoisted(index, bound)` gives the forms of a hoisted `check.bounds` (nil for the
    /// others); `total` is the number of hoisted checks (by operands).
    mutating func build(_ loop: ForLoop, hoisted: (ValueID, ValueID) -> Check?, total: Int)
        -> [Instr]?
    {
        guard let (prefixEnd, found) = mustRunChecks(loop.body, hoisted), found.count == total
        else { return nil }
        let failed = function.slots.append(SlotInfo(name: "check.failed", type: .scalar(.bool)))
        let at = function.slots.append(SlotInfo(name: "check.at", type: .scalar(.int64)))
        var e = InstrEmitter(function: function, pos: pos)
        let no = e.constant(.bool(false), .bool)
        e.emit(.store(failed, no))
        // Loop-invariant parts, computed once before the loop, in body order.
        var seen = Set<Check>()
        let checks = found.filter { seen.insert($0).inserted }
        var atoms = AffineValues()
        var parts: [(offset: ValueID, bound: ValueID)] = []
        for c in checks {
            let offset = atoms.value(of: c.index.offset, &e)
            parts.append((offset, atoms.value(of: c.bound, &e)))
        }
        // The test at the top of each iteration: for each group of checks, how many pass.
        var test = InstrEmitter(function: e.function, pos: pos)
        let zero = test.i64(0)
        let groups = stride(from: 0, to: checks.count, by: Self.checksPerExit).map {
            $0..<min($0 + Self.checksPerExit, checks.count)
        }
        for group in groups {
            var passing: ValueID?
            for k in group {
                let (c, part) = (checks[k], parts[k])
                let index: ValueID
                switch c.index.coefficient {
                case 0: index = part.offset
                case 1: index = test.binary(.add, loop.induction, part.offset)
                default:
                    let factor = test.i64(c.index.coefficient)
                    let scaled = test.binary(.mul, factor, loop.induction)
                    index = test.binary(.add, scaled, part.offset)
                }
                let low = test.emit(.compare(.ge, index, zero), .scalar(.bool))
                let high = test.emit(.compare(.lt, index, part.bound), .scalar(.bool))
                let both = test.emit(.binary(.and, low, high), .scalar(.bool))
                let one = test.emit(.convert(both), .scalar(.int64))
                passing = passing.map { test.binary(.add, $0, one) } ?? one
            }
            guard let passing else { preconditionFailure("an empty group of checks") }
            let count = test.i64(Int64(group.count))
            let bad = test.emit(.compare(.ne, passing, count), .scalar(.bool))
            var leave = InstrEmitter(function: test.function, pos: pos)
            let yes = leave.constant(.bool(true), .bool)
            leave.emit(.store(failed, yes))
            leave.emit(.store(at, loop.induction))
            leave.emit(.breakLoop)
            test.function = leave.function
            test.emit(.ifElse(bad, then: Block(leave.instrs), else: Block()))
        }

        var body = loop.body
        _ = filterInstructions(&body) { instr in
            if case .checkBounds(let index, let bound, _) = instr.op {
                return hoisted(index, bound) == nil
            }
            return true
        }
        var fallback = loop
        fallback.kind = .serial  // SPMD lanes (blocked loops only) would each need `at`
        fallback.body = Block(test.instrs + body.instrs)
        e.function = test.function
        e.instrs.append(Instr(result: nil, op: .forLoop(fallback), pos: pos, loop: id))

        // The failing iteration, once, after the loop.
        let wasFailed = e.emit(.load(failed), .scalar(.bool))
        var once = InstrEmitter(function: e.function, pos: pos)
        let atValue = once.emit(.load(at), .scalar(.int64))
        var map = IDRemapper()
        map.values[loop.induction] = atValue
        let prefix = Array(loop.body.instrs[...prefixEnd])
        for instr in prefix { defineFresh(instr, &map, &once.function) }
        once.instrs += prefix.map(map.instr)
        e.function = once.function
        e.emit(.ifElse(wasFailed, then: Block(once.instrs), else: Block()))
        function = e.function
        return e.instrs
    }

    /// The hoisted checks that run on every iteration, in body order (repeats included),
    /// with the distinct operand pairs among them, and the position in the body's
    /// top-level block of the last one; nil when there is none.
    private func mustRunChecks(_ body: Block, _ hoisted: (ValueID, ValueID) -> Check?)
        -> (Int, [Check])?
    {
        var found: [Check] = []
        var operands = Set<CheckOperands>()
        var last: Int?
        for (k, instr) in body.instrs.enumerated() {
            if leavesIteration(instr.op) { break }
            if case .checkBounds(let index, let bound, _) = instr.op, let c = hoisted(index, bound),
                operands.insert(CheckOperands(index: index, bound: bound)).inserted
            {
                found.append(c)
                last = k
            } else if case .checkBounds(let index, let bound, _) = instr.op,
                hoisted(index, bound) != nil
            {
                last = k
            }
        }
        guard let last else { return nil }
        return (last, found)
    }

    /// Fresh SSA values for everything `instr` defines (the copy coexists with the loop).
    private func defineFresh(_ instr: Instr, _ map: inout IDRemapper, _ f: inout Function) {
        if let r = instr.result { map.values[r] = f.values.append(f.values[r]) }
        for b in instr.op.nestedBlocks {
            for i in b.instrs { defineFresh(i, &map, &f) }
        }
        if case .forLoop(let l) = instr.op {
            map.values[l.induction] = f.values.append(f.values[l.induction])
        }
    }
}

/// A `check.bounds` by its operands.
struct CheckOperands: Hashable {
    var index: ValueID
    var bound: ValueID
}

/// Whether `op` is or contains a `break`, `continue` or `return`.
private func leavesIteration(_ op: Op) -> Bool {
    if case .breakLoop = op { return true }
    if case .continueLoop = op { return true }
    if case .returnValue = op { return true }
    return op.nestedBlocks.contains { $0.instrs.contains { leavesIteration($0.op) } }
}
