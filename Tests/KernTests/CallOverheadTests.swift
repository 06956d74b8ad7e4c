import KernRuntime
import KernTestSupport
/// Measures (does not assert) what a libffi call costs on a trivial entry function,
/// against a direct `@convention(c)` call of the same function. Printed for the report.
/// Measured 2026-11-22 on the shared 2-core box (load ~7), release build of the same
/// sources: ~78 ns per `try f(i).as(Int.self)` vs ~2 ns direct; saxpy on 4 elements
/// (3 arguments, 9 C arguments, overlap check) ~182 ns. Debug builds are ~50x slower.
import Testing

@testable import Kern

@Suite struct CallOverheadTests {
    @Test func measureCallOverhead() throws {
        let f = try Entries.increment()
        let batches = 100
        let perBatch = 10_000  // 1e6 calls
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        let clock = ContinuousClock()
        var ffiTimes: [Double] = []
        var checksum = 0
        for _ in 0..<batches {
            let t = clock.measure {
                for i in 0..<perBatch { checksum &+= (try? f(i).as(Int.self)) ?? 0 }
            }
            ffiTimes.append(
                Double(t.components.attoseconds) / 1e9 / Double(perBatch) + Double(
                    t.components.seconds) * 1e9 / Double(perBatch))
        }
        var directTimes: [Double] = []
        var ctx = KernCallContext()
        var result: Int64 = 0
        for _ in 0..<batches {
            let t = clock.measure {
                for i in 0..<perBatch {
                    _ = kern_entry_increment(&ctx, Int64(i), &result)
                    checksum &+= Int(result)
                }
            }
            directTimes.append(
                Double(t.components.attoseconds) / 1e9 / Double(perBatch) + Double(
                    t.components.seconds) * 1e9 / Double(perBatch))
        }
        print(
            "call overhead (median of \(batches) batches of \(perBatch)): KernFunction via libffi \(Int(median(ffiTimes))) ns/call, direct C call \(Int(median(directTimes).rounded())) ns/call [checksum \(checksum)]"
        )
        #expect(checksum != 0)
    }
}
