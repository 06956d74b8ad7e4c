import KernBasics

/// Outlines the body of every outermost parallel `for` loop into a function over one
/// block of iterations, and replaces the loop with a `parallelFor` runtime launch
/// (DESIGN.md example 8: LLVM lowering never sees a parallel loop).
///
/// Input: a verified module whose parallel loops have step 1 and are not inclusive (the
/// forms `prange` allows). Output: no `.parallel` loop remains; each became
///
///     %bs = <block size, a function of the trip count only>
///     %nb = <number of blocks>
///     %p  = alloc [T](%nb) identity        // one partial per scalar reduction
///     %h  = alloc [T](%nb, dims…) 0        // one private copy per array reduction and block
///     parallel_for @f.prange0(captures…) %lo ..< %hi block %bs
///     for %b in 0 ..< %nb { $s = $s op %p[%b] }   // combine in block order
///
/// Block boundaries depend only on the trip count, never on the thread count, and
/// partials are combined in block order, so results are bitwise the same for any number
/// of threads. Inside a block the loop is `.blocked`: serial, with its reductions free to
/// be reassociated (vectorized) in an order fixed by the compiled code. Nested parallel
/// loops inside an outlined body become `.blocked` loops (they run in their worker).
/// Statistics: per function, `removed` counts the parallel loops outlined.
@discardableResult
public func outlineParallelLoops(_ m: inout Module) -> PassStatistics {
    var stats = PassStatistics(pass: "outline-parallel-loops")
    for fid in m.functions.ids {
        // The outliner owns the only reference to the module while it works: appending
        // an outlined body to a function list `m` still shared would copy the whole list,
        // once per outlined loop (quadratic: 2,000 prange functions' passes took 0.9–1.5 s,
        // 0.6–0.7 s without it).
        var taken = Module(sourceName: m.sourceName)
        swap(&taken, &m)
        var outliner = LoopOutliner(module: consume taken, functionID: fid)
        let body = outliner.function.body
        outliner.function.body = outliner.rewrite(body)
        stats.functions.append(
            .init(function: outliner.function.name, removed: outliner.counter, kept: 0))
        m = outliner.finish()
    }
    return stats
}

/// Block-size policy: blocks are large enough to amortise the launch and the claim of a
/// block, and numerous enough to balance 2–64 threads.
enum BlockPolicy {
    /// (minimum block size, maximum number of blocks)
    static func limits(reductions: Bool, arrayReductions: Bool) -> (Int64, Int64) {
        if arrayReductions { return (1024, 32) }  // each block owns a private copy of the array
        if reductions { return (4096, 1024) }
        // 16: a full group of SPMD lanes (Codegen+SPMD.swift) for Double on AVX-512.
        return (16, 256)
    }
}

struct LoopOutliner {
    var module: Module
    let functionID: FunctionID
    var function: Function
    var counter = 0

    /// Arrays the function may write: inout array parameters, local arrays and their
    /// row views. An outlined body's array parameter is writable exactly when its capture is.
    let writableArrays: Set<ValueID>

    /// The module with the rewritten function in place (the outliner is done).
    consuming func finish() -> Module {
        module.functions[functionID] = function
        return module
    }

    init(module: Module, functionID: FunctionID) {
        self.module = module
        self.functionID = functionID
        self.function = module.functions[functionID]
        var writable = Set<ValueID>()
        let valueTypes = module.functions[functionID].values
        for p in function.params where p.isInout {
            if case .value(let v) = p.binding { writable.insert(v) }
        }
        func scan(_ block: Block) {
            for instr in block.instrs {
                switch instr.op {
                case .allocArray: if let r = instr.result { writable.insert(r) }
                case .call:
                    // An array-returning call's result is a new array owned here.
                    if let r = instr.result, case .array = valueTypes[r] {
                        writable.insert(r)
                    }
                case .subview(let a, _):
                    if let r = instr.result, writable.contains(a) { writable.insert(r) }
                default: break
                }
                for nested in instr.op.nestedBlocks { scan(nested) }
            }
        }
        scan(function.body)
        self.writableArrays = writable
    }

    /// Replaces outermost parallel loops in `block` (recursively through nested blocks).
    mutating func rewrite(_ block: Block) -> Block {
        var out: [Instr] = []
        for instr in block.instrs {
            switch instr.op {
            case .forLoop(let loop):
                if case .parallel = loop.kind {
                    out += outline(loop, pos: instr.pos, id: instr.loop)
                } else {
                    var l = loop
                    l.body = rewrite(l.body)
                    out.append(
                        Instr(
                            result: instr.result, op: .forLoop(l), pos: instr.pos, loop: instr.loop)
                    )
                }
            case .ifElse(let c, let t, let e):
                out.append(
                    Instr(
                        result: instr.result, op: .ifElse(c, then: rewrite(t), else: rewrite(e)),
                        pos: instr.pos))
            case .whileLoop(let cb, let c, let body):
                out.append(
                    Instr(
                        result: instr.result,
                        op: .whileLoop(cond: rewrite(cb), condition: c, body: rewrite(body)),
                        pos: instr.pos, loop: instr.loop))
            case .repeatLoop(let body, let cb, let c):
                out.append(
                    Instr(
                        result: instr.result,
                        op: .repeatLoop(body: rewrite(body), cond: rewrite(cb), condition: c),
                        pos: instr.pos, loop: instr.loop))
            default:
                out.append(instr)
            }
        }
        return Block(out)
    }

    // MARK: - Outlining one loop

    /// `id`: the loop's identity, which the outlined blocked loop and the loops combining
    /// its partial results carry on.
    mutating func outline(_ loop: ForLoop, pos: SourcePos, id: LoopID?) -> [Instr] {
        guard case .parallel(let reductions, let arrayReductions) = loop.kind else { return [] }
        var emitter = InstrEmitter(function: function, pos: pos, loop: id)

        // What the body uses from outside: SSA values, and slots (read-only outside
        // ones, and reduction slots).
        var defined = Set<ValueID>([loop.induction])
        var used = Set<ValueID>()
        var slotsInside = Set<SlotID>()
        collect(loop.body, defined: &defined, used: &used, slots: &slotsInside)
        var slotsOutside = Set<SlotID>()
        collectSlots(function.body, excludingLoop: loop.induction, into: &slotsOutside)
        for case .slot(let s) in function.params.map(\.binding) { slotsOutside.insert(s) }
        let reductionSlots = Set(reductions.map(\.slot))
        let arrayReductionValues = Set(arrayReductions)
        let freeValues = used.subtracting(defined).subtracting(arrayReductionValues).sorted()
        let readSlots = slotsInside.intersection(slotsOutside).subtracting(reductionSlots).sorted()

        // Bounds as i64, block size and block count (in the parent).
        let lo = emitter.toI64(loop.lower)
        let hi = emitter.toI64(loop.upper)
        let (minBlock, maxBlocks) = BlockPolicy.limits(
            reductions: !reductions.isEmpty, arrayReductions: !arrayReductions.isEmpty)
        let zero = emitter.i64(0)
        let one = emitter.i64(1)
        let span = emitter.binary(.sub, hi, lo)
        let n = emitter.max(span, zero)
        let maxB = emitter.i64(maxBlocks)
        let maxBMinus1 = emitter.binary(.sub, maxB, one)
        let nRounded = emitter.binary(.add, n, maxBMinus1)
        let perBlock = emitter.binary(.div, nRounded, maxB)
        let minB = emitter.i64(minBlock)
        let blockSize = emitter.max(perBlock, minB)
        let bsMinus1 = emitter.binary(.sub, blockSize, one)
        let spanRounded = emitter.binary(.add, n, bsMinus1)
        let blockCount = emitter.binary(.div, spanRounded, blockSize)

        // Partials.
        var partials: [ValueID] = []
        for r in reductions {
            let kind = function.slots[r.slot].type.verifiedScalar("reduction slot \(r.slot)")
            let identity = emitter.constant(identityOf(r.op, kind), kind)
            partials.append(
                emitter.emit(
                    .allocArray(kind, dims: [blockCount], fill: identity), .array(kind, rank: 1)))
        }
        var privateArrays: [ValueID] = []
        for a in arrayReductions {
            guard case .array(let kind, let rank) = function.values[a] else { continue }
            var dims = [blockCount]
            for axis in 0..<rank { dims.append(emitter.emit(.dim(a, axis: axis), .scalar(.int64))) }
            let fill = emitter.constant(kind.isFloating ? .floating(0) : .integer(0), kind)
            privateArrays.append(
                emitter.emit(
                    .allocArray(kind, dims: dims, fill: fill), .array(kind, rank: rank + 1)))
        }
        let slotValues = readSlots.map { emitter.emit(.load($0), function.slots[$0].type) }
        function = emitter.function  // the values just emitted are looked up below

        // The outlined function.
        var g = Function(
            name: "\(function.name).prange\(counter)", returnType: .void, isExported: false,
            pos: pos)
        counter += 1
        var map = IDRemapper()
        let gLo = g.values.append(.scalar(.int64))
        let gHi = g.values.append(.scalar(.int64))
        let gBlock = g.values.append(.scalar(.int64))
        g.params = [
            Param(name: "lo", type: .scalar(.int64), isInout: false, binding: .value(gLo)),
            Param(name: "hi", type: .scalar(.int64), isInout: false, binding: .value(gHi)),
            Param(name: "block", type: .scalar(.int64), isInout: false, binding: .value(gBlock)),
        ]
        func addParam(_ name: String, _ type: IRType, writable: Bool, _ g: inout Function)
            -> ValueID
        {
            let v = g.values.append(type)
            g.params.append(Param(name: name, type: type, isInout: writable, binding: .value(v)))
            return v
        }
        var captures: [ValueID] = []
        for v in freeValues {
            map.values[v] = addParam(
                "c\(v.raw)", function.values[v], writable: writableArrays.contains(v), &g)
            captures.append(v)
        }
        var gSlotParams: [(SlotID, ValueID)] = []
        for (s, v) in zip(readSlots, slotValues) {
            gSlotParams.append(
                (s, addParam(function.slots[s].name, function.slots[s].type, writable: false, &g)))
            captures.append(v)
        }
        var gPartials: [ValueID] = []
        for p in partials {
            gPartials.append(addParam("partials", function.values[p], writable: true, &g))
            captures.append(p)
        }
        var gPrivate: [ValueID] = []
        for p in privateArrays {
            gPrivate.append(addParam("private", function.values[p], writable: true, &g))
            captures.append(p)
        }

        var body: [Instr] = []
        func emitG(_ op: Op, _ type: IRType?, _ g: inout Function) -> ValueID? {
            let r = type.map { g.values.append($0) }
            body.append(Instr(result: r, op: op, pos: pos, loop: op.isLoop ? id : nil))
            return r
        }
        // Slots: every slot used inside gets a slot of its own in g.
        for s in slotsInside.sorted() where !reductionSlots.contains(s) {
            map.slots[s] = g.slots.append(function.slots[s])
        }
        for (s, v) in gSlotParams { _ = emitG(.store(map.s(s), v), nil, &g) }
        for r in reductions {
            let kind = function.slots[r.slot].type.verifiedScalar("reduction slot \(r.slot)")
            let c = emitG(.constant(identityOf(r.op, kind)), .scalar(kind), &g)!
            map.slots[r.slot] = g.slots.append(
                SlotInfo(name: function.slots[r.slot].name, type: .scalar(kind)))
            _ = emitG(.store(map.s(r.slot), c), nil, &g)
        }
        for (a, p) in zip(arrayReductions, gPrivate) {
            guard case .array(let kind, let rank) = function.values[a] else { continue }
            map.values[a] = emitG(.subview(p, index: gBlock), .array(kind, rank: rank), &g)!
        }
        // Values defined inside the body get fresh IDs in g.
        for v in defined.sorted() where map.values[v] == nil {
            map.values[v] = g.values.append(function.values[v])
        }
        // The block's loop, over i64; a narrower induction variable is converted.
        let inductionType = function.values[loop.induction]
        var innerBody = map.block(serializeNested(loop.body))
        let iv: ValueID
        if inductionType == .scalar(.int64) {
            iv = map.v(loop.induction)
        } else {
            iv = g.values.append(.scalar(.int64))
            innerBody.instrs.insert(
                Instr(result: map.v(loop.induction), op: .convert(iv), pos: pos), at: 0)
        }
        let step = emitG(.constant(.integer(1)), .scalar(.int64), &g)!
        let blocked = reductions.map { Reduction(slot: map.s($0.slot), op: $0.op) }
        _ = emitG(
            .forLoop(
                ForLoop(
                    induction: iv, lower: gLo, upper: gHi, step: step, inclusive: false,
                    kind: .blocked(reductions: blocked), body: innerBody)), nil, &g)
        for (r, p) in zip(reductions, gPartials) {
            let kind = function.slots[r.slot].type.verifiedScalar("reduction slot \(r.slot)")
            let v = emitG(.load(map.s(r.slot)), .scalar(kind), &g)!
            _ = emitG(.storeElement(p, indices: [gBlock], value: v), nil, &g)
        }
        _ = emitG(.returnValue(nil), nil, &g)
        g.body = Block(body)
        let gid = module.functions.append(g)

        emitter.emit(
            .parallelFor(body: gid, captures: captures, lower: lo, upper: hi, blockSize: blockSize))

        // Combine partials in block order.
        if !reductions.isEmpty || !arrayReductions.isEmpty {
            var combine = InstrEmitter(function: emitter.function, pos: pos, loop: id)
            let b = combine.function.values.append(.scalar(.int64))
            for (r, p) in zip(reductions, partials) {
                let kind = combine.function.slots[r.slot].type.verifiedScalar(
                    "reduction slot \(r.slot)")
                let acc = combine.emit(.load(r.slot), .scalar(kind))
                let part = combine.emit(.loadElement(p, indices: [b]), .scalar(kind))
                combine.emit(.store(r.slot, combine.combine(r.op, acc, part, kind)))
            }
            for (a, p) in zip(arrayReductions, privateArrays) {
                combine.addPrivate(into: a, from: p, block: b)
            }
            let combineBody = Block(combine.instrs)
            emitter.function = combine.function
            let step1 = emitter.i64(1)
            emitter.emit(
                .forLoop(
                    ForLoop(
                        induction: b, lower: zero, upper: blockCount, step: step1, inclusive: false,
                        kind: .serial, body: combineBody)))
        }
        function = emitter.function
        return emitter.instrs
    }

    /// Nested parallel loops inside an outlined body run in their worker: serial, with
    /// reductions still reassociable.
    func serializeNested(_ block: Block) -> Block {
        Block(
            block.instrs.map { instr in
                var i = instr
                switch instr.op {
                case .forLoop(var l):
                    if case .parallel(let rs, _) = l.kind { l.kind = .blocked(reductions: rs) }
                    l.body = serializeNested(l.body)
                    i.op = .forLoop(l)
                case .ifElse(let c, let t, let e):
                    i.op = .ifElse(c, then: serializeNested(t), else: serializeNested(e))
                case .whileLoop(let cb, let c, let body):
                    i.op = .whileLoop(
                        cond: serializeNested(cb), condition: c, body: serializeNested(body))
                case .repeatLoop(let body, let cb, let c):
                    i.op = .repeatLoop(
                        body: serializeNested(body), cond: serializeNested(cb), condition: c)
                default: break
                }
                return i
            })
    }

    // MARK: - Analysis

    func collect(
        _ block: Block, defined: inout Set<ValueID>, used: inout Set<ValueID>,
        slots: inout Set<SlotID>
    ) {
        for instr in block.instrs {
            if let r = instr.result { defined.insert(r) }
            used.formUnion(instr.op.operands)
            switch instr.op {
            case .load(let s), .store(let s, _): slots.insert(s)
            case .call(_, let args):
                for case .slot(let s) in args { slots.insert(s) }
            case .forLoop(let l):
                defined.insert(l.induction)
                if case .parallel(let rs, _) = l.kind { for r in rs { slots.insert(r.slot) } }
                if case .blocked(let rs) = l.kind { for r in rs { slots.insert(r.slot) } }
            default: break
            }
            for nested in instr.op.nestedBlocks {
                collect(nested, defined: &defined, used: &used, slots: &slots)
            }
        }
    }

    /// Slots mentioned anywhere in `block` except inside the loop whose induction
    /// variable is `excluded`.
    func collectSlots(
        _ block: Block, excludingLoop excluded: ValueID, into slots: inout Set<SlotID>
    ) {
        for instr in block.instrs {
            switch instr.op {
            case .load(let s), .store(let s, _): slots.insert(s)
            case .call(_, let args):
                for case .slot(let s) in args { slots.insert(s) }
            case .forLoop(let l) where l.induction == excluded:
                continue
            default: break
            }
            for nested in instr.op.nestedBlocks {
                collectSlots(nested, excludingLoop: excluded, into: &slots)
            }
        }
    }
}

func identityOf(_ op: ReduceOp, _ kind: ScalarType) -> Constant {
    switch op {
    case .add, .or, .xor: return kind.isFloating ? .floating(0) : .integer(0)
    case .mul: return kind.isFloating ? .floating(1) : .integer(1)
    case .and: return .integer(kind.isSigned ? UInt64.max : unsignedMax(kind))  // all ones
    case .min:
        if kind.isFloating { return .floating(.infinity) }
        return .integer(kind.isSigned ? UInt64(bitPattern: signedMax(kind)) : unsignedMax(kind))
    case .max:
        if kind.isFloating { return .floating(-.infinity) }
        return .integer(kind.isSigned ? UInt64(bitPattern: -signedMax(kind) - 1) : 0)
    }
}

/// Largest value of a signed kind; constants of signed kinds are sign-extended to 64 bits.
func signedMax(_ kind: ScalarType) -> Int64 { Int64.max >> (64 - kind.bitWidth) }
func unsignedMax(_ kind: ScalarType) -> UInt64 { UInt64.max >> (64 - kind.bitWidth) }
