import KernABI
import KernBasics
import KernIR

/// Codegen of the MPI built-ins (`Op.mpi`): one call of a `kern_rt_mpi_*` runtime
/// function (kern_runtime.h; kern_mpi.c runs it on every rank, or as rank 0 of 1 outside
/// an MPI launcher), then the status test every failing call gets.
extension Codegen {
    func emitMPI(_ operation: MPIOperation, _ args: [ValueID], pos: SourcePos) -> LLVMValue? {
        let position = [
            ctx.constInt(ctx.i32, UInt64(pos.line)), ctx.constInt(ctx.i32, UInt64(pos.column)),
        ]
        func i32(_ v: Int32) -> LLVMValue { ctx.constInt(ctx.i32, UInt64(UInt32(bitPattern: v))) }
        func runtime(_ f: RuntimeFunction, _ arguments: [LLVMValue]) -> LLVMValue {
            let (fn, type) = runtimeFunction(f)
            return b.call(type, fn, [ctxArgument] + arguments + position)
        }
        /// kern_rt_mpi_array(ctx, operation, element, data, n0, n1, s0, s1, peer, ...).
        func arrayOperation(_ code: Int32, peer: LLVMValue) {
            let v = view(args[0])
            let one = ctx.constInt(ctx.i64, 1)
            let element = Int32(v.element.byteSize) | (v.element.isFloating ? 0x100 : 0)
            let (n1, s1) = v.shape.count > 1 ? (v.shape[1], v.strides[1]) : (one, one)
            _ = runtime(
                .mpiArray,
                [i32(code), i32(element), v.data, v.shape[0], n1, v.strides[0], s1, peer])
        }
        let result: LLVMValue?
        switch operation {
        case .rank: result = runtime(.mpiQuery, [i32(0)])
        case .size: result = runtime(.mpiQuery, [i32(1)])
        case .barrier:
            _ = runtime(.mpiQuery, [i32(2)])
            result = nil
        case .allreduce(let op):
            let f: RuntimeFunction =
                scalarKind(args[0]) == .double ? .mpiAllreduceF64 : .mpiAllreduceI64
            result = runtime(f, [value(args[0]), i32(op.runtimeCode)])
        case .reduceArray(let op):
            let v = view(args[0])
            let f: RuntimeFunction = v.element == .double ? .mpiReduceF64 : .mpiReduceI64
            result = runtime(f, [v.data, v.shape[0], v.strides[0], i32(op.runtimeCode)])
        case .allreduceArray(let op):
            arrayOperation(0, peer: ctx.constInt(ctx.i64, UInt64(op.runtimeCode)))
            result = nil
        case .broadcast:
            arrayOperation(1, peer: value(args[1]))
            result = nil
        case .send:
            arrayOperation(2, peer: value(args[1]))
            result = nil
        case .receive:
            arrayOperation(3, peer: value(args[1]))
            result = nil
        case .haloExchange:
            arrayOperation(4, peer: ctx.constInt(ctx.i64, 0))
            result = nil
        }
        testCallStatus()
        return result
    }
}
