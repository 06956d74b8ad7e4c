import KernBasics

/// The checked fallback of a versioned loop (`hoistBoundsChecks`) when every hoisted
/// check runs on every iteration. In: the original loop and the affine forms of its
/// hoisted checks. Out: a loop that behaves exactly like the original — the same
/// iterations, the same effects, the same first failing access — but has no exit per
/// check. The hoisted checks are taken in groups of `checksPerExit`, in the order they
/// first occur in the body; segment g is the body's top-level code up to the first
/// occurrence of group g's last check:
///
///     for i in <the loop's range> {                  // serial
///         if <number of group 1's checks passing at i> != <its size> {
///             <segment 1 with every check>; break    // one of its checks fails
///         }
///         <segment 1 without the hoisted checks>
///         if <group 2 falls short at i> { <segment 2 with every check>; break }
///         <segment 2 without the hoisted checks>
///         …
///         <the rest of the body without the hoisted checks>
///     }
///
/// Why: every check of a loop is a loop exit, and LLVM's IndVarSimplify asks SCEV, for
/// each induction-variable user, about the conditions of all the exits dominating it:
/// O(n²) queries for n checks (a loop over 200 `inout` arrays took ~3 s of IndVarSimplify;
/// docs/compile-time.md). Here the loop has one exit per group, taken on a condition
/// SCEV cannot split (a count of passing checks, not an `and` of them); the checked
/// segments end in `break`, so they are not part of the loop. Why per segment and not one
/// failing iteration after the loop (the previous form): that copy of the body's prefix
/// was one straight line of n checks, each dominated by all the earlier ones, and LLVM's
/// ConstraintElimination, CorrelatedValuePropagation and register allocation (n values
/// live across n blocks) took O(n²) on it: at 400 arrays, half of the function's code
/// generation. A checked segment holds one group's checks, and it sees only the values
/// it uses.
///
/// Why it is exact. A hoisted check "runs on every iteration" when it sits in the
/// body's top-level block before anything that contains a `break`, `continue` or
/// `return`: nothing before it can leave the iteration except a failing check. Its
/// condition `0 <= c*i + k < B` is computed from the affine form with the same wrapping
/// i64 arithmetic the body uses (a polynomial identity holds modulo 2^64), and its
/// operands do not change in the loop, so a group's count is exactly "every check of
/// the group would pass at i", wherever it is computed in the iteration. Segments 1…g−1
/// hold only checks of groups 1…g−1 (a check's group follows its first occurrence), so
/// when group g is the first to fall short at i, those segments ran without their
/// hoisted checks with the same effects as the original; segment g then runs with its
/// checks, and one of group g's checks in it fails (unless an earlier check does): the
/// first failing access in program order, with its position and values. Its `break` is
/// never reached.
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
        guard let found = mustRunChecks(loop.body, hoisted), found.operandPairs == total
        else { return nil }
        var e = InstrEmitter(function: function, pos: pos)
        // Loop-invariant parts, computed once before the loop, in body order.
        let checks = found.checks
        var atoms = AffineValues()
        var parts: [(offset: ValueID, bound: ValueID)] = []
        for c in checks {
            let offset = atoms.value(of: c.check.index.offset, &e)
            parts.append((offset, atoms.value(of: c.check.bound, &e)))
        }
        let groups = stride(from: 0, to: checks.count, by: Self.checksPerExit).map {
            $0..<min($0 + Self.checksPerExit, checks.count)
        }
        let original = loop.body.instrs
        var body: [Instr] = []
        var start = 0
        var f = e.function
        for group in groups {
            // Segment: from the end of the previous one to this group's last check.
            guard let end = group.last.map({ checks[$0].position }) else {
                preconditionFailure("an empty group of checks")
            }
            var test = InstrEmitter(function: f, pos: pos)
            let bad = groupFallsShort(group, checks, parts, loop.induction, &test)
            var checked = InstrEmitter(function: test.function, pos: pos)
            var map = IDRemapper()
            let segment = Array(original[start...end])
            for instr in segment { defineFresh(instr, &map, &checked.function) }
            checked.instrs = segment.map(map.instr)
            checked.emit(.breakLoop)
            test.function = checked.function
            test.emit(.ifElse(bad, then: Block(checked.instrs), else: Block()))
            body += test.instrs
            body += withoutHoisted(segment, hoisted)
            f = test.function
            start = end + 1
        }
        body += withoutHoisted(Array(original[start...]), hoisted)
        e.function = f
        var fallback = loop
        fallback.kind = .serial  // SPMD lanes (blocked loops only) would each need their own
        fallback.body = Block(body)
        e.instrs.append(Instr(result: nil, op: .forLoop(fallback), pos: pos, loop: id))
        function = e.function
        return e.instrs
    }

    /// `count(passing checks of group) != group.count` at `induction`, emitted into `e`.
    private func groupFallsShort(
        _ group: Range<Int>, _ checks: [FirstCheck], _ parts: [(offset: ValueID, bound: ValueID)],
        _ induction: ValueID, _ e: inout InstrEmitter
    ) -> ValueID {
        let zero = e.i64(0)
        var passing: ValueID?
        for k in group {
            let (c, part) = (checks[k].check, parts[k])
            let index: ValueID
            switch c.index.coefficient {
            case 0: index = part.offset
            case 1: index = e.binary(.add, induction, part.offset)
            default:
                let factor = e.i64(c.index.coefficient)
                let scaled = e.binary(.mul, factor, induction)
                index = e.binary(.add, scaled, part.offset)
            }
            let low = e.emit(.compare(.ge, index, zero), .scalar(.bool))
            let high = e.emit(.compare(.lt, index, part.bound), .scalar(.bool))
            let both = e.emit(.binary(.and, low, high), .scalar(.bool))
            let one = e.emit(.convert(both), .scalar(.int64))
            passing = passing.map { e.binary(.add, $0, one) } ?? one
        }
        guard let passing else { preconditionFailure("an empty group of checks") }
        let count = e.i64(Int64(group.count))
        return e.emit(.compare(.ne, passing, count), .scalar(.bool))
    }

    /// A distinct hoisted check (by its forms) and the position, in the body's top-level
    /// block, of its first occurrence.
    struct FirstCheck {
        var check: Check
        var position: Int
    }

    /// The hoisted checks that run on every iteration, each once, in the order of their
    /// first occurrence, and how many distinct operand pairs they have; nil when there
    /// is none.
    private func mustRunChecks(_ body: Block, _ hoisted: (ValueID, ValueID) -> Check?)
        -> (checks: [FirstCheck], operandPairs: Int)?
    {
        var checks: [FirstCheck] = []
        var forms = Set<Check>()
        var operands = Set<CheckOperands>()
        for (k, instr) in body.instrs.enumerated() {
            if leavesIteration(instr.op) { break }
            if case .checkBounds(let index, let bound, _) = instr.op, let c = hoisted(index, bound)
            {
                operands.insert(CheckOperands(index: index, bound: bound))
                if forms.insert(c).inserted { checks.append(FirstCheck(check: c, position: k)) }
            }
        }
        return checks.isEmpty ? nil : (checks, operands.count)
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

/// `instrs` without their hoisted checks (nested blocks included).
private func withoutHoisted(
    _ instrs: [Instr], _ hoisted: (ValueID, ValueID) -> CheckedFallback.Check?
)
    -> [Instr]
{
    var b = Block(instrs)
    _ = filterInstructions(&b) { instr in
        if case .checkBounds(let index, let bound, _) = instr.op {
            return hoisted(index, bound) == nil
        }
        return true
    }
    return b.instrs
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
