import KernBasics
import KernSyntax

/// A `prange` loop whose array accesses are checked for races once every function
/// body has been checked (a callee's accesses are known only then).
struct PendingRaceCheck {
    var body: Block
    var loopVariable: LocalID
    /// Arrays the loop already handles (array reductions) or already reported.
    var excluded: Set<LocalID>
}

/// The race rule of LANGUAGE.md §7: in a `prange`, every array write — plain,
/// compound or atomic, direct or through a callee's parameter — must touch elements
/// that no other iteration touches, unless both accesses are atomic.
///
/// Proof method: each access gives, for each index position, bounds `s * i + A` ≤ index
/// ≤ `s * i + B` (`i` the loop variable, `s`, `A`, `B` polynomials in loop-invariant
/// atoms; loops inside the body contribute their ranges). Two accesses are disjoint
/// across iterations when, in some position, both have the same stride `s` and
/// `B_y - A_x + 1 - s` and `B_x - A_y + 1 - s` are constants ≤ 0: then iteration i stays
/// inside `[s*i + min A, s*i + max B]`, a window no wider than `s`, so two iterations
/// never meet (and when `s ≤ 0` the bounds say that no element is touched at all).
extension Checker {
    func checkPrangeRaces() {
        // Every body is checked: the program-wide tables are final, made once.
        let tables = ScanTables(checker: self)
        let summaries = AccessSummaries(checker: self, tables: tables)
        for check in pendingRaceChecks {
            var scalars = ParallelScan(checker: self, loopVariable: check.loopVariable)
            scalars.scanBlock(check.body)
            var scan = ArrayAccessScan(
                checker: self, mode: .prange(loopVariable: check.loopVariable, scan: scalars),
                summaries: summaries.summary, tables: tables)
            scan.scanBlock(check.body)
            reportRaces(scan.accesses, loopVariable: check.loopVariable, excluding: check.excluded)
        }
    }

    /// One error per racing access (each unordered pair at most once), at the write.
    func reportRaces(_ accesses: [ArrayAccess], loopVariable: LocalID, excluding: Set<LocalID>) {
        var order: [LocalID] = []
        var byArray: [LocalID: [ArrayAccess]] = [:]
        for access in accesses where !excluding.contains(access.array) {
            if byArray[access.array] == nil { order.append(access.array) }
            byArray[access.array, default: []].append(access)
        }
        for array in order {
            let list = byArray[array] ?? []
            var reportedPairs: Set<[Int]> = []
            for (xi, x) in list.enumerated() where x.kind != .read {
                for (yi, y) in list.enumerated() {
                    if x.kind == .atomic && y.kind == .atomic { continue }
                    let pair = [min(xi, yi), max(xi, yi)]
                    if reportedPairs.contains(pair) { continue }
                    if accessesAreDisjoint(x, y, loopVariable: loopVariable) { continue }
                    reportedPairs.insert(pair)
                    reportRace(x, y, same: xi == yi)
                    break
                }
            }
        }
    }

    func reportRace(_ x: ArrayAccess, _ y: ArrayAccess, same: Bool) {
        let name = locals[x.array].name
        let what =
            same
            ? "\(x.description) may touch the same element in two iterations"
            : "\(x.description) and \(y.description) may touch the same element in different iterations"
        error(
            "data race on '\(name)' in a prange loop: \(what)", at: x.position,
            help:
                "each element an iteration writes must be one no other iteration touches: index one dimension with the loop variable plus a loop-invariant offset (\(name)[i + k], m[k, i]); or accumulate with += into a local array declared outside the loop, use atomicAdd(&\(name)[...], v), or use a serial for loop",
            notes: same ? [] : [.init("the other access", at: y.position)])
    }

    /// Can iterations i ≠ i' of the loop never make `x` and `y` touch one element?
    func accessesAreDisjoint(_ x: ArrayAccess, _ y: ArrayAccess, loopVariable: LocalID) -> Bool {
        let atom = "v\(loopVariable.raw)"
        for d in 0..<min(x.indices.count, y.indices.count) {
            guard let bx = x.indices[d], let by = y.indices[d] else { continue }
            if boundsAreDisjoint(bx, by, atom: atom) { return true }
        }
        return false
    }

    private func boundsAreDisjoint(_ x: ArrayAccess.Bounds, _ y: ArrayAccess.Bounds, atom: String)
        -> Bool
    {
        func split(_ list: [IndexPolynomial]) -> [(IndexPolynomial, IndexPolynomial)] {
            list.prefix(4).compactMap { p in p.linearSplit(atom).map { ($0.coefficient, $0.rest) } }
        }
        // A negative constant stride (`a[n - 1 - i]`) is the positive one mirrored:
        // negate every index, which swaps lower and upper bounds.
        if let first = x.lower.first?.linearSplit(atom)?.coefficient.constantValue, first < 0,
            first > Int.min
        {
            func mirrored(_ b: ArrayAccess.Bounds) -> ArrayAccess.Bounds {
                .init(lower: b.upper.map(\.negated), upper: b.lower.map(\.negated))
            }
            return boundsAreDisjoint(mirrored(x), mirrored(y), atom: atom)
        }
        let one = IndexPolynomial(constant: 1)
        /// `high - low + 1 - stride` is a constant ≤ 0.
        func fits(_ high: IndexPolynomial, _ low: IndexPolynomial, _ stride: IndexPolynomial)
            -> Bool
        {
            guard let a = high - low, let b = a + one, let c = b - stride, let v = c.constantValue
            else { return false }
            return v <= 0
        }
        for (sxl, axl) in split(x.lower) {
            guard sxl != .zero else { continue }
            for (sxh, bxh) in split(x.upper) where sxh == sxl {
                for (syl, ayl) in split(y.lower) where syl == sxl {
                    for (syh, byh) in split(y.upper) where syh == sxl {
                        if fits(byh, axl, sxl) && fits(bxh, ayl, sxl) { return true }
                    }
                }
            }
        }
        return false
    }
}

/// What each function does to its array parameters, computed on demand: for every
/// parameter, the accesses with bounds in the function's scalar parameters.
final class AccessSummaries {
    let checker: Checker
    let tables: ScanTables
    private var done: [Int: [[ArrayAccess]]] = [:]
    private var inProgress: Set<Int> = []

    init(checker: Checker, tables: ScanTables) {
        self.checker = checker
        self.tables = tables
    }

    func summary(_ f: Int) -> [[ArrayAccess]] {
        if let known = done[f] { return known }
        if f >= checker.ast.functions.count, f < checker.functions.count {
            return sessionFunctionSummary(checker.functions[f])
        }
        guard f < checker.paramLocals.count, f < checker.ast.functions.count else { return [] }
        let params = checker.paramLocals[f]
        if inProgress.contains(f) {
            // Recursion: the function may touch any element of what it is given.
            return params.map { id in
                guard case .array = checker.locals[id].type else { return [] }
                return [
                    ArrayAccess(
                        array: id, kind: checker.locals[id].isInout ? .write : .read, indices: [],
                        position: checker.locals[id].declRange,
                        description:
                            "a recursive call of '\(checker.functions[f].name)' that may touch any element"
                    )
                ]
            }
        }
        inProgress.insert(f)
        var scan = ArrayAccessScan(
            checker: checker, mode: .summary(function: f), summaries: summary, tables: tables)
        scan.scanBlock(checker.ast.functions[f].body)
        inProgress.remove(f)
        let result = params.map { id in scan.accesses.filter { $0.array == id } }
        done[f] = result
        return result
    }
}

extension AccessSummaries {
    /// A REPL session's definition (`SessionScope`): its body is compiled, not part of
    /// the input, so it may touch any element of the arrays it is given — writing through
    /// `inout` ones. Sound, and stricter than a summary of the body would be.
    func sessionFunctionSummary(_ signature: FunctionSignature) -> [[ArrayAccess]] {
        signature.params.map { p in
            guard case .array = p.type else { return [] }
            return [
                ArrayAccess(
                    array: LocalID(raw: 0), kind: p.isInout ? .write : .read, indices: [],
                    position: SourceRange(at: SourceLoc(0)),
                    description:
                        "it may \(p.isInout ? "write" : "read") any element of '\(p.name)': the REPL checks a definition's calls by its signature"
                )
            ]
        }
    }
}
