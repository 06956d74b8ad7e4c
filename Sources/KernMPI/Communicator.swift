import KernRuntime

/// Kern's MPI from Swift (issue 19.2): the job's ranks, for a Swift program that runs
/// kernels on its shard of the data and combines the results. The same runtime as the
/// Kern built-ins (LANGUAGE.md §12, KernRuntime's kern_mpi.c): Open MPI is opened at run
/// time under an MPI launcher; without one the process is rank 0 of 1 and nothing is
/// loaded.
///
/// ```swift
/// let world = Communicator.world
/// let mine = try world.block(of: n)                  // this rank's part of 0..<n
/// let partial = try kernel.call(...)                 // a Kern kernel on the shard
/// let total = try world.allreduce(products, .sum)    // same Double for any rank count
/// ```
/// Call it from one thread at a time (MPI is initialized without thread support).
public struct Communicator: Sendable {
    /// All ranks of the job (`MPI_COMM_WORLD`).
    public static let world = Communicator()

    /// How values are combined: `.min`/`.max` as Swift's `min`/`max`; `Int` sums wrap.
    public enum Operation: Int32, Sendable {
        case sum = 0
        case min = 1
        case max = 2
    }

    /// This process's rank, `0..<size`.
    public func rank() throws(MPIError) -> Int {
        try Int(checked { kern_rt_mpi_query(&$0, KERN_MPI_RANK, 0, 0) })
    }

    /// The number of ranks.
    public func size() throws(MPIError) -> Int {
        try Int(checked { kern_rt_mpi_query(&$0, KERN_MPI_SIZE, 0, 0) })
    }

    /// This rank's block of `0..<count` in Kern's distribution convention: consecutive
    /// blocks in rank order, `count * r / size ..< count * (r + 1) / size`.
    public func block(of count: Int) throws(MPIError) -> Range<Int> {
        let (r, s) = (try rank(), try size())
        return count * r / s..<count * (r + 1) / s
    }

    public func barrier() throws(MPIError) {
        _ = try checked { kern_rt_mpi_query(&$0, KERN_MPI_BARRIER, 0, 0) }
    }

    /// Every rank's value combined in rank order (the same result on every rank).
    public func allreduce(_ value: Double, _ op: Operation) throws(MPIError) -> Double {
        try checked { kern_rt_mpi_allreduce_f64(&$0, value, op.rawValue, 0, 0) }
    }

    public func allreduce(_ value: Int, _ op: Operation) throws(MPIError) -> Int {
        try Int(checked { kern_rt_mpi_allreduce_i64(&$0, Int64(value), op.rawValue, 0, 0) })
    }

    /// One value from every rank's `shard`, read as one global array in rank order,
    /// combined in fixed blocks of global indices: bitwise the same for any rank count.
    public func allreduce(_ shard: [Double], _ op: Operation) throws(MPIError) -> Double {
        try checked { ctx in
            shard.withUnsafeBufferPointer {
                kern_rt_mpi_reduce_f64(&ctx, $0.baseAddress, Int64($0.count), 1, op.rawValue, 0, 0)
            }
        }
    }

    public func allreduce(_ shard: [Int], _ op: Operation) throws(MPIError) -> Int {
        try Int(
            checked { ctx in
                shard.withUnsafeBufferPointer {
                    $0.withMemoryRebound(to: Int64.self) {
                        kern_rt_mpi_reduce_i64(
                            &ctx, $0.baseAddress, Int64($0.count), 1, op.rawValue, 0, 0)
                    }
                }
            })
    }

    /// Element-wise over the ranks, in place (same length on every rank).
    public func allreduce(elementwise values: inout [Double], _ op: Operation) throws(MPIError) {
        try array(&values, KERN_MPI_ALLREDUCE, floating: true, peer: Int64(op.rawValue))
    }

    public func allreduce(elementwise values: inout [Int], _ op: Operation) throws(MPIError) {
        try array(&values, KERN_MPI_ALLREDUCE, floating: false, peer: Int64(op.rawValue))
    }

    /// Rank `root`'s array into every rank's `values` (same length everywhere).
    public func broadcast<T: BitwiseCopyable>(_ values: inout [T], from root: Int) throws(MPIError)
    {
        try array(&values, KERN_MPI_BROADCAST, floating: false, peer: Int64(root))
    }

    /// Blocking send of the whole array to rank `destination`.
    public func send<T: BitwiseCopyable>(_ values: [T], to destination: Int) throws(MPIError) {
        var copy = values
        try array(&copy, KERN_MPI_SEND, floating: false, peer: Int64(destination))
    }

    /// Blocking receive from rank `source` into `values`, whose length must match.
    public func receive<T: BitwiseCopyable>(_ values: inout [T], from source: Int) throws(MPIError)
    {
        try array(&values, KERN_MPI_RECEIVE, floating: false, peer: Int64(source))
    }

    /// Ends the whole job with `code` when MPI is in use (a failed rank must not leave
    /// the others waiting); otherwise does nothing and the caller exits by itself.
    public func abort(code: Int32 = 1) { kern_mpi_abort(code) }

    /// Whether MPI has been initialized by Kern in this process (false for a single rank
    /// without a launcher).
    public var isActive: Bool { kern_mpi_active() != 0 }

    private func array<T>(_ values: inout [T], _ operation: Int32, floating: Bool, peer: Int64)
        throws(MPIError)
    {
        let element = Int32(MemoryLayout<T>.stride) | (floating ? KERN_MPI_FLOATING : 0)
        _ = try checked { ctx in
            values.withUnsafeMutableBytes { raw -> Int32 in
                kern_rt_mpi_array(
                    &ctx, operation, element, raw.baseAddress,
                    Int64(raw.count / MemoryLayout<T>.stride),
                    1, 1, 1, peer, 0, 0)
                return 0
            }
        }
    }

    private func checked<R>(_ body: (inout KernCallContext) -> R) throws(MPIError) -> R {
        var ctx = KernCallContext()
        let result = body(&ctx)
        if ctx.error.kind != 0 {
            throw MPIError(message: ctx.error.message.map { String(cString: $0) } ?? "MPI failed")
        }
        return result
    }
}

/// A failed MPI operation: a bad rank, lengths that differ between ranks, or no MPI
/// library under a launcher (the message says which).
public struct MPIError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { "MPI: \(message)" }
}
