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

    /// Programs that must be rejected: `expectError` of each row (name, source, message,
    /// position, help).
    static let rejected: [RejectCase] = [
        RejectCase(
            "nonReductionWrite",
            "func f(x: [Double]) {\n var s = 0.0\n for i in prange(x.count) { s = x[i] }\n}",
            "variable 's' is written inside a prange loop, but not as a reduction", line: 3,
            column: 29,
            help: "s += e"),
        RejectCase(
            "mixedOperators",
            "func f(x: [Double]) {\n var s = 0.0\n for i in prange(x.count) {\n  s += x[i]\n  s *= 2\n }\n}",
            "reduction variable 's' mixes '+' and '*' in one prange loop", line: 5, column: 3),
        RejectCase(
            "reductionRead",
            "func f(x: [Double]) {\n var s = 0.0\n for i in prange(x.count) {\n  s += x[i]\n  print(s)\n }\n}",
            "reduction variable 's' is read inside the prange loop", line: 5, column: 9),
        RejectCase(
            "reductionReadInOwnUpdate",
            "func f(x: [Double]) {\n var s = 0.0\n for i in prange(x.count) { s += s * x[i] }\n}",
            "reduction variable 's' is read inside the prange loop", line: 3, column: 34),
        RejectCase(
            "writeInNestedSerialLoopCounts",
            "func f(n: Int) {\n var s = 0\n for i in prange(n) {\n  for j in 0..<i { s = j }\n }\n}",
            "variable 's' is written inside a prange loop", line: 4, column: 20),
        RejectCase(
            "raceOnParameterArray",
            "func f(h: inout [Int], b: [Int]) {\n for i in prange(b.count) { h[b[i]] += 1 }\n}",
            "compound assignment to 'h' in a prange loop is a data race", line: 2, column: 29,
            help: "local array"),
        RejectCase(
            "raceWithOffsetWrittenInLoop",
            "func f(h: inout [Int]) {\n var k = 0\n for i in prange(h.count) {\n  let j = i * 2\n  h[j] += 1\n }\n k = 1\n}",
            "data race", line: 5, column: 3),
        RejectCase(
            "arrayReductionOnlyAdditive",
            "func f(b: [Int]) {\n var hist = [Int](repeating: 1, count: 16)\n for i in prange(b.count) { hist[b[i] & 15] *= 2 }\n}",
            "array reduction on 'hist' supports only += and -=", line: 3, column: 29),
        RejectCase(
            "arrayReductionNotReadInLoop",
            "func f(b: [Int]) {\n var hist = [Int](repeating: 0, count: 16)\n for i in prange(b.count) {\n  hist[b[i] & 15] += 1\n  print(hist[0])\n }\n}",
            "array reduction 'hist' can only be updated with += or -=", line: 5, column: 9),
        RejectCase(
            "inoutPassIsAWrite",
            "func bump(_ x: inout Int) { x += 1 }\nfunc f(n: Int) {\n var c = 0\n for i in prange(n) { bump(&c) }\n}",
            "variable 'c' is written inside a prange loop, but not as a reduction", line: 4,
            column: 28),
    ]

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func localsInsideBodyAreFree() {
        let run = expectAccepted(
            "func f(x: inout [Double]) {\n for i in prange(x.count) {\n  var t = 0.0\n  for j in 0..<4 { t = t * 2 + Double(j) }\n  x[i] = t\n }\n}"
        )
        #expect(parallelLoop(run)?.reductions.isEmpty == true)
    }

    @Test func affineCompoundWrites() {
        expectAccepted(
            "func f(y: inout [Double], m: inout [[Double]], k: Int) {\n for i in prange(1..<y.count) {\n  y[i] += 1\n  y[i - 1] += 1\n  y[k + i] -= 2\n  m[i, 0] += 1\n  m[i][1] *= 2\n }\n}"
        )
    }

    @Test func arrayReduction() {
        let run = expectAccepted(
            "func f(b: [Int], out: inout [Int]) {\n var hist = [Int](repeating: 0, count: 16)\n for i in prange(b.count) { hist[b[i] & 15] += 1 }\n for k in 0..<16 { out[k] = hist[k] }\n}"
        )
        #expect(parallelLoop(run)?.arrayReductions == [run.local("hist")!])
    }

    @Test func plainWritesAnywhereAllowed() {
        expectAccepted(
            "func f(y: inout [Double], b: [Int]) {\n for i in prange(b.count) { y[b[i]] = 1 }\n}")
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
