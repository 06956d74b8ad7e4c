/// Random statements for `ProgramGenerator`: declarations, assignments, control flow,
/// loops with constant trip bounds, calls, prints and `prange` loops (LANGUAGE.md §4–§8).

extension ProgramGenerator {
    /// `count` statements at nesting `depth` (0 = no more compound statements).
    /// `returning` is the function's result type when early `return`s are allowed.
    func statements(_ count: Int, depth: Int, returning: FuzzScalar??) {
        for _ in 0..<count { statement(depth: depth, returning: returning) }
    }

    private func statement(depth: Int, returning: FuzzScalar??) {
        let inParallel = ctx.prange != nil
        switch rng.int(0...19) {
        case 0...2: declareScalar()
        case 3, 4: assignScalar()
        case 5, 6: writeElement()
        case 7,
            8 where depth > 0:
            let c = expr(.bool, 3)
            block("if \(c)") { statements(rng.int(1...3), depth: depth - 1, returning: returning) }
            if rng.chance(0.4) {
                reopenLastBrace()
                block("} else") {
                    statements(rng.int(1...3), depth: depth - 1, returning: returning)
                }
            }
        case 9,
            10 where depth > 0:
            forLoop(depth: depth, returning: returning)
        case 11 where depth > 0: whileLoop(depth: depth, returning: returning)
        case 12,
            13 where depth > 0 && ctx.cost < budget / 16:
            parallelLoop(depth: depth)
        case 14 where ctx.canPrint && !inParallel:
            let args = (0..<rng.int(1...3)).map { _ in expr(rng.pick(FuzzScalar.allCases), 2) }
            emit("print(\(args.joined(separator: ", ")))")
        case 15 where !inParallel: callArrayHelper()
        case 16 where ctx.inSerialLoop:
            emit("if \(expr(.bool, 2)) { \(rng.chance(0.5) ? "break" : "continue") }")
        case 17 where !inParallel:
            if let r = returning, let t = r, rng.chance(0.5) {
                emit("if \(expr(.bool, 2)) { return \(expr(t, 2)) }")
            } else if let r = returning, r == nil {
                emit("if \(expr(.bool, 2)) { return }")
            } else {
                atomicOutside()
            }
        case 18 where options.allowErrors && rng.chance(0.2):
            emit("precondition(\(expr(.bool, 2)), \"fuzz\")")
        case 19 where !inParallel && rng.chance(0.3): declareArray()
        default: declareScalar()
        }
    }

    /// `if … { … }` followed by `else`: reopen the closed brace as `} else {`.
    private func reopenLastBrace() { dropLastLine() }

    func declareScalar() {
        let t = rng.pick(FuzzScalar.allCases)
        let name = ctx.fresh(t == .bool ? "b" : "v")
        let mutable = rng.chance(0.6)
        let value = expr(t, 3)
        emit("\(mutable ? "var" : "let") \(name): \(t.rawValue) = \(value)")
        ctx.declare(FuzzVariable(name: name, type: t, mutable: mutable))
    }

    private func assignScalar() {
        let targets = ctx.writableScalars()
        guard !targets.isEmpty else { return declareScalar() }
        let v = rng.pick(targets)
        emit("\(v.name) \(assignmentOperator(v.type)) \(rhs(for: v.type))")
    }

    /// `=` or a compound operator valid for `type`.
    private func assignmentOperator(_ type: FuzzScalar) -> String {
        switch type {
        case .bool: return "="
        case .float, .double: return rng.pick(["=", "+=", "-=", "*=", "/="])
        case .int8, .int16, .int32, .int64, .int, .uint8, .uint16, .uint32, .uint64, .uint:
            return rng.pick(["=", "+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>="])
        }
    }

    private func rhs(for type: FuzzScalar) -> String { expr(type, 3) }

    /// Assigns an element of an array that may be freely written here.
    private func writeElement() {
        let arrays = ctx.freelyWritableArrays()
        guard !arrays.isEmpty else {
            if let p = ctx.prange, !p.reservedArrays.isEmpty { return parallelWrite() }
            return assignScalar()
        }
        let a = rng.pick(arrays)
        let target = element(of: a)
        emit("\(target) \(assignmentOperator(a.element)) \(expr(a.element, 3))")
    }

    private func forLoop(depth: Int, returning: FuzzScalar??) {
        let v = ctx.fresh("i")
        let trip: Int
        let header: String
        var bound: String?
        let arrays = ctx.readableArrays().filter { $0.maxCount <= 64 }
        switch rng.int(0...4) {
        case 0 where !arrays.isEmpty:
            let a = rng.pick(arrays)
            header = "for \(v) in \(a.name).indices"
            bound = a.shape[0]
            trip = Int(a.shape[0]) ?? 16
        case 1:
            let n = rng.int(1...12)
            let step = rng.int(1...4)
            header =
                "for \(v) in stride(from: 0, \(rng.chance(0.5) ? "to" : "through"): \(n), by: \(step))"
            trip = n / step + 1
        case 2:
            let t = rng.pick(FuzzScalar.integers.filter { $0 != .int })
            let n = rng.int(0...6)
            header = "for \(v) in \(t.rawValue)(0)..<\(t.rawValue)(\(n))"
            trip = n
            // Over budget, `loopBody` writes a declaration instead of the loop: `v` must not
            // be in scope then. Generator 1 had it in scope (a declaration could read the
            // undeclared loop variable: seed 20261207 program 335 with generator 2 before
            // this fix); `--generator 1` keeps that, to reproduce its programs exactly.
            if options.version >= 2, ctx.cost * max(trip, 1) > budget {
                return declareScalar()
            }
            ctx.push()
            ctx.declare(FuzzVariable(name: v, type: t, mutable: false))
            loopBody(header, v: nil, bound: nil, trip: trip, depth: depth, returning: returning)
            ctx.pop()
            return
        default:
            let n = rng.int(0...8)
            header = rng.chance(0.7) ? "for \(v) in 0..<\(n)" : "for \(v) in 0...\(max(n - 1, 0))"
            bound = header.contains("...") ? "\(max(n, 1))" : "\(n)"
            trip = n
        }
        loopBody(header, v: v, bound: bound, trip: trip, depth: depth, returning: returning)
    }

    private func loopBody(
        _ header: String, v: String?, bound: String?, trip: Int, depth: Int, returning: FuzzScalar??
    ) {
        guard ctx.cost * max(trip, 1) <= budget else { return declareScalar() }
        let saved = ctx.cost
        ctx.cost *= max(trip, 1)
        ctx.maxCost = max(ctx.maxCost, ctx.cost)
        block(header, loop: true) {
            if let v {
                if let bound {
                    ctx.declareIndex(v, below: bound)
                } else {
                    ctx.declare(FuzzVariable(name: v, type: .int, mutable: false))
                }
            }
            statements(rng.int(1...4), depth: depth - 1, returning: returning)
        }
        ctx.cost = saved
    }

    /// `while` or `repeat` with a counter incremented first, so `continue` cannot loop forever.
    private func whileLoop(depth: Int, returning: FuzzScalar??) {
        let w = ctx.fresh("w")
        let n = rng.int(1...6)
        guard ctx.cost * n <= budget else { return declareScalar() }
        emit("var \(w) = 0")
        let saved = ctx.cost
        ctx.cost *= n
        ctx.maxCost = max(ctx.maxCost, ctx.cost)
        let extra = rng.chance(0.5) ? " && \(expr(.bool, 2))" : ""
        if rng.chance(0.5) {
            block("while \(w) < \(n)\(extra)", loop: true) {
                emit("\(w) += 1")
                statements(rng.int(1...4), depth: depth - 1, returning: returning)
            }
        } else {
            block("repeat", loop: true) {
                emit("\(w) += 1")
                statements(rng.int(1...4), depth: depth - 1, returning: returning)
            }
            // The condition is evaluated after the body, outside its scope.
            dropLastLine()
            let pad = String(repeating: "    ", count: indentLevel)
            var c = expr(.bool, 2)
            if !ctx.pending.isEmpty {  // temporaries would be out of scope here
                ctx.pending.removeAll()
                c = "true"
            }
            appendLine(pad + "} while \(w) < \(n) && \(c)")
        }
        ctx.cost = saved
    }

    /// Calls an array helper with arrays of matching element types and ranks.
    private func callArrayHelper() {
        for h in ctx.callable.shuffled(using: &rng)
        where h.parameters.contains(where: {
            if case .array = $0 { return true } else { return false }
        }) {
            guard ctx.cost * h.cost <= budget else { continue }
            var used: Set<String> = []
            var args: [String] = []
            var ok = true
            for p in h.parameters {
                switch p {
                case .scalar(let t): args.append(expr(t, 2))
                case .array(let t, let rank, let isInout):
                    let pool = (isInout ? ctx.freelyWritableArrays() : ctx.readableArrays()).filter
                    {
                        $0.element == t && $0.rank == rank && $0.maxCount <= 64
                            && !used.contains($0.name)
                    }
                    guard let a = pool.randomElement(using: &rng) else {
                        ok = false
                        break
                    }
                    used.insert(a.name)
                    args.append(isInout ? "&\(a.name)" : a.name)
                }
                if !ok { break }
            }
            guard ok else { continue }
            let call = "\(h.name)(\(args.joined(separator: ", ")))"
            if let r = h.result {
                let name = ctx.fresh("c")
                emit("let \(name): \(r.rawValue) = \(call)")
                ctx.declare(FuzzVariable(name: name, type: r, mutable: false))
            } else {
                emit(call)
            }
            return
        }
        declareScalar()
    }

    /// `atomicAdd` in serial code (any value: there is no concurrency to reorder it).
    private func atomicOutside() {
        guard let a = ctx.freelyWritableArrays().randomElement(using: &rng) else {
            return declareScalar()
        }
        emit("atomicAdd(&\(element(of: a)), \(expr(a.element, 2)))")
    }
}

extension FuzzRandom: RandomNumberGenerator {}
