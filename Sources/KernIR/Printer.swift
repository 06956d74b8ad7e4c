import KernBasics

/// Prints a `Module` as Kern IR text (`kernelc build --emit kir`).
///
/// In: any `Module` (well formed or not: the verifier prints offending instructions
/// with it). Out: text that `parseModule` reads back to an equivalent module, so that
/// `print(parse(print(m))) == print(m)`. Shape:
///
///     module "saxpy.kern"
///
///     export func @saxpy(%0 a: f32, %1 x: [f32; 1], inout %2 y: [f32; 1]) -> void !1:1 {
///       slot $0 s: f64
///       %3 = dim %1, 0 : i64 !2:20
///       for %4: i64 = %5 ..< %3 step %6 parallel(reduce $0 add) !2:5 {
///         %7 = load.elem %1[%4] : f32 !3:16
///       }
///     }
///     extern "kern_entry_dot" func @dot(%0 x: [f64; 1], %1 y: [f64; 1]) -> f64
///
/// Every defined value's type is written where it is defined (` : T` after an
/// instruction, `%i: T` for induction variables and parameters). Source positions are
/// a trailing `!line:col`; structured instructions carry theirs before the `{`, loops
/// then their identity (`loop N`, see `LoopID`).
/// Calls name their callee (`@name`), so function names must be unique (the verifier
/// checks this).
public func printModule(_ module: Module) -> String {
    var p = IRPrinter(module: module)
    p.line("module \(quoteString(module.sourceName))")
    for id in module.functions.ids {
        p.line("")
        p.function(module.functions[id])
    }
    return p.out
}

/// Prints one function (with its slots and body) in the module's syntax.
public func printFunction(_ function: Function, in module: Module) -> String {
    var p = IRPrinter(module: module)
    p.function(function)
    return p.out
}

/// Prints one instruction on one line; structured instructions print only their
/// header (`for … {`), which is what error messages want.
public func printInstruction(_ instr: Instr, in function: Function, module: Module) -> String {
    let p = IRPrinter(module: module)
    return p.header(instr, function)
}

/// Formats a constant the way the printer writes it in `const` instructions.
public func formatConstant(_ c: Constant, type: IRType) -> String {
    switch c {
    case .bool(let b): return b ? "true" : "false"
    case .integer(let bits):
        if let s = type.scalar, s.isSigned { return String(Int64(bitPattern: bits)) }
        return String(bits)
    case .floating(let d):
        // An f32 constant holds a Float value: its shortest Float text is the readable
        // one, and the parser rounds it back to the same Float.
        if type == .scalar(.float), d.isNaN || Double(Float(d)) == d { return Float(d).description }
        // `Double.description` is the shortest text that reads back to the same value,
        // and always contains `.`, `e`, `inf` or `nan`, which tells it from an integer.
        return d.description
    }
}

/// A name as written in IR text: bare when it is an identifier, else a quoted string.
func formatName(_ name: String) -> String {
    let isBare =
        !name.isEmpty && name != "inf" && name != "nan"
        && name.unicodeScalars.enumerated().allSatisfy { i, c in
            isIdentifierStart(c) || (i > 0 && isIdentifierContinue(c))
        }
    return isBare ? name : quoteString(name)
}

func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
}

func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
    isIdentifierStart(c) || (c >= "0" && c <= "9") || c == "."
}

/// The one-letter escapes of IR strings (`\\n` stands for a newline, …), shared by
/// `quoteString` and the IR lexer so that printing and parsing agree.
let irStringEscapes: [(letter: Unicode.Scalar, raw: Unicode.Scalar)] = [
    ("n", "\n"), ("t", "\t"), ("r", "\r"), ("\\", "\\"), ("\"", "\""),
]

/// A double-quoted string with `\\`, `\"`, `\n`, `\t`, `\r` and `\u{…}` escapes.
func quoteString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        if let escape = irStringEscapes.first(where: { $0.raw == c }) {
            out += "\\"
            out.unicodeScalars.append(escape.letter)
        } else if c.value < 0x20 || c.value == 0x7F {
            out += "\\u{" + String(c.value, radix: 16) + "}"
        } else {
            out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

private struct IRPrinter {
    let module: Module
    var out = ""
    var indent = 0

    init(module: Module) { self.module = module }

    mutating func line(_ s: String) {
        if s.isEmpty {
            out += "\n"
        } else {
            out += String(repeating: "  ", count: indent) + s + "\n"
        }
    }

    func posSuffix(_ pos: SourcePos) -> String {
        pos == .unknown ? "" : " !\(pos.line):\(pos.column)"
    }

    func calleeName(_ f: FunctionID) -> String {
        guard f.index >= 0, f.index < module.functions.count else { return "@\(f.raw)" }
        return "@" + formatName(module.functions[f].name)
    }

    mutating func function(_ f: Function) {
        var head = ""
        if let inline = f.inline { head += "@inline(\(inline.rawValue)) " }
        if f.isExported { head += "export " }
        if let symbol = f.external { head += "extern \(quoteString(symbol)) " }
        let params = f.params.map { p -> String in
            let binding: String
            switch p.binding {
            case .value(let v): binding = v.description
            case .slot(let s): binding = s.description
            }
            return (p.isInout ? "inout " : "") + "\(binding) \(formatName(p.name)): \(p.type)"
        }
        head += "func @\(formatName(f.name))(\(params.joined(separator: ", "))) -> \(f.returnType)"
        // A declaration has no body.
        if f.external != nil {
            line(head + posSuffix(f.pos))
            return
        }
        line(head + posSuffix(f.pos) + " {")
        indent += 1
        for s in f.slots.ids {
            line("slot \(s) \(formatName(f.slots[s].name)): \(f.slots[s].type)")
        }
        block(f.body, f)
        indent -= 1
        line("}")
    }

    mutating func block(_ b: Block, _ f: Function) {
        for instr in b.instrs { self.instr(instr, f) }
    }

    mutating func nested(_ b: Block, _ f: Function) {
        indent += 1
        block(b, f)
        indent -= 1
    }

    mutating func instr(_ i: Instr, _ f: Function) {
        let head = header(i, f)
        switch i.op {
        case .ifElse(_, let then, let els):
            line(head)
            nested(then, f)
            if !els.instrs.isEmpty {
                line("} else {")
                nested(els, f)
            }
            line("}")
        case .forLoop(let loop):
            line(head)
            nested(loop.body, f)
            line("}")
        case .whileLoop(let cond, let condition, let body):
            line(head)
            nested(cond, f)
            line("} cond \(condition) do {")
            nested(body, f)
            line("}")
        case .repeatLoop(let body, let cond, let condition):
            line(head)
            nested(body, f)
            line("} while {")
            nested(cond, f)
            line("} cond \(condition)")
        case .constant, .unary, .binary, .compare, .convert, .math, .select, .load, .store,
            .makeTuple, .extract, .dim, .loadElement, .storeElement, .subview, .allocArray,
            .checkBounds, .checkDivisor, .precondition, .checkStride, .call, .print, .random,
            .rngIteration, .atomicAdd, .clock, .callC, .mpi,
            .breakLoop, .continueLoop, .returnValue, .parallelFor:
            line(head)
        }
    }

    /// The instruction's first line: result, operation, type, position (and `{` for
    /// structured instructions).
    func header(_ i: Instr, _ f: Function) -> String {
        var s = ""
        if let r = i.result { s += "\(r) = " }
        s += opText(i.op, f, result: i.result)
        if let r = i.result { s += " : " + typeText(r, f) }
        s += posSuffix(i.pos)
        if let loop = i.loop { s += " \(loop)" }
        if !i.op.nestedBlocks.isEmpty { s += " {" }
        return s
    }

    func typeText(_ v: ValueID, _ f: Function) -> String {
        guard v.index < f.values.count else { return "void" }
        return f.values[v].description
    }

    func list(_ vs: [ValueID]) -> String { vs.map(\.description).joined(separator: ", ") }

    func opText(_ op: Op, _ f: Function, result: ValueID?) -> String {
        switch op {
        case .constant(let c):
            let type = result.map { $0.index < f.values.count ? f.values[$0] : .void } ?? .void
            return "const " + formatConstant(c, type: type)
        case .unary(let o, let a): return "\(o.rawValue) \(a)"
        case .binary(let o, let a, let b): return "\(o.rawValue) \(a), \(b)"
        case .compare(let p, let a, let b): return "cmp \(p.rawValue) \(a), \(b)"
        case .convert(let a): return "convert \(a)"
        case .math(let o, let args): return "math.\(o.irName) \(list(args))"
        case .mpi(let o, let args):
            return args.isEmpty ? "mpi.\(o.irName)" : "mpi.\(o.irName) \(list(args))"
        case .select(let c, let a, let b): return "select \(c), \(a), \(b)"
        case .load(let s): return "load \(s)"
        case .store(let s, let v): return "store \(s), \(v)"
        case .makeTuple(let vs): return vs.isEmpty ? "tuple" : "tuple \(list(vs))"
        case .extract(let t, let index): return "extract \(t), \(index)"
        case .dim(let a, let axis): return "dim \(a), \(axis)"
        case .loadElement(let a, let indices): return "load.elem \(a)[\(list(indices))]"
        case .storeElement(let a, let indices, let v):
            return "store.elem \(a)[\(list(indices))], \(v)"
        case .subview(let a, let index): return "subview \(a)[\(index)]"
        case .allocArray(let kind, let dims, let fill):
            let contents = fill.map { "fill \($0)" } ?? "uninitialized"
            return "alloc \(kind.irName) [\(list(dims))] \(contents)"
        case .checkBounds(let index, let bound, let axis):
            return "check.bounds \(index) < \(bound) axis \(axis)"
        case .checkDivisor(let v): return "check.divisor \(v)"
        case .precondition(let v, let message):
            return "check.precondition \(v), \(quoteString(message))"
        case .checkStride(let v): return "check.stride \(v)"
        case .random(let d, let args):
            return args.isEmpty ? "random.\(d.rawValue)" : "random.\(d.rawValue) \(list(args))"
        case .rngIteration(let v): return "rng.iteration \(v)"
        case .clock: return "clock"
        case .callC(let c, let args):
            // call.c "erfc"(f64) -> f64 pure (%1)
            let types = c.parameters.map(\.irName).joined(separator: ", ")
            return "call.c \(quoteString(c.symbol))(\(types)) -> \(c.result?.irName ?? "void")"
                + (c.isPure ? " pure" : "") + " (\(list(args)))"
        case .atomicAdd(let a, let indices, let v): return "atomic.add \(a)[\(list(indices))], \(v)"
        case .call(let callee, let args):
            let a = args.map { arg -> String in
                switch arg {
                case .value(let v): return v.description
                case .slot(let s): return s.description
                }
            }
            return "call \(calleeName(callee))(\(a.joined(separator: ", ")))"
        case .parallelFor(let body, let captures, let lower, let upper, let blockSize):
            return
                "parallel_for \(calleeName(body))(\(list(captures))) \(lower) ..< \(upper) block \(blockSize)"
        case .print(let pieces):
            let ps = pieces.map { piece -> String in
                switch piece {
                case .text(let t): return quoteString(t)
                case .value(let v): return v.description
                case .formatted(let c, let v): return "format \(quoteString(c.spec)) \(v)"
                }
            }
            return ps.isEmpty ? "print" : "print " + ps.joined(separator: ", ")
        case .ifElse(let c, _, _): return "if \(c)"
        case .forLoop(let loop):
            var s = "for \(loop.induction): \(typeText(loop.induction, f)) = \(loop.lower) "
            s += loop.inclusive ? "..." : "..<"
            s += " \(loop.upper) step \(loop.step)"
            switch loop.kind {
            case .serial: break
            case .blocked(let reductions):
                let items = reductions.map { "reduce \($0.slot) \($0.op.rawValue)" }
                s += items.isEmpty ? " blocked" : " blocked(\(items.joined(separator: ", ")))"
            case .parallel(let reductions, let arrays):
                let items =
                    reductions.map { "reduce \($0.slot) \($0.op.rawValue)" }
                    + arrays.map { "array \($0)" }
                s += items.isEmpty ? " parallel" : " parallel(\(items.joined(separator: ", ")))"
            }
            return s
        case .whileLoop: return "while"
        case .repeatLoop: return "repeat"
        case .breakLoop: return "break"
        case .continueLoop: return "continue"
        case .returnValue(let v): return v.map { "return \($0)" } ?? "return"
        }
    }
}

extension Module: CustomStringConvertible {
    /// The module in IR text, as `printModule` writes it.
    public var description: String { printModule(self) }
}
