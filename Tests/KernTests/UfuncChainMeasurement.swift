import Foundation
import Testing

@testable import Kern

/// The issue-17 chain `sqrt(x*x + y*y) * exp(-z)` over 2^24 Doubles as three `@vectorize`
/// functions, called from Swift (run with `KERN_MEASURE=1 swift test --filter UfuncChain`;
/// peers: Benchmarks/python/bench_ufunc_chain.py, same inputs). Median of 11 calls after a
/// warm-up, 1 and 2 threads; results read as a Tensor (no copy).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"))
struct UfuncChainMeasurement {
    static let source = """
        @vectorize
        func sq(x: Double) -> Double { x * x }

        @vectorize
        func add(a: Double, b: Double) -> Double { a + b }

        @vectorize
        func damp(v: Double, z: Double) -> Double { sqrt(v) * exp(-z) }

        func chain(x: [Double], y: [Double], z: [Double]) -> [Double] {
            damp(add(sq(x), sq(y)), z)
        }

        // The same chain as one @vectorize function, called from Swift with arrays.
        @vectorize
        func fused(x: Double, y: Double, z: Double) -> Double { damp(add(sq(x), sq(y)), z) }
        """

    func medianMs(_ body: () throws -> Void) rethrows -> Double {
        try body()
        var times: [Double] = []
        for _ in 0..<11 {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-6)
        }
        return times.sorted()[times.count / 2]
    }

    @Test func chainFromSwift() throws {
        let module = try KernModule.compile(source: Self.source)
        let n = 1 << 24
        let x = Tensor<Double>((0..<n).map { Double($0 % 1000) * 0.001 })
        let y = Tensor<Double>((0..<n).map { Double($0 % 777) * 0.002 })
        let z = Tensor<Double>((0..<n).map { Double($0 % 13) * 0.05 })
        var checksum = 0.0
        for threads in [1, 2] {
            let chain = try #require(module["chain"]).with(threads: threads)
            let damp = try #require(module["damp"]).with(threads: threads)
            let sq = try #require(module["sq"]).with(threads: threads)
            let add = try #require(module["add"]).with(threads: threads)
            var last: Tensor<Double>?
            let fused = try medianMs { last = try chain(x, y, z).tensor(of: Double.self) }
            checksum = last.map { r in r.withUnsafeBufferPointer { $0.reduce(0, +) } } ?? 0
            // From Swift, one elementwise call per function: two temporaries.
            let stepwise = try medianMs {
                let a = try sq(x).tensor(of: Double.self)
                let b = try sq(y).tensor(of: Double.self)
                let c = try add(a, b).tensor(of: Double.self)
                _ = try damp(c, z).tensor(of: Double.self)
            }
            let vectorized = try #require(module["fused"]).with(threads: threads)
            let fromSwift = try medianMs { last = try vectorized(x, y, z).tensor(of: Double.self) }
            let out = try Tensor<Double>(shape: [n], repeating: 0)
            let intoOut = try medianMs { try vectorized(x, y, z, out: out) }
            print(
                String(
                    format:
                        "Kern @vectorize chain, %d thread%@: fused in a kernel %.2f ms, four calls from Swift %.2f ms, one @vectorize call from Swift: new array %.2f ms, out: %.2f ms; checksum %.6f",
                    threads, threads == 1 ? "" : "s", fused, stepwise, fromSwift, intoOut, checksum))
        }
    }
}
