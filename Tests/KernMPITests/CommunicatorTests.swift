import KernMPI
import Testing

/// The Swift communicator in a process without an MPI launcher: rank 0 of 1, the same
/// block order as the Kern built-in, errors thrown (multi-rank runs: scripts/test-mpi.sh).
@Suite struct CommunicatorTests {
    let world = Communicator.world

    @Test func singleRank() throws {
        #expect(try world.rank() == 0)
        #expect(try world.size() == 1)
        #expect(try world.block(of: 10) == 0..<10)
        try world.barrier()
        #expect(try world.allreduce(2.5, .sum) == 2.5)
        #expect(try world.allreduce(-3, .min) == -3)
        #expect(!world.isActive)
    }

    @Test func distributedSumIsBlocked() throws {
        let xs = (0..<3000).map { 1.0 / Double($0 + 1) }
        // The Kern file test Tests/Cases/mpi/single_rank.kern prints the same value.
        #expect(try world.allreduce(xs, .sum) == 8.583749889959185)
        #expect(try world.allreduce([Int](), .min) == .max)
        #expect(try world.allreduce([3, 9, 4], .max) == 9)
    }

    @Test func arraysAndErrors() throws {
        var a: [Float] = [1, 2]
        try world.broadcast(&a, from: 0)
        #expect(a == [1, 2])
        var d: [Double] = [1.5, -2]
        try world.allreduce(elementwise: &d, .sum)
        #expect(d == [1.5, -2])
        #expect(throws: MPIError(message: "rank 0 cannot send to itself")) {
            try world.send(d, to: 0)
        }
        #expect(throws: MPIError(message: "receive from rank 1, but the job has 1 rank (0..<1)")) {
            try world.receive(&a, from: 1)
        }
    }
}
