import Foundation
import Kern
import Testing

@testable import KernREPL

/// How long an input takes to answer, end to end through `REPLSession.evaluate`
/// (front end, wrapper compile, call, formatting). Run with `KERN_MEASURE=1`; prints
/// medians, asserts nothing about time (timings depend on the machine).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"))
struct LatencyMeasurements {
    func median(_ label: String, _ session: REPLSession, runs: Int = 15, _ input: (Int) -> String) {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for k in 0..<runs {
            let text = input(k)
            var messages: [REPLMessage] = []
            let d = clock.measure { messages = session.evaluate(text) }
            #expect(!messages.contains { $0.kind == .error }, "\(text): \(messages)")
            let (s, atto) = d.components
            samples.append(Double(s) * 1e3 + Double(atto) / 1e15)
        }
        samples.sort()
        print(
            String(
                format: "latency %-44@ median %6.2f ms  min %6.2f ms  max %6.2f ms",
                label as NSString, samples[runs / 2], samples[0], samples[runs - 1]))
    }

    @Test func oneLineAndMultiStatementInputs() {
        let session = REPLSession()
        _ = session.evaluate(dotSource)
        _ = session.evaluate("func sq(x: Double) -> Double { x * x }")
        _ = session.evaluate("var x = [Double](repeating: 1, count: 1_000_000)")
        _ = session.evaluate("var s = 2.0")
        _ = session.evaluate("1 + 1")  // loads LLVM's code paths once
        median("dot(x, x)  (direct call, 1M elements)", session) { _ in "dot(x, x)" }
        median("x.count  (new wrapper each time)", session) { k in "x.count + \(k)" }
        median("s * 2 + k  (new wrapper)", session) { k in "s * 2 + \(k)" }
        median("dot(x, x) + k  (dot hoisted, new wrapper)", session) { k in "dot(x, x) + \(k)" }
        median("sq(s) + k  (sq hoisted, new wrapper)", session) { k in "sq(s) + \(k).0" }
        median("same expression again (cached)", session) { _ in "dot(x, x) + 1" }
        median("3 statements calling sq (new wrapper)", session) { k in
            "var t = 0.0; for i in 0..<\(k + 10) { t += sq(Double(i)) }; t"
        }
        median("3 statements calling dot (compiles dot)", session, runs: 5) { k in
            "var u = 0.0; for i in 0..<\(k + 1) { u += dot(x, x) }; u"
        }
        median("var y = [Double](repeating: k, count: 1000)", session) { k in
            "var y = [Double](repeating: \(k), count: 1000)"
        }
    }
}
