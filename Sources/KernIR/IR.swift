import KernBasics

/// Kern IR: a typed, structured IR of Kern's own, between the checked AST and LLVM.
///
/// Shape. A `Module` holds `Function`s. A function body is a `Block`: an ordered list of
/// `Instr`s. Control flow is structured: `if`, `for`, `while` and `repeat` instructions
/// own nested blocks, so loops stay visible (serial or parallel, with their reductions)
/// for the passes that need them: bounds-check elimination, parallel outlining,
/// reduction lowering. There are no gotos and no phi nodes.
///
/// Values. Every instruction that produces a value defines exactly one SSA value
/// (`ValueID`, printed `%3`), defined before use in program order and visible in the
/// rest of its block and the blocks nested in it. Mutable variables are *slots*
/// (`SlotID`, printed `$2`), read with `load` and written with `store`: LLVM's mem2reg
/// turns them into registers. Scalar `inout` parameters are slots owned by the caller.
///
/// Arrays are views: a base pointer, a shape and strides (in elements), all explicit in
/// the lowering. `dim` reads one extent; `load.elem`/`store.elem` address
/// `base + Σ index_k * stride_k` and never check bounds themselves: checks are explicit
/// `check.bounds` instructions, so passes can prove, hoist or drop them and report it.
///
/// Global semantics (the reference interpreter is the executable definition):
/// - Integer `add sub mul neg` wrap (two's complement). `div`/`rem` truncate toward zero;
///   `T.min / -1 == T.min`, `T.min % -1 == 0`; a zero divisor is undefined unless
///   guarded by `check.divisor` (IRGen always emits one).
/// - Shifts are Swift "smart" shifts: a negative amount shifts the other way; an amount
///   ≥ the bit width gives 0 (or -1 for `shr` of a negative signed value).
/// - Floating arithmetic is IEEE 754 exactly as written: no contraction, no
///   reassociation — except reductions of a parallel loop, whose combination order is
///   fixed by the compiled code (not by the thread count), and functions compiled with
///   fast-math.
/// - `convert` float→int truncates toward zero and saturates; NaN gives 0. int→int
///   truncates or extends by the source's signedness.
/// - A failing check stops the whole call with a runtime error carrying the check's
///   `SourcePos`; nothing after it executes.
/// - A `for` loop with `lower >= upper` (step > 0) runs zero times; the bounds and step
///   are evaluated once, before the first iteration. An integer loop ends when the next
///   value would overflow its type (`0...T.max` terminates). A floating loop follows
///   Swift's `stride`: its n-th value is `lower.addingProduct(n, step)` (one fused
///   multiply-add in the loop's type), so errors do not accumulate.
/// - `div`/`rem` by zero without a `check.divisor` is undefined in compiled code; the
///   interpreter reports it as a division-by-zero error at the `div`/`rem`.
///
/// Random numbers. A call carries a seed and a random *stream*: a region number (0 for
/// code outside any `prange`; the k-th outermost `prange` started by the call has
/// region k), an iteration index (that `prange`'s iteration; 0 outside one) and a draw
/// ordinal (restarted at 0 in each outermost iteration). Each `random` draws one
/// Philox-4x32-10 block keyed by the seed at counter (ordinal + region·2^40, iteration)
/// and advances the ordinal, so every value is a pure function of the seed, the region,
/// the iteration and the ordinal — never of the thread count or the schedule. A
/// `prange` nested in another one (directly or through a call) keeps the enclosing
/// iteration's stream.

// MARK: - IDs

/// An SSA value of a function, `%3` in IR text.
public typealias ValueID = ArenaIndex<ValueTag>
/// A stack slot of a function, `$0` in IR text.
public typealias SlotID = ArenaIndex<SlotTag>
/// A function of a module, `@1`.
public typealias FunctionID = ArenaIndex<FunctionTag>

/// The kind of `ValueID`.
public enum ValueTag: ArenaTag { public static var prefix: String { "%" } }
/// The kind of `SlotID`.
public enum SlotTag: ArenaTag { public static var prefix: String { "$" } }
/// The kind of `FunctionID`.
public enum FunctionTag: ArenaTag { public static var prefix: String { "@" } }

// MARK: - Types

public enum IRType: Sendable, Hashable, CustomStringConvertible {
    case scalar(ScalarType)
    /// An array view: element type and rank (1...3).
    case array(ScalarType, rank: Int)
    /// Tuples of scalars (function results only).
    case tuple([ScalarType])
    case void

    public var description: String {
        switch self {
        case .scalar(let s): return s.irName
        case .array(let s, let rank): return "[\(s.irName); \(rank)]"
        case .tuple(let xs): return "(" + xs.map(\.irName).joined(separator: ", ") + ")"
        case .void: return "void"
        }
    }

    public var scalar: ScalarType? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// The scalar type of a value verified IR guarantees to be scalar (a constant, a
    /// conversion, a reduction slot, a loop bound). Anything else is a compiler bug, reported
    /// with `context` instead of being replaced by a default type.
    public func verifiedScalar(_ context: @autoclosure () -> String) -> ScalarType {
        guard case .scalar(let s) = self else {
            preconditionFailure("\(context()): expected a scalar type, found \(self)")
        }
        return s
    }
}

// MARK: - Module and functions

public struct Module: Sendable {
    public var functions = IndexedArray<FunctionID, Function>()
    /// Name of the source file, for messages.
    public var sourceName: String
    public init(sourceName: String) { self.sourceName = sourceName }

    public func function(named name: String) -> FunctionID? {
        functions.ids.first { functions[$0].name == name }
    }
}

/// A function parameter. Only KernIR builds these (Builder, IRParser, outlining), with the
/// implicit memberwise initializer; so are `SlotInfo`s.
public struct Param: Sendable, Hashable {
    public enum Binding: Sendable, Hashable {
        /// An immutable scalar or array view, available as an SSA value.
        case value(ValueID)
        /// An `inout` scalar: the caller's slot.
        case slot(SlotID)
    }
    public var name: String
    public var type: IRType
    /// Arrays: writable. Scalars: passed by reference (binding is `.slot`).
    public var isInout: Bool
    public var binding: Binding
}

public struct SlotInfo: Sendable, Hashable {
    public var name: String
    /// A scalar or tuple type.
    public var type: IRType
}

public struct Function: Sendable {
    public enum Inline: String, Sendable, Hashable { case never, always }
    public var name: String
    public var params: [Param]
    public var returnType: IRType
    /// Type of every SSA value.
    public var values = IndexedArray<ValueID, IRType>()
    public var slots = IndexedArray<SlotID, SlotInfo>()
    public var body = Block()
    /// Visible to the host (every source function is; outlined bodies are not).
    public var isExported: Bool
    public var inline: Inline?
    /// Source position of the `func` keyword.
    public var pos: SourcePos
    /// A declaration of a Kern function compiled in an earlier module (a REPL session's
    /// definitions): the entry symbol (`kern_entry_<name>`, EntryABI) that module exports.
    /// Such a function has no body, slots or values, is not exported, and calls to it
    /// follow the entry ABI. The JIT binds the symbol to the earlier module's code; the
    /// interpreter to the earlier module's function (`Interpreter(externals:)`).
    public var external: String?

    public init(
        name: String, params: [Param] = [], returnType: IRType, isExported: Bool = true,
        inline: Inline? = nil, pos: SourcePos = .unknown
    ) {
        self.name = name
        self.params = params
        self.returnType = returnType
        self.isExported = isExported
        self.inline = inline
        self.pos = pos
    }

    /// A declaration of `name`, defined in an earlier module under `entrySymbol`.
    public static func external(
        name: String, params: [Param], returnType: IRType, entrySymbol: String
    ) -> Function {
        var f = Function(name: name, params: params, returnType: returnType, isExported: false)
        f.external = entrySymbol
        return f
    }
}

public struct Block: Sendable {
    public var instrs: [Instr]
    public init(_ instrs: [Instr] = []) { self.instrs = instrs }
}

public struct Instr: Sendable {
    /// The value this instruction defines, if any.
    public var result: ValueID?
    public var op: Op
    /// Where the instruction came from; runtime errors report it.
    public var pos: SourcePos
    /// The identity of a loop (`for`, `while`, `repeat`; nil on other instructions):
    /// assigned by IRGen, kept by every pass (see `LoopID`).
    public var loop: LoopID?
    public init(result: ValueID?, op: Op, pos: SourcePos = .unknown, loop: LoopID? = nil) {
        self.result = result
        self.op = op
        self.pos = pos
        self.loop = loop
    }
}

/// A source loop's identity, unique within a module. IRGen gives one to every loop;
/// `runPipeline` numbers loops that have none (hand-written IR). Passes keep it: the two
/// versions of a loop made by bounds-check hoisting share it, the outlined body of a
/// `prange` (and the loop combining its array reductions) carry the `prange`'s. Reports
/// and LLVM remarks name loops by it, never by source position (two loops can share one,
/// and hand-written IR has none). Printed as `loop N` after the position.
public struct LoopID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
    public static func < (a: LoopID, b: LoopID) -> Bool { a.raw < b.raw }
    public var description: String { "loop \(raw)" }
}

// MARK: - Operations

public enum UnaryOpcode: String, Sendable, Hashable {
    /// Integer: wrapping negation. Floating: IEEE negation (flips the sign of 0 and NaN).
    case neg
    /// Bool `!`.
    case not
    /// Integer `~`.
    case bitNot = "bitnot"
}

public enum BinaryOpcode: String, Sendable, Hashable, CaseIterable {
    case add, sub, mul, div, rem
    case and, or, xor, shl, shr
}

public enum ComparePredicate: String, Sendable, Hashable, CaseIterable {
    /// Floating comparisons are ordered (false with NaN), except `ne` (true with NaN).
    case eq, ne, lt, le, gt, ge
}

public enum Constant: Sendable, Hashable {
    case bool(Bool)
    /// Bit pattern in 64 bits; the instruction's result type gives width and signedness.
    case integer(UInt64)
    /// The exact value; for f32 it is already a Float value widened to Double.
    case floating(Double)
}

public enum ReduceOp: String, Sendable, Hashable {
    case add, mul, and, or, xor, min, max
}

/// A scalar reduction of a parallel loop: inside the body, the slot is only updated with
/// `op` (Sema guarantees it is not otherwise read), so each block of iterations may
/// accumulate into a private copy initialised to `op`'s identity.
public struct Reduction: Sendable, Hashable {
    public var slot: SlotID
    public var op: ReduceOp
    public init(slot: SlotID, op: ReduceOp) {
        self.slot = slot
        self.op = op
    }
}

public enum LoopKind: Sendable, Hashable {
    case serial
    /// One block of an outlined parallel loop (or a parallel loop nested in one), run
    /// serially in its worker: `reductions` accumulate into the block's private slots and
    /// may be reassociated (vectorized) in an order fixed by the compiled code.
    case blocked(reductions: [Reduction])
    /// Iterations may run concurrently. `arrayReductions` are local arrays (defined
    /// outside the loop) that iterations update with `+` at arbitrary indices.
    case parallel(reductions: [Reduction], arrayReductions: [ValueID])
}

public struct ForLoop: Sendable {
    /// The induction variable, an SSA value of `lower`'s type, defined inside `body`.
    public var induction: ValueID
    public var lower: ValueID
    public var upper: ValueID
    /// Non-zero (IRGen checks `stride(by: 0)` before the loop); may be negative.
    public var step: ValueID
    /// `...`/`through:`: `upper` is included.
    public var inclusive: Bool
    public var kind: LoopKind
    public var body: Block
    public init(
        induction: ValueID, lower: ValueID, upper: ValueID, step: ValueID, inclusive: Bool,
        kind: LoopKind, body: Block
    ) {
        self.induction = induction
        self.lower = lower
        self.upper = upper
        self.step = step
        self.inclusive = inclusive
        self.kind = kind
        self.body = body
    }
}

public enum PrintPiece: Sendable, Hashable {
    /// Literal text, written as is.
    case text(String)
    /// A scalar, formatted as Swift's `print` formats it.
    case value(ValueID)
    /// A scalar formatted by one `String(format:)` conversion (an integer for `d i u o x
    /// X`, a floating value for the others; Sema checked the pairing). Integers print at
    /// their own width (`u o x X` reinterpret a signed value's bits as unsigned), floating
    /// values as C prints the double.
    case formatted(FormatConversion, ValueID)

    /// The value the piece prints, if any.
    public var operand: ValueID? {
        switch self {
        case .text: nil
        case .value(let v), .formatted(_, let v): v
        }
    }

    /// The piece with its operand replaced.
    public func mapOperand(_ f: (ValueID) -> ValueID) -> PrintPiece {
        switch self {
        case .text: self
        case .value(let v): .value(f(v))
        case .formatted(let c, let v): .formatted(c, f(v))
        }
    }
}

/// A C function bound by `@extern(c)` (LANGUAGE.md §3, "C functions"): called with the
/// C calling convention, scalar arguments and result.
public struct CFunction: Sendable, Hashable {
    /// The symbol, found in the process or a library the user named.
    public var symbol: String
    public var parameters: [ScalarType]
    /// Nil for `void`.
    public var result: ScalarType?
    /// `@extern(c, pure)`: the result depends only on the arguments and the call has no
    /// effect, so calls may be merged, moved or removed. Otherwise every call happens, in
    /// program order.
    public var isPure: Bool
    public init(symbol: String, parameters: [ScalarType], result: ScalarType?, isPure: Bool) {
        self.symbol = symbol
        self.parameters = parameters
        self.result = result
        self.isPure = isPure
    }
}

public enum CallArgument: Sendable, Hashable {
    case value(ValueID)
    /// An `inout` scalar argument: the caller's slot.
    case slot(SlotID)
}

/// What a `random` instruction draws (LANGUAGE.md §8).
public enum RandomDistribution: String, Sendable, Hashable {
    /// `T.random(in: lo..<hi)`: operands `lo, hi` of the result type (floating or
    /// integer); uniform on `[lo, hi)`. IRGen guards `lo < hi` (and a finite width for
    /// floating types) with a precondition before it.
    case uniform
    /// `randomNormal()`: no operands, an f64 from the standard normal distribution.
    case normal
}

public enum CheckKind: String, Sendable, Hashable {
    case bounds, divisor, precondition, stride
}

public indirect enum Op: Sendable {
    // Scalars
    case constant(Constant)
    case unary(UnaryOpcode, ValueID)
    case binary(BinaryOpcode, ValueID, ValueID)
    /// Result is bool.
    case compare(ComparePredicate, ValueID, ValueID)
    /// Numeric conversion to the result type (see global semantics). `bool` converts
    /// as 0/1; a non-zero number converts to `true`.
    case convert(ValueID)
    /// A math built-in: arity, operand and result types from `MathFunction.entry`
    /// (f32/f64 operands; `.numbers` entries also integers; `.bool` results for the
    /// classification properties).
    case math(MathFunction, [ValueID])
    /// `c ? a : b` on values already computed (IRGen uses `if` + slot when an arm may fail
    /// or has effects; `select` is for passes and pure arms).
    case select(ValueID, ValueID, ValueID)

    // Slots
    case load(SlotID)
    case store(SlotID, ValueID)

    // Tuples
    case makeTuple([ValueID])
    case extract(ValueID, index: Int)

    // Arrays
    /// Extent of dimension `axis` (i64).
    case dim(ValueID, axis: Int)
    /// Element at `indices` (one per dimension, i64). No bounds check.
    case loadElement(ValueID, indices: [ValueID])
    case storeElement(ValueID, indices: [ValueID], value: ValueID)
    /// Row `index` of a rank-r array: a rank r-1 view sharing storage.
    case subview(ValueID, index: ValueID)
    /// A new local array, every element set to `fill`; lives until the end of the
    /// enclosing block (freed on every exit from it). With `fill` nil the elements are
    /// left unset: only for arrays whose creator writes every element before anything
    /// reads one (an elementwise call's result, a returned copy) — an extra pass over
    /// memory saved. Reading an unset element is undefined (the interpreter sets zeros).
    case allocArray(ScalarType, dims: [ValueID], fill: ValueID?)

    // Checks: stop the call with a runtime error when they fail.
    /// Fails unless `0 <= index < bound` (both i64).
    case checkBounds(index: ValueID, bound: ValueID, axis: Int)
    /// Fails when the integer divisor is zero.
    case checkDivisor(ValueID)
    /// Fails when the bool is false.
    case precondition(ValueID, message: String)
    /// Fails when the loop step is zero.
    case checkStride(ValueID)

    // Calls and effects
    /// Calls a function. A callee returning an array gives the caller a new dense
    /// (row-major) array that the caller owns, exactly like `allocArray`: it lives until
    /// the end of the enclosing block and is freed on every exit from it. `returnValue`
    /// of an array hands the caller such a new array (see there).
    case call(FunctionID, [CallArgument])
    /// Calls a C function (`@extern(c)`); operands match `parameters`, the result type is
    /// `result` (void: no result). An effect unless `isPure`: passes never move, merge or
    /// drop it.
    case callC(CFunction, [ValueID])
    /// Runs the outlined loop body `body` over `[lower, upper)` cut into blocks of
    /// `blockSize` iterations (boundaries depend only on these, never on the thread
    /// count), possibly concurrently. `body` takes `(lo: i64, hi: i64, block: i64)` and
    /// then one parameter per capture, and returns nothing. The failing block with the
    /// lowest index stops the call with its error. Produced only by
    /// `outlineParallelLoops`; LLVM lowering sees this instead of parallel loops.
    case parallelFor(
        body: FunctionID, captures: [ValueID], lower: ValueID, upper: ValueID, blockSize: ValueID)
    /// The next random value of the call's stream (see "Random numbers" above): a pure
    /// function of the call's seed, the stream and the draw ordinal, which it advances.
    case random(RandomDistribution, [ValueID])
    /// First instruction of the body of a function's outermost `prange`, whose body
    /// draws random numbers: when the loop runs as the outermost parallel level of the
    /// call (not nested in another `prange` through a call), the stream becomes this
    /// iteration's (the operand is the induction variable) and its ordinal restarts.
    case rngIteration(ValueID)
    /// `a[indices] += value` as one atomic read-modify-write (integer or floating
    /// element). No bounds check: IRGen emits `check.bounds` before it.
    case atomicAdd(ValueID, indices: [ValueID], value: ValueID)
    /// `clock()`: nanoseconds of CLOCK_MONOTONIC as an i64. Has an effect (each execution
    /// reads the clock anew), so passes never merge, hoist or remove it.
    case clock
    /// Writes the pieces, concatenated, then a newline, as one whole line. Nothing is
    /// inserted between pieces: IRGen emits `print(a, b)`'s separating space as a
    /// `.text(" ")` piece.
    case print([PrintPiece])
    /// An MPI built-in (operands and result: `MPIOperation`'s doc comment). Not allowed in
    /// a `prange` body at run time (the runtime and the interpreter fail).
    case mpi(MPIOperation, [ValueID])

    // Structured control flow
    case ifElse(ValueID, then: Block, else: Block)
    case forLoop(ForLoop)
    /// `while`: evaluates `cond` (its last value, `condition`, is the test) before each
    /// iteration.
    case whileLoop(cond: Block, condition: ValueID, body: Block)
    /// `repeat { body } while cond`.
    case repeatLoop(body: Block, cond: Block, condition: ValueID)
    /// Leave / restart the innermost enclosing loop.
    case breakLoop
    case continueLoop
    /// Returns from the function. An array result is always a new array the caller
    /// owns: an array this call owns (an `allocArray` or an array-returning `call`
    /// result) is moved out (not freed on this exit, not copied); any other view (a
    /// parameter, a subview) is copied into a new dense array, so the caller never
    /// receives storage it does not own.
    case returnValue(ValueID?)
}
