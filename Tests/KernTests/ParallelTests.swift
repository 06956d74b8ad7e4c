import Foundation
import Testing

@testable import Kern

/// `prange` on the thread pool (LANGUAGE.md §7): results bitwise identical for any
/// thread count, errors independent of the schedule, many host threads at once.
struct ParallelTests {
    static let source = """
        func stats(x: [Double]) -> (Double, Double, Double) {
            var s = 0.0
            var lo = Double.infinity
            var hi = -Double.infinity
            for i in prange(x.count) {
                s += x[i] * 1.1
                lo = min(lo, x[i])
                hi = max(hi, x[i] * 0.5)
            }
            return (s, lo, hi)
        }

        func histogram(x: [Double], bins: inout [Double]) {
            var h = [Double](repeating: 0, count: bins.count)
            for i in prange(x.count) {
                let b = Int(x[i] * Double(bins.count))
                h[b] += x[i]
            }
            for b in 0..<bins.count { bins[b] = h[b] }
        }

        func countAndXor(n: Int) -> (Int, Int) {
            var c = 0
            var x = 0
            for i in prange(n) {
                if i % 3 == 0 { c += 1 }
                x ^= i * 2654435761
            }
            return (c, x)
        }

        func firstZero(x: [Int]) -> Int {
            var s = 0
            for i in prange(x.count) { s += 100 / x[i] }
            return s
        }

        func fill(out: inout [Double]) {
            for i in prange(out.count) { out[i] = sqrt(Double(i)) }
        }

        func sweep(src: [[Double]], dst: inout [[Double]]) {
            for i in prange(1..<src.shape(0) - 1) {
                for j in 1..<src.shape(1) - 1 {
                    dst[i, j] = 0.25 * (src[i - 1, j] + src[i + 1, j] + src[i, j - 1] + src[i, j + 1])
                }
            }
        }
        """

    static let module = Result { try KernModule.compile(source: source, fileName: "parallel.kern") }
    static let input = (0..<1_000_003).map { i in Double((i &* 7919) % 1_000_003) / 1_000_003.0 }

    func function(_ name: String, threads: Int) throws -> KernFunction {
        try Self.module.get().function(named: name).with(seed: 0, threads: threads)
    }

    @Test(arguments: [2, 3, 8])
    func floatingReductionsAreBitwiseIdenticalToOneThread(threads: Int) throws {
        let one = try function("stats", threads: 1)(Self.input).as((Double, Double, Double).self)
        let many = try function("stats", threads: threads)(Self.input).as(
            (Double, Double, Double).self)
        #expect(one.0.bitPattern == many.0.bitPattern)
        #expect(one.1 == many.1 && one.2 == many.2)
        // And they are the right numbers (not bitwise the serial sum: reassociated).
        let serial = Self.input.reduce(0) { $0 + $1 * 1.1 }
        #expect(abs(one.0 - serial) / serial < 1e-12)
        #expect(one.1 == Self.input.min() && one.2 == Self.input.max()! * 0.5)
    }

    @Test(arguments: [2, 3, 8])
    func arrayReductionsAreBitwiseIdenticalToOneThread(threads: Int) throws {
        var one = [Double](repeating: 0, count: 64)
        var many = [Double](repeating: 0, count: 64)
        try function("histogram", threads: 1)(Self.input, &one)
        try function("histogram", threads: threads)(Self.input, &many)
        #expect(one.map(\.bitPattern) == many.map(\.bitPattern))
        #expect(abs(one.reduce(0, +) - Self.input.reduce(0, +)) < 1e-6)
    }

    @Test func integerReductions() throws {
        for threads in [1, 2, 3, 8] {
            let (c, x) = try function("countAndXor", threads: threads)(1_000_000).as(
                (Int, Int).self)
            #expect(c == 333_334)
            #expect(x == (0..<1_000_000).reduce(0) { $0 ^ ($1 &* 2_654_435_761) })
        }
    }

    /// Two zeros far apart: the error of the lowest iteration wins, for any schedule.
    @Test func errorsComeFromTheLowestFailingIteration() throws {
        var x = [Int](repeating: 1, count: 200_000)
        x[150_000] = 0
        x[7_000] = 0
        for threads in [1, 2, 3, 8] {
            for _ in 0..<5 {
                #expect {
                    try function("firstZero", threads: threads)(x)
                } throws: { error in
                    guard case KernError.runtime(let kind, _, let position, _, _) = error else {
                        return false
                    }
                    return kind == .divisionByZero && position.line == 34 && position.column == 41
                }
            }
        }
        // The pool is usable afterwards.
        x[150_000] = 1
        x[7_000] = 1
        #expect(try function("firstZero", threads: 2)(x).as(Int.self) == 20_000_000)
    }

    /// A `prange` without reductions or per-element math launches with
    /// kern_parallel_for_ranges (its iterations split evenly over the threads); one with
    /// reductions keeps whole blocks, which its partial results are indexed by.
    @Test func loopsWithoutReductionsLaunchAsRangesOthersAsBlocks() throws {
        let ir = try Self.module.get().llvmIR
        func definition(_ name: String) throws -> String {
            let start = try #require(ir.range(of: "@kern_entry_\(name)("), "no \(name)")
            let rest = ir[start.upperBound...]
            return String(rest[..<(rest.range(of: "\ndefine ")?.lowerBound ?? rest.endIndex)])
        }
        for name in ["sweep"] {
            let body = try definition(name)
            #expect(body.contains("@kern_parallel_for_ranges("), "\(name)")
            #expect(!body.contains("@kern_parallel_for("), "\(name)")
        }
        // `fill` has no reduction but calls sqrt: math functions may round an element in a
        // vector group differently from a scalar remainder, so fixed blocks keep it the same
        // for any thread count.
        for name in ["stats", "histogram", "countAndXor", "firstZero", "fill"] {
            let body = try definition(name)
            #expect(body.contains("@kern_parallel_for("), "\(name)")
            #expect(!body.contains("@kern_parallel_for_ranges("), "\(name)")
        }
    }

    /// Ranges cut anywhere (20 rows on 2 threads: 10 and 10, not a block of 16 and one of
    /// 4), yet every thread count writes the same grid, equal to the serial sweep.
    @Test func stencilSweepIsTheSameForAnyThreadCount() throws {
        for (rows, cols) in [(3, 3), (4, 9), (18, 7), (22, 33), (250, 250), (1001, 5)] {
            let src = try Tensor<Double>(
                shape: [rows, cols],
                elements: (0..<rows * cols).map { Double(($0 * 7 + 13) % 101) / 100 })
            var expected = [Double](repeating: -1, count: rows * cols)
            for i in 1..<rows - 1 {
                for j in 1..<cols - 1 {
                    let s = src[i - 1, j] + src[i + 1, j] + src[i, j - 1] + src[i, j + 1]
                    expected[i * cols + j] = 0.25 * s
                }
            }
            for threads in [1, 2, 3, 8] {
                let dst = try Tensor<Double>(shape: [rows, cols], repeating: -1)
                try function("sweep", threads: threads)(src, dst)
                #expect(
                    dst.array.map(\.bitPattern) == expected.map(\.bitPattern),
                    "\(rows)x\(cols), \(threads) threads")
            }
        }
    }

    /// 8 Swift threads, each calling parallel kernels many times at once.
    @Test func manyHostThreadsAtOnce() async throws {
        let expected = try function("stats", threads: 1)(Self.input).as(
            (Double, Double, Double).self
        ).0
        let small = Array(Self.input.prefix(20_000))
        let smallExpected = try function("stats", threads: 1)(small).as(
            (Double, Double, Double).self
        ).0
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for t in 0..<8 {
                group.addTask {
                    let stats = try self.function("stats", threads: 2)
                    let fill = try self.function("fill", threads: 2)
                    var ok = true
                    for k in 0..<1_000 {
                        if k % 100 == t {
                            let big = try stats(Self.input).as((Double, Double, Double).self).0
                            ok = ok && big == expected
                        }
                        let s = try stats(small).as((Double, Double, Double).self).0
                        ok = ok && s == smallExpected
                        var out = [Double](repeating: -1, count: 1000)
                        try fill(&out)
                        ok = ok && out[999] == sqrt(999.0)
                    }
                    return ok
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
