import KernBasics

/// Generic traversal of instructions: the values and slots an operation uses, and a
/// rewrite of every ID it mentions (used by passes that move code between functions).
extension Op {
    /// SSA values read by this operation itself (not by nested blocks).
    public var operands: [ValueID] {
        switch self {
        case .constant, .load, .breakLoop, .continueLoop, .clock: return []
        case .unary(_, let a), .convert(let a), .extract(let a, _), .dim(let a, _),
            .checkDivisor(let a), .precondition(let a, _), .checkStride(let a),
            .rngIteration(let a):
            return [a]
        case .random(_, let xs), .mpi(_, let xs): return xs
        case .atomicAdd(let a, let idx, let v): return [a] + idx + [v]
        case .binary(_, let a, let b), .compare(_, let a, let b): return [a, b]
        case .math(_, let xs), .makeTuple(let xs): return xs
        case .select(let c, let a, let b): return [c, a, b]
        case .store(_, let v): return [v]
        case .loadElement(let a, let idx): return [a] + idx
        case .storeElement(let a, let idx, let v): return [a] + idx + [v]
        case .subview(let a, let i): return [a, i]
        case .allocArray(_, let dims, let fill): return dims + (fill.map { [$0] } ?? [])
        case .checkBounds(let i, let b, _): return [i, b]
        case .call(_, let args):
            return args.compactMap { if case .value(let v) = $0 { v } else { nil } }
        case .print(let pieces):
            return pieces.compactMap(\.operand)
        case .callC(_, let args): return args
        case .ifElse(let c, _, _): return [c]
        case .forLoop(let l):
            var xs = [l.lower, l.upper, l.step]
            if case .parallel(_, let arrays) = l.kind { xs += arrays }  // .blocked uses none
            return xs
        case .whileLoop(_, let c, _), .repeatLoop(_, _, let c): return [c]
        case .returnValue(let v): return v.map { [$0] } ?? []
        case .parallelFor(_, let captures, let lo, let hi, let bs): return captures + [lo, hi, bs]
        }
    }
}

extension Op {
    /// Blocks nested in this operation, in execution order of first entry.
    public var nestedBlocks: [Block] {
        var blocks: [Block] = []
        var copy = self
        copy.updateNestedBlocks { blocks.append($0) }
        return blocks
    }

    /// Lets `update` rewrite each nested block in place, in `nestedBlocks` order: the one
    /// switch over the structured operations that generic block walkers share.
    public mutating func updateNestedBlocks(_ update: (inout Block) throws -> Void) rethrows {
        switch self {
        case .ifElse(let c, var t, var e):
            try update(&t)
            try update(&e)
            self = .ifElse(c, then: t, else: e)
        case .forLoop(var l):
            try update(&l.body)
            self = .forLoop(l)
        case .whileLoop(var cond, let c, var body):
            try update(&cond)
            try update(&body)
            self = .whileLoop(cond: cond, condition: c, body: body)
        case .repeatLoop(var body, var cond, let c):
            try update(&body)
            try update(&cond)
            self = .repeatLoop(body: body, cond: cond, condition: c)
        case .constant, .unary, .binary, .compare, .convert, .math, .select, .load, .store,
            .makeTuple, .extract, .dim, .loadElement, .storeElement, .subview, .allocArray,
            .checkBounds, .checkDivisor, .precondition, .checkStride, .call, .print, .random,
            .rngIteration, .atomicAdd, .clock, .callC, .mpi,
            .breakLoop, .continueLoop, .returnValue, .parallelFor:
            return
        }
    }

    /// A loop (`for`, `while`, `repeat`): the instructions that carry a `LoopID`.
    public var isLoop: Bool {
        switch self {
        case .forLoop, .whileLoop, .repeatLoop: return true
        case .constant, .unary, .binary, .compare, .convert, .math, .select, .load, .store,
            .makeTuple, .extract, .dim, .loadElement, .storeElement, .subview, .allocArray,
            .checkBounds, .checkDivisor, .precondition, .checkStride, .call, .print, .random,
            .rngIteration, .atomicAdd, .clock, .callC, .mpi, .ifElse,
            .breakLoop, .continueLoop, .returnValue, .parallelFor:
            return false
        }
    }
}

extension Module {
    /// Gives every loop without a `LoopID` (hand-written or parsed IR) a fresh one, above
    /// the largest in the module. IRGen's output has them all: then nothing changes.
    public mutating func numberLoops() {
        var next: UInt32 = 0
        func scan(_ block: Block) {
            for instr in block.instrs {
                if let id = instr.loop { next = Swift.max(next, id.raw + 1) }
                instr.op.nestedBlocks.forEach(scan)
            }
        }
        for f in functions.elements { scan(f.body) }
        func number(_ block: inout Block) {
            for k in block.instrs.indices {
                if block.instrs[k].op.isLoop, block.instrs[k].loop == nil {
                    block.instrs[k].loop = LoopID(raw: next)
                    next += 1
                }
                block.instrs[k].op.updateNestedBlocks(number)
            }
        }
        for id in functions.ids { number(&functions[id].body) }
    }
}

/// Rewrites the IDs of instructions moved into another function.
struct IDRemapper {
    var values: [ValueID: ValueID] = [:]
    var slots: [SlotID: SlotID] = [:]

    func v(_ x: ValueID) -> ValueID { values[x] ?? x }
    func s(_ x: SlotID) -> SlotID { slots[x] ?? x }

    func block(_ b: Block) -> Block { Block(b.instrs.map(instr)) }

    func instr(_ i: Instr) -> Instr {
        Instr(result: i.result.map(v), op: op(i.op), pos: i.pos, loop: i.loop)
    }

    func op(_ o: Op) -> Op {
        switch o {
        case .constant, .breakLoop, .continueLoop, .clock: return o
        case .unary(let c, let a): return .unary(c, v(a))
        case .binary(let c, let a, let b): return .binary(c, v(a), v(b))
        case .compare(let p, let a, let b): return .compare(p, v(a), v(b))
        case .convert(let a): return .convert(v(a))
        case .math(let m, let xs): return .math(m, xs.map(v))
        case .select(let c, let a, let b): return .select(v(c), v(a), v(b))
        case .load(let sl): return .load(s(sl))
        case .store(let sl, let x): return .store(s(sl), v(x))
        case .makeTuple(let xs): return .makeTuple(xs.map(v))
        case .extract(let a, let i): return .extract(v(a), index: i)
        case .dim(let a, let axis): return .dim(v(a), axis: axis)
        case .loadElement(let a, let idx): return .loadElement(v(a), indices: idx.map(v))
        case .storeElement(let a, let idx, let x):
            return .storeElement(v(a), indices: idx.map(v), value: v(x))
        case .subview(let a, let i): return .subview(v(a), index: v(i))
        case .allocArray(let k, let dims, let fill):
            return .allocArray(k, dims: dims.map(v), fill: fill.map(v))
        case .checkBounds(let i, let b, let axis):
            return .checkBounds(index: v(i), bound: v(b), axis: axis)
        case .checkDivisor(let a): return .checkDivisor(v(a))
        case .precondition(let a, let m): return .precondition(v(a), message: m)
        case .checkStride(let a): return .checkStride(v(a))
        case .random(let d, let xs): return .random(d, xs.map(v))
        case .mpi(let o, let xs): return .mpi(o, xs.map(v))
        case .rngIteration(let a): return .rngIteration(v(a))
        case .atomicAdd(let a, let idx, let x):
            return .atomicAdd(v(a), indices: idx.map(v), value: v(x))
        case .call(let f, let args): return .call(f, args.map(arg))
        case .print(let pieces):
            return .print(pieces.map { $0.mapOperand(v) })
        case .callC(let c, let args): return .callC(c, args.map(v))
        case .ifElse(let c, let t, let e): return .ifElse(v(c), then: block(t), else: block(e))
        case .forLoop(var l):
            l.induction = v(l.induction)
            l.lower = v(l.lower)
            l.upper = v(l.upper)
            l.step = v(l.step)
            switch l.kind {
            case .serial: break
            case .parallel(let rs, let arrays):
                l.kind = .parallel(
                    reductions: rs.map { Reduction(slot: s($0.slot), op: $0.op) },
                    arrayReductions: arrays.map(v))
            case .blocked(let rs):
                l.kind = .blocked(reductions: rs.map { Reduction(slot: s($0.slot), op: $0.op) })
            }
            l.body = block(l.body)
            return .forLoop(l)
        case .whileLoop(let cb, let c, let body):
            return .whileLoop(cond: block(cb), condition: v(c), body: block(body))
        case .repeatLoop(let body, let cb, let c):
            return .repeatLoop(body: block(body), cond: block(cb), condition: v(c))
        case .returnValue(let x): return .returnValue(x.map(v))
        case .parallelFor(let f, let caps, let lo, let hi, let bs):
            return .parallelFor(
                body: f, captures: caps.map(v), lower: v(lo), upper: v(hi), blockSize: v(bs))
        }
    }

    func arg(_ a: CallArgument) -> CallArgument {
        switch a {
        case .value(let x): .value(v(x))
        case .slot(let x): .slot(s(x))
        }
    }
}

extension Block {
    /// The op defining each value in this block and the blocks nested in it.
    func definitions() -> [ValueID: Op] {
        var defs: [ValueID: Op] = [:]
        func collect(_ b: Block) {
            for i in b.instrs {
                if let r = i.result { defs[r] = i.op }
                i.op.nestedBlocks.forEach(collect)
            }
        }
        collect(self)
        return defs
    }
}
