/// Splitting one compile into LLVM modules that compile on separate threads (issue 14.2:
/// "when many functions must be compiled, use all cores").
///
/// In: a module after the pass pipeline (its exported functions are what must be
/// compiled), a number of partitions and the size below which splitting is not worth it.
/// Out: one `ModulePartition` per LLVM module: which functions it defines, which it calls
/// in another partition (declarations, bound when the objects are linked together), which
/// of its own others call (external, hidden), and which entry wrappers it holds.
///
/// The unit of placement is a group of functions that must stay together so that the
/// optimizer sees what it would see in one module:
/// - an outlined `prange` body stays with the function that runs it;
/// - a function called from inside a loop or branch of another stays with its caller
///   (such calls are the ones inlining makes fast);
/// - a small straight-line function (no nested blocks, under `smallCost` instructions)
///   or one marked `@inline(always)` is not placed at all: every partition calling it
///   gets its own internal copy, so helpers are inlined everywhere as before.
/// What is cut is only a call at the top level of a function body to a function with a
/// loop (e.g. `main` calling each kernel once): a call instead of inlined code there costs
/// one call per run. Groups are then spread over the partitions by size (largest first,
/// into the smallest partition). Size = Kern IR instructions, nested blocks included.
public struct ModulePartition: Sendable, Equatable {
    /// Functions (by index) whose bodies this LLVM module holds.
    public var defined: Set<Int>
    /// Among `defined`: functions another partition calls (external, hidden symbols).
    public var external: Set<Int> = []
    /// Functions defined in another partition that this one calls (declarations).
    public var imported: Set<Int> = []
    /// Exported functions whose entry wrappers (`kern_entry_<name>`) this module holds.
    public var entries: Set<Int>

    public init(defined: Set<Int>, entries: Set<Int>) {
        self.defined = defined
        self.entries = entries
    }

    /// The whole module as one partition: every function the exported ones reach, every
    /// entry.
    public init(whole m: Module) {
        let live = exportedClosure(m)
        defined = Set(live.indices.filter { live[$0] })
        entries = Set(m.functions.ids.filter { m.functions[$0].isExported }.map(\.index))
    }
}

/// Partitions for compiling `m` on up to `count` threads; one partition (the whole
/// module) when `count < 2`, when the reachable code has fewer than `minimumCost`
/// instructions, or when it does not split (one group holds everything).
public func partitionModule(
    _ m: Module, count: Int, minimumCost: Int, smallCost: Int = 48
) -> [ModulePartition] {
    let whole = [ModulePartition(whole: m)]
    guard count >= 2 else { return whole }
    let n = m.functions.count
    let calls = m.functions.ids.map { callSites(m.functions[$0].body) }
    let callees = calls.map { sites in
        var seen = Set<Int>()
        return sites.map(\.callee).filter { seen.insert($0).inserted }
    }
    let exported = m.functions.ids.filter { m.functions[$0].isExported }.map(\.index)
    let live = reachable(callees, from: exported)
    let cost = m.functions.ids.map { instructionCount(m.functions[$0].body) }
    guard live.indices.filter({ live[$0] }).reduce(0, { $0 + cost[$1] }) >= minimumCost else {
        return whole
    }
    // `@inline(always)` must be inlined wherever it is called: copied like a small one.
    let small = m.functions.ids.map { id in
        m.functions[id].inline == .always
            || (cost[id.index] < smallCost
                && !m.functions[id].body.instrs.contains { !$0.op.nestedBlocks.isEmpty })
    }

    // Groups: union-find over the edges that must not be cut.
    var parent = Array(0..<n)
    func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }
    for f in 0..<n where live[f] && !small[f] {
        for site in calls[f] where !small[site.callee] && (site.keepsTogether) {
            parent[find(site.callee)] = find(f)
        }
    }
    var groupCost: [Int: Int] = [:]
    for f in 0..<n where live[f] && !small[f] { groupCost[find(f), default: 0] += cost[f] }
    guard groupCost.count >= 2 else { return whole }

    // Largest group first, into the partition with the least code so far.
    let parts = min(count, groupCost.count)
    var load = Array(repeating: 0, count: parts)
    var partOfGroup: [Int: Int] = [:]
    for (group, c) in groupCost.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
        let p = load.indices.min { load[$0] < load[$1] }!
        partOfGroup[group] = p
        load[p] += c
    }
    // Owner partition of each placed function; small ones have none (copied).
    let owner: [Int?] = (0..<n).map { f in
        live[f] && !small[f] ? partOfGroup[find(f)] : nil
    }
    var result = (0..<parts).map { _ in ModulePartition(defined: [], entries: []) }
    for f in 0..<n { if let p = owner[f] { result[p].defined.insert(f) } }
    // An exported small function's entry goes to the least loaded partition.
    let spare = load.indices.min { load[$0] < load[$1] }!
    for f in exported {
        let p = owner[f] ?? spare
        result[p].entries.insert(f)
        result[p].defined.insert(f)
    }
    // Copies of the small functions each partition reaches, and its imports.
    for p in result.indices {
        var work = Array(result[p].defined)
        var seen = result[p].defined
        while let f = work.popLast() {
            for g in callees[f] where seen.insert(g).inserted {
                if let q = owner[g], q != p {
                    result[p].imported.insert(g)
                    result[q].external.insert(g)
                } else {
                    result[p].defined.insert(g)
                    work.append(g)
                }
            }
        }
    }
    return result.filter { !$0.defined.isEmpty }
}

/// A call or `prange` launch in a function body, and whether its callee must be compiled
/// with the caller: a `prange` body always, a call when it is nested in a loop or branch.
private struct CallSite {
    var callee: Int
    var keepsTogether: Bool
}

private func callSites(_ body: Block) -> [CallSite] {
    var out: [CallSite] = []
    func scan(_ block: Block, nested: Bool) {
        for instr in block.instrs {
            switch instr.op {
            case .call(let f, _): out.append(CallSite(callee: f.index, keepsTogether: nested))
            case .parallelFor(let f, _, _, _, _):
                out.append(CallSite(callee: f.index, keepsTogether: true))
            default: break
            }
            for inner in instr.op.nestedBlocks { scan(inner, nested: true) }
        }
    }
    scan(body, nested: false)
    return out
}

/// Instructions in `block` and the blocks nested in it.
public func instructionCount(_ block: Block) -> Int {
    block.instrs.reduce(block.instrs.count) { n, instr in
        instr.op.nestedBlocks.reduce(n) { $0 + instructionCount($1) }
    }
}
