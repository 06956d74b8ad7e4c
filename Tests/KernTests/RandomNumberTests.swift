import Foundation
import Kern
import KernIR
import Testing

/// Random numbers and `atomicAdd` through the whole pipeline (LANGUAGE.md §8): compiled
/// draws equal the reference generator bit for bit, do not depend on the thread count,
/// depend on the seed, pass statistical sanity checks, and vectorize.
struct RandomNumberTests {
    static let source = """
        func serial(out: inout [Double]) {
            for i in 0..<out.count { out[i] = Double.random(in: 0..<1) }
        }

        func parallel(out: inout [Double]) {
            for i in prange(out.count) { out[i] = Double.random(in: 0..<1) }
        }

        func mixed(u: inout [Double], z: inout [Double], k: inout [Int], f: inout [Float]) {
            for i in prange(u.count) {
                u[i] = Double.random(in: -3..<5)
                z[i] = randomNormal()
                k[i] = Int.random(in: 0..<10)
                f[i] = Float.random(in: 0..<1)
            }
        }

        func count(n: Int, bins: inout [Int]) {
            for i in prange(n) {
                atomicAdd(&bins[(i * 7919) % bins.count], 1)
            }
        }
        """

    static let module = Result { try KernModule.compile(source: source, fileName: "random.kern") }

    func function(_ name: String, seed: UInt64 = 0, threads: Int = 2) throws -> KernFunction {
        try Self.module.get().function(named: name).with(seed: seed, threads: threads)
    }

    @Test func serialDrawsAreTheReferenceStream() throws {
        var out = [Double](repeating: 0, count: 1000)
        try function("serial", seed: 12345)(&out)
        let expected = (0..<1000).map { i in
            RandomValues.uniform(
                0.0, 1.0, Philox.draw(seed: 12345, ordinal: UInt64(i), iteration: 0).0)
        }
        #expect(out == expected)
    }

    /// Iteration i of the call's first prange: region 1, ordinal 2^40, iteration i.
    @Test func prangeIterationsOwnTheirStreams() throws {
        var out = [Double](repeating: 0, count: 100_000)
        try function("parallel", seed: 99)(&out)
        let mismatches = out.indices.filter { i in
            out[i]
                != RandomValues.uniform(
                    0.0, 1.0, Philox.draw(seed: 99, ordinal: 1 << 40, iteration: UInt64(i)).0)
        }
        #expect(mismatches.isEmpty)
    }

    @Test(arguments: [1, 2, 3, 8])
    func drawsDoNotDependOnTheThreadCount(threads: Int) throws {
        let n = 200_003
        func run(_ threads: Int) throws -> ([Double], [Double], [Int], [Float]) {
            var u = [Double](repeating: 0, count: n)
            var z = [Double](repeating: 0, count: n)
            var k = [Int](repeating: 0, count: n)
            var f = [Float](repeating: 0, count: n)
            try function("mixed", seed: 7, threads: threads)(&u, &z, &k, &f)
            return (u, z, k, f)
        }
        let one = try run(1)
        let many = try run(threads)
        #expect(one.0 == many.0)
        #expect(one.1.map(\.bitPattern) == many.1.map(\.bitPattern))
        #expect(one.2 == many.2)
        #expect(one.3 == many.3)
    }

    @Test func theSeedSelectsTheStream() throws {
        var a = [Double](repeating: 0, count: 1000)
        var b = a
        var c = a
        try function("parallel", seed: 1)(&a)
        try function("parallel", seed: 2)(&b)
        try function("parallel", seed: 1)(&c)
        #expect(a == c)
        #expect(zip(a, b).filter { $0 == $1 }.count == 0)
    }

    @Test func distributionsPassSanityChecks() throws {
        let n = 500_000
        var u = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n)
        var k = [Int](repeating: 0, count: n)
        var f = [Float](repeating: 0, count: n)
        try function("mixed", seed: 2024)(&u, &z, &k, &f)

        let inRange = u.allSatisfy { $0 >= -3 && $0 < 5 }
        #expect(inRange)
        let um = u.reduce(0, +) / Double(n)
        let uv = u.map { ($0 - um) * ($0 - um) }.reduce(0, +) / Double(n)
        #expect(abs(um - 1) < 0.02)  // mean 1, standard error 0.0033
        #expect(abs(uv - 64.0 / 12) < 0.05)  // variance 5.333, standard error 0.0067

        let zm = z.reduce(0, +) / Double(n)
        let zv = z.map { ($0 - zm) * ($0 - zm) }.reduce(0, +) / Double(n)
        #expect(abs(zm) < 0.006)
        #expect(abs(zv - 1) < 0.01)
        let finite = z.allSatisfy { $0.isFinite }
        #expect(finite)

        // Chi-square of the ten integer values: 9 degrees of freedom, P(> 30) < 0.0005.
        var counts = [Int](repeating: 0, count: 10)
        for v in k { counts[v] += 1 }
        let e = Double(n) / 10
        let chi2 = counts.map { (Double($0) - e) * (Double($0) - e) / e }.reduce(0, +)
        #expect(chi2 < 30)
        let unit = f.allSatisfy { $0 >= 0 && $0 < 1 }
        #expect(unit)

        // Neighbouring iterations are uncorrelated (standard error 1/sqrt(n) = 0.0014).
        func correlation(_ x: [Double]) -> Double {
            let m = x.reduce(0, +) / Double(x.count)
            var num = 0.0
            var den = 0.0
            for i in 0..<(x.count - 1) { num += (x[i] - m) * (x[i + 1] - m) }
            for v in x { den += (v - m) * (v - m) }
            return num / den
        }
        #expect(abs(correlation(u)) < 0.007)
        #expect(abs(correlation(z)) < 0.007)
    }

    @Test func atomicAddCountsExactlyUnderContention() throws {
        let f = try function("count", threads: 8)
        for _ in 0..<20 {
            var bins = [Int](repeating: 0, count: 3)
            try f(300_000, &bins)
            #expect(bins == [100_000, 100_000, 100_000])
        }
    }

    @Test func aDrawingLoopVectorizes() throws {
        let ir = try Self.module.get().llvmIR
        // The Philox rounds of the outlined `parallel` body work on vectors of i64.
        #expect(ir.contains(" x i64>"))
        #expect(ir.contains("atomicrmw add"))
    }
}
