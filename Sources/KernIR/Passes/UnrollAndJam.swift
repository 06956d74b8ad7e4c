import KernBasics

/// Unroll-and-jam of a serial loop around one innermost loop (issue 16.5: the matmul's
/// `k` loop). In: a verified module after the other passes (outlined `prange` bodies,
/// hoisted checks). Out: every eligible loop
///
///     for k in lo..<hi { P(k); for j in … { B(k, j) } }
///
/// becomes
///
///     for k in lo..<end step 4 { P(k) P(k+1) P(k+2) P(k+3)
///                                for j in … { B(k, j) B(k+1, j) B(k+2, j) B(k+3, j) } }
///     for k in end..<hi { P(k); for j in … { B(k, j) } }      // the original, for the rest
///
/// with `end = lo + (hi - lo) / 4 * 4`. An element `c[i, j]` the inner loop updates is
/// then loaded and stored once per four `k` instead of once per `k`, and the additions it
/// receives are the same, in the same order: results are bitwise those of the original
/// loop (strict floating point stays strict).
///
/// Why it is legal: the transformation moves `B(k+1, j)` before `B(k, j')` for `j' > j`
/// and `P(k+1)` before `B(k, …)`. Neither can be observed when
/// - nothing in the loop can fail: no checks at all (after `eliminate-bounds-checks`,
///   `remove-bounds-checks` or hoisting left none) — with checks, the first failure and
///   the side effects before it would move, so such loops keep their order (the report
///   says so);
/// - every array the inner loop writes (`c`) is accessed in it at one element per `j`:
///   the same index list everywhere, independent of `k` and containing `j` itself, and
///   not at all in `P`; every other array the loop reads is provably distinct from it
///   (different parameters marked `noalias`, ArrayAliasing.swift, or local arrays);
/// - no slot is written in the loop and nothing has an effect (calls, random numbers,
///   prints, atomics, MPI, nested control flow are all excluded);
/// - the inner loop's bounds and step do not depend on `k`, so each `k` runs the same
///   `j` values.
/// Writable views with a zero stride along `j` would break the "one element per `j`"
/// premise; neither the host API (dense row-major arrays) nor Kern code can make one.
///
/// Only loops where it pays are taken: the inner loop must read an element it also
/// writes (the `c[i, j] = c[i, j] + …` pattern) and stay small (`maxJamBodySize`).
@discardableResult
public func unrollAndJam(_ m: inout Module) -> PassStatistics {
    var notes: [LoopID: String] = [:]
    return unrollAndJam(&m, notes: &notes)
}

/// How many consecutive `k` iterations share one pass over the inner loop. Four halves
/// the loads and stores of `c` per `k` twice over (measured in docs/decisions.md,
/// "Unroll-and-jam"); more adds little and lengthens the body.
public let unrollAndJamFactor = 4

/// The same, also giving a report note for every loop of the jammable shape (a serial
/// loop ending in an innermost loop that updates an element in place): "unrolled and
/// jammed…" or why not. `removed` in the statistics counts the loops jammed, `kept` those left alone.
func unrollAndJam(_ m: inout Module, notes: inout [LoopID: String]) -> PassStatistics {
    var stats = PassStatistics(pass: "unroll-and-jam")
    let noalias = noaliasArrayParameters(m)
    for id in m.functions.ids where m.functions[id].external == nil {
        var jammer = LoopJammer(function: m.functions[id], noalias: noalias[id.index])
        let body = jammer.rewrite(jammer.function.body)
        jammer.function.body = body
        m.functions[id] = jammer.function
        notes.merge(jammer.notes) { first, _ in first }
        stats.functions.append(
            .init(function: m.functions[id].name, removed: jammer.jammed, kept: jammer.declined))
    }
    return stats
}

/// Inner loops with more instructions than this are not jammed (code size).
let maxJamBodySize = 64

private struct LoopJammer {
    var function: Function
    let noalias: [Bool]
    var notes: [LoopID: String] = [:]
    var jammed = 0
    var declined = 0
    private let params: [ValueID: Int]
    /// The `noalias` array parameters (SPMDDecision's `unaliased`).
    private let unaliased: Set<ValueID>
    private let definitions: [ValueID: Op]

    init(function: Function, noalias: [Bool]) {
        self.function = function
        self.noalias = noalias
        var params: [ValueID: Int] = [:]
        for (k, p) in function.params.enumerated() {
            if case .value(let v) = p.binding { params[v] = k }
        }
        self.params = params
        unaliased = Set(params.filter { noalias[$0.value] }.keys)
        definitions = function.body.definitions()
    }

    mutating func rewrite(_ block: Block) -> Block {
        var out: [Instr] = []
        out.reserveCapacity(block.instrs.count)
        for var instr in block.instrs {
            // A block that runs as SIMD lanes keeps its loops as they are: the lanes'
            // inner loops must stay unit-step (SPMDAnalysis.swift).
            if case .forLoop(let loop) = instr.op, case .blocked = loop.kind,
                spmdDecision(loop, in: function, unaliased: unaliased).isSPMD
            {
                out.append(instr)
                continue
            }
            if case .forLoop(let loop) = instr.op, let shape = JamShape(loop) {
                switch legality(shape) {
                case nil:
                    out += jam(shape, pos: instr.pos, id: instr.loop)
                    jammed += 1
                    if let id = instr.loop {
                        notes[id] =
                            "unrolled and jammed: \(unrollAndJamFactor) iterations per pass of the inner loop"
                    }
                    continue
                case let reason?:
                    declined += 1
                    if let id = instr.loop { notes[id] = "not unrolled and jammed: \(reason)" }
                }
            }
            instr.op.updateNestedBlocks { $0 = rewrite($0) }
            out.append(instr)
        }
        return Block(out)
    }

    // MARK: Legality

    /// Nil when `shape` may be jammed, else why not (for the report).
    private func legality(_ s: JamShape) -> String? {
        if countInstructions(s.outer.body, isCheck) > 0 {
            return "bounds or other checks in the loop would fail in another order"
        }
        guard function.values[s.outer.induction] == .scalar(.int64), constant(s.outer.step) == 1,
            !s.outer.inclusive
        else { return "the loop is not `lo..<hi` over Int" }
        if s.inner.body.instrs.count > maxJamBodySize { return "the inner loop is too long" }

        // Which values of the outer body depend on `k` (or on memory).
        var variant: Set<ValueID> = [s.outer.induction]
        for instr in s.prefix {
            guard isSpeculable(instr.op, allowStores: false) else {
                return "its body has effects before the inner loop"
            }
            if let r = instr.result, dependsOnMemoryOr(variant, instr.op) { variant.insert(r) }
        }
        for v in [s.inner.lower, s.inner.upper, s.inner.step] where variant.contains(v) {
            return "the inner loop's bounds change with the outer loop"
        }
        for instr in s.inner.body.instrs {
            guard isSpeculable(instr.op, allowStores: true) else {
                return "the inner loop has effects other than element stores"
            }
            if let r = instr.result, dependsOnMemoryOr(variant, instr.op) { variant.insert(r) }
        }

        // Element accesses: written arrays at one element per `j`.
        var written: [ValueID: [ValueID]] = [:]
        for instr in s.inner.body.instrs {
            if case .storeElement(let a, let indices, _) = instr.op {
                if let seen = written[a], seen != indices {
                    return "an array is written at two different elements"
                }
                written[a] = indices
            }
        }
        var readArrays: [ValueID] = []
        for instr in s.prefix + s.inner.body.instrs {
            guard case .loadElement(let a, let indices) = instr.op else { continue }
            if let w = written[a] {
                guard w == indices,
                    s.inner.body.instrs.contains(where: { $0.result == instr.result })
                else { return "an array it writes is also read at another element" }
            } else {
                readArrays.append(a)
            }
        }
        for (w, indices) in written {
            guard !variant.contains(w), indices.allSatisfy({ !variant.contains($0) }),
                indices.contains(s.inner.induction)
            else { return "a written element moves with the outer loop" }
            for other in readArrays + written.keys where other != w {
                guard distinct(w, other) else {
                    return "a written array may share memory with another array it uses"
                }
            }
        }
        return nil
    }

    /// Operations that may run in another order: no effects, no checks, no control flow.
    private func isSpeculable(_ op: Op, allowStores: Bool) -> Bool {
        switch op {
        case .constant, .unary, .binary, .compare, .convert, .math, .select, .dim,
            .loadElement, .subview, .load:
            return true
        case .storeElement: return allowStores
        case .store, .makeTuple, .extract, .allocArray, .checkBounds, .checkDivisor,
            .precondition, .checkStride, .call, .callC, .parallelFor, .random, .rngIteration,
            .atomicAdd, .clock, .print, .mpi, .ifElse, .forLoop, .whileLoop, .repeatLoop,
            .breakLoop, .continueLoop, .returnValue:
            return false
        }
    }

    /// Whether the result of `op` may differ between outer iterations: it reads memory
    /// (elements; slots are never written in a jammed loop but stay conservative) or an
    /// operand that does.
    private func dependsOnMemoryOr(_ variant: Set<ValueID>, _ op: Op) -> Bool {
        switch op {
        case .loadElement, .load: return true
        default: return op.operands.contains(where: variant.contains)
        }
    }

    private func constant(_ v: ValueID) -> Int64? {
        if case .constant(.integer(let bits))? = definitions[v] { return Int64(bitPattern: bits) }
        return nil
    }

    /// Whether arrays `a` and `b` never share memory: different `noalias` parameters, a
    /// local array and anything else, or two different local arrays.
    private func distinct(_ a: ValueID, _ b: ValueID) -> Bool {
        switch (root(a), root(b)) {
        case (.local(let x), .local(let y)): return x != y
        case (.local, .param), (.param, .local): return true
        case (.param(let x), .param(let y)): return x != y && noalias[x] && noalias[y]
        default: return false
        }
    }

    private enum Root {
        case param(Int)
        case local(ValueID)
        case unknown
    }

    private func root(_ v: ValueID) -> Root {
        var v = v
        while case .subview(let base, _)? = definitions[v] { v = base }
        if let k = params[v] { return .param(k) }
        switch definitions[v] {
        case .allocArray?, .call?: return .local(v)
        default: return .unknown
        }
    }

    // MARK: Transformation

    /// The jammed loop and the original loop for the remaining iterations.
    private mutating func jam(_ s: JamShape, pos: SourcePos, id: LoopID?) -> [Instr] {
        var e = InstrEmitter(function: function, pos: pos, loop: id)
        let lo = s.outer.lower
        let hi = s.outer.upper
        let factor = e.i64(Int64(unrollAndJamFactor))
        // end = lo + max(hi - lo, 0) / 4 * 4, or lo (no jammed iterations) when the
        // bounds are so far apart that `hi - lo` could wrap.
        let limit = e.i64(1 << 61)
        let negLimit = e.i64(-(1 << 61))
        let inRange = e.emit(
            .binary(
                .and, e.emit(.compare(.ge, lo, negLimit), .scalar(.bool)),
                e.emit(.compare(.le, hi, limit), .scalar(.bool))), .scalar(.bool))
        let zero = e.i64(0)
        let span = e.max(e.binary(.sub, hi, lo), zero)
        let whole = e.binary(.mul, e.binary(.div, span, factor), factor)
        let end = e.emit(.select(inRange, e.binary(.add, lo, whole), lo), .scalar(.int64))

        // The jammed loop's body: the prefixes, then one inner loop with every copy.
        let k = e.function.values.append(.scalar(.int64))
        var body = InstrEmitter(function: e.function, pos: pos)
        var maps: [IDRemapper] = []
        for u in 0..<unrollAndJamFactor {
            var map = IDRemapper()
            map.values[s.outer.induction] =
                u == 0 ? k : body.binary(.add, k, body.i64(Int64(u)))
            for instr in s.prefix {
                let c = copy(instr, &map, &body.function)
                body.instrs.append(c)
            }
            maps.append(map)
        }
        let j = body.function.values.append(body.function.values[s.inner.induction])
        var innerBody: [Instr] = []
        for u in 0..<unrollAndJamFactor {
            maps[u].values[s.inner.induction] = j
            for instr in s.inner.body.instrs {
                innerBody.append(copy(instr, &maps[u], &body.function))
            }
        }
        var inner = s.inner
        inner.induction = j
        inner.lower = maps[0].v(s.inner.lower)
        inner.upper = maps[0].v(s.inner.upper)
        inner.step = maps[0].v(s.inner.step)
        inner.body = Block(innerBody)
        body.instrs.append(
            Instr(result: nil, op: .forLoop(inner), pos: s.innerPos, loop: s.innerID))

        var main = s.outer
        main.induction = k
        main.upper = end
        main.step = factor
        main.body = Block(body.instrs)
        var rest = s.outer
        rest.lower = end
        function = body.function
        return e.instrs + [
            Instr(result: nil, op: .forLoop(main), pos: pos, loop: id),
            Instr(result: nil, op: .forLoop(rest), pos: pos, loop: id),
        ]
    }

    /// `instr` with its operands renamed by `map` and a fresh value for its result.
    private func copy(_ instr: Instr, _ map: inout IDRemapper, _ f: inout Function) -> Instr {
        if let r = instr.result { map.values[r] = f.values.append(f.values[r]) }
        return map.instr(instr)
    }
}

/// A serial `for` loop whose body is straight-line code (`prefix`) followed by one
/// innermost serial `for` loop, the last instruction, that updates an element in place.
private struct JamShape {
    var outer: ForLoop
    var prefix: [Instr]
    var inner: ForLoop
    var innerPos: SourcePos
    var innerID: LoopID?

    init?(_ loop: ForLoop) {
        guard case .serial = loop.kind, let last = loop.body.instrs.last,
            case .forLoop(let inner) = last.op, case .serial = inner.kind,
            !inner.body.instrs.contains(where: { !$0.op.nestedBlocks.isEmpty }),
            Self.updatesInPlace(inner.body)
        else { return nil }
        let prefix = Array(loop.body.instrs.dropLast())
        guard prefix.allSatisfy({ $0.op.nestedBlocks.isEmpty }) else { return nil }
        outer = loop
        self.prefix = prefix
        self.inner = inner
        innerPos = last.pos
        innerID = last.loop
    }

    /// Whether the block stores an element it also loads (`c[i, j] = c[i, j] + …`): only
    /// then does jamming save a load and a store per element and outer iteration.
    static func updatesInPlace(_ b: Block) -> Bool {
        var loaded = Set<[ValueID]>()
        for instr in b.instrs {
            if case .loadElement(let a, let indices) = instr.op { loaded.insert([a] + indices) }
        }
        return b.instrs.contains { instr in
            if case .storeElement(let a, let indices, _) = instr.op {
                return loaded.contains([a] + indices)
            }
            return false
        }
    }
}

private func isCheck(_ instr: Instr) -> Bool {
    switch instr.op {
    case .checkBounds, .checkDivisor, .precondition, .checkStride: return true
    default: return false
    }
}
