import KernBasics

/// The verifier's checks of calls, parallel loops and loops (Verifier.swift has the
/// walk, scopes and per-instruction types).
extension FunctionVerifier {
    mutating func callType(_ callee: FunctionID, _ args: [CallArgument]) -> IRType? {
        guard callee.index < module.functions.count else {
            error("call of unknown function \(callee)")
            return .void
        }
        let g = module.functions[callee]
        if args.count != g.params.count {
            error("@\(g.name) takes \(g.params.count) arguments, got \(args.count)")
        }
        for (p, a) in zip(g.params, args) {
            switch (p.binding, a) {
            case (.slot, .slot(let s)):
                if let info = slotInfo(s), info.type != p.type {
                    error("inout argument \(s) is \(info.type), parameter \(p.name) is \(p.type)")
                }
            case (.slot, .value(let v)):
                error("inout parameter \(p.name) must be passed a slot, not \(v)")
            case (.value, .slot(let s)):
                error("parameter \(p.name) is not inout but is passed slot \(s)")
            case (.value, .value(let v)):
                guard let t = use(v) else { continue }
                if t != p.type { error("argument \(v) is \(t), parameter \(p.name) is \(p.type)") }
                if case .array = p.type, p.isInout, !writable.contains(v) {
                    error("argument \(v) for inout array parameter \(p.name) is not writable")
                }
            }
        }
        return g.returnType == .void ? nil : g.returnType
    }

    /// `parallel_for`: the body takes (lo, hi, block: i64) then the captures, returns
    /// nothing, and is not exported; bounds and block size are i64.
    mutating func parallelFor(_ body: FunctionID, _ captures: [ValueID], _ bounds: [ValueID]) {
        for v in bounds { expect(v, .int64, "parallel_for bound") }
        guard body.index < module.functions.count else {
            error("parallel_for of unknown function \(body)")
            return
        }
        let g = module.functions[body]
        if g.isExported || g.returnType != .void || g.external != nil {
            error("parallel_for body @\(g.name) must be internal, defined here and return void")
        }
        guard g.params.count == captures.count + 3 else {
            error(
                "parallel_for body @\(g.name) takes \(g.params.count) parameters, given \(captures.count) captures"
            )
            return
        }
        for p in g.params.prefix(3)
        where p.type != .scalar(.int64) || p.isInout && p.type.scalar != nil {
            error("parallel_for body @\(g.name): block parameter \(p.name) must be an i64 value")
        }
        for (p, v) in zip(g.params.dropFirst(3), captures) {
            guard let t = use(v) else { continue }
            if t != p.type { error("capture \(v) is \(t), parameter \(p.name) is \(p.type)") }
            if case .array = p.type, p.isInout, !writable.contains(v) {
                error("capture \(v) for writable parameter \(p.name) is not writable")
            }
        }
    }

    mutating func conditionBlock(_ cond: Block, _ condition: ValueID) {
        scopes.append([])
        for i in cond.instrs { instr(i) }
        current = nil
        expect(condition, .bool, "loop condition")
        scopes.removeLast()
    }

    mutating func forLoop(_ loop: ForLoop) {
        let kinds = [loop.lower, loop.upper, loop.step].compactMap { scalarUse($0) }
        if let k = kinds.first {
            if kinds.contains(where: { $0 != k }) {
                error("loop bounds and step have different types")
            }
            if k == .bool { error("loop bounds must be numbers") }
            if let t = type(of: loop.induction), t != .scalar(k) {
                error("induction variable \(loop.induction) is \(t), bounds are \(k.irName)")
            }
        }
        var isParallel = false
        var reductions: [Reduction] = []
        switch loop.kind {
        case .serial: break
        case .blocked(let rs): reductions = rs
        case .parallel(let rs, let arrays):
            isParallel = true
            reductions = rs
            for a in arrays {
                _ = use(a)
                if !allocated.contains(a) { error("array reduction \(a) is not a local array") }
            }
        }
        do {
            for r in reductions {
                guard let info = slotInfo(r.slot) else { continue }
                guard let k = info.type.scalar else {
                    error("reduction slot \(r.slot) is \(info.type), not a scalar")
                    continue
                }
                switch r.op {
                case .and, .or, .xor:
                    if !k.isInteger {
                        error("reduce \(r.op.rawValue) on \(k.irName) slot \(r.slot)")
                    }
                case .add, .mul, .min, .max:
                    if k == .bool { error("reduce \(r.op.rawValue) on bool slot \(r.slot)") }
                }
            }
        }
        loops.append(isParallel)
        block(loop.body, defining: [loop.induction])
        loops.removeLast()
    }
}
