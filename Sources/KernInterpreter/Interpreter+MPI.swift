import KernBasics
import KernIR

/// The MPI built-ins (`mpi.*`) in the interpreter: always rank 0 of a job of 1, the same
/// answers KernRuntime's kern_mpi.c gives a process started without an MPI launcher
/// (LANGUAGE.md §12), including its errors and its block order for `allreduce(a, op)`.
extension Interpreter {
    /// `KERN_MPI_BLOCK`: global elements per block of a distributed reduction.
    static let mpiBlock = 1024

    func mpi(
        _ operation: MPIOperation, _ args: [ValueID], _ instr: Instr, _ frame: Frame,
        parallelDepth: Int
    ) throws(IRRuntimeError) -> Scalar? {
        func fail(_ message: String) -> IRRuntimeError {
            IRRuntimeError(kind: .mpi, pos: instr.pos, message: "MPI: " + message)
        }
        if parallelDepth > 0 { throw fail("MPI built-ins cannot run inside a prange loop") }
        func peer(_ what: String) throws(IRRuntimeError) -> Int64 {
            let r = scalar(args[1], frame).int64
            if r != 0 { throw fail("\(what) rank \(r), but the job has 1 rank (0..<1)") }
            return r
        }
        switch operation {
        case .rank: return .int(0)
        case .size: return .int(1)
        case .barrier, .allreduceArray: return nil
        case .allreduce: return scalar(args[0], frame)
        case .reduceArray(let op):
            return Self.blockedReduce(
                array(args[0], frame).scalars, op, kind: array(args[0], frame).kind)
        case .broadcast:
            _ = try peer("broadcast from")
            return nil
        case .send:
            _ = try peer("send to")
            throw fail("rank 0 cannot send to itself")
        case .receive:
            _ = try peer("receive from")
            throw fail("rank 0 cannot receive from itself")
        case .haloExchange:
            let n = array(args[0], frame).shape[0]
            if n < 3 {
                throw fail(
                    "haloExchange needs a ghost at each end and at least one row of its own (count >= 3), not \(n)"
                )
            }
            return nil
        }
    }

    /// One rank's `allreduce(a, op)`: blocks of `mpiBlock` elements, each combined from
    /// its first element in order, then the blocks in order (kern_mpi.c's reduceArray).
    static func blockedReduce(_ xs: [Scalar], _ op: ReduceOperator, kind: ScalarType) -> Scalar {
        func combine(_ x: Scalar, _ y: Scalar) -> Scalar {
            if kind == .double {
                let (a, b) = (x.double, y.double)
                switch op {
                case .sum: return .double(a + b)
                case .min: return b < a ? y : x
                case .max: return b >= a ? y : x
                }
            }
            let (a, b) = (x.int64, y.int64)
            switch op {
            case .sum: return .int(a &+ b)
            case .min: return b < a ? y : x
            case .max: return b >= a ? y : x
            }
        }
        guard !xs.isEmpty else {
            switch (op, kind == .double) {
            case (.sum, true): return .double(0)
            case (.min, true): return .double(.infinity)
            case (.max, true): return .double(-.infinity)
            case (.sum, false): return .int(0)
            case (.min, false): return .int(.max)
            case (.max, false): return .int(.min)
            }
        }
        var total: Scalar?
        for start in stride(from: 0, to: xs.count, by: mpiBlock) {
            let block = xs[start..<min(start + mpiBlock, xs.count)]
            let value = block.dropFirst().reduce(block.first!, combine)
            total = total.map { combine($0, value) } ?? value
        }
        return total!
    }
}
