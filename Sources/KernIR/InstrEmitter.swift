import KernBasics

/// Appends instructions to a list while allocating their values in a function: the
/// small builder passes use to splice new code in place of an instruction.
struct InstrEmitter {
    var function: Function
    var instrs: [Instr] = []
    let pos: SourcePos
    /// The identity of loops this emitter makes (the loop they belong to, e.g. the
    /// `prange` whose array reductions they combine).
    var loop: LoopID?

    init(function: Function, pos: SourcePos, loop: LoopID? = nil) {
        self.function = function
        self.pos = pos
        self.loop = loop
    }

    @discardableResult
    mutating func emit(_ op: Op, _ type: IRType) -> ValueID {
        let v = function.values.append(type)
        instrs.append(Instr(result: v, op: op, pos: pos))
        return v
    }

    mutating func emit(_ op: Op) {
        instrs.append(Instr(result: nil, op: op, pos: pos, loop: op.isLoop ? loop : nil))
    }

    mutating func constant(_ c: Constant, _ kind: ScalarType) -> ValueID {
        emit(.constant(c), .scalar(kind))
    }

    mutating func i64(_ x: Int64) -> ValueID { constant(.integer(UInt64(bitPattern: x)), .int64) }

    mutating func binary(_ op: BinaryOpcode, _ a: ValueID, _ b: ValueID) -> ValueID {
        emit(.binary(op, a, b), function.values[a])
    }

    mutating func max(_ a: ValueID, _ b: ValueID) -> ValueID {
        emit(.math(.max, [a, b]), function.values[a])
    }

    mutating func toI64(_ v: ValueID) -> ValueID {
        function.values[v] == .scalar(.int64) ? v : emit(.convert(v), .scalar(.int64))
    }

    /// `a op b` for a reduction operator.
    mutating func combine(_ op: ReduceOp, _ a: ValueID, _ b: ValueID, _ kind: ScalarType) -> ValueID
    {
        switch op {
        case .add: return emit(.binary(.add, a, b), .scalar(kind))
        case .mul: return emit(.binary(.mul, a, b), .scalar(kind))
        case .and: return emit(.binary(.and, a, b), .scalar(kind))
        case .or: return emit(.binary(.or, a, b), .scalar(kind))
        case .xor: return emit(.binary(.xor, a, b), .scalar(kind))
        case .min: return emit(.math(.min, [a, b]), .scalar(kind))
        case .max: return emit(.math(.max, [a, b]), .scalar(kind))
        }
    }

    /// `a[k…] += p[block, k…]` over every element of `a` (rank 1 or 2).
    mutating func addPrivate(into a: ValueID, from p: ValueID, block: ValueID) {
        guard case .array(let kind, let rank) = function.values[a] else { return }
        let row = emit(.subview(p, index: block), .array(kind, rank: rank))
        let zero = i64(0)
        let one = i64(1)
        // Build the loop nest inside-out.
        var ivs: [ValueID] = []
        var bounds: [ValueID] = []
        for axis in 0..<rank {
            bounds.append(emit(.dim(a, axis: axis), .scalar(.int64)))
            ivs.append(function.values.append(.scalar(.int64)))
        }
        var inner = InstrEmitter(function: function, pos: pos)
        let old = inner.emit(.loadElement(a, indices: ivs), .scalar(kind))
        let add = inner.emit(.loadElement(row, indices: ivs), .scalar(kind))
        let sum = inner.emit(.binary(.add, old, add), .scalar(kind))
        inner.emit(.storeElement(a, indices: ivs, value: sum))
        function = inner.function
        var body = Block(inner.instrs)
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            let loop = ForLoop(
                induction: ivs[axis], lower: zero, upper: bounds[axis], step: one, inclusive: false,
                kind: .serial, body: body)
            body = Block([Instr(result: nil, op: .forLoop(loop), pos: pos, loop: self.loop)])
        }
        instrs += body.instrs
    }
}
