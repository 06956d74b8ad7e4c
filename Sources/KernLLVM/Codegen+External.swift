/// Codegen of extern functions (`Function.external`): Kern functions compiled in an
/// earlier module, such as a REPL session's definitions called from an input.
///
/// In: a call of a function declared with its entry symbol. Out: a call through the
/// entry ABI (`i32 kern_entry_<name>(ptr ctx, params..., ptr result)`, EntryABI) on the
/// caller's own call context, so a runtime error inside the callee is already recorded
/// in it: a failing status leaves through the caller's error exit like any failed call.
/// Results come back in 8-byte slots (a stack buffer in the caller's entry block): a
/// scalar, a tuple's elements, or an array's data pointer and extents (a new array the
/// caller now owns). The JIT binds the symbol to the earlier module's code.
import KernABI
import KernBasics
import KernIR

extension Codegen {
    /// Declares `kern_entry_<name>` of an extern function (external linkage, defined
    /// in another module).
    func declareExternal(_ f: KernIR.Function, symbol: String) -> (fn: LLVMValue, type: LLVMType) {
        let abi = EntryABI.entryArguments(f.params.compactMap(entryParameter)).map {
            llvmType($0, entry: true)
        }
        let type = ctx.functionType(llvmType(EntryABI.statusType), abi)
        let fn = module.function(named: symbol) ?? module.addFunction(symbol, type)
        module.addAttribute(fn, param: nil, ctx.enumAttribute("nounwind"))
        return (fn, type)
    }

    /// Number of 8-byte result slots a function returning `t` fills (EntryABI).
    private func resultSlots(_ t: IRType) -> Int {
        switch t {
        case .void: 0
        case .scalar: 1
        case .tuple(let xs): xs.count
        case .array(_, let rank): rank + 1
        }
    }

    /// A call of extern function `callee`: the value in the internal convention (a
    /// scalar, a tuple struct, or `{ ptr, i64 × rank }` for an array), nil for void.
    func callExternal(_ callee: FunctionID, _ args: [CallArgument]) -> LLVMValue? {
        let target = ir.functions[callee]
        var llvmArgs = [ctxArgument]
        for (arg, param) in zip(args, target.params) {
            switch arg {
            case .value(let v):
                if case .array = function.values[v] {
                    llvmArgs += view(v).abiArguments
                } else if param.type == .scalar(.bool) {
                    llvmArgs.append(b.zext(value(v), ctx.i8))  // Bool is a byte in the entry ABI
                } else {
                    llvmArgs.append(value(v))
                }
            case .slot(let s):
                guard let p = slots[s.index] else { preconditionFailure("KernLLVM: no slot \(s)") }
                llvmArgs.append(p)
            }
        }
        let count = resultSlots(target.returnType)
        let buffer: LLVMValue
        if count == 0 {
            buffer = ctx.null(ctx.ptr)
        } else {
            guard let fn = llvmFunction else {
                preconditionFailure("KernLLVM: call outside a function")
            }
            let type = ctx.structType(Array(repeating: ctx.i64, count: count))
            buffer = b.atEntry(of: fn) { b.alloca(type, "extern.result") }
        }
        llvmArgs.append(buffer)
        let (fn, type) = functions[callee.index]
        let status = b.call(type, fn, llvmArgs)
        let failed = newBlock("extern.failed")
        let ok = newBlock("extern.ok")
        b.condBr(b.icmp(.ne, status, ctx.null(ctx.i32)), failed, ok, weights: Self.unlikely)
        b.position(at: failed)
        markOrigin(of: callee)
        b.br(errorExit())
        b.position(at: ok)
        func slot(_ k: Int, _ t: LLVMType) -> LLVMValue {
            let p =
                k == 0
                ? buffer
                : b.gep(ctx.i8, buffer, ctx.constInt(ctx.i64, UInt64(EntryABI.resultSlotSize * k)))
            return b.load(t, p)
        }
        func scalar(_ k: Int, _ s: ScalarType) -> LLVMValue {
            let v = slot(k, memoryType(s))
            return s == .bool ? b.icmp(.ne, v, ctx.constInt(ctx.i8, 0)) : v
        }
        switch target.returnType {
        case .void:
            return nil
        case .scalar(let s):
            return scalar(0, s)
        case .tuple(let kinds):
            var aggregate = ctx.poison(llvmType(target.returnType))
            for (k, kind) in kinds.enumerated() {
                aggregate = b.insertValue(aggregate, scalar(k, kind), k)
            }
            return aggregate
        case .array(_, let rank):
            var aggregate = ctx.poison(arrayResultType(rank: rank))
            aggregate = b.insertValue(aggregate, slot(0, ctx.ptr), 0)
            for k in 1...rank { aggregate = b.insertValue(aggregate, slot(k, ctx.i64), k) }
            return aggregate
        }
    }

    /// After a failed call of extern `callee`: records in the error (`origin`, unless an
    /// earlier caller did) that its position is in that function's module, k = the
    /// callee's 1-based rank among this module's extern functions.
    private func markOrigin(of callee: FunctionID) {
        let rank = ir.functions.ids.filter { ir.functions[$0].external != nil }
            .firstIndex(of: callee).map { $0 + 1 }
        guard let rank else { preconditionFailure("KernLLVM: @\(callee) is not extern") }
        let record = contextField(.error, of: ctxArgument)
        let field = b.structGEP(
            llvmType(RuntimeABI.errorRecord), record, ErrorRecordField.origin.rawValue)
        let current = b.load(ctx.i32, field)
        let unset = b.icmp(.eq, current, ctx.null(ctx.i32))
        b.store(b.select(unset, ctx.constInt(ctx.i32, UInt64(rank)), current), field)
    }
}
