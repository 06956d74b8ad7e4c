/// Which array parameters may be marked `noalias` in LLVM. In: a module after the
/// pipeline (outlined `prange` bodies included). Out: per function, per parameter,
/// whether the parameter is an array that never shares memory with another array
/// parameter of the same call when one of the two may be written (an `inout` array).
///
/// Why it holds: the host API rejects a call whose `inout` array overlaps any other
/// array argument (Sources/Kern/KernFunction.swift), so at an exported entry every
/// `inout` array is distinct from the others. Kern code can still pass one array to an
/// `inout` and a non-`inout` parameter (`f(src: a, dst: &a)`), so every call site in
/// the module — `call` and `parallel_for` (captures) — must pass provably distinct
/// arrays: two different parameters the caller itself knows to be distinct, two
/// different local arrays, or a local array and a parameter (locals are fresh
/// allocations). Rows (`subview`) count as their whole array; anything else (a
/// `select` of arrays) is "may alias". Computed as a greatest fixed point: assume
/// distinct, drop pairs a call site does not prove, repeat — sound by induction on call
/// depth from the host's (checked) call.
public func noaliasArrayParameters(_ m: Module) -> [[Bool]] {
    var distinct: [FunctionID: Set<ParamPair>] = [:]
    for id in m.functions.ids { distinct[id] = candidatePairs(m.functions[id]) }
    var changed = true
    while changed {
        changed = false
        for caller in m.functions.ids {
            let f = m.functions[caller]
            let roots = ArrayRoots(f)
            forEachCall(f.body) { callee, arrayArgs in
                for pair in distinct[callee] ?? [] {
                    guard let a = arrayArgs[pair.first], let b = arrayArgs[pair.second] else {
                        continue
                    }
                    if !roots.distinct(a, b, known: distinct[caller] ?? []) {
                        distinct[callee]?.remove(pair)
                        changed = true
                    }
                }
            }
        }
    }
    return m.functions.ids.map { id in
        let f = m.functions[id]
        let pairs = distinct[id] ?? []
        return f.params.indices.map { i in
            guard case .array = f.params[i].type else { return false }
            return f.params.indices.allSatisfy { j in
                j == i || !mustBeDistinct(f, i, j) || pairs.contains(ParamPair(i, j))
            }
        }
    }
}

/// Two parameters, unordered (`first < second`).
struct ParamPair: Hashable {
    var first: Int
    var second: Int
    init(_ a: Int, _ b: Int) {
        first = min(a, b)
        second = max(a, b)
    }
}

/// Pairs of array parameters of which at least one may be written.
private func mustBeDistinct(_ f: Function, _ i: Int, _ j: Int) -> Bool {
    guard case .array = f.params[i].type, case .array = f.params[j].type else { return false }
    return f.params[i].isInout || f.params[j].isInout
}

private func candidatePairs(_ f: Function) -> Set<ParamPair> {
    var pairs = Set<ParamPair>()
    for i in f.params.indices {
        for j in f.params.indices where i < j && mustBeDistinct(f, i, j) {
            pairs.insert(ParamPair(i, j))
        }
    }
    return pairs
}

/// Calls in a block: the callee and, per callee parameter index, the array value passed.
private func forEachCall(_ block: Block, _ body: (FunctionID, [Int: ValueID]) -> Void) {
    for instr in block.instrs {
        switch instr.op {
        case .call(let callee, let args):
            var arrays: [Int: ValueID] = [:]
            for (k, a) in args.enumerated() { if case .value(let v) = a { arrays[k] = v } }
            body(callee, arrays)
        case .parallelFor(let callee, let captures, _, _, _):
            // The outlined body takes (lo, hi, block) and then one parameter per capture.
            var arrays: [Int: ValueID] = [:]
            for (k, v) in captures.enumerated() { arrays[3 + k] = v }
            body(callee, arrays)
        default:
            break
        }
        for nested in instr.op.nestedBlocks { forEachCall(nested, body) }
    }
}

/// Where an array value of a function comes from.
private struct ArrayRoots {
    enum Root: Hashable {
        case param(Int)
        case local(ValueID)
        case unknown
    }
    var params: [ValueID: Int] = [:]
    var defs: [ValueID: Op] = [:]

    init(_ f: Function) {
        for (k, p) in f.params.enumerated() {
            if case .value(let v) = p.binding { params[v] = k }
        }
        defs = f.body.definitions()
    }

    func root(_ v: ValueID) -> Root {
        var v = v
        while case .subview(let base, _)? = defs[v] { v = base }
        if let k = params[v] { return .param(k) }
        if case .allocArray? = defs[v] { return .local(v) }
        // `root` is asked about arrays only: an array defined by a call is the new array
        // the callee returned, owned here and distinct from every other array.
        if case .call? = defs[v] { return .local(v) }
        return .unknown
    }

    func distinct(_ a: ValueID, _ b: ValueID, known: Set<ParamPair>) -> Bool {
        switch (root(a), root(b)) {
        case (.local(let x), .local(let y)): return x != y
        case (.local, .param), (.param, .local): return true
        case (.param(let x), .param(let y)): return x != y && known.contains(ParamPair(x, y))
        default: return false
        }
    }
}

/// Array parameters whose innermost stride is 1 at every call: every call site passes a
/// local array (dense, row-major), a row of one, or such a parameter of its caller.
/// Exported functions are excluded (the host may pass strided views). Codegen then uses
/// a constant unit stride, so `private[b] += 1` in an outlined `prange` body addresses
/// without a multiply. Greatest fixed point, as for `noaliasArrayParameters`.
public func unitStrideArrayParameters(_ m: Module) -> [[Bool]] {
    var dense: [FunctionID: Set<Int>] = [:]
    for id in m.functions.ids where !m.functions[id].isExported && m.functions[id].external == nil {
        let f = m.functions[id]
        dense[id] = Set(
            f.params.indices.filter { if case .array = f.params[$0].type { true } else { false } })
    }
    var changed = true
    while changed {
        changed = false
        for caller in m.functions.ids {
            let roots = ArrayRoots(m.functions[caller])
            forEachCall(m.functions[caller].body) { callee, arrayArgs in
                for k in dense[callee] ?? [] {
                    let ok: Bool
                    switch arrayArgs[k].map(roots.root) {
                    case .local?: ok = true
                    case .param(let p)?: ok = dense[caller]?.contains(p) == true
                    default: ok = false
                    }
                    if !ok {
                        dense[callee]?.remove(k)
                        changed = true
                    }
                }
            }
        }
    }
    return m.functions.ids.map { id in
        m.functions[id].params.indices.map { dense[id]?.contains($0) == true }
    }
}
