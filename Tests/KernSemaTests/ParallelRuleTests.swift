import KernBasics
import Testing

@testable import KernSema

/// The `prange` rules of LANGUAGE.md §7: reductions, races, break/return.
@Suite struct ParallelRuleTests {
    func parallelLoop(_ run: SemaRun) -> ForLoopInfo? {
        run.program?.loops.values.first { $0.isParallel }
    }

    @Test func sumReduction() {
        let run = expectAccepted(
            "func f(x: [Double]) -> Double {\n var s = 0.0\n for i in prange(x.count) { s += x[i] * x[i] }\n return s\n}"
        )
        guard let info = parallelLoop(run) else { return }
        #expect(info.reductions == [ScalarReduction(variable: run.local("s")!, op: .add)])
        #expect(info.arrayReductions.isEmpty)
    }

    @Test func reductionForms() {
        let run = expectAccepted(
            """
            func f(x: [Double], k: [Int]) {
                var a = 0.0
                var p = 1.0
                var lo = Double.infinity
                var hi = -Double.infinity
                var m: Int = 0
                var o: Int = 0
                var t = 0.0
                for i in prange(x.count) {
                    a += x[i]
                    a -= 1
                    p *= x[i]
                    lo = min(lo, x[i])
                    hi = max(x[i], hi)
                    m ^= k[i]
                    o = o | k[i]
                    t = t + x[i]
                }
                print(a, p, lo, hi, m, o, t)
            }
            """)
        guard let info = parallelLoop(run) else { return }
        let ops = Dictionary(
            uniqueKeysWithValues: info.reductions.map {
                (run.program!.locals[$0.variable].name, $0.op)
            })
        #expect(
            ops == ["a": .add, "p": .mul, "lo": .min, "hi": .max, "m": .xor, "o": .or, "t": .add])
    }

    /// Rejected programs, one `expectError` each: Rejections/ParallelRuleTests.txt.
    static let rejected = RejectCase.load("ParallelRuleTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func localsInsideBodyAreFree() {
        let run = expectAccepted(
            "func f(x: inout [Double]) {\n for i in prange(x.count) {\n  var t = 0.0\n  for j in 0..<4 { t = t * 2 + Double(j) }\n  x[i] = t\n }\n}"
        )
        #expect(parallelLoop(run)?.reductions.isEmpty == true)
    }

    @Test func affineCompoundWrites() {
        expectAccepted(
            "func f(y: inout [Double], z: inout [Double], m: inout [[Double]], k: Int) {\n for i in prange(1..<y.count) {\n  y[i] += 1\n  y[i] -= 1\n  z[k + i] -= 2\n  m[i, 0] += 1\n  m[i][1] *= 2\n }\n}"
        )
    }

    @Test func arrayReduction() {
        let run = expectAccepted(
            "func f(b: [Int], out: inout [Int]) {\n var hist = [Int](repeating: 0, count: 16)\n for i in prange(b.count) { hist[b[i] & 15] += 1 }\n for k in 0..<16 { out[k] = hist[k] }\n}"
        )
        #expect(parallelLoop(run)?.arrayReductions == [run.local("hist")!])
    }

    @Test func breakAndReturnRejected() {
        expectError(
            "func f(n: Int) {\n for i in prange(n) { if i > 3 { break } }\n}",
            "'break' is not allowed inside a prange loop", line: 2, column: 34, help: "continue")
        expectError(
            "func f(n: Int) -> Int {\n for i in prange(n) { if i > 3 { return i } }\n return 0\n}",
            "'return' is not allowed inside a prange loop", line: 2, column: 34)
    }

    @Test func continueAndInnerBreakAllowed() {
        expectAccepted(
            "func f(n: Int) {\n for i in prange(n) {\n  if i == 2 { continue }\n  for j in 0..<i { if j > 2 { break } }\n }\n}"
        )
    }

    @Test func nestedPrange() {
        let run = expectAccepted(
            "func f(m: inout [[Double]]) -> Double {\n var s = 0.0\n for i in prange(m.count) {\n  for j in prange(m.shape(1)) {\n   m[i, j] += 1\n   s += m[i, j]\n  }\n }\n return s\n}"
        )
        guard let program = run.program else { return }
        let parallel = program.loops.values.filter(\.isParallel)
        #expect(parallel.count == 2)
        #expect(parallel.allSatisfy { $0.reductions.count == 1 })
    }

}
