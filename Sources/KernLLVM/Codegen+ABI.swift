/// LLVM types of the runtime ABI (KernABI's tables): the call context, runtime function
/// types, the entry convention's arguments, and the pointer to the status field.
/// In: ABI descriptions. Out: LLVM types and addresses; nothing here spells a layout.
import KernABI
import KernBasics
import KernIR

extension Codegen {
    /// The LLVM type of a C type of the ABI.
    func llvmType(_ t: ABIType) -> LLVMType {
        switch t {
        case .void: ctx.void
        case .int8: ctx.i8
        case .int32: ctx.i32
        case .int64: ctx.i64
        case .float: ctx.f32
        case .double: ctx.f64
        case .pointer: ctx.ptr
        case .structure(let fields): ctx.structType(fields.map { llvmType($0) })
        }
    }

    func llvmType(_ t: ABIFunctionType) -> LLVMType {
        ctx.functionType(llvmType(t.result), t.parameters.map { llvmType($0) })
    }

    /// `KernCallContext` as LLVM sees it.
    var callContextType: LLVMType { llvmType(RuntimeABI.callContext) }

    /// The address of a field of the call context `context` points to.
    func contextField(_ f: CallContextField, of context: LLVMValue) -> LLVMValue {
        b.structGEP(callContextType, context, f.rawValue)
    }

    /// `&context->error.kind`: the context pointer itself when the status is at offset
    /// 0 (as it is), so the generated code stays a plain load.
    func statusPointer(_ context: LLVMValue) -> LLVMValue {
        let offset = RuntimeABI.statusOffset
        if offset == 0 { return context }
        return b.gep(ctx.i8, context, ctx.constInt(ctx.i64, UInt64(offset)))
    }

    /// The entry-ABI form of an IR parameter; nil for tuples and void, which the IR
    /// verifier rejects as parameter types.
    func entryParameter(_ p: Param) -> EntryParameter<ScalarType>? {
        switch p.type {
        case .scalar(let s): .scalar(s, isInout: p.isInout)
        case .array(let s, let rank): .array(s, rank: rank)
        case .tuple, .void: nil
        }
    }

    /// The C arguments of parameter `index` (see EntryABI).
    func entryArguments(_ p: Param, index: Int) -> [EntryArgument<ScalarType>] {
        entryParameter(p).map { EntryABI.arguments(of: $0, index: index) } ?? []
    }

    /// The LLVM type of one C argument; `entry` selects the entry wrapper's
    /// convention (Bool as i8) over the internal one (Bool as i1).
    func llvmType(_ a: EntryArgument<ScalarType>, entry: Bool) -> LLVMType {
        switch a {
        case .value(_, let s): entry ? memoryType(s) : llvmType(s)
        case .context, .address, .data, .extent, .stride, .result:
            llvmType(a.type { _ in preconditionFailure("scalars are handled above") })
        }
    }
}

extension ArrayView {
    /// The view as the entry ABI passes an array (data, extents, strides: EntryABI).
    var abiArguments: [LLVMValue] {
        EntryABI.arguments(of: .array(element, rank: shape.count), index: 0).map { a in
            switch a {
            case .data: data
            case .extent(_, let axis): shape[axis]
            case .stride(_, let axis): strides[axis]
            case .context, .value, .address, .result:
                preconditionFailure("KernLLVM: \(a) in an array's arguments")
            }
        }
    }

    /// The view an array parameter's arguments (in EntryABI order) describe.
    init(abiArguments values: [LLVMValue], element: ScalarType, rank: Int) {
        var data: LLVMValue?
        var shape = [LLVMValue?](repeating: nil, count: rank)
        var strides = [LLVMValue?](repeating: nil, count: rank)
        let layout = EntryABI.arguments(of: .array(element, rank: rank), index: 0)
        precondition(values.count == layout.count, "KernLLVM: array arguments of rank \(rank)")
        for (a, v) in zip(layout, values) {
            switch a {
            case .data: data = v
            case .extent(_, let axis): shape[axis] = v
            case .stride(_, let axis): strides[axis] = v
            case .context, .value, .address, .result:
                preconditionFailure("KernLLVM: \(a) in an array's arguments")
            }
        }
        let extents = shape.compactMap { $0 }
        let steps = strides.compactMap { $0 }
        guard let data, extents.count == rank, steps.count == rank else {
            preconditionFailure("KernLLVM: incomplete array arguments of rank \(rank)")
        }
        self.init(data: data, shape: extents, strides: steps, element: element)
    }
}
