import KernBasics

/// Reads Kern IR text back into a `Module`: the exact inverse of `printModule`, used by
/// tests and hand-written IR cases. In: text. Out: a `Module` (not verified — run
/// `verify` for that), or an `IRParseError` naming line:column and what was expected.
///
/// Value and slot numbers are kept as written (`%7` is `ValueID(raw: 7)`); arena
/// entries never defined in the text are filled with `void` values or unnamed `void`
/// slots. Callees are resolved by name, so a call may precede its callee's definition.
public func parseModule(_ text: String) throws(IRParseError) -> Module {
    var p = IRParser(tokens: try lexIR(text))
    return try p.module()
}

struct IRParser {
    var tokens: [IRToken]
    var at = 0
    var functionIDs: [String: FunctionID] = [:]
    // Per function under construction.
    var valueTypes: [UInt32: IRType] = [:]
    var slotInfos: [UInt32: SlotInfo] = [:]

    init(tokens: [IRToken]) { self.tokens = tokens }

    var tok: IRToken { tokens[at] }

    func fail(_ message: String, _ t: IRToken? = nil) -> IRParseError {
        let t = t ?? tok
        return IRParseError(line: t.line, column: t.column, message: message)
    }

    func describe(_ k: IRToken.Kind) -> String {
        switch k {
        case .ident(let s): return "'\(s)'"
        case .value(let n): return "'%\(n)'"
        case .slot(let n): return "'$\(n)'"
        case .function(let s): return "'@\(s)'"
        case .number(let s): return "'\(s)'"
        case .string: return "a string"
        case .punct(let s): return "'\(s)'"
        case .newline: return "end of line"
        case .eof: return "end of input"
        }
    }

    func expected(_ what: String) -> IRParseError {
        fail("expected \(what), found \(describe(tok.kind))")
    }

    mutating func advance() { if at < tokens.count - 1 { at += 1 } }

    mutating func skipNewlines() { while tok.kind == .newline { advance() } }

    func isPunct(_ p: String) -> Bool { tok.kind == .punct(p) }
    func isIdent(_ w: String) -> Bool { tok.kind == .ident(w) }

    mutating func eat(_ p: String) -> Bool {
        if isPunct(p) {
            advance()
            return true
        }
        return false
    }

    mutating func expect(_ p: String) throws(IRParseError) {
        guard eat(p) else { throw expected("'\(p)'") }
    }

    mutating func expectKeyword(_ w: String) throws(IRParseError) {
        guard isIdent(w) else { throw expected("'\(w)'") }
        advance()
    }

    mutating func expectEndOfLine() throws(IRParseError) {
        guard tok.kind == .newline || tok.kind == .eof else { throw expected("end of line") }
        skipNewlines()
    }

    // MARK: Module and functions

    mutating func module() throws(IRParseError) -> Module {
        // Pre-scan: function IDs follow definition order, and calls may refer forward.
        var count = 0
        for k in 0..<tokens.count - 1 {
            if tokens[k].kind == .ident("func"), case .function(let name) = tokens[k + 1].kind {
                if functionIDs[name] != nil {
                    throw fail("function @\(name) is defined twice", tokens[k + 1])
                }
                functionIDs[name] = FunctionID(count)
                count += 1
            }
        }
        skipNewlines()
        try expectKeyword("module")
        guard case .string(let name) = tok.kind else { throw expected("the module's source name") }
        advance()
        try expectEndOfLine()
        var m = Module(sourceName: name)
        while tok.kind != .eof {
            m.functions.append(try function())
            skipNewlines()
        }
        return m
    }

    mutating func name() throws(IRParseError) -> String {
        switch tok.kind {
        case .ident(let s), .string(let s):
            advance()
            return s
        case .value, .slot, .function, .number, .punct, .newline, .eof:
            throw expected("a name")
        }
    }

    mutating func function() throws(IRParseError) -> Function {
        valueTypes = [:]
        slotInfos = [:]
        var inline: Function.Inline?
        if tok.kind == .function("inline") {
            advance()
            try expect("(")
            let w = try name()
            guard let i = Function.Inline(rawValue: w) else {
                throw fail("expected 'never' or 'always', found '\(w)'", tokens[at - 1])
            }
            inline = i
            try expect(")")
        }
        var exported = false
        if isIdent("export") {
            exported = true
            advance()
        }
        var external: String?
        if isIdent("extern") {
            advance()
            guard case .string(let symbol) = tok.kind else {
                throw expected("the entry symbol of an extern function, as a string")
            }
            external = symbol
            advance()
        }
        try expectKeyword("func")
        guard case .function(let fname) = tok.kind else {
            throw expected("a function name '@name'")
        }
        advance()
        let params = try parenthesized { (p) throws(IRParseError) in try p.param() }
        try expect("->")
        let ret = try type()
        let pos = try optionalPos()
        if let external {
            // A declaration: parameters bound to values only, no body.
            try expectEndOfLine()
            var f = Function.external(
                name: fname, params: params, returnType: ret, entrySymbol: external)
            (f.isExported, f.inline, f.pos) = (exported, inline, pos)
            if let maxValue = valueTypes.keys.max() {
                for n in 0...maxValue { f.values.append(valueTypes[n] ?? .void) }
            }
            // Inout scalars are bound to slots, as in a definition.
            for p in params {
                if case .slot(let s) = p.binding {
                    while f.slots.count <= Int(s.raw) {
                        f.slots.append(SlotInfo(name: "", type: .void))
                    }
                    f.slots[s] = SlotInfo(name: p.name, type: p.type)
                }
            }
            return f
        }
        try expect("{")
        try expectEndOfLine()
        var f = Function(
            name: fname, params: params, returnType: ret, isExported: exported, inline: inline,
            pos: pos)
        while isIdent("slot") {
            advance()
            guard case .slot(let n) = tok.kind else { throw expected("a slot '$N'") }
            let slotTok = tok
            advance()
            let sname = try name()
            try expect(":")
            let t = try type()
            if slotInfos[n] != nil { throw fail("slot $\(n) is declared twice", slotTok) }
            slotInfos[n] = SlotInfo(name: sname, type: t)
            try expectEndOfLine()
        }
        for p in params {
            if case .slot(let s) = p.binding, slotInfos[s.raw] == nil {
                slotInfos[s.raw] = SlotInfo(name: p.name, type: p.type)
            }
        }
        f.body = try block()
        try expect("}")
        try expectEndOfLine()
        if let maxValue = valueTypes.keys.max() {
            for n in 0...maxValue { f.values.append(valueTypes[n] ?? .void) }
        }
        if let maxSlot = slotInfos.keys.max() {
            for n in 0...maxSlot { f.slots.append(slotInfos[n] ?? SlotInfo(name: "", type: .void)) }
        }
        return f
    }

    mutating func param() throws(IRParseError) -> Param {
        var isInout = false
        if isIdent("inout") {
            isInout = true
            advance()
        }
        let binding: Param.Binding
        let bindTok = tok
        switch tok.kind {
        case .value(let n): binding = .value(ValueID(raw: n))
        case .slot(let n): binding = .slot(SlotID(raw: n))
        case .ident, .function, .number, .string, .punct, .newline, .eof:
            throw expected("a parameter value '%N' or slot '$N'")
        }
        advance()
        let pname = try name()
        try expect(":")
        let t = try type()
        if case .value(let v) = binding { try define(v, t, bindTok) }
        return Param(name: pname, type: t, isInout: isInout, binding: binding)
    }

    mutating func define(_ v: ValueID, _ t: IRType, _ at: IRToken) throws(IRParseError) {
        if valueTypes[v.raw] != nil { throw fail("value \(v) is defined twice", at) }
        valueTypes[v.raw] = t
    }

    mutating func scalarKind() throws(IRParseError) -> ScalarType {
        guard case .ident(let w) = tok.kind, let k = ScalarType(irName: w) else {
            throw expected("a scalar type")
        }
        advance()
        return k
    }

    mutating func type() throws(IRParseError) -> IRType {
        if eat("[") {
            let k = try scalarKind()
            try expect(";")
            let rank = try integer()
            try expect("]")
            return .array(k, rank: rank)
        }
        if eat("(") {
            var kinds: [ScalarType] = []
            if !isPunct(")") {
                repeat { kinds.append(try scalarKind()) } while eat(",")
            }
            try expect(")")
            return .tuple(kinds)
        }
        if isIdent("void") {
            advance()
            return .void
        }
        return .scalar(try scalarKind())
    }

    mutating func integer() throws(IRParseError) -> Int {
        guard case .number(let s) = tok.kind, let n = Int(s) else { throw expected("an integer") }
        advance()
        return n
    }

    mutating func optionalPos() throws(IRParseError) -> SourcePos {
        guard eat("!") else { return .unknown }
        let l = try integer()
        try expect(":")
        let c = try integer()
        guard let line = UInt32(exactly: l), let col = UInt32(exactly: c) else {
            throw fail("bad source position", tokens[at - 1])
        }
        return SourcePos(line: line, column: col)
    }

    mutating func value() throws(IRParseError) -> ValueID {
        guard case .value(let n) = tok.kind else { throw expected("a value '%N'") }
        advance()
        return ValueID(raw: n)
    }

    mutating func slot() throws(IRParseError) -> SlotID {
        guard case .slot(let n) = tok.kind else { throw expected("a slot '$N'") }
        advance()
        return SlotID(raw: n)
    }

    mutating func valueList(until close: String) throws(IRParseError) -> [ValueID] {
        var vs: [ValueID] = []
        if !isPunct(close) {
            repeat { vs.append(try value()) } while eat(",")
        }
        return vs
    }

    /// `(a, b, …)`: a parenthesized list whose elements `element` parses.
    mutating func parenthesized<T>(
        _ element: (inout IRParser) throws(IRParseError) -> T
    ) throws(IRParseError) -> [T] {
        try expect("(")
        var elements: [T] = []
        if !isPunct(")") {
            repeat { elements.append(try element(&self)) } while eat(",")
        }
        try expect(")")
        return elements
    }

    /// `, %v`: the next operand of an operation.
    mutating func commaValue() throws(IRParseError) -> ValueID {
        try expect(",")
        return try value()
    }

    /// `[%a, %b]`: indices or extents.
    mutating func indexList() throws(IRParseError) -> [ValueID] {
        try expect("[")
        let values = try valueList(until: "]")
        try expect("]")
        return values
    }

    // MARK: Blocks and instructions

    mutating func block() throws(IRParseError) -> Block {
        var instrs: [Instr] = []
        skipNewlines()
        while !isPunct("}") {
            if tok.kind == .eof { throw expected("'}'") }
            instrs.append(try instruction())
            skipNewlines()
        }
        return Block(instrs)
    }

    /// `{` NEWLINE block `}` — leaves the parser after the `}`.
    mutating func braced() throws(IRParseError) -> Block {
        try expect("{")
        try expectEndOfLine()
        let b = try block()
        try expect("}")
        return b
    }

    mutating func instruction() throws(IRParseError) -> Instr {
        var result: ValueID?
        let resultTok = tok
        if case .value(let n) = tok.kind {
            result = ValueID(raw: n)
            advance()
            try expect("=")
        }
        guard case .ident(let word) = tok.kind else { throw expected("an operation") }
        let opTok = tok
        advance()
        var op = try operation(word, opTok, result: result)
        if let r = result {
            try expect(":")
            let t = try type()
            try define(r, t, resultTok)
            // `const 0.1 : f32` means the Float nearest to 0.1 (what the printer writes).
            if t == .scalar(.float), case .constant(.floating(let d)) = op {
                op = .constant(.floating(Double(Float(d))))
            }
        }
        let pos = try optionalPos()
        var loop: LoopID?
        if isIdent("loop") {
            let loopTok = tok
            advance()
            guard let raw = UInt32(exactly: try integer()) else {
                throw fail("bad loop number", loopTok)
            }
            loop = LoopID(raw: raw)
        }
        try structuredBodies(&op)
        try expectEndOfLine()
        return Instr(result: result, op: op, pos: pos, loop: loop)
    }

    /// The test of a `while` or `repeat` loop: `{ block } cond %v`.
    mutating func loopTest() throws(IRParseError) -> (Block, ValueID) {
        let block = try braced()
        try expectKeyword("cond")
        return (block, try value())
    }

    /// Parses the blocks of a structured instruction whose header was already read.
    mutating func structuredBodies(_ op: inout Op) throws(IRParseError) {
        switch op {
        case .ifElse(let c, _, _):
            let then = try braced()
            var els = Block()
            if isIdent("else") {
                advance()
                els = try braced()
            }
            op = .ifElse(c, then: then, else: els)
        case .forLoop(var loop):
            loop.body = try braced()
            op = .forLoop(loop)
        case .whileLoop:
            let (cond, c) = try loopTest()
            try expectKeyword("do")
            op = .whileLoop(cond: cond, condition: c, body: try braced())
        case .repeatLoop:
            let body = try braced()
            try expectKeyword("while")
            let (cond, c) = try loopTest()
            op = .repeatLoop(body: body, cond: cond, condition: c)
        case .constant, .unary, .binary, .compare, .convert, .math, .select, .load, .store,
            .makeTuple, .extract, .dim, .loadElement, .storeElement, .subview, .allocArray,
            .checkBounds, .checkDivisor, .precondition, .checkStride, .call, .print, .random,
            .rngIteration, .atomicAdd, .clock, .callC, .mpi,
            .breakLoop, .continueLoop, .returnValue, .parallelFor:
            break
        }
    }

    func atLineEnd() -> Bool {
        switch tok.kind {
        case .newline, .eof: return true
        case .punct(let p): return p == ":" || p == "!"
        case .ident, .value, .slot, .function, .number, .string: return false
        }
    }
}
