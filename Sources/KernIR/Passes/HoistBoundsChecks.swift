import KernBasics

/// Loop versioning for bounds checks. In: a verified module after
/// `eliminate-bounds-checks` (and after outlining, so it also sees each block of a
/// `prange` as an ordinary loop). Out: every innermost `for` loop (no loop nested in
/// it; i64 induction; any step defined before the loop — constant or not, negative
/// too: a monotonic loop's values lie between its first and its exact last value, so
/// an affine index is in bounds on every iteration if it is at both ends) that has
/// checks whose index is affine in the induction variable (`c*i + k`, `k` and the bound
/// computed before the loop) becomes
///
///     <range test>            // one test for all such checks, see RangeTest
///     if test { loop without those checks } else { the original loop }
///
/// so a passing test runs the check-free loop (which LLVM can vectorize) and a failing
/// one runs the original, which stops at the first failing access with its exact
/// source position, after exactly the iterations the original would have run. In a
/// `prange`, each block is tested separately; the lowest failing block still wins, so
/// the reported iteration is unchanged too. Checks whose index is not affine (a loaded
/// value) stay in both versions. When every hoisted check runs on every iteration, the
/// checked version is `CheckedFallback`'s loop with one exit instead of the original
/// loop with one exit per check (same behaviour, linear compile time in LLVM).
@discardableResult
public func hoistBoundsChecks(_ m: inout Module) -> PassStatistics {
    var hoisted: [LoopID: Int] = [:]
    return hoistBoundsChecks(&m, hoistedPerLoop: &hoisted)
}

/// The same, also returning how many checks each versioned loop (by its `LoopID`) no
/// longer runs on its fast path, for `PipelineReport.loopChecks`. Both versions keep the
/// loop's ID: they are one source loop.
func hoistBoundsChecks(_ m: inout Module, hoistedPerLoop: inout [LoopID: Int]) -> PassStatistics {
    var stats = PassStatistics(pass: "hoist-bounds-checks")
    for id in m.functions.ids {
        let checksBefore = countInstructions(m.functions[id].body, isBoundsCheck)
        var h = LoopVersioner(function: m.functions[id])
        let body = h.rewrite(h.function.body)
        h.function.body = body
        m.functions[id] = h.function
        let moved = h.hoisted.values.reduce(0, +)
        for (loop, n) in h.hoisted { hoistedPerLoop[loop, default: 0] += n }
        stats.functions.append(
            .init(function: m.functions[id].name, removed: moved, kept: checksBefore - moved))
    }
    return stats
}

private struct LoopVersioner {
    var function: Function
    var hoisted: [LoopID: Int] = [:]
    private let constants: [ValueID: Int64]

    init(function: Function) {
        self.function = function
        constants = function.body.definitions().compactMapValues { op in
            if case .constant(.integer(let bits)) = op { Int64(bitPattern: bits) } else { nil }
        }
    }

    mutating func rewrite(_ block: Block) -> Block {
        var out: [Instr] = []
        out.reserveCapacity(block.instrs.count)
        for var instr in block.instrs {
            // An innermost loop is versioned; everything else is searched for loops
            // (rewriting a block without loops changes nothing).
            if case .forLoop(let loop) = instr.op, !containsLoop(loop.body),
                let versioned = version(loop, pos: instr.pos, id: instr.loop)
            {
                out += versioned
                continue
            }
            instr.op.updateNestedBlocks { $0 = rewrite($0) }
            out.append(instr)
        }
        return Block(out)
    }

    /// The range test and both versions of `loop`, or nil when no check can be hoisted.
    private mutating func version(_ loop: ForLoop, pos: SourcePos, id: LoopID?) -> [Instr]? {
        if case .parallel = loop.kind { return nil }  // outlined first; never here
        guard function.values[loop.induction] == .scalar(.int64), constants[loop.step] != 0,
            isDefinedBefore(loop.step, loop)
        else { return nil }
        var analysis = AffineAnalysis(function: function, loop: loop)
        var hoistable: [CheckKey: (AffineForm, AffineForm)] = [:]
        var count = 0
        forEachBoundsCheck(loop.body) { index, bound, axis in
            let key = CheckKey(index: index, bound: bound)
            if hoistable[key] != nil {
                count += 1
                return
            }
            guard let i = analysis.form(index), let b = analysis.form(bound), b.isInvariant
            else { return }
            hoistable[key] = (i, b)
            count += 1
        }
        guard !hoistable.isEmpty else { return nil }

        var test = RangeTest(InstrEmitter(function: function, pos: pos))
        test.guardLoopBounds(lower: loop.lower, upper: loop.upper)
        let (first, last): (ValueID, ValueID)
        if constants[loop.step] == 1 {
            first = loop.lower
            last = loop.inclusive ? loop.upper : test.lastBeforeExclusive(loop.upper)
        } else {
            (first, last) = test.strideEnds(
                lower: loop.lower, upper: loop.upper, step: loop.step,
                stepConstant: constants[loop.step], inclusive: loop.inclusive)
        }
        var seen = Set<[AffineForm]>()
        for key in hoistable.keys.sorted() {
            let (i, b) = hoistable[key]!
            guard seen.insert([i, b]).inserted else { continue }
            test.require(index: i, bound: b, first: first, last: last)
        }
        let ok = test.result()
        function = test.e.function
        var out = test.e.instrs

        var fast = loop
        fast.body = withoutChecks(loop.body, Set(hoistable.keys))
        fast = freshCopy(fast)
        var fallback = CheckedFallback(function: function, pos: pos, id: id)
        let checked =
            fallback.build(
                loop,
                hoisted: { index, bound in
                    hoistable[CheckKey(index: index, bound: bound)].map {
                        CheckedFallback.Check(index: $0.0, bound: $0.1)
                    }
                }, total: hoistable.count)
            ?? [Instr(result: nil, op: .forLoop(loop), pos: pos, loop: id)]
        function = fallback.function
        out.append(
            Instr(
                result: nil,
                op: .ifElse(
                    ok, then: Block([Instr(result: nil, op: .forLoop(fast), pos: pos, loop: id)]),
                    else: Block(checked)),
                pos: pos))
        if let id { hoisted[id, default: 0] += count }
        return out
    }

    /// Whether `v` is defined outside `loop`'s body (a parameter, or an instruction
    /// before the loop), so the range test before the loop can read it.
    private func isDefinedBefore(_ v: ValueID, _ loop: ForLoop) -> Bool {
        !loop.body.definitions().keys.contains(v) && v != loop.induction
    }

    /// The loop with new SSA values for everything it defines (both versions coexist).
    private mutating func freshCopy(_ loop: ForLoop) -> ForLoop {
        var map = IDRemapper()
        func define(_ v: ValueID) { map.values[v] = function.values.append(function.values[v]) }
        define(loop.induction)
        func collect(_ b: Block) {
            for i in b.instrs {
                if let r = i.result { define(r) }
                i.op.nestedBlocks.forEach(collect)
            }
        }
        collect(loop.body)
        guard case .forLoop(let copy) = map.op(.forLoop(loop)) else { return loop }
        return copy
    }
}

/// A bounds check by its operands: checks with the same operands pass or fail together.
private struct CheckKey: Hashable, Comparable {
    var index: ValueID
    var bound: ValueID
    static func < (a: CheckKey, b: CheckKey) -> Bool { (a.index, a.bound) < (b.index, b.bound) }
}

private func forEachBoundsCheck(_ block: Block, _ body: (ValueID, ValueID, Int) -> Void) {
    for i in block.instrs {
        if case .checkBounds(let index, let bound, let axis) = i.op { body(index, bound, axis) }
        for nested in i.op.nestedBlocks { forEachBoundsCheck(nested, body) }
    }
}

private func withoutChecks(_ block: Block, _ keys: Set<CheckKey>) -> Block {
    var b = block
    _ = filterInstructions(&b) { instr in
        if case .checkBounds(let index, let bound, _) = instr.op {
            return !keys.contains(CheckKey(index: index, bound: bound))
        }
        return true
    }
    return b
}

private func containsLoop(_ block: Block) -> Bool {
    block.instrs.contains { i in
        switch i.op {
        case .forLoop, .whileLoop, .repeatLoop: return true
        default: return i.op.nestedBlocks.contains(where: containsLoop)
        }
    }
}
