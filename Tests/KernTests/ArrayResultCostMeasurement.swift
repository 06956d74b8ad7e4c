import Foundation
import Testing

@testable import Kern

/// What receiving an array result costs on the Swift side (run with
/// `KERN_MEASURE=1 swift test --filter ArrayResultCost`): a call returning 2^24 Doubles
/// read as a `Tensor` (shares the runtime's storage) vs as `[Double]` (one copy), and the
/// same computation into a preallocated `inout` array. Minimum of 9 calls, 1 thread.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"))
struct ArrayResultCostMeasurement {
    static let source = """
        @vectorize
        func hyp(x: Double, y: Double) -> Double { sqrt(x * x + y * y) }

        func into(x: [Double], y: [Double], z: inout [Double]) { hyp(x, y, out: &z) }

        // The elementwise result as a kernel allocates it: no fill pass (now)...
        func fresh(x: [Double], y: [Double]) -> [Double] { hyp(x, y) }

        // ...and as it did before: every element zeroed, then overwritten.
        func zeroedFirst(x: [Double], y: [Double]) -> [Double] {
            var z = [Double](repeating: 0, count: x.count)
            hyp(x, y, out: &z)
            return z
        }
        """

    @Test func tensorVersusSwiftArray() throws {
        let module = try KernModule.compile(
            source: Self.source, options: CompileOptions(threads: 1))
        let hyp = try #require(module["hyp"])
        let into = try #require(module["into"])
        let n = 1 << 24
        let x = Tensor<Double>((0..<n).map { Double($0 % 1000) })
        let y = Tensor<Double>((0..<n).map { Double($0 % 777) })
        let z = try Tensor<Double>(shape: [n], repeating: 0)
        var sink = 0.0
        let tensor = try fastestSeconds(of: 9) {
            sink += try hyp(x, y).tensor(of: Double.self)[n - 1]
        }
        let array = try fastestSeconds(of: 9) { sink += try hyp(x, y).as([Double].self)[n - 1] }
        let preallocated = try fastestSeconds(of: 9) {
            _ = try into(x, y, z)
            sink += z[n - 1]
        }
        print(
            String(
                format:
                    "2^24 Doubles, 1 thread: Tensor (no copy) %.2f ms, [Double] (one copy) %.2f ms, inout into a Tensor %.2f ms (sink %g)",
                tensor * 1e3, array * 1e3, preallocated * 1e3, sink))
        #expect(tensor < array, "sharing the storage must beat copying it")
    }

    /// The fill pass `allocArray … uninitialized` removes: `fresh` (a new elementwise result,
    /// not filled) against `zeroedFirst` (zeroed, then written: the old lowering), called
    /// alternately so load hits both alike; median of 15, 1 and 2 threads.
    @Test func fillPassBeforeAndAfter() throws {
        let module = try KernModule.compile(source: Self.source)
        let n = 1 << 24
        let x = Tensor<Double>((0..<n).map { Double($0 % 1000) })
        let y = Tensor<Double>((0..<n).map { Double($0 % 777) })
        for threads in [1, 2] {
            let fresh = try #require(module["fresh"]).with(threads: threads)
            let zeroed = try #require(module["zeroedFirst"]).with(threads: threads)
            var a: [Double] = []
            var b: [Double] = []
            func time(_ f: KernFunction) throws -> Double {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try f(x, y)
                return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-6
            }
            _ = try time(fresh)
            _ = try time(zeroed)
            for _ in 0..<15 {
                a.append(try time(fresh))
                b.append(try time(zeroed))
            }
            let median = { (v: [Double]) in v.sorted()[v.count / 2] }
            print(
                String(
                    format:
                        "2^24 Doubles, %d thread(s): new elementwise result without fill %.2f ms, zeroed first %.2f ms (median of 15, alternating)",
                    threads, median(a), median(b)))
        }
    }
}
