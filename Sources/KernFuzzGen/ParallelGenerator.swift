/// `prange` loops for `ProgramGenerator` (LANGUAGE.md §7): element-wise outputs written
/// only at the loop variable's row, scalar reductions, array reductions and `atomicAdd`.
///
/// Results must not depend on the thread count or differ from the serial interpreter,
/// so floating-point reductions, array reductions and atomic additions only add small
/// integers to integer-valued starting values: every order of additions is then exact.

extension ProgramGenerator {
    /// What the body of the `prange` being generated may update.
    struct ParallelTargets {
        var index: String
        var outputs: [FuzzArray] = []
        /// Reduction variable → its one update form.
        var reductions: [(FuzzVariable, String)] = []
        var atomics: [FuzzArray] = []
        var arrayReductions: [FuzzArray] = []
    }

    func parallelLoop(depth: Int) {
        let nested = ctx.prange != nil
        let i = ctx.fresh("p")
        var targets = ParallelTargets(index: i)
        var bound: String
        var header: String
        let candidates = nested ? [] : ctx.freelyWritableArrays()
        if let a = candidates.randomElement(using: &rng), rng.chance(0.75) {
            bound = a.shape[0]
            targets.outputs =
                [a]
                + candidates.filter { $0.name != a.name && $0.shape[0] == bound && rng.chance(0.4) }
            switch rng.int(0...3) {
            case 0: header = "for \(i) in prange(\(a.name).indices)"
            case 1: header = "for \(i) in prange(0..<\(a.name).count)"
            case 2: header = "for \(i) in prange(\(rng.int(0...2))..<\(bound))"
            default: header = "for \(i) in prange(\(bound))"
            }
        } else {
            bound = "\(rng.pick([1, 3, 8, 9, 64, 100, 1000, 4097, 5000, 9000]))"
            header = "for \(i) in prange(\(bound))"
        }
        let trip = Int(bound) ?? 64
        guard ctx.cost * trip <= budget else { return declareScalar() }

        // Reduction variables, declared just before the loop.
        for _ in 0..<rng.int(0...3) {
            let t = rng.pick(FuzzScalar.numeric)
            let name = ctx.fresh("s")
            let start = t.isFloat ? "\(t.rawValue)(\(rng.int(-3...3)))" : literal(t)
            emit("var \(name): \(t.rawValue) = \(start)")
            let v = FuzzVariable(name: name, type: t, mutable: true)
            ctx.declare(v)
            let forms =
                t.isFloat
                ? ["+=", "-=", "min", "max", "spelled"]
                : ["+=", "-=", "*=", "&=", "|=", "^=", "min", "max", "spelled"]
            targets.reductions.append((v, rng.pick(forms)))
        }
        // Fresh zero-filled arrays for atomics and array reductions (integer-valued, so
        // floating-point additions are exact in any order).
        if !nested, rng.chance(0.3) { targets.atomics.append(accumulatorArray()) }
        if !nested, rng.chance(0.3) { targets.arrayReductions.append(accumulatorArray()) }

        let saved = ctx.cost
        ctx.cost *= max(trip, 1)
        ctx.maxCost = max(ctx.maxCost, ctx.cost)
        let reserved = Set(
            (targets.outputs + targets.atomics + targets.arrayReductions).map(\.name))
        block(header) {
            ctx.parallels.append(
                .init(
                    scopeDepth: ctx.scopes.count - 1,
                    reductionVariables: Set(targets.reductions.map(\.0.name)),
                    reservedArrays: reserved))
            ctx.declareIndex(i, below: bound)
            currentTargets.append(targets)
            for _ in 0..<rng.int(1...4) {
                if rng.chance(0.45) {
                    statements(1, depth: depth - 1, returning: nil)
                } else {
                    parallelUpdate()
                }
            }
            // Every reduction is updated at least once, every output written.
            for (v, form) in targets.reductions { reductionUpdate(v, form) }
            for a in targets.outputs { outputWrite(a) }
            currentTargets.removeLast()
            ctx.parallels.removeLast()
        }
        ctx.cost = saved
    }

    /// A rank-1 or rank-2 array of zeros, declared before the loop.
    private func accumulatorArray() -> FuzzArray {
        let t = rng.pick(FuzzScalar.numeric)
        let name = ctx.fresh("acc")
        let shape = rng.chance(0.7) ? [rng.int(1...16)] : [rng.int(1...4), rng.int(1...4)]
        return allocateArray(name, t, shape: shape, fill: "0")
    }

    /// One of the body's special updates (or an output write when called as a fallback).
    func parallelWrite() { parallelUpdate() }

    private func parallelUpdate() {
        guard let targets = currentTargets.last else { return declareScalar() }
        switch rng.int(0...3) {
        case 0 where !targets.reductions.isEmpty:
            let (v, form) = targets.reductions.randomElement(using: &rng)!
            reductionUpdate(v, form)
        case 1 where !targets.atomics.isEmpty:
            let a = targets.atomics.randomElement(using: &rng)!
            emit("atomicAdd(&\(element(of: a)), \(exactTerm(a.element)))")
        case 2 where !targets.arrayReductions.isEmpty:
            let a = targets.arrayReductions.randomElement(using: &rng)!
            emit("\(element(of: a)) += \(exactTerm(a.element))")
        default:
            if let a = targets.outputs.randomElement(using: &rng) {
                outputWrite(a)
            } else {
                declareScalar()
            }
        }
    }

    /// A value whose additions are exact in any order: any integer (wrapping addition is
    /// associative), or a small integer converted to floating point.
    private func exactTerm(_ t: FuzzScalar) -> String {
        t.isFloat ? "\(t.rawValue)(Int(\(expr(.int, 2)) % 64))" : expr(t, 2)
    }

    private func reductionUpdate(_ v: FuzzVariable, _ form: String) {
        let term = exactTerm(v.type)
        switch form {
        case "min", "max": emit("\(v.name) = \(form)(\(v.name), \(term))")
        case "spelled": emit("\(v.name) = \(v.name) + \(term)")
        default: emit("\(v.name) \(form) \(term)")
        }
    }

    /// `out[i, …] = e` (or a compound form): the first index is the loop variable.
    private func outputWrite(_ a: FuzzArray) {
        guard let i = currentTargets.last?.index else { return }
        let rest = (1..<max(a.rank, 1)).map { index(below: a.shape[$0], of: a, dim: $0) }
        let target = "\(a.name)[\(([i] + rest).joined(separator: ", "))]"
        let op =
            a.element.isFloat
            ? rng.pick(["=", "=", "+=", "*="]) : rng.pick(["=", "=", "+=", "^="])
        emit("\(target) \(op) \(expr(a.element, 3))")
    }
}
