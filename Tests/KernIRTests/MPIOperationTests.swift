import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// The `mpi.*` operations (MPIOperation): IR text round trip, verifier rules, and the
/// interpreter's one-rank meaning with kern_mpi.c's block order.
let mpiOps = """
    module "mpi.kern"

    export func @f(%0 x: f64, %1 n: i64, inout %2 a: [f64; 1], inout %3 m: [i32; 2]) -> void !1:1 {
      %4 = mpi.rank : i64 !2:3
      %5 = mpi.size : i64
      mpi.barrier
      %6 = mpi.allreduce.sum %0 : f64
      %7 = mpi.allreduce.max %1 : i64
      %8 = mpi.reduce.min %2 : f64
      mpi.allreduce.array.sum %2
      mpi.broadcast %3, %4
      mpi.send %2, %5
      mpi.receive %3, %4
      mpi.halo %3
      return
    }

    """

@Test func mpiOperationsPrintExactlyAsWritten() throws {
    let m = try parseVerified(mpiOps)
    #expect(printModule(m) == mpiOps)
}

@Test func everyMPIOperationHasAUniqueIRName() {
    let names = MPIOperation.allCases.map(\.irName)
    #expect(Set(names).count == names.count)
    for op in MPIOperation.allCases { #expect(MPIOperation(irName: op.irName) == op) }
    #expect(MPIOperation(irName: "allreduce.avg") == nil)
}

@Test func verifierChecksMPIOperands() throws {
    let bad = """
        module "bad.kern"

        export func @f(%0 x: f32, inout %1 m: [i32; 2]) -> void {
          %2 = mpi.allreduce.sum %0 : f32
          mpi.allreduce.array.sum %1
          mpi.send %1
          return
        }

        """
    let errors = verify(try parse(bad)).map(\.description).joined(separator: "\n")
    #expect(errors.contains("mpi.allreduce.sum needs i64 or f64, not f32"))
    #expect(errors.contains("mpi.allreduce.array.sum needs i64 or f64, not i32"))
    #expect(errors.contains("mpi.send takes 2 operands, not 1"))
}

@Test(arguments: [0, 1, 1024, 1025, 2049, 3000])
func interpreterReducesInFixedBlocks(count: Int) {
    let xs = (0..<count).map { Scalar.double(0.1 * Double($0 % 7) - 0.25) }
    var expected: Double?
    for start in stride(from: 0, to: count, by: 1024) {
        let block = xs[start..<min(start + 1024, count)].map(\.double)
        let v = block.dropFirst().reduce(block[0], +)
        expected = expected.map { $0 + v } ?? v
    }
    let got = Interpreter.blockedReduce(xs, .sum, kind: .double)
    #expect(got.double.bitPattern == (expected ?? 0).bitPattern)
}
