import KernBasics

/// The call graph's cycles, for the recursion check (issue 15.2, LANGUAGE.md "Calls").
///
/// In: a module. Out: per function, the index of its strongly connected component if
/// that component is a cycle (two or more functions, or one that calls itself), else
/// nil. Edges are `call` and `parallelFor` (an outlined `prange` body is called by the
/// runtime on behalf of its function). Only a call from a function to a callee in the
/// same cycle can nest without bound, so only those calls need a stack check.
public struct CallGraphCycles: Sendable {
    /// Per function (by index): its cycle, or nil when no call path leads back to it.
    public let cycle: [Int?]

    public init(_ m: Module) {
        var callees: [[Int]] = []
        for id in m.functions.ids {
            var out: [Int] = []
            collectCallees(m.functions[id].body, into: &out)
            callees.append(out)
        }
        cycle = Self.cycles(callees)
    }

    /// Whether a call from `caller` to `callee` stays inside one cycle (it may recurse).
    public func isRecursiveCall(from caller: FunctionID, to callee: FunctionID) -> Bool {
        guard let c = cycle[caller.index] else { return false }
        return cycle[callee.index] == c
    }

    /// Whether `f` belongs to a cycle.
    public func isRecursive(_ f: FunctionID) -> Bool { cycle[f.index] != nil }

    /// Tarjan's strongly connected components, iteratively (a long call chain must not
    /// recurse in the compiler either); keeps only the components that are cycles.
    static func cycles(_ callees: [[Int]]) -> [Int?] {
        let n = callees.count
        var index = Array(repeating: -1, count: n)
        var low = Array(repeating: 0, count: n)
        var onStack = Array(repeating: false, count: n)
        var stack: [Int] = []
        var result: [Int?] = Array(repeating: nil, count: n)
        var next = 0
        var components = 0
        for root in 0..<n where index[root] < 0 {
            // Work list of (node, position in its callee list).
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = next
            low[root] = next
            next += 1
            stack.append(root)
            onStack[root] = true
            while let (v, e) = work.last {
                if e < callees[v].count {
                    work[work.count - 1].edge += 1
                    let w = callees[v][e]
                    if index[w] < 0 {
                        index[w] = next
                        low[w] = next
                        next += 1
                        stack.append(w)
                        onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[v]) }
                guard low[v] == index[v] else { continue }
                var members: [Int] = []
                while let w = stack.popLast() {
                    onStack[w] = false
                    members.append(w)
                    if w == v { break }
                }
                if members.count > 1 || callees[v].contains(v) {
                    for w in members { result[w] = components }
                    components += 1
                }
            }
        }
        return result
    }
}

/// Lazy compilation (issue 14.2): keeps exported (given an entry point) only the
/// functions named in `roots`. Every other function becomes internal to the LLVM module,
/// so one that no root reaches through calls or `prange` bodies has no user there, and
/// LLVM's first module pass (GlobalOpt, from -O1) deletes it before any costly
/// optimization or code generation. Names that name no function are ignored. Returns
/// the number of functions still exported.
@discardableResult
public func exportOnly(_ m: inout Module, _ roots: Set<String>) -> Int {
    var exported = 0
    for id in m.functions.ids where m.functions[id].isExported {
        let keep = roots.contains(m.functions[id].name)
        m.functions[id].isExported = keep
        if keep { exported += 1 }
    }
    return exported
}

/// The functions a block calls directly, or runs as a `prange` body.
private func collectCallees(_ block: Block, into out: inout [Int]) {
    for instr in block.instrs {
        if case .call(let f, _) = instr.op { out.append(f.index) }
        if case .parallelFor(let f, _, _, _, _) = instr.op { out.append(f.index) }
        for nested in instr.op.nestedBlocks { collectCallees(nested, into: &out) }
    }
}

/// The module's direct call graph: per function (by index), the functions it calls or
/// runs as `prange` bodies, without repeats, in first-use order.
public func calleeLists(_ m: Module) -> [[Int]] {
    m.functions.ids.map { id in
        var out: [Int] = []
        collectCallees(m.functions[id].body, into: &out)
        var seen = Set<Int>()
        return out.filter { seen.insert($0).inserted }
    }
}

/// Per function (by index): whether `roots` reach it through calls and `prange` bodies
/// (a root reaches itself). What a compile of those roots has to generate code for.
public func reachableFunctions(_ m: Module, from roots: [FunctionID]) -> [Bool] {
    reachable(calleeLists(m), from: roots.map(\.index))
}

/// `reachableFunctions` over precomputed callee lists.
public func reachable(_ callees: [[Int]], from roots: [Int]) -> [Bool] {
    var live = Array(repeating: false, count: callees.count)
    var work = roots
    while let f = work.popLast() {
        guard !live[f] else { continue }
        live[f] = true
        work.append(contentsOf: callees[f])
    }
    return live
}

/// The exported functions' closure: what code generation emits (the rest could only be
/// deleted by LLVM after lowering it).
public func exportedClosure(_ m: Module) -> [Bool] {
    reachableFunctions(m, from: m.functions.ids.filter { m.functions[$0].isExported })
}
