import KernBasics

/// The verifier's rules for `mpi.*` operations (MPIOperation's doc comment).
extension FunctionVerifier {
    /// Operands and result of an MPI operation (`MPIOperation`'s doc comment).
    mutating func mpiType(_ o: MPIOperation, _ args: [ValueID]) -> IRType? {
        let arity: Int
        switch o {
        case .rank, .size, .barrier: arity = 0
        case .allreduce, .reduceArray, .allreduceArray, .haloExchange: arity = 1
        case .broadcast, .send, .receive: arity = 2
        }
        guard args.count == arity else {
            error("mpi.\(o.irName) takes \(arity) operands, not \(args.count)")
            return nil
        }
        func reducible(_ k: ScalarType) -> Bool {
            if k == .int64 || k == .double { return true }
            error("mpi.\(o.irName) needs i64 or f64, not \(k.irName)")
            return false
        }
        switch o {
        case .rank, .size: return .scalar(.int64)
        case .barrier: return nil
        case .allreduce:
            guard let k = scalarUse(args[0]), reducible(k) else { return nil }
            return .scalar(k)
        case .reduceArray:
            guard let (k, rank) = arrayUse(args[0]), reducible(k) else { return nil }
            if rank != 1 { error("mpi.\(o.irName) needs a rank-1 array") }
            return .scalar(k)
        case .allreduceArray, .haloExchange, .broadcast, .send, .receive:
            guard let (k, rank) = arrayUse(args[0]) else { return nil }
            if rank > 2 { error("mpi.\(o.irName) needs a rank-1 or rank-2 array") }
            if case .allreduceArray = o { _ = reducible(k) }
            if args.count > 1 { expect(args[1], .int64, "rank") }
            return nil
        }
    }
}
