// kern_mpi.c in a process not started by an MPI launcher (LANGUAGE.md §12): rank 0 of 1,
// no MPI library opened, and the same block order for distributed reductions as the
// interpreter (Interpreter+MPI.swift). The multi-rank paths run under mpirun in
// scripts/test-mpi.sh (`make test-mpi`).

import Foundation
import KernRuntime
import Testing

@Suite struct MPISingleRankTests {
    /// Blocks of KERN_MPI_BLOCK elements, each combined from its first element, then the
    /// blocks in order.
    static func blockedSum(_ xs: [Double]) -> Double {
        var total: Double?
        for start in stride(from: 0, to: xs.count, by: Int(KERN_MPI_BLOCK)) {
            let block = xs[start..<min(start + Int(KERN_MPI_BLOCK), xs.count)]
            let v = block.dropFirst().reduce(block.first!, +)
            total = total.map { $0 + v } ?? v
        }
        return total ?? 0
    }

    func message(_ ctx: KernCallContext) -> String {
        ctx.error.message.map { String(cString: $0) } ?? ""
    }

    @Test func rankSizeAndScalarsWithoutALauncher() {
        #expect(ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_SIZE"] == nil)
        var ctx = KernCallContext()
        #expect(kern_rt_mpi_query(&ctx, KERN_MPI_RANK, 1, 1) == 0)
        #expect(kern_rt_mpi_query(&ctx, KERN_MPI_SIZE, 1, 1) == 1)
        #expect(kern_rt_mpi_query(&ctx, KERN_MPI_BARRIER, 1, 1) == 0)
        #expect(kern_rt_mpi_allreduce_f64(&ctx, -0.5, KERN_MPI_SUM, 1, 1) == -0.5)
        #expect(kern_rt_mpi_allreduce_i64(&ctx, .min, KERN_MPI_MAX, 1, 1) == .min)
        #expect(ctx.error.kind == Int32(KERN_OK.rawValue))
        #expect(kern_mpi_active() == 0)
        #expect(kern_mpi_launch_rank() == -1)
        kern_mpi_abort(1)  // not active: returns
    }

    @Test(arguments: [0, 1, 1023, 1024, 1025, 3000, 5121])
    func distributedSumUsesFixedBlocks(count: Int) {
        let xs = (0..<count).map { 1.0 / Double($0 + 1) }
        var ctx = KernCallContext()
        let sum = xs.withUnsafeBufferPointer {
            kern_rt_mpi_reduce_f64(&ctx, $0.baseAddress, Int64(count), 1, KERN_MPI_SUM, 1, 1)
        }
        #expect(sum.bitPattern == Self.blockedSum(xs).bitPattern)
        // Strided: every other element.
        let strided = xs.withUnsafeBufferPointer {
            kern_rt_mpi_reduce_f64(&ctx, $0.baseAddress, Int64(count / 2), 2, KERN_MPI_MAX, 1, 1)
        }
        let expected = count / 2 == 0 ? -Double.infinity : stride(from: 0, to: count / 2 * 2, by: 2).map { xs[$0] }.max()!
        #expect(strided == expected)
        #expect(ctx.error.kind == Int32(KERN_OK.rawValue))
    }

    @Test func emptyIntegerReductionsGiveTheIdentity() {
        var ctx = KernCallContext()
        var none: [Int64] = []
        let base = none.withUnsafeMutableBufferPointer { $0.baseAddress }
        #expect(kern_rt_mpi_reduce_i64(&ctx, base, 0, 1, KERN_MPI_SUM, 1, 1) == 0)
        #expect(kern_rt_mpi_reduce_i64(&ctx, base, 0, 1, KERN_MPI_MIN, 1, 1) == .max)
        #expect(kern_rt_mpi_reduce_i64(&ctx, base, 0, 1, KERN_MPI_MAX, 1, 1) == .min)
        let xs: [Int64] = [.max, 1, 5]
        #expect(xs.withUnsafeBufferPointer {
            kern_rt_mpi_reduce_i64(&ctx, $0.baseAddress, 3, 1, KERN_MPI_SUM, 1, 1)
        } == Int64.min &+ 5)  // wraps, as Kern's +
    }

    @Test func misuseFailsWithAMessage() {
        var ctx = KernCallContext()
        var a: [Double] = [1, 2]
        a.withUnsafeMutableBufferPointer {
            kern_rt_mpi_array(
                &ctx, KERN_MPI_SEND, 8 | KERN_MPI_FLOATING, $0.baseAddress, 2, 1, 1, 1, 0, 3, 4)
        }
        #expect(ctx.error.kind == Int32(KERN_ERR_MPI.rawValue))
        #expect(ctx.error.line == 3 && ctx.error.column == 4)
        #expect(message(ctx) == "rank 0 cannot send to itself")

        var inPrange = KernCallContext()
        inPrange.parallel_depth = 1
        _ = kern_rt_mpi_query(&inPrange, KERN_MPI_RANK, 1, 1)
        #expect(message(inPrange) == "MPI built-ins cannot run inside a prange loop")

        var badRoot = KernCallContext()
        a.withUnsafeMutableBufferPointer {
            kern_rt_mpi_array(
                &badRoot, KERN_MPI_BROADCAST, 8 | KERN_MPI_FLOATING, $0.baseAddress, 2, 1, 1, 1, -1,
                1, 1)
        }
        #expect(message(badRoot) == "broadcast from rank -1, but the job has 1 rank (0..<1)")

        var halo = KernCallContext()
        a.withUnsafeMutableBufferPointer {
            kern_rt_mpi_array(&halo, KERN_MPI_HALO, 8, $0.baseAddress, 2, 1, 1, 1, 0, 1, 1)
        }
        #expect(halo.error.kind == Int32(KERN_ERR_MPI.rawValue))
        #expect(a == [1, 2])
    }
}
