import Foundation
import Kern
import KernBasics
import KernIRGen
import Testing

@testable import KernREPL

/// How long an input takes to answer, end to end through `REPLSession.evaluate`
/// (front end, compile of the input, call, formatting). Run with `KERN_MEASURE=1`; prints
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
        median("x.count + k  (new input each time)", session) { k in "x.count + \(k)" }
        median("s * 2 + k  (new input)", session) { k in "s * 2 + \(k)" }
        median("dot(x, x) + k  (new input, extern dot)", session) { k in "dot(x, x) + \(k)" }
        median("sq(s) + k  (new input, extern sq)", session) { k in "sq(s) + \(k).0" }
        median("same expression again (cached)", session) { _ in "dot(x, x) + 1" }
        median("3 statements calling sq (new input)", session) { k in
            "var t = 0.0; for i in 0..<\(k + 10) { t += sq(Double(i)) }; t"
        }
        median("3 statements calling dot (extern dot)", session, runs: 5) { k in
            "var u = 0.0; for i in 0..<\(k + 1) { u += dot(x, x) }; u"
        }
        median("var y = [Double](repeating: k, count: 1000)", session) { k in
            "var y = [Double](repeating: \(k), count: 1000)"
        }
    }
}

/// The compile step alone, the way inputs were compiled before (a generated wrapper
/// function as source text, with the definitions it calls appended, compiled whole)
/// and now (`KernModule.compileInput`: the checked input lowered directly, definitions
/// as extern functions), interleaved so both see the same machine load. The wrapper
/// texts are what the removed generator produced for these inputs.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"))
struct InputCompileMeasurements {
    @Test func wrapperSourceVersusDirectInput() throws {
        let session = REPLSession()
        _ = session.evaluate(dotSource)
        _ = session.evaluate("func sq(x: Double) -> Double { x * x }")
        _ = session.evaluate("var x = [Double](repeating: 1, count: 1_000)")
        _ = session.evaluate("var s = 2.0")
        _ = session.evaluate("1 + 1")
        let sq = "func sq(x: Double) -> Double { x * x }"
        var options = CompileOptions()
        options.compileCache = false
        let cases: [(String, (Int) -> String, (Int) -> String, Range<Int>, String?)] = [
            (
                "x.count + k", { k in "x.count + \(k)" },
                { k in
                    "func repl_run(x: inout [Double]) -> Int {\n\nlet __repl_result = (x.count + \(k))\nreturn __repl_result\n}\n"
                }, 0..<1, nil
            ),
            (
                "3 statements calling sq",
                { k in "var t = 0.0; for i in 0..<\(k + 10) { t += sq(Double(i)) }; t" },
                { k in
                    "func repl_run(__o_t: inout [Double]) -> Double {\nvar t = 0.0; for i in 0..<\(k + 10) { t += sq(Double(i)) }\nlet __repl_result = (t)\n__o_t[0] = t\nreturn __repl_result\n}\n\(sq)\n"
                }, 0..<3, "t"
            ),
            (
                "3 statements calling dot",
                { k in "var u = 0.0; for i in 0..<\(k + 1) { u += dot(x, x) }; u" },
                { k in
                    "func repl_run(x: inout [Double], __o_u: inout [Double]) -> Double {\nvar u = 0.0; for i in 0..<\(k + 1) { u += dot(x, x) }\nlet __repl_result = (u)\n__o_u[0] = u\nreturn __repl_result\n}\n\(dotSource)\n"
                }, 0..<3, "u"
            ),
        ]
        let clock = ContinuousClock()
        func ms(_ d: Duration) -> Double {
            let (s, atto) = d.components
            return Double(s) * 1e3 + Double(atto) / 1e15
        }
        for (label, input, wrapper, statements, _) in cases {
            var before: [Double] = []
            var after: [Double] = []
            for k in 0..<15 {
                let old = wrapper(k + 100)
                before.append(
                    ms(clock.measure { _ = try? KernModule.compile(source: old, options: options) }))
                let file = SourceFile(name: "<input>", text: input(k + 100))
                after.append(
                    ms(
                        clock.measure {
                            _ = try? KernModule.compileInput(
                                file, session: session.sessionScope,
                                segment: InputSegment(statements: statements, result: .lastExpression),
                                library: session.library, options: options)
                        }))
            }
            #expect(throws: Never.self) { try KernModule.compile(source: wrapper(0), options: options) }
            before.sort()
            after.sort()
            print(
                String(
                    format: "compile %-28@ wrapper source median %6.2f ms (min %6.2f)   direct median %6.2f ms (min %6.2f)",
                    label as NSString, before[7], before[0], after[7], after[0]))
        }
    }
}
