import KernBasics

/// Checks that a `Module` is well formed. In: any module. Out: the list of problems
/// (empty when the module is valid), each naming its function and the offending
/// instruction as the printer writes it.
///
/// Checked: every value defined once, before use, and visible — defined earlier in the
/// same block or an enclosing one (a loop's induction variable inside its body only;
/// values of a `while`/`repeat` condition block only there); each operation's operand
/// and result types (see the contracts in IR.swift); writable arrays for `store.elem`
/// (inout array parameters, local arrays and their subviews); calls against their
/// callee's signature (`inout` scalars passed as slots of the parameter's type);
/// `return` against the return type; `break`/`continue` only in loops; no `break` or
/// `return` in a parallel loop's body; reductions and array reductions; unique
/// function names; extern functions (declarations) without a body, not exported.
public func verify(_ module: Module) -> [VerifierError] {
    var errors: [VerifierError] = []
    var names: Set<String> = []
    for id in module.functions.ids {
        let f = module.functions[id]
        if !names.insert(f.name).inserted {
            errors.append(
                VerifierError(
                    function: f.name, message: "function name is not unique", instruction: nil))
        }
        if f.external != nil {
            // A declaration of a function compiled in an earlier module.
            let problems = [
                f.body.instrs.isEmpty ? nil : "an extern function has no body",
                f.isExported ? "an extern function cannot be exported" : nil,
            ]
            for case let message? in problems {
                errors.append(VerifierError(function: f.name, message: message, instruction: nil))
            }
        }
        var v = FunctionVerifier(module: module, function: f)
        v.run()
        errors += v.errors
    }
    return errors
}

/// One problem found by `verify`.
public struct VerifierError: Error, Sendable, Hashable, CustomStringConvertible {
    public var function: String
    public var message: String
    /// The instruction as printed (structured instructions: their header line).
    public var instruction: String?
    public init(function: String, message: String, instruction: String?) {
        self.function = function
        self.message = message
        self.instruction = instruction
    }
    public var description: String {
        "in @\(function): \(message)" + (instruction.map { "\n    \($0)" } ?? "")
    }
}

/// All the problems of a module that failed `verify`, as one thrown error.
public struct VerificationFailed: Error, Sendable, CustomStringConvertible {
    public var errors: [VerifierError]
    /// The pass after which the module stopped verifying (nil: before any pass).
    public var after: String?
    public init(errors: [VerifierError], after: String?) {
        self.errors = errors
        self.after = after
    }
    public var description: String {
        (after.map { "IR does not verify after \($0):\n" } ?? "IR does not verify:\n")
            + errors.map(\.description).joined(separator: "\n")
    }
}

struct FunctionVerifier {
    let module: Module
    let function: Function
    var errors: [VerifierError] = []
    /// Values defined so far anywhere in the function (to catch double definitions).
    var defined: Set<ValueID> = []
    /// Visible values, one set per open block.
    var scopes: [Set<ValueID>] = [[]]
    var writable: Set<ValueID> = []
    var allocated: Set<ValueID> = []
    /// Enclosing loops, innermost last: true for parallel.
    var loops: [Bool] = []
    var current: Instr?

    init(module: Module, function: Function) {
        self.module = module
        self.function = function
    }

    mutating func error(_ message: String) {
        let text = current.map { printInstruction($0, in: function, module: module) }
        errors.append(VerifierError(function: function.name, message: message, instruction: text))
    }

    mutating func run() {
        for p in function.params {
            switch p.binding {
            case .value(let v):
                guard type(of: v) != nil else {
                    define(v)
                    continue
                }
                if type(of: v) != p.type {
                    error(
                        "parameter \(p.name) has type \(p.type) but \(v) is \(type(of: v) ?? .void)"
                    )
                }
                if case .scalar = p.type, p.isInout {
                    error("inout scalar parameter \(p.name) must be bound to a slot")
                }
                if case .array = p.type, p.isInout { writable.insert(v) }
                define(v)
            case .slot(let s):
                guard let info = slotInfo(s) else { continue }
                if !p.isInout { error("parameter \(p.name) is bound to a slot but is not inout") }
                if info.type != p.type || p.type.scalar == nil {
                    error(
                        "inout parameter \(p.name): \(p.type) does not match slot \(s) of type \(info.type)"
                    )
                }
            }
        }
        block(function.body)
    }

    // MARK: Scopes and values

    func type(of v: ValueID) -> IRType? {
        v.index < function.values.count ? function.values[v] : nil
    }

    mutating func slotInfo(_ s: SlotID) -> SlotInfo? {
        guard s.index < function.slots.count else {
            error("slot \(s) is not declared")
            return nil
        }
        return function.slots[s]
    }

    mutating func define(_ v: ValueID) {
        guard type(of: v) != nil else {
            error("value \(v) has no type (not in the function's value table)")
            return
        }
        if !defined.insert(v).inserted { error("value \(v) is defined more than once") }
        scopes[scopes.count - 1].insert(v)
    }

    /// The type of an operand that must be visible here, or nil (after reporting) if not.
    mutating func use(_ v: ValueID) -> IRType? {
        guard let t = type(of: v) else {
            error("value \(v) does not exist")
            return nil
        }
        if !scopes.contains(where: { $0.contains(v) }) {
            error(
                defined.contains(v)
                    ? "value \(v) is used where it is not visible"
                    : "value \(v) is used before it is defined")
            return nil
        }
        return t
    }

    mutating func scalarUse(_ v: ValueID) -> ScalarType? {
        guard let t = use(v) else { return nil }
        guard let k = t.scalar else {
            error("\(v) must be a scalar, not \(t)")
            return nil
        }
        return k
    }

    mutating func expect(_ v: ValueID, _ kind: ScalarType, _ role: String) {
        guard let k = scalarUse(v) else { return }
        if k != kind { error("\(role) \(v) must be \(kind.irName), not \(k.irName)") }
    }

    mutating func block(_ b: Block, defining extra: [ValueID] = []) {
        scopes.append([])
        for v in extra { define(v) }
        for i in b.instrs { instr(i) }
        scopes.removeLast()
    }

    // MARK: Instructions

    mutating func instr(_ i: Instr) {
        current = i
        let resultType = expectedResult(i.op)
        current = i
        switch (resultType, i.result) {
        case (nil, nil): break
        case (nil, let r?): error("this operation produces no value, but defines \(r)")
        case (let t?, nil):
            if t != .void { error("the result (\(t)) is not assigned to a value") }
        case (let t?, let r?):
            if let actual = type(of: r), t != .void, actual != t {
                error("result \(r) has type \(actual), expected \(t)")
            }
            if case .convert = i.op, type(of: r)?.scalar == nil {
                error("convert must produce a scalar")
            }
            define(r)
            if case .allocArray = i.op {
                allocated.insert(r)
                writable.insert(r)
            }
            // A call returning an array hands the caller a new array it owns.
            if case .call = i.op, case .array? = type(of: r) {
                allocated.insert(r)
                writable.insert(r)
            }
            if case .subview(let a, _) = i.op, writable.contains(a) { writable.insert(r) }
        }
    }

    /// Checks the operation's operands and nested blocks; returns the type its result
    /// must have (`.void` when the result is optional), or nil when it defines nothing.
    mutating func expectedResult(_ op: Op) -> IRType? {
        switch op {
        case .constant: return constantType(op)
        case .unary(let o, let a):
            guard let k = scalarUse(a) else { return .void }
            switch o {
            case .neg: if k == .bool { error("neg needs a number") }
            case .not: if k != .bool { error("not needs a bool") }
            case .bitNot: if !k.isInteger { error("bitnot needs an integer") }
            }
            return .scalar(k)
        case .binary(let o, let a, let b):
            guard let x = scalarUse(a), let y = scalarUse(b) else { return .void }
            if x != y {
                error(
                    "operands of \(o.rawValue) have different types \(x.irName) and \(y.irName)"
                )
            }
            switch o {
            case .add, .sub, .mul, .div, .rem:
                if x == .bool { error("\(o.rawValue) needs numbers") }
            case .and, .or, .xor: if x.isFloating { error("\(o.rawValue) needs integers or bools") }
            case .shl, .shr: if !x.isInteger { error("\(o.rawValue) needs integers") }
            }
            return .scalar(x)
        case .compare(let p, let a, let b):
            guard let x = scalarUse(a), let y = scalarUse(b) else { return .scalar(.bool) }
            if x != y {
                error(
                    "operands of cmp \(p.rawValue) have different types \(x.irName) and \(y.irName)"
                )
            }
            return .scalar(.bool)
        case .convert(let a):
            _ = scalarUse(a)
            return .void  // any scalar type; checked below through the result
        case .math(let o, let args): return mathType(o, args)
        case .mpi(let o, let args): return mpiType(o, args)
        case .select(let c, let a, let b):
            expect(c, .bool, "select condition")
            guard let x = use(a), let y = use(b) else { return .void }
            if x != y { error("select arms have different types \(x) and \(y)") }
            return x
        case .load(let s): return slotInfo(s)?.type ?? .void
        case .store(let s, let v):
            if let info = slotInfo(s), let t = use(v), t != info.type {
                error("stored value \(v) is \(t) but slot \(s) is \(info.type)")
            }
            return nil
        case .makeTuple(let vs):
            return .tuple(vs.map { scalarUse($0) ?? .int64 })
        case .extract(let t, let index):
            guard let tt = use(t) else { return .void }
            guard case .tuple(let ks) = tt, index >= 0, index < ks.count else {
                error("extract \(index) from \(tt)")
                return .void
            }
            return .scalar(ks[index])
        case .dim(let a, let axis):
            if let (_, rank) = arrayUse(a), axis < 0 || axis >= rank {
                error("axis \(axis) of a rank-\(rank) array")
            }
            return .scalar(.int64)
        case .loadElement(let a, let indices):
            for i in indices { expect(i, .int64, "index") }
            guard let (k, rank) = arrayUse(a) else { return .void }
            if indices.count != rank { error("\(indices.count) indices for a rank-\(rank) array") }
            return .scalar(k)
        case .storeElement(let a, let indices, let v):
            for i in indices { expect(i, .int64, "index") }
            guard let (k, rank) = arrayUse(a) else { return nil }
            if indices.count != rank { error("\(indices.count) indices for a rank-\(rank) array") }
            expect(v, k, "stored value")
            if !writable.contains(a) {
                error("\(a) is not writable (not an inout parameter or a local array)")
            }
            return nil
        case .subview(let a, let index):
            expect(index, .int64, "index")
            guard let (k, rank) = arrayUse(a) else { return .void }
            if rank < 2 { error("subview of a rank-\(rank) array") }
            return .array(k, rank: max(rank - 1, 1))
        case .allocArray(let k, let dims, let fill):
            for d in dims { expect(d, .int64, "dimension") }
            if let fill { expect(fill, k, "fill value") }
            if dims.isEmpty || dims.count > 3 {
                error("local arrays have rank 1...3, not \(dims.count)")
            }
            return .array(k, rank: dims.count)
        case .checkBounds(let index, let bound, let axis):
            expect(index, .int64, "index")
            expect(bound, .int64, "bound")
            if axis < 0 || axis > 2 { error("axis \(axis) out of range") }
            return nil
        case .checkDivisor(let v):
            if let k = scalarUse(v), !k.isInteger { error("check.divisor needs an integer") }
            return nil
        case .precondition(let c, _):
            expect(c, .bool, "precondition")
            return nil
        case .checkStride(let v):
            if let k = scalarUse(v), k == .bool { error("check.stride needs a number") }
            return nil
        case .clock:
            return .scalar(.int64)
        case .callC(let c, let args):
            if args.count != c.parameters.count {
                error("call.c \(c.symbol) takes \(c.parameters.count) operands, not \(args.count)")
            }
            for (a, k) in zip(args, c.parameters) { expect(a, k, "C argument") }
            return c.result.map { .scalar($0) }
        case .random(let d, let args):
            switch d {
            case .normal:
                if !args.isEmpty { error("random.normal takes no operands") }
                return .scalar(.double)
            case .uniform:
                guard args.count == 2 else {
                    error("random.uniform takes 2 operands, not \(args.count)")
                    return .void
                }
                guard let x = scalarUse(args[0]), let y = scalarUse(args[1]) else { return .void }
                if x != y {
                    error(
                        "random.uniform bounds have different types \(x.irName) and \(y.irName)"
                    )
                }
                if x == .bool { error("random.uniform needs numbers") }
                return .scalar(x)
            }
        case .rngIteration(let v):
            if let k = scalarUse(v), !k.isInteger {
                error("rng.iteration needs an integer induction variable")
            }
            return nil
        case .atomicAdd(let a, let indices, let v):
            for i in indices { expect(i, .int64, "index") }
            guard let (k, rank) = arrayUse(a) else { return nil }
            if indices.count != rank { error("\(indices.count) indices for a rank-\(rank) array") }
            if !k.isInteger && !k.isFloating {
                error("atomic.add needs an integer or floating array")
            }
            expect(v, k, "added value")
            if !writable.contains(a) {
                error("\(a) is not writable (not an inout parameter or a local array)")
            }
            return nil
        case .call(let callee, let args): return callType(callee, args)
        case .parallelFor(let body, let captures, let lower, let upper, let blockSize):
            parallelFor(body, captures, [lower, upper, blockSize])
            return nil
        case .print(let pieces):
            for piece in pieces {
                guard let v = piece.operand, let t = use(v) else { continue }
                switch (piece, t) {
                case (_, .array): error("print of an array value \(v)")
                case (.formatted(let c, _), .scalar(let k)):
                    if k == .bool || c.letter.takesInteger == k.isFloating {
                        error("format '\(c.spec)' cannot print \(v) of type \(k.irName)")
                    }
                case (.formatted(let c, _), _):
                    error("format '\(c.spec)' cannot print \(v) (not a scalar)")
                case (.text, _), (.value, _): break
                }
            }
            return nil
        case .ifElse(let c, let then, let els):
            expect(c, .bool, "if condition")
            block(then)
            block(els)
            return nil
        case .forLoop(let loop):
            forLoop(loop)
            return nil
        case .whileLoop(let cond, let condition, let body):
            conditionBlock(cond, condition)
            loops.append(false)
            block(body)
            loops.removeLast()
            return nil
        case .repeatLoop(let body, let cond, let condition):
            loops.append(false)
            block(body)
            loops.removeLast()
            conditionBlock(cond, condition)
            return nil
        case .breakLoop:
            if loops.isEmpty {
                error("break outside a loop")
            } else if loops.last == true {
                error("break inside a parallel loop")
            }
            return nil
        case .continueLoop:
            if loops.isEmpty { error("continue outside a loop") }
            return nil
        case .returnValue(let v):
            if loops.contains(true) { error("return inside a parallel loop") }
            switch (v, function.returnType) {
            case (nil, .void): break
            case (nil, let t): error("return without a value in a function returning \(t)")
            case (let v?, .void): error("return \(v) in a function returning void")
            case (let v?, let t):
                if let vt = use(v), vt != t { error("returned \(v) is \(vt), expected \(t)") }
            }
            return nil
        }
    }

    mutating func arrayUse(_ a: ValueID) -> (ScalarType, Int)? {
        guard let t = use(a) else { return nil }
        guard case .array(let k, let rank) = t else {
            error("\(a) must be an array, not \(t)")
            return nil
        }
        return (k, rank)
    }

    mutating func constantType(_ op: Op) -> IRType? {
        guard case .constant(let c) = op, let r = current?.result, let t = type(of: r) else {
            return .void
        }
        guard let k = t.scalar else {
            error("a constant must be a scalar, not \(t)")
            return .void
        }
        switch c {
        case .bool: if k != .bool { error("bool constant of type \(k.irName)") }
        case .integer(let bits):
            if !k.isInteger { error("integer constant of type \(k.irName)") }
            // Fits: the constant is its low bits zero-extended, or (signed kinds)
            // sign-extended.
            if k.isInteger, k.bitWidth < 64 {
                let shift = UInt64(64 - k.bitWidth)
                let zeroExtended = (bits << shift) >> shift
                let signExtended = UInt64(bitPattern: Int64(bitPattern: bits << shift) >> shift)
                if bits != zeroExtended, !(k.isSigned && bits == signExtended) {
                    error("integer constant \(bits) does not fit \(k.irName)")
                }
            }
        case .floating(let d):
            if !k.isFloating { error("floating constant of type \(k.irName)") }
            if k == .float, !d.isNaN, Double(Float(d)) != d {
                error("f32 constant \(d) is not a Float value")
            }
        }
        return t
    }

    /// Arity, operand and result types come from the built-in table (`MathFunction.entry`).
    mutating func mathType(_ o: MathFunction, _ args: [ValueID]) -> IRType {
        let entry = o.entry
        if args.count != entry.arity {
            error("math.\(entry.irName) takes \(entry.arity) arguments, got \(args.count)")
        }
        let kinds = args.compactMap { scalarUse($0) }
        guard let k = kinds.first else { return .void }
        if kinds.contains(where: { $0 != k }) {
            error("arguments of math.\(entry.irName) have different types")
        }
        let defined: Bool
        switch entry.operands {
        case .floating: defined = k.isFloating
        case .numbers: defined = k.isFloating || k.isInteger
        }
        if !defined { error("math.\(entry.irName) is not defined on \(k.irName)") }
        switch entry.result {
        case .bool: return .scalar(.bool)
        case .operand: return .scalar(k)
        }
    }
}
