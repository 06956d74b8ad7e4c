import BenchCore
import Foundation
import Kern

/// What Kern's deterministic reduction costs: `dot` (fixed blocks whose partial sums are
/// combined in block order, the same bits for any thread count) against `dotPerThread`
/// (one contiguous share per thread, the plain per-thread reduction OpenMP and Numba use), both
/// from ../Kernels/dot.kern, compiled the same way (unchecked, --fast-math so the
/// per-thread version's serial inner loop vectorizes too) and called alternately, so
/// load on the machine hits both alike.
enum DeterminismCost {
    static func metrics(quick: Bool) -> [Metric] {
        var options = CompileOptions()
        options.checked = false
        options.fastMath = true
        guard
            let module = try? KernModule.compile(
                path: KernSuite.kernelsDirectory + "/dot.kern", options: options),
            let blocked = try? module.function(named: "dot"),
            let perThread = try? module.function(named: "dotPerThread")
        else { return [] }
        let n = quick ? 1 << 16 : 1 << 24
        var state: UInt64 = 0x6b65_726e
        func next() -> Double {  // SplitMix64 → [0, 1)
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        let x = (0..<n).map { _ in next() }
        let y = (0..<n).map { _ in next() }
        let threads = ProcessInfo.processInfo.activeProcessorCount
        // A prange without reductions runs blocks of at least 8 iterations, so 8 chunks per
        // thread make one block per thread: each thread sums one contiguous 1/threads of
        // the data, as a per-thread reduction does.
        let chunks = 8 * threads
        let reps = quick ? 3 : 31
        var blockedTimes: [Double] = []
        var perThreadTimes: [Double] = []
        func time(_ body: () throws -> Void) -> Double? {
            let start = DispatchTime.now().uptimeNanoseconds
            guard (try? body()) != nil else { return nil }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
        _ = try? blocked(x, y)
        _ = try? perThread(x, y, chunks)
        for _ in 0..<reps {
            if let t = time({ _ = try blocked(x, y) }) { blockedTimes.append(t) }
            if let t = time({ _ = try perThread(x, y, chunks) }) { perThreadTimes.append(t) }
        }
        guard !blockedTimes.isEmpty, !perThreadTimes.isEmpty else { return [] }
        let median = { (v: [Double]) in v.sorted()[v.count / 2] }
        let group =
            "cost of determinism (dot, 2^\(n.trailingZeroBitCount) Doubles, \(threads) threads, alternating calls)"
        let b = median(blockedTimes)
        let p = median(perThreadTimes)
        return [
            Metric(
                group: group,
                name: "Kern dot: fixed blocks, partials combined in block order, median of \(reps)",
                value: b, unit: "ms"),
            Metric(
                group: group,
                name: "Kern dotPerThread: one contiguous share per thread, median of \(reps)",
                value: p, unit: "ms"),
            Metric(
                group: group, name: "blocked ÷ per-thread − 1 (target ≤ 5 %)",
                value: (b / p - 1) * 100, unit: "%"),
        ]
    }
}
