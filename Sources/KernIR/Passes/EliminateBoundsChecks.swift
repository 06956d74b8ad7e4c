/// Removes bounds checks that the enclosing loop proves. In: a verified module. Out:
/// the same module minus each `check.bounds %i < %n` where `%i` is the induction
/// variable of an enclosing `for` loop that
/// - is exclusive (`..<`, not `...`),
/// - has a constant step of 1 and a constant lower bound ≥ 0, and
/// - has an upper bound that is `%n` itself, or `dim %a, k` when `%n` is `dim %a, k`
///   of the very same array value and axis (a row `%a[i]`'s axis k counting as axis
///   k + 1 of `%a`), or `dim`s that an earlier `precondition(a.count == b.count)` in
///   the same or an enclosing block proved equal (the saxpy idiom).
/// Then `0 <= lower <= %i < upper == %n` on every iteration. Arrays cannot be
/// reassigned and their shapes never change, so an equal `dim` is the same extent.
/// Constant offsets are proven too: an index `%i + k` in a loop `L..<%n - u` (L, k, u
/// constants, u >= 0) is in `0..<%n` when `L + k >= 0` and `k <= u` — the stencil idiom
/// `for i in 1..<n - 1 { x[i - 1] … x[i + 1] }`. Checks it cannot prove are left to
/// `hoist-bounds-checks`. Inside `if x >= 0 && x < n { … }` a check `x < n` (the same
/// extent) is proven too (BranchFacts.swift). A check is also dropped when an earlier
/// check of the same index against the same extent dominates it (earlier in the same
/// block or in an enclosing one): `a[i] = a[i] + 1` checks `i` once, not twice.
@discardableResult
public func eliminateBoundsChecks(_ m: inout Module) -> PassStatistics {
    var stats = PassStatistics(pass: "eliminate-bounds-checks")
    for id in m.functions.ids {
        var facts = Facts()
        facts.collect(m.functions[id].body)
        var removed = 0
        var body = m.functions[id].body
        eliminate(
            &body, facts, loops: [], known: [], sizes: [:], guards: [], passed: [],
            removed: &removed)
        m.functions[id].body = body
        let kept = countInstructions(body, isBoundsCheck)
        stats.functions.append(.init(function: m.functions[id].name, removed: removed, kept: kept))
    }
    return stats
}

/// What the pass knows about SSA values: which are constants and which are `dim`s.
struct Facts {
    var constants: [ValueID: Constant] = [:]
    var dims: [ValueID: DimOf] = [:]
    /// `subview %a[…]` results and their `%a`.
    var subviews: [ValueID: ValueID] = [:]
    /// `cmp eq %a, %b` results and their operands.
    var equalities: [ValueID: (ValueID, ValueID)] = [:]
    /// Every comparison result and its predicate and operands (for BranchFacts).
    var compares: [ValueID: (ComparePredicate, ValueID, ValueID)] = [:]
    /// Local arrays and their extents (`alloc … [%n, %m]`).
    var allocDims: [ValueID: [ValueID]] = [:]
    /// `add %a, const` / `sub %a, const` results: `%a` and the signed constant added.
    var offsets: [ValueID: (base: ValueID, offset: Int64)] = [:]
    /// `add %a, %b` results and their operands (a reversed range's `lower + upper`).
    var sums: [ValueID: (ValueID, ValueID)] = [:]

    /// Offsets beyond this are not tracked, so `base + offset` never wraps around.
    static let maxOffset: Int64 = 1 << 32

    struct DimOf: Hashable {
        var array: ValueID
        var axis: Int
    }

    mutating func collect(_ block: Block) {
        for instr in block.instrs {
            switch instr.op {
            case .constant(let c): if let r = instr.result { constants[r] = c }
            case .dim(let a, let axis):
                if let r = instr.result { dims[r] = DimOf(array: a, axis: axis) }
            case .subview(let a, _):
                if let r = instr.result { subviews[r] = a }
            case .allocArray(_, let dims, _):
                if let r = instr.result { allocDims[r] = dims }
            case .compare(let p, let a, let b):
                if let r = instr.result {
                    compares[r] = (p, a, b)
                    if p == .eq { equalities[r] = (a, b) }
                }
            case .binary(let op, let a, let b) where op == .add || op == .sub:
                if let r = instr.result, let k = integer(b), k.magnitude <= Self.maxOffset.magnitude
                {
                    offsets[r] = (a, op == .add ? k : -k)
                } else if let r = instr.result, op == .add {
                    sums[r] = (a, b)
                }
            case .ifElse(_, let then, let els):
                collect(then)
                collect(els)
            case .forLoop(let loop): collect(loop.body)
            case .whileLoop(let cond, _, let body), .repeatLoop(let body, let cond, _):
                collect(cond)
                collect(body)
            case .unary, .binary, .convert, .math, .select, .load, .store,
                .makeTuple, .extract, .loadElement, .storeElement,
                .checkBounds, .checkDivisor, .precondition, .checkStride, .call, .print, .random,
                .rngIteration, .atomicAdd, .clock, .callC, .mpi,
                .breakLoop, .continueLoop, .returnValue, .parallelFor:
                break
            }
        }
    }

    /// An extent of a local array is the very value it was allocated with, so
    /// `for j in 0..<n { local[j] }` after `alloc [n]` is proven.
    func allocatedExtent(_ v: ValueID) -> ValueID {
        guard let d = dims[v].map(root), let extents = allocDims[d.array], d.axis < extents.count
        else { return v }
        return extents[d.axis]
    }

    /// `v` as `base + offset` (offset 0 when `v` is no such `add`/`sub`).
    func split(_ v: ValueID) -> (base: ValueID, offset: Int64) { offsets[v] ?? (v, 0) }

    func integer(_ v: ValueID) -> Int64? {
        if case .integer(let bits)? = constants[v] { return Int64(bitPattern: bits) }
        return nil
    }

    /// `bound` is `upper`, or both are `dim` of the same array and axis, or of two
    /// extents a precondition proved equal.
    func sameExtent(_ bound: ValueID, _ upper: ValueID, _ known: [ExtentPair]) -> Bool {
        if bound == upper || allocatedExtent(bound) == allocatedExtent(upper) { return true }
        guard let a = dims[bound].map(root), let b = dims[upper].map(root) else { return false }
        return a == b || known.contains(ExtentPair(a, b)) || known.contains(ExtentPair(b, a))
    }

    /// The extents a passing `precondition %c` proves equal, if `%c` is
    /// `cmp eq (dim …), (dim …)`.
    func provenEqual(_ condition: ValueID) -> ExtentPair? {
        guard let (x, y) = equalities[condition], let a = dims[x], let b = dims[y] else {
            return nil
        }
        return ExtentPair(root(a), root(b))
    }

    /// The extent and constant a passing `precondition %c` proves equal, if `%c` is
    /// `cmp eq (dim …), const` (either way round).
    func provenSize(_ condition: ValueID) -> (DimOf, Int64)? {
        guard let (x, y) = equalities[condition] else { return nil }
        if let d = dims[x], let n = integer(y) { return (root(d), n) }
        if let d = dims[y], let n = integer(x) { return (root(d), n) }
        return nil
    }

    /// A constant index below an extent a precondition fixed (`pos[i, 2]` after
    /// `precondition(pos.shape(1) == 3)`).
    func constantIndex(_ index: ValueID, below bound: ValueID, _ sizes: [DimOf: Int64]) -> Bool {
        guard let k = integer(index), k >= 0, let d = dims[bound].map(root), let n = sizes[d]
        else { return false }
        return k < n
    }

    /// The same extent on the array that subviews were taken from: axis k of a row
    /// `%a[i]` is axis k + 1 of `%a` (so `m[i][j]` is proven by a loop over `m.shape(1)`).
    func root(_ d: DimOf) -> DimOf {
        var d = d
        while let base = subviews[d.array] {
            d = DimOf(array: base, axis: d.axis + 1)
        }
        return d
    }
}

struct ExtentPair: Hashable {
    var a: Facts.DimOf
    var b: Facts.DimOf
    init(_ a: Facts.DimOf, _ b: Facts.DimOf) {
        self.a = a
        self.b = b
    }
}

/// A loop whose induction variable ranges over `lower..<upper + upperOffset`, with
/// `lower` a constant and `upperOffset <= 0`.
private struct ProvenRange {
    var induction: ValueID
    var lower: Int64
    var upper: ValueID
    var upperOffset: Int64

    /// Whether `0 <= index < bound` holds on every iteration: index is `induction + k`
    /// and bound is `B + b` (b <= 0, so it cannot wrap) with B the same extent as
    /// `upper`, `lower + k >= 0` and `upper + upperOffset - 1 + k < B + b`.
    func proves(index: ValueID, bound: ValueID, _ facts: Facts, _ known: [ExtentPair]) -> Bool {
        let (base, k) = facts.split(index)
        var (boundBase, b) = facts.split(bound)
        if b > 0 { (boundBase, b) = (bound, 0) }
        guard base == induction, lower + k >= 0, upperOffset + k <= b else { return false }
        return facts.sameExtent(boundBase, upper, known)
    }
}

private func provenRange(_ loop: ForLoop, _ facts: Facts) -> ProvenRange? {
    guard !loop.inclusive,
        facts.integer(loop.step) == 1,
        let lower = facts.integer(loop.lower), lower.magnitude <= Facts.maxOffset.magnitude
    else { return nil }
    var (upper, offset) = facts.split(loop.upper)
    if offset > 0 { (upper, offset) = (loop.upper, 0) }
    return ProvenRange(induction: loop.induction, lower: lower, upper: upper, upperOffset: offset)
}

/// A reversed range (LowerLoops.swift) runs forward over `k` and starts its body with
/// `i = (lower + upper - 1) - k`: over `lower..<upper`, `i` takes exactly the values `k`
/// takes (the wrapping arithmetic is exact, as the result is always in range), so the
/// same range proves checks on `i`.
private func mirroredRange(_ loop: ForLoop, _ range: ProvenRange, _ facts: Facts)
    -> ProvenRange?
{
    guard let first = loop.body.instrs.first, let i = first.result,
        case .binary(.sub, let mirror, let k) = first.op, k == loop.induction,
        let (sum, offset) = facts.offsets[mirror], offset == -1,
        let (a, b) = facts.sums[sum], a == loop.lower, b == loop.upper
    else { return nil }
    var mirrored = range
    mirrored.induction = i
    return mirrored
}

private func eliminate(
    _ block: inout Block, _ facts: Facts, loops: [ProvenRange], known: [ExtentPair],
    sizes: [Facts.DimOf: Int64], guards: [IndexGuard], passed: Set<PassedCheck>,
    removed: inout Int
) {
    // Extents proven equal by preconditions earlier in this block (or an enclosing one),
    // and extents they proved to be constants (`pos.shape(1) == 3`).
    var known = known
    var sizes = sizes
    var passed = passed
    var conditions = ConditionTracker()
    var out: [Instr] = []
    out.reserveCapacity(block.instrs.count)
    func walk(_ b: inout Block, _ loops: [ProvenRange], _ extra: [IndexGuard] = []) {
        eliminate(
            &b, facts, loops: loops, known: known, sizes: sizes, guards: guards + extra,
            passed: passed, removed: &removed)
    }
    for var instr in block.instrs {
        defer { conditions.observe(instr) }
        switch instr.op {
        case .checkBounds(let index, let bound, _):
            let proven =
                loops.contains { $0.proves(index: index, bound: bound, facts, known) }
                || guards.contains { $0.index == index && facts.sameExtent(bound, $0.upper, known) }
                || facts.constantIndex(index, below: bound, sizes)
            // `insert` also records a kept check for the checks it dominates.
            let repeated = !passed.insert(PassedCheck(index: index, bound: bound, facts)).inserted
            if proven || repeated {
                removed += 1
                continue
            }
        case .precondition(let c, _):
            // `precondition(a.count == n && b.count == n)` proves every equality in it.
            known += conditions.conjuncts(c).compactMap(facts.provenEqual)
            for (d, n) in conditions.conjuncts(c).compactMap(facts.provenSize) { sizes[d] = n }
        case .ifElse(let c, var then, var els):
            walk(&then, loops, facts.guards(conditions.conjuncts(c)))
            walk(&els, loops)
            instr.op = .ifElse(c, then: then, else: els)
        case .forLoop(var loop):
            var proven = loops
            if let range = provenRange(loop, facts) {
                proven.append(range)
                if let mirrored = mirroredRange(loop, range, facts) { proven.append(mirrored) }
            }
            walk(&loop.body, proven)
            instr.op = .forLoop(loop)
        case .whileLoop(var cond, let condition, var body):
            walk(&cond, loops)
            walk(&body, loops)
            instr.op = .whileLoop(cond: cond, condition: condition, body: body)
        case .repeatLoop(var body, var cond, let condition):
            walk(&body, loops)
            walk(&cond, loops)
            instr.op = .repeatLoop(body: body, cond: cond, condition: condition)
        case .constant, .unary, .binary, .compare, .convert, .math, .select, .load, .store,
            .makeTuple, .extract, .dim, .loadElement, .storeElement, .subview, .allocArray,
            .checkDivisor, .checkStride, .call, .print, .random, .rngIteration, .atomicAdd, .clock,
            .callC,
            .mpi,
            .breakLoop, .continueLoop,
            .returnValue, .parallelFor:
            break
        }
        out.append(instr)
    }
    block.instrs = out
}

/// A check that ran (and so passed) earlier on the path: the same index against the same
/// extent — the same `dim` of the same array, or else the same bound value.
struct PassedCheck: Hashable {
    enum Extent: Hashable {
        case dim(Facts.DimOf)
        case value(ValueID)
    }
    var index: ValueID
    var extent: Extent

    init(index: ValueID, bound: ValueID, _ facts: Facts) {
        self.index = index
        extent = facts.dims[bound].map(Extent.dim) ?? .value(bound)
    }
}
