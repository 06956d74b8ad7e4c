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
        }
        let induction = b.newValue(b.type(of: lower))
        bindings[info.variable] = .value(induction)
        if info.isParallel { prangeDepth += 1 }
        var bodyBlock = lowerBlock(body)
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
