/// Random-number bookkeeping. IRGen starts every function's outermost `prange` body with
/// `rng.iteration %i`, before it knows whether the body draws (a callee defined later
/// may). This pass deletes the ones whose loop body draws no random number, directly or
/// through calls, so plain loops keep no per-iteration stream update (which would cost
/// a branch per iteration and could block vectorization).
///
/// In: a verified module. Out: the same module minus the useless `rng.iteration`s.
/// `functionsDrawingRandomNumbers` is also what the LLVM lowering uses to decide which
/// functions keep the stream in registers and pass it on through calls.

/// Functions that draw random numbers, directly, through calls or through the outlined
/// bodies they launch.
public func functionsDrawingRandomNumbers(_ m: Module) -> Set<FunctionID> {
    var drawing = Set<FunctionID>()
    var callees: [FunctionID: Set<FunctionID>] = [:]
    for id in m.functions.ids {
        var direct = false
        var called = Set<FunctionID>()
        scanRandomUse(m.functions[id].body, direct: &direct, callees: &called)
        // An extern function's body is in another module: assume it may draw.
        if direct || m.functions[id].external != nil { drawing.insert(id) }
        callees[id] = called
    }
    var changed = true
    while changed {
        changed = false
        for id in m.functions.ids where !drawing.contains(id) {
            if callees[id, default: []].contains(where: drawing.contains) {
                drawing.insert(id)
                changed = true
            }
        }
    }
    return drawing
}

/// Whether `block` draws, given the functions known to draw.
public func blockDrawsRandomNumbers(_ block: Block, drawing: Set<FunctionID>) -> Bool {
    var direct = false
    var called = Set<FunctionID>()
    scanRandomUse(block, direct: &direct, callees: &called)
    return direct || called.contains(where: drawing.contains)
}

private func scanRandomUse(_ block: Block, direct: inout Bool, callees: inout Set<FunctionID>) {
    for instr in block.instrs {
        switch instr.op {
        case .random: direct = true
        case .call(let f, _): callees.insert(f)
        case .parallelFor(let body, _, _, _, _): callees.insert(body)
        case .constant, .unary, .binary, .compare, .convert, .math, .select, .load, .store,
            .makeTuple, .extract, .dim, .loadElement, .storeElement, .subview, .allocArray,
            .checkBounds, .checkDivisor, .precondition, .checkStride, .print, .rngIteration,
            .atomicAdd, .mpi, .ifElse, .forLoop, .whileLoop, .repeatLoop, .breakLoop, .continueLoop,
            .returnValue, .clock, .callC:
            break
        }
        for nested in instr.op.nestedBlocks {
            scanRandomUse(nested, direct: &direct, callees: &callees)
        }
    }
}

@discardableResult
public func pruneRandomIterations(_ m: inout Module) -> PassStatistics {
    var stats = PassStatistics(pass: "prune-rng-iterations")
    let drawing = functionsDrawingRandomNumbers(m)
    for id in m.functions.ids {
        var body = m.functions[id].body
        var removed = 0
        prune(&body, drawing: drawing, removed: &removed)
        m.functions[id].body = body
        let kept = countInstructions(body) { if case .rngIteration = $0.op { true } else { false } }
        stats.functions.append(.init(function: m.functions[id].name, removed: removed, kept: kept))
    }
    return stats
}

private func prune(_ block: inout Block, drawing: Set<FunctionID>, removed: inout Int) {
    for k in block.instrs.indices {
        if case .forLoop(var loop) = block.instrs[k].op,
            case .rngIteration? = loop.body.instrs.first?.op,
            !blockDrawsRandomNumbers(loop.body, drawing: drawing)
        {
            loop.body.instrs.removeFirst()
            removed += 1
            block.instrs[k].op = .forLoop(loop)
        }
        block.instrs[k].op.updateNestedBlocks { prune(&$0, drawing: drawing, removed: &removed) }
    }
}
