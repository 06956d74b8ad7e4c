/// Lowers a KernIR.Module to LLVM IR (unoptimized; Optimizer runs next).
/// In: a verified KernIR.Module. Out: an LLVM module holding, per IR function, a private
/// `kern_fn_<name>(ptr ctx, params...) -> ret` and, for exported functions, the entry
/// wrapper `i32 kern_entry_<name>(ptr ctx, params..., ptr result)` of kern_runtime.h.
///
/// This file: the driver, type mapping and the calling conventions. Instructions are in
/// Codegen+Ops, control flow in +Loops, arrays in +Arrays, math in +Math, runtime
/// checks and error exits in +Checks, print in +Print.
import KernABI
import KernBasics
import KernIR

/// An array view in registers: data pointer, extents and strides (in elements).
struct ArrayView {
    var data: LLVMValue
    var shape: [LLVMValue]
    var strides: [LLVMValue]
    var element: ScalarType
}

/// One lexical block being emitted: the local arrays it allocated (freed on every exit)
/// and the cached error exit that frees exactly the arrays live at this point.
struct Scope {
    var arrays: [LLVMValue] = []
    var errorExit: LLVMBlock?
    /// The newest error exit made for this scope (still valid as the next link of a
    /// chain after an allocation invalidates `errorExit`), and how many of `arrays` it frees.
    var lastErrorExit: LLVMBlock?
    var arraysFreedByLastExit = 0
}

/// Where `break`/`continue` go, and how many scopes stay alive when they do.
struct LoopTargets {
    var continueBlock: LLVMBlock
    var breakBlock: LLVMBlock
    var scopeDepth: Int
}

final class Codegen {
    let ir: KernIR.Module
    let options: CompileOptions
    let target: TargetSelection
    let module: Module
    let ctx: Context
    let b: Builder

    /// Per IR function and parameter: an array that may be `noalias` (ArrayAliasing.swift).
    lazy var noaliasArrays: [[Bool]] = noaliasArrayParameters(ir)
    /// Per IR function and parameter: an array always passed with innermost stride 1.
    lazy var unitStrideArrays: [[Bool]] = unitStrideArrayParameters(ir)
    /// Per function name: values that index a store (Codegen+IndexConversion.swift).
    lazy var scatterIndices: [String: Set<ValueID>] = scatterIndexValues(ir)
    /// Declared `kern_fn_<name>` per IR function, with its LLVM function type.
    var functions: [(fn: LLVMValue, type: LLVMType)] = []
    /// Whether a call to the function may leave an error in ctx (checks, allocations,
    /// or calls to such functions): only those calls are followed by a status test.
    var mayFail: [Bool] = []
    /// The call graph's cycles: calls within one get a stack check (`checkStack`).
    lazy var callCycles = CallGraphCycles(ir)

    // Per-function state (reset by emitFunction).
    /// The IR function being emitted.
    var functionID = FunctionID(raw: 0)
    var function = KernIR.Function(name: "", returnType: .void)
    var llvmFunction: LLVMValue?
    var ctxParam: LLVMValue?
    var values: [LLVMValue?] = []
    var views: [ArrayView?] = []
    var slots: [LLVMValue?] = []
    var scopes: [Scope] = []
    /// Per error exit: its shared failure block (Codegen+Checks `fail`).
    var failureBlocks: [LLVMBlock: FailureBlock] = [:]
    /// The function's error return, the end of every error exit chain.
    var errorReturnBlock: LLVMBlock?
    /// Arrays this call owns (`allocArray` and array-returning call results, emitted so
    /// far): `return` moves them instead of copying (Codegen+ArrayResults).
    var ownedArrays: Set<ValueID> = []
    var loops: [LoopTargets] = []
    /// Reduction slots of the enclosing parallel loops.
    var reductionSlots: Set<SlotID> = []
    /// Values on a parallel reduction's accumulation chain (get `reassoc`).
    var reductionValues: Set<ValueID> = []
    /// Functions that draw random numbers (directly or through calls).
    var drawing: Set<FunctionID> = []
    /// The random stream of the current function, if it draws.
    var rng: RandomRegisters?
    /// Whether `rng.iteration` starts a stream in the code being emitted (see
    /// `emitVersionedByDepth`).
    var rngStartsStreams = false
    /// Source locations for optimization remarks (nil unless `options.optimizationRemarks`).
    var debug: DebugLocations?
    /// libmvec variants declared so far (Codegen+VectorMath).
    var vectorVariants: [LLVMValue] = []
    /// The SPMD lowering of the blocked loop being emitted, if any (Codegen+SPMD).
    var spmd: SPMDLowering?
    /// The SPMD decision per blocked loop, for reports (`CompiledModule.spmd`).
    var spmdSummaries: [LoopID: String] = [:]
    /// `prefer-vector-width` per IR function (Codegen+VectorWidth.swift).
    var vectorWidths: [Int] = []
    /// Set while emitting the scalar version of a block that SPMD code falls back to
    /// (Codegen+SPMDRows.swift), so that it stays scalar.
    var spmdScalarFallback = false

    init(ir: KernIR.Module, options: CompileOptions, target: TargetSelection, module: Module) {
        self.ir = ir
        self.options = options
        self.target = target
        self.module = module
        self.ctx = module.context
        self.b = Builder(context: module.context)
    }

    /// Emits the functions `partition` defines (nil: every function the exported ones
    /// reach, with all their entries). Functions neither defined nor imported are not in
    /// the LLVM module at all: lowering code LLVM's first pass would delete costs time
    /// (a lazy compile of one function of a thousand).
    func emitModule(partition: ModulePartition? = nil) {
        mayFail = computeMayFail()
        drawing = functionsDrawingRandomNumbers(ir)
        if options.optimizationRemarks {
            debug = DebugLocations(module: module, builder: b, sourceName: ir.sourceName)
        }
        vectorWidths = ir.functions.ids.map(vectorWidth)
        let part = partition ?? ModulePartition(whole: ir)
        for id in ir.functions.ids {
            let f = ir.functions[id]
            functions.append(
                f.external.map { declareExternal(f, symbol: $0) } ?? declare(f, id: id))
        }
        for id in ir.functions.ids
        where part.defined.contains(id.index) && ir.functions[id].external == nil {
            emitFunction(id)
            if part.entries.contains(id.index) { emitEntry(id) }
        }
        for id in ir.functions.ids {
            let fn = functions[id.index].fn
            if part.external.contains(id.index) {
                // Called from another partition's object in the same JITDylib.
                module.setLinkage(fn, .external)
                module.setHidden(fn)
            } else if part.imported.contains(id.index) {
                module.setLinkage(fn, .external)  // a declaration: defined elsewhere
            } else if !part.defined.contains(id.index) {
                module.deleteFunction(fn)
            }
        }
        emitCompilerUsed()
        debug?.finalize()
    }

    // MARK: Types

    /// A scalar in registers (Bool is i1).
    func llvmType(_ s: ScalarType) -> LLVMType {
        switch s {
        case .bool: ctx.i1
        case .int8, .uint8: ctx.i8
        case .int16, .uint16: ctx.int(bits: 16)
        case .int32, .uint32: ctx.i32
        case .int64, .uint64: ctx.i64
        case .float: ctx.f32
        case .double: ctx.f64
        }
    }

    /// A scalar in memory (Bool is one byte).
    func memoryType(_ s: ScalarType) -> LLVMType { s == .bool ? ctx.i8 : llvmType(s) }

    /// A scalar, tuple or void value in registers. Arrays are never single values.
    func llvmType(_ t: IRType) -> LLVMType {
        switch t {
        case .scalar(let s): return llvmType(s)
        case .tuple(let xs): return ctx.structType(xs.map { llvmType($0) })
        case .void: return ctx.void
        case .array(_, let rank): return arrayResultType(rank: rank)  // results only
        }
    }

    /// LLVM parameters of IR parameter number `index`, from the entry ABI (EntryABI):
    /// `entry` selects the entry wrapper's convention (Bool as i8) over the internal one.
    func parameterTypes(_ p: Param, index: Int, entry: Bool) -> [LLVMType] {
        entryArguments(p, index: index).map { llvmType($0, entry: entry) }
    }

    // MARK: Declarations

    private func declare(_ f: KernIR.Function, id: FunctionID) -> (fn: LLVMValue, type: LLVMType) {
        let params = EntryABI.internalArguments(f.params.compactMap(entryParameter)).map {
            llvmType($0, entry: false)
        }
        let type = ctx.functionType(llvmType(f.returnType), params)
        let fn = module.addFunction("kern_fn_" + f.name, type)
        module.setLinkage(fn, .internal)
        addCommonAttributes(fn, vectorWidth: vectorWidths[id.index])
        switch f.inline {
        case .always: module.addAttribute(fn, param: nil, ctx.enumAttribute("alwaysinline"))
        case .never: module.addAttribute(fn, param: nil, ctx.enumAttribute("noinline"))
        case nil: break
        }
        module.addAttribute(fn, param: 0, ctx.noCaptureAttribute)
        // Only Kern code touches the call context, never through an array pointer.
        module.addAttribute(fn, param: 0, ctx.enumAttribute("noalias"))
        // Arrays no other argument overlaps let LLVM vectorize without runtime alias checks.
        // Functions are declared in module order, so `functions.count` is f's index.
        let noalias = noaliasArrays[functions.count]
        var index = 1
        for (k, p) in f.params.enumerated() {
            if noalias[k] {
                module.addAttribute(fn, param: index, ctx.enumAttribute("noalias"))
            }
            index += parameterTypes(p, index: k, entry: false).count
        }
        return (fn, type)
    }

    /// Attributes every generated function carries: the target CPU and features (so the
    /// JIT generates code for what the optimizer assumed) and nounwind.
    /// `vectorWidth`: the `prefer-vector-width` of the IR function `fn` comes from (its
    /// loops end up in `fn` after inlining); helpers get the target's.
    func addCommonAttributes(_ fn: LLVMValue, vectorWidth: Int? = nil) {
        module.addAttribute(fn, param: nil, ctx.enumAttribute("nounwind"))
        module.addAttribute(fn, param: nil, ctx.stringAttribute("target-cpu", target.cpu))
        if !target.features.isEmpty {
            module.addAttribute(
                fn, param: nil, ctx.stringAttribute("target-features", target.features))
        }
        module.addAttribute(
            fn, param: nil,
            ctx.stringAttribute(
                "prefer-vector-width",
                String(vectorWidth ?? options.preferredVectorWidth ?? target.preferredVectorWidth)))
    }

    // MARK: Function bodies

    private func emitFunction(_ id: FunctionID) {
        let f = ir.functions[id]
        function = f
        functionID = id
        let (fn, _) = functions[id.index]
        llvmFunction = fn
        debug?.beginFunction(fn, name: f.name, pos: f.pos)
        values = Array(repeating: nil, count: f.values.count)
        views = Array(repeating: nil, count: f.values.count)
        slots = Array(repeating: nil, count: f.slots.count)
        scopes = []
        failureBlocks = [:]
        errorReturnBlock = nil
        ownedArrays = []
        loops = []
        reductionSlots = []
        reductionValues = []

        let entry = module.appendBlock(fn, "entry")
        b.position(at: entry)
        ctxParam = module.param(fn, 0)
        module.setName(module.param(fn, 0), "ctx")
        var index = 1
        for (k, p) in f.params.enumerated() {
            let count = parameterTypes(p, index: k, entry: false).count
            var llvmParams = (index..<index + count).map { module.param(fn, $0) }
            module.setName(llvmParams[0], p.name)
            // A local array's rows are dense: a constant stride saves a multiply per access.
            if unitStrideArrays[id.index][k] { llvmParams[count - 1] = ctx.constInt(ctx.i64, 1) }
            bind(p, llvmParams)
            index += count
        }
        for slot in f.slots.ids where slots[slot.index] == nil {
            let info = f.slots[slot]
            slots[slot.index] = b.alloca(slotType(info.type), info.name)
        }
        rng = emitRandomEntry(id)
        let body = module.appendBlock(fn, "body")
        b.br(body)
        b.position(at: body)
        if let rng, startsRandomStreams(f.body) {
            emitVersionedByDepth(f.body, rng)
        } else {
            emitBlock(f.body)
            if !b.isTerminated { emitReturn(nil) }
        }
    }

    /// Binds an IR parameter to its LLVM parameters (a view for arrays).
    private func bind(_ p: Param, _ llvmParams: [LLVMValue]) {
        switch p.binding {
        case .slot(let s): slots[s.index] = llvmParams[0]
        case .value(let v):
            if case .array(let element, let rank) = p.type {
                views[v.index] = ArrayView(
                    abiArguments: llvmParams, element: element, rank: rank)
            } else {
                values[v.index] = llvmParams[0]
            }
        }
    }

    /// The memory type of a slot: scalars as in memory (Bool i8), tuples as structs.
    func slotType(_ t: IRType) -> LLVMType {
        if case .scalar(let s) = t { return memoryType(s) }
        return llvmType(t)
    }

    /// A value of the function's return type to return on error paths.
    var errorReturnValue: LLVMValue? {
        if case .void = function.returnType { return nil }
        return ctx.null(llvmType(function.returnType))
    }

    func value(_ id: ValueID) -> LLVMValue {
        guard let v = values[id.index] else {
            preconditionFailure("KernLLVM: \(id) used before definition in \(function.name)")
        }
        return v
    }

    func view(_ id: ValueID) -> ArrayView {
        guard let v = views[id.index] else {
            preconditionFailure("KernLLVM: array \(id) used before definition in \(function.name)")
        }
        return v
    }

    func scalarKind(_ id: ValueID) -> ScalarType {
        switch function.values[id] {
        case .scalar(let s): return s
        case .array(let s, _): return s
        case .tuple, .void:
            preconditionFailure("KernLLVM: \(id) has no scalar type (\(function.values[id]))")
        }
    }

    /// Floating-point flags for an operation that `touchesReduction`.
    func floatFlags(reduction: Bool) -> FloatFlags {
        if options.fastMathLevel != .strict { return FloatFlags(options.fastMathLevel) }
        return reduction ? .reassociate : .strict
    }

    // MARK: Entry wrappers

    /// `i32 kern_entry_<name>(ptr ctx, params..., ptr result)`: converts Bool parameters
    /// from bytes, calls the body, and stores results into 8-byte slots on success.
    private func emitEntry(_ id: FunctionID) {
        let f = ir.functions[id]
        let abi = EntryABI.entryArguments(f.params.compactMap(entryParameter)).map {
            llvmType($0, entry: true)
        }
        let fn = module.addFunction(
            CompiledModule.entrySymbol(f.name), ctx.functionType(llvmType(EntryABI.statusType), abi)
        )
        debug?.beginFunction(fn, name: f.name, pos: f.pos)
        addCommonAttributes(fn, vectorWidth: vectorWidths[id.index])
        module.addAttribute(fn, param: 0, ctx.enumAttribute("noalias"))
        module.addAttribute(fn, param: 0, ctx.noCaptureAttribute)
        b.position(at: module.appendBlock(fn, "entry"))
        var args = [module.param(fn, 0)]
        var index = 1
        for (k, p) in f.params.enumerated() {
            let count = parameterTypes(p, index: k, entry: true).count
            let first = module.param(fn, index)
            switch p.type {
            case .scalar(let s):
                if p.isInout {
                    module.addAttribute(fn, param: index, ctx.enumAttribute("noalias"))
                    module.addAttribute(fn, param: index, ctx.noCaptureAttribute)
                }
                args.append(
                    s == .bool && !p.isInout ? b.icmp(.ne, first, ctx.constInt(ctx.i8, 0)) : first)
            case .array:
                // The host guarantees that arrays do not overlap inout arrays.
                module.addAttribute(fn, param: index, ctx.enumAttribute("noalias"))
                module.addAttribute(fn, param: index, ctx.noCaptureAttribute)
                if !p.isInout {
                    module.addAttribute(fn, param: index, ctx.enumAttribute("readonly"))
                }
                args += (index..<index + count).map { module.param(fn, $0) }
            case .tuple, .void:
                break
            }
            index += count
        }
        let resultPtr = module.param(fn, index)
        module.addAttribute(fn, param: index, ctx.noCaptureAttribute)
        let (callee, calleeType) = functions[id.index]
        let result = b.call(calleeType, callee, args)
        if mayFail[id.index] {
            let status = b.load(ctx.i32, statusPointer(module.param(fn, 0)))
            let failed = module.appendBlock(fn, "failed")
            let ok = module.appendBlock(fn, "ok")
            b.condBr(
                b.icmp(.ne, status, ctx.constInt(ctx.i32, UInt64(RuntimeStatus.ok.rawValue))),
                failed,
                ok, weights: (1, 1 << 20))
            b.position(at: failed)
            b.ret(status)
            b.position(at: ok)
        }
        switch f.returnType {
        case .scalar(let s):
            storeResult(result, kind: s, to: resultPtr, slot: 0)
        case .tuple(let kinds):
            for (k, kind) in kinds.enumerated() {
                storeResult(b.extractValue(result, k), kind: kind, to: resultPtr, slot: k)
            }
        case .array(_, let rank):
            storeArrayResult(result, rank: rank, to: resultPtr)
        case .void:
            break
        }
        b.ret(ctx.constInt(ctx.i32, UInt64(RuntimeStatus.ok.rawValue)))
    }

    private func storeResult(_ v: LLVMValue, kind: ScalarType, to base: LLVMValue, slot: Int) {
        let p =
            slot == 0
            ? base
            : b.gep(ctx.i8, base, ctx.constInt(ctx.i64, UInt64(EntryABI.resultSlotSize * slot)))
        b.store(kind == .bool ? b.zext(v, ctx.i8) : v, p)
    }

    // MARK: May-fail analysis

    private func computeMayFail() -> [Bool] {
        // A function in a cycle may fail its stack check (or a callee in the cycle may).
        // So may one returning an array (copying a view it does not own allocates).
        var result = ir.functions.ids.map { id in
            if case .array = ir.functions[id].returnType { return true }
            // An extern function's body is elsewhere: any call of it may fail.
            if ir.functions[id].external != nil { return true }
            return callCycles.isRecursive(id)
        }
        var changed = true
        while changed {
            changed = false
            for id in ir.functions.ids where !result[id.index] {
                if blockMayFail(ir.functions[id].body, result) {
                    result[id.index] = true
                    changed = true
                }
            }
        }
        return result
    }

    private func blockMayFail(_ block: Block, _ known: [Bool]) -> Bool {
        block.instrs.contains { instr in
            switch instr.op {
            case .checkBounds, .checkDivisor, .precondition, .checkStride, .allocArray, .mpi:
                return true
            case .call(let callee, _), .parallelFor(let callee, _, _, _, _):
                return known[callee.index]
            case .ifElse(_, let then, let else_):
                return blockMayFail(then, known) || blockMayFail(else_, known)
            case .forLoop(let loop):
                return blockMayFail(loop.body, known)
            case .whileLoop(let cond, _, let body), .repeatLoop(let body, let cond, _):
                return blockMayFail(cond, known) || blockMayFail(body, known)
            case .constant, .unary, .binary, .compare, .convert, .math, .select, .load, .store,
                .makeTuple, .extract, .dim, .loadElement, .storeElement, .subview, .print,
                .random, .rngIteration, .atomicAdd, .clock, .callC, .breakLoop, .continueLoop,
                .returnValue:
                return false
            }
        }
    }
}
