// A Swift program that runs a Kern kernel on its MPI rank's shard and combines the
// shards with KernMPI (issue 19.2). Started by `mpirun -np N`, every rank computes the
// element-wise products of its block of two global vectors with a `prange` kernel; the
// dot product and the largest product are combined over the ranks. Rank 0 prints them.
// The dot product is bitwise the same for any rank count (KernMPI's array allreduce sums
// fixed blocks of global indices), so `scripts/test-mpi.sh` compares the output of 1-4
// ranks with the run without a launcher, byte for byte.
import Kern
import KernMPI

let kernels = try KernModule.compile(source: """
    func products(x: [Double], y: [Double], out: inout [Double]) {
        for i in prange(x.count) { out[i] = x[i] * y[i] }
    }
    """)
let products = try kernels.function(named: "products")

let world = Communicator.world
let n = 1_000_003
let mine = try world.block(of: n)
// The global vectors, generated per element so a rank builds only its own block.
let x = mine.map { Double($0 % 1000) * 0.001 + 0.5 }
let y = mine.map { Double(($0 * 7919) % 1009 + 1) / 1009 }
var shard = [Double](repeating: 0, count: mine.count)
try products(x, y, &shard)

let dot = try world.allreduce(shard, .sum)
let largest = try world.allreduce(shard.max() ?? -.infinity, .max)
if try world.rank() == 0 {
    print("dot \(dot) largest \(largest)")
}
