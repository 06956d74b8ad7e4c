/// `:time EXPR`: runs an expression (or declaration-free statements) repeatedly.
///
/// The code is compiled once, before timing; the first run is a warm-up. Runs repeat
/// until about `budget` of wall time or `maxRuns` have passed (at least `minRuns`).
/// Prints the median and the minimum, and a throughput figure: the bytes of the arrays
/// the input uses, per median run — a memory-bandwidth view that fits streaming kernels
/// (for compute-bound kernels read it as a rate, not as bandwidth used).
import Foundation
import Kern
import KernIRGen

extension REPLSession {
    static let timingBudget: Duration = .milliseconds(500)
    static let minRuns = 5
    static let maxRuns = 10_000

    func time(_ input: String) -> [REPLMessage] {
        guard !input.isEmpty else {
            return [REPLMessage(.error, "error: :time needs an expression")]
        }
        switch probe(input) {
        case .failure(let f): return [f.message]
        case .success(let probed):
            guard probed.plan.steps.count == 1,
                case .statements(let statements, let scalars, let hasResult) = probed.plan.steps[0],
                scalars.isEmpty
            else {
                return [
                    REPLMessage(
                        .error,
                        "error: :time takes an expression or statements without top-level declarations"
                    )
                ]
            }
            let segment: PreparedSegment
            do {
                segment = try prepare(
                    InputSegment(
                        statements: statements, result: hasResult ? .lastExpression : .none),
                    newScalars: [], probed)
                _ = try segment.function.call(segment.arguments)
            } catch {
                return [rendered(runtime: error)]
            }
            let clock = ContinuousClock()
            var samples: [Duration] = []
            let start = clock.now
            do {
                while samples.count < Self.minRuns
                    || (samples.count < Self.maxRuns && clock.now - start < Self.timingBudget)
                {
                    let t0 = clock.now
                    _ = try segment.function.call(segment.arguments)
                    samples.append(clock.now - t0)
                }
            } catch {
                return [rendered(runtime: error)]
            }
            samples.sort()
            let median = samples[samples.count / 2]
            var text =
                "median \(Self.format(median)), min \(Self.format(samples[0])) over \(samples.count) runs"
            let seconds = Self.seconds(median)
            if segment.arrayBytes > 0, seconds > 0 {
                text += String(
                    format: ", %.2f GB/s over %@ of arrays",
                    Double(segment.arrayBytes) / seconds / 1e9,
                    Self.formatBytes(segment.arrayBytes))
            }
            return [REPLMessage(.info, text)]
        }
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }

    static func format(_ d: Duration) -> String {
        let s = seconds(d)
        if s >= 1 { return String(format: "%.3f s", s) }
        if s >= 1e-3 { return String(format: "%.3f ms", s * 1e3) }
        return String(format: "%.2f µs", s * 1e6)
    }

    static func formatBytes(_ n: Int) -> String {
        if n >= 1 << 20 { return String(format: "%.1f MB", Double(n) / 1e6) }
        if n >= 1 << 10 { return String(format: "%.1f kB", Double(n) / 1e3) }
        return "\(n) bytes"
    }
}
