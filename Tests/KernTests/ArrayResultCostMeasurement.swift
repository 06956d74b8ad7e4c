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
}
