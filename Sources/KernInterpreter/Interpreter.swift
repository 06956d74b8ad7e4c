import Foundation
import KernBasics
import KernIR

/// The reference interpreter: the executable definition of Kern IR's semantics (see the
/// top of IR.swift), and the oracle every JIT result is compared against.
///
/// In: a `Module` that passes `verify`, a function and its arguments. Out: the result
/// (`nil` for `void`), writes through array views and `inout` cells, `print` lines to
/// `output`, or a thrown `IRRuntimeError` carrying the failing check's position.
/// Parallel loops run sequentially in iteration order, so their reductions need no
/// special handling. Local arrays are garbage collected rather than freed at block exit,
/// which is unobservable in verified IR.
public struct Interpreter: Sendable {
    public let module: Module
    /// Receives each `print` line, without its newline. Default: standard output.
    public var output: @Sendable (String) -> Void = { print($0) }
    /// Calls nested deeper than this stop with a `stackOverflow` error at the call
    /// ("stack overflow: recursion too deep", as compiled code reports it when its
    /// thread's stack runs low) instead of overflowing this interpreter's own stack
    /// (an interpreted call uses a few KB of the `stackSize` thread).
    public var maxCallDepth = 10_000
    /// Stack size of the thread each `call` runs on (bytes).
    public var stackSize = 1 << 30
    /// The random-number seed of calls (LANGUAGE.md §8).
    public var seed: UInt64 = 0

    /// What the module's extern functions (`Function.external`) are, by entry symbol:
    /// a function of an earlier program (a REPL session's definitions) and the
    /// interpreter that runs it. A call of an unbound one is a `badArgument` error.
    public var externals: [String: ExternalFunction] = [:]

    /// A function of another module, with the interpreter of that module.
    public struct ExternalFunction: Sendable {
        public var interpreter: Interpreter
        public var function: FunctionID
        public init(interpreter: Interpreter, function: FunctionID) {
            (self.interpreter, self.function) = (interpreter, function)
        }
    }

    public init(module: Module) { self.module = module }

    /// Calls function `f`. Scalars are passed as `.scalar` (an `inout` scalar as
    /// `.cell`), arrays as `.array` of the parameter's element kind and rank.
    public func call(_ f: FunctionID, _ args: [InterpreterValue]) throws(IRRuntimeError)
        -> InterpreterValue?
    {
        // Run on a thread of our own with a large stack, so that deep (or runaway)
        // recursion in the IR reaches `maxCallDepth` instead of overflowing the
        // caller's stack. Only the pages actually used are committed.
        let box = CallResult()
        let thread = Thread { [self] in
            var state = ExecState(random: RandomStream(seed: seed))
            do throws(IRRuntimeError) {
                box.result = .success(try invoke(f, args, at: .unknown, state: &state))
            } catch {
                box.result = .failure(error)
            }
            box.done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        box.done.wait()
        return try box.result.get()
    }

    /// Calls the function named `name`.
    public func call(_ name: String, _ args: [InterpreterValue]) throws(IRRuntimeError)
        -> InterpreterValue?
    {
        guard let f = module.function(named: name) else {
            throw IRRuntimeError(
                kind: .badArgument, pos: .unknown, message: "no function named '\(name)'")
        }
        return try call(f, args)
    }

    /// Runs function `id`; `pos` is the calling instruction's (for the depth error).
    func invoke(
        _ id: FunctionID, _ args: [InterpreterValue], at pos: SourcePos, state: inout ExecState
    ) throws(IRRuntimeError) -> InterpreterValue? {
        let f = module.functions[id]
        if let symbol = f.external {
            // Runs in the earlier module, on the same call state (stream, depth).
            guard let target = externals[symbol] else {
                throw IRRuntimeError(
                    kind: .badArgument, pos: pos,
                    message: "extern function \(f.name) ('\(symbol)') is not bound")
            }
            return try target.interpreter.invoke(target.function, args, at: pos, state: &state)
        }
        guard args.count == f.params.count else {
            throw IRRuntimeError(
                kind: .badArgument, pos: f.pos,
                message: "\(f.name) takes \(f.params.count) arguments, got \(args.count)")
        }
        state.depth += 1
        defer { state.depth -= 1 }
        if state.depth > maxCallDepth {
            throw IRRuntimeError(
                kind: .stackOverflow, pos: pos, message: "stack overflow: recursion too deep")
        }
        var frame = Frame(function: f)
        for (k, (param, arg)) in zip(f.params, args).enumerated() {
            switch (param.binding, arg) {
            case (.slot(let s), .cell(let cell)):
                frame.slots[s.index] = cell
            case (.slot(let s), .scalar(let v)):
                // A by-value argument for an inout scalar: writes are simply not seen.
                frame.slots[s.index] = InterpreterCell(.scalar(v))
            case (.value(let v), .scalar), (.value(let v), .array), (.value(let v), .tuple):
                try checkArgument(arg, param, k, f)
                frame.values[v.index] = arg
            case (.value(let v), .cell(let cell)):
                frame.values[v.index] = cell.value
            case (.slot, .array), (.slot, .tuple):
                throw IRRuntimeError(
                    kind: .badArgument, pos: f.pos,
                    message: "argument \(k) of \(f.name) must be an inout scalar")
            }
        }
        switch try run(f.body, &frame, state: &state) {
        case .returned(let v): return v
        case .normal, .breakLoop, .continueLoop: return nil
        }
    }

    func checkArgument(_ arg: InterpreterValue, _ p: Param, _ k: Int, _ f: Function)
        throws(IRRuntimeError)
    {
        let ok: Bool
        switch (p.type, arg) {
        case (.scalar(let kind), .scalar(let s)): ok = kind == s.kind
        case (.array(let kind, let rank), .array(let a)): ok = kind == a.kind && rank == a.rank
        case (.tuple(let kinds), .tuple(let xs)): ok = kinds == xs.map(\.kind)
        case (.scalar, _), (.array, _), (.tuple, _), (.void, _): ok = false
        }
        if !ok {
            throw IRRuntimeError(
                kind: .badArgument, pos: f.pos,
                message: "argument \(k) (\(p.name)) of \(f.name) must be \(p.type)")
        }
    }

    // MARK: Frames and control flow

    struct Frame {
        var values: [InterpreterValue?]
        var slots: [InterpreterCell?]
        let types: [IRType]
        init(function f: Function) {
            types = f.values.elements
            values = Array(repeating: nil, count: f.values.count)
            slots = f.slots.ids.map { s in
                switch f.slots[s].type {
                case .scalar(let k): return InterpreterCell(.scalar(Scalar(kind: k, bits: 0)))
                case .tuple(let ks):
                    return InterpreterCell(.tuple(ks.map { Scalar(kind: $0, bits: 0) }))
                case .array, .void: return InterpreterCell(.tuple([]))
                }
            }
        }
    }

    enum Flow {
        case normal, breakLoop, continueLoop
        case returned(InterpreterValue?)
    }

    func run(_ block: Block, _ frame: inout Frame, state: inout ExecState) throws(IRRuntimeError)
        -> Flow
    {
        for instr in block.instrs {
            let flow = try execute(instr, &frame, state: &state)
            switch flow {
            case .normal: continue
            case .breakLoop, .continueLoop, .returned: return flow
            }
        }
        return .normal
    }

    func execute(_ instr: Instr, _ frame: inout Frame, state: inout ExecState)
        throws(IRRuntimeError)
        -> Flow
    {
        switch instr.op {
        case .ifElse(let c, let then, let els):
            return try run(scalar(c, frame).bool ? then : els, &frame, state: &state)
        case .forLoop(let loop):
            return try runFor(loop, &frame, state: &state)
        case .whileLoop(let cond, let condition, let body):
            while true {
                if case .returned(let v) = try run(cond, &frame, state: &state) {
                    return .returned(v)
                }
                if !scalar(condition, frame).bool { return .normal }
                switch try run(body, &frame, state: &state) {
                case .normal, .continueLoop: continue
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                }
            }
        case .repeatLoop(let body, let cond, let condition):
            while true {
                switch try run(body, &frame, state: &state) {
                case .normal, .continueLoop: break
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                }
                if case .returned(let v) = try run(cond, &frame, state: &state) {
                    return .returned(v)
                }
                if !scalar(condition, frame).bool { return .normal }
            }
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .returnValue(let v):
            // An array result is a new array the caller owns (IR.swift, `returnValue`):
            // a dense copy, which is indistinguishable from moving an owned one.
            return .returned(
                v.map { id in
                    let result = value(id, frame)
                    if case .array(let view) = result { return .array(view.denseCopy()) }
                    return result
                })
        case .call(let callee, let args):
            let passed = args.map { a -> InterpreterValue in
                switch a {
                case .value(let v): return value(v, frame)
                case .slot(let s): return .cell(cell(s, frame))
                }
            }
            let r = try invoke(callee, passed, at: instr.pos, state: &state)
            if let res = instr.result {
                guard let r else {
                    preconditionFailure(
                        "KernIR interpreter: @\(callee) returned no value for \(res)")
                }
                frame.values[res.index] = r
            }
            return .normal
        case .parallelFor(let body, let captures, let lower, let upper, let blockSize):
            // Blocks in index order: the first failing block is the lowest-index one, as
            // the runtime reports it.
            let lo = scalar(lower, frame).int64
            let hi = scalar(upper, frame).int64
            let size = max(scalar(blockSize, frame).int64, 1)
            let captured = captures.map { value($0, frame) }
            // An empty loop starts no random region, as `kern_parallel_for` returns before
            // counting one when there are no blocks (LANGUAGE.md §8).
            if lo >= hi { return .normal }
            var start = lo
            var block: Int64 = 0
            let saved = state.enterParallel()
            defer { state.leaveParallel(saved) }
            while start < hi {
                let end = hi - start > size ? start + size : hi
                let bounds: [InterpreterValue] = [.int(start), .int(end), .int(block)]
                _ = try invoke(body, bounds + captured, at: instr.pos, state: &state)
                start = end
                block += 1
            }
            return .normal
        case .random(let distribution, let args):
            let r = try draw(distribution, args, instr, frame, &state.random)
            if let res = instr.result { frame.values[res.index] = .scalar(r) }
            return .normal
        case .rngIteration(let i):
            state.random.startIteration(scalar(i, frame))
            return .normal
        case .atomicAdd(let a, let indices, let v):
            try atomicAdd(a, indices, v, instr, frame)
            return .normal
        case .mpi(let operation, let args):
            let r = try mpi(
                operation, args, instr, frame, parallelDepth: state.random.parallelDepth)
            if let res = instr.result, let r { frame.values[res.index] = .scalar(r) }
            return .normal
        case .callC(let c, let args):
            let r = try callC(c, args, instr, frame)
            if let res = instr.result, let r { frame.values[res.index] = r }
            return .normal
        case .constant, .unary, .binary, .compare, .convert, .math, .select, .load, .store,
            .makeTuple, .extract, .dim, .loadElement, .storeElement, .subview, .allocArray,
            .checkBounds, .checkDivisor, .precondition, .checkStride, .print, .clock:
            let r = try evaluate(instr, frame)
            if let res = instr.result, let r { frame.values[res.index] = r }
            return .normal
        }
    }

    func runFor(_ loop: ForLoop, _ frame: inout Frame, state: inout ExecState)
        throws(IRRuntimeError)
        -> Flow
    {
        let lo = scalar(loop.lower, frame)
        let hi = scalar(loop.upper, frame)
        let step = scalar(loop.step, frame)
        if case .parallel = loop.kind {
            if !firstIterationRuns(loop, lo, hi, step) { return .normal }  // no region: as above
            let saved = state.enterParallel()
            defer { state.leaveParallel(saved) }
            return try runLoop(loop, lo, hi, step, &frame, state: &state)
        }
        return try runLoop(loop, lo, hi, step, &frame, state: &state)
    }

    func runLoop(
        _ loop: ForLoop, _ lo: Scalar, _ hi: Scalar, _ step: Scalar, _ frame: inout Frame,
        state: inout ExecState
    ) throws(IRRuntimeError) -> Flow {
        let kind = lo.kind
        var result = Flow.normal
        func body(_ i: Scalar, _ frame: inout Frame) throws(IRRuntimeError) -> Bool {
            frame.values[loop.induction.index] = .scalar(i)
            switch try run(loop.body, &frame, state: &state) {
            case .normal, .continueLoop: return true
            case .breakLoop: return false
            case .returned(let v):
                result = .returned(v)
                return false
            }
        }
        if kind.isFloating {
            // Exactly Swift's floating-point `stride`: the n-th value is
            // `lower.addingProduct(T(n), step)` — one fused multiply-add, computed afresh
            // each time so rounding errors do not accumulate.
            let l = lo.double
            let h = hi.double
            let s = step.double
            guard s != 0, !s.isNaN else { return .normal }
            var n = 0
            while true {
                let x =
                    kind == .float
                    ? Double(Float(l).addingProduct(Float(n), Float(s)))
                    : l.addingProduct(Double(n), s)
                if !within(x, h, ascending: s > 0, inclusive: loop.inclusive) { break }
                let iv = kind == .float ? Scalar.float(Float(x)) : Scalar.double(x)
                if try !body(iv, &frame) { break }
                n += 1
            }
            return result
        }
        // Integers: iterate in 64 bits, stop when the next value would leave the kind's
        // range (so `0...T.max` ends instead of wrapping).
        if kind.isSigned || kind == .bool {
            let l = lo.int64
            let h = hi.int64
            let s = step.int64
            guard s != 0 else { return .normal }
            let (minV, maxV) = signedRange(kind)
            var i = l
            while within(i, h, ascending: s > 0, inclusive: loop.inclusive) {
                if try !body(Scalar.int(i, kind), &frame) { break }
                let (next, overflow) = i.addingReportingOverflow(s)
                if overflow || next < minV || next > maxV { break }
                i = next
            }
        } else {
            let l = lo.uint64
            let h = hi.uint64
            let s = step.uint64
            guard s != 0 else { return .normal }
            let maxV = kind.bitWidth == 64 ? UInt64.max : (UInt64(1) << UInt64(kind.bitWidth)) - 1
            var i = l
            while within(i, h, ascending: true, inclusive: loop.inclusive) {
                if try !body(Scalar.uint(i, kind), &frame) { break }
                let (next, overflow) = i.addingReportingOverflow(s)
                if overflow || next > maxV { break }
                i = next
            }
        }
        return result
    }

    /// Whether a loop runs at least once: its lower bound passes the loop's own test.
    func firstIterationRuns(_ loop: ForLoop, _ lo: Scalar, _ hi: Scalar, _ step: Scalar) -> Bool {
        let kind = lo.kind
        if kind.isFloating {
            let s = step.double
            guard s != 0, !s.isNaN else { return false }
            return within(lo.double, hi.double, ascending: s > 0, inclusive: loop.inclusive)
        }
        if kind.isSigned || kind == .bool {
            let s = step.int64
            guard s != 0 else { return false }
            return within(lo.int64, hi.int64, ascending: s > 0, inclusive: loop.inclusive)
        }
        guard step.uint64 != 0 else { return false }
        return within(lo.uint64, hi.uint64, ascending: true, inclusive: loop.inclusive)
    }

    /// A loop's own test: whether `x` has not passed the bound `h` (moving up when
    /// `ascending`, else down; `h` itself included when `inclusive`).
    private func within<T: Comparable>(_ x: T, _ h: T, ascending: Bool, inclusive: Bool) -> Bool {
        ascending ? (inclusive ? x <= h : x < h) : (inclusive ? x >= h : x > h)
    }

    func signedRange(_ kind: ScalarType) -> (Int64, Int64) {
        switch kind {
        case .int8: return (Int64(Int8.min), Int64(Int8.max))
        case .int16: return (Int64(Int16.min), Int64(Int16.max))
        case .int32: return (Int64(Int32.min), Int64(Int32.max))
        case .bool: return (0, 1)
        case .int64, .uint8, .uint16, .uint32, .uint64, .float, .double:
            return (Int64.min, Int64.max)
        }
    }

    // MARK: Operand access

    func value(_ v: ValueID, _ frame: Frame) -> InterpreterValue {
        // Verified IR defines every value before its use.
        guard let value = frame.values[v.index] else {
            preconditionFailure("KernIR interpreter: \(v) used before it is defined")
        }
        return value
    }

    func scalar(_ v: ValueID, _ frame: Frame) -> Scalar {
        switch value(v, frame) {
        case .scalar(let s): return s
        case .cell(let c):
            guard let s = c.value.scalar else {
                preconditionFailure("KernIR interpreter: slot of \(v) holds no scalar")
            }
            return s
        case .array, .tuple: preconditionFailure("KernIR interpreter: \(v) is not a scalar")
        }
    }

    func array(_ v: ValueID, _ frame: Frame) -> ArrayView {
        if case .array(let a) = value(v, frame) { return a }
        preconditionFailure("KernIR interpreter: \(v) is not an array")
    }

    func cell(_ s: SlotID, _ frame: Frame) -> InterpreterCell {
        guard let cell = frame.slots[s.index] else {
            preconditionFailure("KernIR interpreter: slot \(s) has no cell")
        }
        return cell
    }
}

/// Hands a call's outcome from the interpreter thread back to the caller.
private final class CallResult: @unchecked Sendable {
    var result: Result<InterpreterValue?, IRRuntimeError> = .success(nil)
    let done = DispatchSemaphore(value: 0)
}
