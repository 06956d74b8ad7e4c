import KernBasics
import KernIR
import KernSema
import KernSyntax

/// `for` loops over ranges, `x.indices` and strides, serial or `prange`. The bounds and
/// step are evaluated once before the loop; the induction variable is an SSA value.
extension FunctionLowerer {
    mutating func lowerFor(_ id: StmtID, sequence: ExprID, body: KernSyntax.Block) {
        guard let info = program.loops[id] else { return }
        let lower: ValueID
        let upper: ValueID
        let step: ValueID
        var inclusive = false
        /// For a reversed sequence: `first + last` of the forward values; the loop runs
        /// forward over `k` and the variable is `mirror - k` (exact in wrapping
        /// arithmetic, for every integer type, since the result is always in range).
        var mirror: ValueID?
        switch info.sequence {
        case .range(let lo, let hi, let incl):
            upper = lowerExpr(hi)
            let kind = b.type(of: upper).verifiedScalar("KernIRGen: loop bound")
            lower = lo.map { lowerExpr($0) } ?? zero(kind)
            step = one(kind)
            inclusive = incl
        case .indices(let array):
            let a = lowerExpr(array)
            lower = b.int64(0)
            upper = b.emit(.dim(a, axis: 0), .scalar(.int64))
            step = b.int64(1)
        case .stride(let from, let to, let by, let incl):
            lower = lowerExpr(from)
            upper = lowerExpr(to)
            step = lowerExpr(by)
            inclusive = incl
            at(ast.exprs[sequence].range)
            b.emit(.checkStride(step))
        case .reversed(let forward):
            switch forward {
            case .range(let lo, let hi, let incl):
                upper = lowerExpr(hi)
                let kind = b.type(of: upper).verifiedScalar("KernIRGen: loop bound")
                lower = lo.map { lowerExpr($0) } ?? zero(kind)
                inclusive = incl
            case .indices(let array):
                let a = lowerExpr(array)
                lower = b.int64(0)
                upper = b.emit(.dim(a, axis: 0), .scalar(.int64))
            case .stride, .reversed:
                preconditionFailure("KernIRGen: Sema reverses only ranges and indices")
            }
            let t = b.type(of: upper)
            step = one(t.verifiedScalar("KernIRGen: loop bound"))
            at(ast.exprs[sequence].range)
            let sum = b.emit(.binary(.add, lower, upper), t)
            mirror = inclusive ? sum : b.emit(.binary(.sub, sum, step), t)
        }
        let induction = b.newValue(b.type(of: lower))
        var variable = induction
        var mirrorInstr: Instr?
        if let mirror {
            // `i = mirror - k`, the body's first instruction.
            variable = b.newValue(b.type(of: lower))
            mirrorInstr = Instr(
                result: variable, op: .binary(.sub, mirror, induction),
                pos: program.file.position(of: ast.stmts[id].range.start))
        }
        bindings[info.variable] = .value(variable)
        if info.isParallel { prangeDepth += 1 }
        var bodyBlock = lowerBlock(body)
        if let mirrorInstr { bodyBlock.instrs.insert(mirrorInstr, at: 0) }
        if info.isParallel {
            prangeDepth -= 1
            if prangeDepth == 0 {
                // The function's outermost prange: each iteration owns a random stream.
                // `prune-rng-iterations` deletes this when the body draws nothing.
                bodyBlock.instrs.insert(
                    Instr(
                        result: nil, op: .rngIteration(induction),
                        pos: program.file.position(of: ast.stmts[id].range.start)), at: 0)
            }
        }

        let kind: LoopKind
        if info.isParallel {
            var reductions: [Reduction] = []
            for r in info.reductions {
                guard case .slot(let slot)? = bindings[r.variable] else { continue }
                reductions.append(Reduction(slot: slot, op: reduceOp(r.op)))
            }
            var arrays: [ValueID] = []
            for local in info.arrayReductions {
                if case .value(let v)? = bindings[local] { arrays.append(v) }
            }
            kind = .parallel(reductions: reductions, arrayReductions: arrays)
        } else {
            kind = .serial
        }
        at(ast.stmts[id].range)
        b.emitLoop(
            .forLoop(
                ForLoop(
                    induction: induction, lower: lower, upper: upper, step: step,
                    inclusive: inclusive,
                    kind: kind, body: bodyBlock)))
    }

    func reduceOp(_ op: ReductionOp) -> ReduceOp {
        switch op {
        case .add: .add
        case .mul: .mul
        case .and: .and
        case .or: .or
        case .xor: .xor
        case .min: .min
        case .max: .max
        }
    }
}
