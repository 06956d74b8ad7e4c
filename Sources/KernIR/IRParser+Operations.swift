import KernBasics

/// The operation half of the Kern IR text parser (IRParser.swift has the module,
/// function, block and instruction structure): one operation's operands after its
/// mnemonic, constants, calls, `parallel(...)` clauses, print pieces and `for` headers.
extension IRParser {
    mutating func operation(_ word: String, _ opTok: IRToken, result: ValueID?) throws(IRParseError)
        -> Op
    {
        if let u = UnaryOpcode(rawValue: word) { return .unary(u, try value()) }
        if let b = BinaryOpcode(rawValue: word) {
            return .binary(b, try value(), try commaValue())
        }
        if word.hasPrefix("random.") {
            guard let d = RandomDistribution(rawValue: String(word.dropFirst(7))) else {
                throw fail("unknown distribution '\(word)'", opTok)
            }
            return .random(d, atLineEnd() ? [] : try valueList(until: ":"))
        }
        if word.hasPrefix("mpi.") {
            guard let m = MPIOperation(irName: String(word.dropFirst(4))) else {
                throw fail("unknown MPI operation '\(word)'", opTok)
            }
            return .mpi(m, atLineEnd() ? [] : try valueList(until: ":"))
        }
        if word.hasPrefix("math.") {
            guard let m = MathFunction(irName: String(word.dropFirst(5))) else {
                throw fail("unknown math function '\(word)'", opTok)
            }
            return .math(m, atLineEnd() ? [] : try valueList(until: ":"))
        }
        switch word {
        case "const": return .constant(try constant())
        case "cmp":
            let w = try name()
            guard let p = ComparePredicate(rawValue: w) else {
                throw fail("unknown comparison '\(w)'", tokens[at - 1])
            }
            return .compare(p, try value(), try commaValue())
        case "convert": return .convert(try value())
        case "select": return .select(try value(), try commaValue(), try commaValue())
        case "load": return .load(try slot())
        case "store": return .store(try slot(), try commaValue())
        case "tuple": return .makeTuple(atLineEnd() ? [] : try valueList(until: ":"))
        case "extract":
            let t = try value()
            try expect(",")
            return .extract(t, index: try integer())
        case "dim":
            let a = try value()
            try expect(",")
            return .dim(a, axis: try integer())
        case "load.elem": return .loadElement(try value(), indices: try indexList())
        case "store.elem":
            return .storeElement(try value(), indices: try indexList(), value: try commaValue())
        case "subview":
            let a = try value()
            try expect("[")
            let i = try value()
            try expect("]")
            return .subview(a, index: i)
        case "alloc":
            let k = try scalarKind()
            let dims = try indexList()
            if isIdent("uninitialized") {
                advance()
                return .allocArray(k, dims: dims, fill: nil)
            }
            try expectKeyword("fill")
            return .allocArray(k, dims: dims, fill: try value())
        case "check.bounds":
            let i = try value()
            try expect("<")
            let b = try value()
            try expectKeyword("axis")
            return .checkBounds(index: i, bound: b, axis: try integer())
        case "check.divisor": return .checkDivisor(try value())
        case "check.precondition":
            let c = try value()
            try expect(",")
            guard case .string(let msg) = tok.kind else { throw expected("a message string") }
            advance()
            return .precondition(c, message: msg)
        case "check.stride": return .checkStride(try value())
        case "rng.iteration": return .rngIteration(try value())
        case "clock": return .clock
        case "call.c":
            guard case .string(let symbol) = tok.kind else {
                throw expected("a C symbol in quotes")
            }
            advance()
            let parameters = try parenthesized { (p) throws(IRParseError) in try p.scalarKind() }
            try expect("->")
            var result: ScalarType?
            if isIdent("void") { advance() } else { result = try scalarKind() }
            let isPure = isIdent("pure")
            if isPure { advance() }
            let args = try parenthesized { (p) throws(IRParseError) in try p.value() }
            return .callC(
                CFunction(symbol: symbol, parameters: parameters, result: result, isPure: isPure),
                args)
        case "atomic.add":
            return .atomicAdd(try value(), indices: try indexList(), value: try commaValue())
        case "call": return try call()
        case "parallel_for": return try parallelFor()
        case "print": return .print(try printPieces())
        case "if": return .ifElse(try value(), then: Block(), else: Block())
        case "for": return try forHeader()
        case "while":
            return .whileLoop(cond: Block(), condition: ValueID(raw: 0), body: Block())
        case "repeat":
            return .repeatLoop(body: Block(), cond: Block(), condition: ValueID(raw: 0))
        case "break": return .breakLoop
        case "continue": return .continueLoop
        case "return": return .returnValue(atLineEnd() ? nil : try value())
        default: throw fail("unknown operation '\(word)'", opTok)
        }
    }

    mutating func constant() throws(IRParseError) -> Constant {
        if isIdent("true") || isIdent("false") {
            let b = isIdent("true")
            advance()
            return .bool(b)
        }
        guard case .number(let s) = tok.kind else { throw expected("a constant") }
        let isFloat =
            s.contains(".") || s.contains("e") || s.contains("E") || s.contains("inf")
            || s.contains("nan")
        if isFloat {
            guard let d = Double(s) else { throw fail("bad floating constant '\(s)'") }
            advance()
            return .floating(d)
        }
        if s.hasPrefix("-") {
            guard let n = Int64(s) else { throw fail("integer constant '\(s)' out of range") }
            advance()
            return .integer(UInt64(bitPattern: n))
        }
        guard let n = UInt64(s) else { throw fail("integer constant '\(s)' out of range") }
        advance()
        return .integer(n)
    }

    mutating func call() throws(IRParseError) -> Op {
        guard case .function(let name) = tok.kind else { throw expected("a callee '@name'") }
        guard let callee = functionIDs[name] else { throw fail("unknown function @\(name)") }
        advance()
        let args = try parenthesized { (p) throws(IRParseError) -> CallArgument in
            let argument: CallArgument
            switch p.tok.kind {
            case .value(let n): argument = .value(ValueID(raw: n))
            case .slot(let n): argument = .slot(SlotID(raw: n))
            case .ident, .function, .number, .string, .punct, .newline, .eof:
                throw p.expected("an argument '%N' or '$N'")
            }
            p.advance()
            return argument
        }
        return .call(callee, args)
    }

    /// `parallel_for @body(%c, ...) %lo ..< %hi block %bs`
    mutating func parallelFor() throws(IRParseError) -> Op {
        guard case .call(let body, let args) = try call() else {
            throw expected("a body '@name(...)'")
        }
        var captures: [ValueID] = []
        for a in args {
            guard case .value(let v) = a else { throw expected("captured values '%N'") }
            captures.append(v)
        }
        let lower = try value()
        try expect("..<")
        let upper = try value()
        try expectKeyword("block")
        let blockSize = try value()
        return .parallelFor(
            body: body, captures: captures, lower: lower, upper: upper, blockSize: blockSize)
    }

    mutating func printPieces() throws(IRParseError) -> [PrintPiece] {
        var pieces: [PrintPiece] = []
        if atLineEnd() { return pieces }
        repeat {
            switch tok.kind {
            case .value(let n): pieces.append(.value(ValueID(raw: n)))
            case .string(let s): pieces.append(.text(s))
            case .ident("format"):
                // `format "%5.2f" %3`: one String(format:) conversion.
                advance()
                guard case .string(let spec) = tok.kind, let c = FormatConversion(spec: spec)
                else { throw expected("a conversion spec such as \"%5.2f\"") }
                advance()
                guard case .value(let n) = tok.kind else { throw expected("a value") }
                pieces.append(.formatted(c, ValueID(raw: n)))
            case .ident, .slot, .function, .number, .punct, .newline, .eof:
                throw expected("a string or a value")
            }
            advance()
        } while eat(",")
        return pieces
    }

    mutating func forHeader() throws(IRParseError) -> Op {
        let indTok = tok
        let induction = try value()
        try expect(":")
        let t = try type()
        try define(induction, t, indTok)
        try expect("=")
        let lower = try value()
        let inclusive: Bool
        if eat("..<") {
            inclusive = false
        } else if eat("...") {
            inclusive = true
        } else {
            throw expected("'..<' or '...'")
        }
        let upper = try value()
        try expectKeyword("step")
        let step = try value()
        var kind = LoopKind.serial
        if isIdent("blocked") {
            advance()
            var reductions: [Reduction] = []
            if eat("(") {
                repeat {
                    try expectKeyword("reduce")
                    let s = try slot()
                    let w = try name()
                    guard let op = ReduceOp(rawValue: w) else {
                        throw fail("unknown reduction '\(w)'", tokens[at - 1])
                    }
                    reductions.append(Reduction(slot: s, op: op))
                } while eat(",")
                try expect(")")
            }
            kind = .blocked(reductions: reductions)
        } else if isIdent("parallel") {
            advance()
            var reductions: [Reduction] = []
            var arrays: [ValueID] = []
            if eat("(") {
                repeat {
                    if isIdent("reduce") {
                        advance()
                        let s = try slot()
                        let w = try name()
                        guard let op = ReduceOp(rawValue: w) else {
                            throw fail("unknown reduction '\(w)'", tokens[at - 1])
                        }
                        reductions.append(Reduction(slot: s, op: op))
                    } else if isIdent("array") {
                        advance()
                        arrays.append(try value())
                    } else {
                        throw expected("'reduce' or 'array'")
                    }
                } while eat(",")
                try expect(")")
            }
            kind = .parallel(reductions: reductions, arrayReductions: arrays)
        }
        return .forLoop(
            ForLoop(
                induction: induction, lower: lower, upper: upper, step: step, inclusive: inclusive,
                kind: kind, body: Block()))
    }
}
