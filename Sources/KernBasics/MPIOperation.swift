/// The MPI built-ins as one IR operation each (LANGUAGE.md §12; the C side is
/// KernRuntime's kern_mpi.c). Sema picks the case from the call's form, IRGen emits
/// `Op.mpi(operation, operands)`, the interpreter runs it as rank 0 of 1 and codegen calls
/// the runtime, which runs it on every rank of an MPI job.
///
/// Operands and results (the verifier checks them):
/// - `rank`, `size`: none → i64; `barrier`: none → nothing.
/// - `allreduce(op)`: a scalar (i64 or f64) → the same type: every rank's value combined
///   in rank order.
/// - `reduceArray(op)`: a rank-1 array of i64 or f64 → its element type: the elements of
///   every rank's array, read as one global array, in blocks whose boundaries do not
///   depend on the rank count.
/// - `allreduceArray(op)`: a rank-1 or rank-2 array of i64 or f64, combined element-wise
///   in place.
/// - `broadcast`, `send`, `receive`: an array (rank 1 or 2, any element) and a rank (i64).
/// - `haloExchange`: an array (rank 1 or 2) whose first and last rows are ghosts.
public enum MPIOperation: Sendable, Hashable {
    case rank, size, barrier
    case allreduce(ReduceOperator)
    case reduceArray(ReduceOperator)
    case allreduceArray(ReduceOperator)
    case broadcast, send, receive, haloExchange

    /// The IR text's mnemonic after `mpi.`: `rank`, `allreduce.sum`, `reduce.min`, …
    public var irName: String {
        switch self {
        case .rank: "rank"
        case .size: "size"
        case .barrier: "barrier"
        case .allreduce(let op): "allreduce.\(op.rawValue)"
        case .reduceArray(let op): "reduce.\(op.rawValue)"
        case .allreduceArray(let op): "allreduce.array.\(op.rawValue)"
        case .broadcast: "broadcast"
        case .send: "send"
        case .receive: "receive"
        case .haloExchange: "halo"
        }
    }

    /// Every operation, for the IR parser and tests.
    public static var allCases: [MPIOperation] {
        [.rank, .size, .barrier, .broadcast, .send, .receive, .haloExchange]
            + ReduceOperator.allCases.flatMap {
                [.allreduce($0), .reduceArray($0), .allreduceArray($0)]
            }
    }

    public init?(irName: String) {
        guard let op = Self.allCases.first(where: { $0.irName == irName }) else { return nil }
        self = op
    }
}

/// How `allreduce` combines: `.sum`, `.min`, `.max` (min and max as Swift's `min`/`max`).
public enum ReduceOperator: String, Sendable, Hashable, CaseIterable {
    case sum, min, max

    /// `KERN_MPI_SUM` / `MIN` / `MAX` of kern_runtime.h.
    public var runtimeCode: Int32 {
        switch self {
        case .sum: 0
        case .min: 1
        case .max: 2
        }
    }
}
