/// Test support: building IR functions with FunctionBuilder, compiling and JIT-loading
/// them, and calling entry points through `@convention(c)` casts.
import KernBasics
import KernIR
import KernJIT
import KernLLVM
import KernRuntime
import Testing

typealias Ctx = UnsafeMutablePointer<KernCallContext>
typealias Result8 = UnsafeMutableRawPointer

/// Builds one function: `body` gets the builder and the parameter bindings.
func makeFunction(
    _ name: String, _ params: [(String, IRType, Bool)] = [], returns: IRType = .void,
    exported: Bool = true, inline: KernIR.Function.Inline? = nil,
    _ body: (inout FunctionBuilder, [Param.Binding]) -> Void
) -> KernIR.Function {
    var b = FunctionBuilder(
        KernIR.Function(name: name, returnType: returns, isExported: exported, inline: inline))
    let bindings = params.map { b.addParam($0.0, $0.1, isInout: $0.2) }
    body(&b, bindings)
    return b.finish()
}

/// A module of the functions, with parallel loops outlined as the pipeline does before
/// LLVM lowering.
func makeModule(_ functions: [KernIR.Function]) -> KernIR.Module {
    var m = KernIR.Module(sourceName: "test.kern")
    for f in functions { m.functions.append(f) }
    outlineParallelLoops(&m)
    return m
}

/// A compiled, loaded module (kept alive together).
final class Loaded: @unchecked Sendable {
    let compiled: CompiledModule
    let jit: JITModule
    init(_ functions: [KernIR.Function], options: CompileOptions = CompileOptions()) throws {
        compiled = try LLVMBackend.compile(makeModule(functions), options: options)
        jit = try JITEngine.shared().load(compiled)
    }

    /// The entry of `name` cast to the C function type `F`.
    func entry<F>(_ name: String, as type: F.Type) throws -> F {
        let p = try #require(jit.address(ofEntry: name))
        return unsafeBitCast(p, to: type)
    }
}

/// A zeroed call context plus an 8-slot result buffer.
final class Call {
    let ctx = Ctx.allocate(capacity: 1)
    let result = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
    init() { reset() }
    deinit {
        ctx.deallocate()
        result.deallocate()
    }
    func reset() {
        ctx.initialize(to: KernCallContext())
        result.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
    }
    var error: KernErrorRecord { ctx.pointee.error }
    func slot<T>(_ k: Int, _: T.Type) -> T { result.load(fromByteOffset: 8 * k, as: T.self) }

    /// Resets, calls `entry` with this context and result buffer, and returns result slot 0
    /// as `T`; the status is ignored (for callers that compare every result).
    func value<T>(_: T.Type, of entry: (Ctx, Result8) -> Int32) -> T {
        reset()
        _ = entry(ctx, result)
        return slot(0, T.self)
    }
}

extension FunctionBuilder {
    var v: (ValueID) -> ValueID { { $0 } }
    mutating func i64(_ x: Int64) -> ValueID { int64(x) }
    mutating func f64(_ x: Double) -> ValueID { constant(.floating(x), .double) }
    mutating func binary(_ op: BinaryOpcode, _ a: ValueID, _ c: ValueID) -> ValueID {
        emit(.binary(op, a, c), type(of: a))
    }
    mutating func compare(_ p: ComparePredicate, _ a: ValueID, _ c: ValueID) -> ValueID {
        emit(.compare(p, a, c), .scalar(.bool))
    }
    mutating func load(_ s: SlotID) -> ValueID { emit(.load(s), function.slots[s].type) }
    mutating func store(_ s: SlotID, _ v: ValueID) { emit(.store(s, v)) }
    /// `for i in lower..<upper` (or `...`) with `body(i)`; returns nothing.
    mutating func forLoop(
        _ lower: ValueID, _ upper: ValueID, step: ValueID? = nil, inclusive: Bool = false,
        kind: LoopKind = .serial, _ body: (inout FunctionBuilder, ValueID) -> Void
    ) {
        let induction = newValue(type(of: lower))
        let stepValue = step ?? constant(.integer(1), type(of: lower).scalar ?? .int64)
        beginBlock()
        body(&self, induction)
        let block = endBlock()
        emit(
            .forLoop(
                ForLoop(
                    induction: induction, lower: lower, upper: upper, step: stepValue,
                    inclusive: inclusive, kind: kind, body: block)))
    }
    /// `for i in 0..<a.shape(axis)`: the loop over one axis of array `a`, the loop most
    /// tests build.
    mutating func forEachIndex(
        of a: ValueID, axis: Int = 0, kind: LoopKind = .serial,
        _ body: (inout FunctionBuilder, ValueID) -> Void
    ) {
        forLoop(i64(0), emit(.dim(a, axis: axis), .scalar(.int64)), kind: kind, body)
    }
    mutating func ifThen(
        _ c: ValueID, _ then: (inout FunctionBuilder) -> Void,
        else otherwise: ((inout FunctionBuilder) -> Void)? = nil
    ) {
        beginBlock()
        then(&self)
        let t = endBlock()
        beginBlock()
        otherwise?(&self)
        let e = endBlock()
        emit(.ifElse(c, then: t, else: e))
    }
    mutating func ret(_ v: ValueID?) { emit(.returnValue(v)) }
}

extension Param.Binding {
    var value: ValueID {
        if case .value(let v) = self { return v }
        preconditionFailure("not a value binding")
    }
    var slot: SlotID {
        if case .slot(let s) = self { return s }
        preconditionFailure("not a slot binding")
    }
}
