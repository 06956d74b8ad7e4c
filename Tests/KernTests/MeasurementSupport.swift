import Foundation

/// The fastest of `runs` timed calls of `body`, in seconds, after one untimed warm-up
/// call: what the opt-in cost measurements (`KERN_MEASURE=1`) of this target report.
func fastestSeconds(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }
    return best
}
