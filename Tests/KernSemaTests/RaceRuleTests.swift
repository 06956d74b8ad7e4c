import KernBasics
import Testing

@testable import KernSema

/// The array race rule of LANGUAGE.md §7: every array access in a prange must touch
/// elements no other iteration writes (or both accesses are atomic), directly or
/// through a callee's parameters. One test per form (issue 15.5).
@Suite struct RaceRuleTests {
    // MARK: Races that used to be accepted

    static let rejected: [RejectCase] = [
        RejectCase(
            "spelledOutCompoundAtModulo",
            "func f(a: inout [Int]) {\n for i in prange(1000) {\n  a[i % 10] = a[i % 10] + 1\n }\n}",
            "data race on 'a' in a prange loop: the write to a[i % 10] at 3:3 may touch the same element in two iterations",
            line: 3, column: 3, help: "atomicAdd(&a[...], v)"),
        RejectCase(
            "compoundAtModulo",
            "func f(a: inout [Int]) {\n for i in prange(1000) {\n  a[i % 10] += 1\n }\n}",
            "data race on 'a'", line: 3, column: 3),
        RejectCase(
            "writeThroughCalleeOfCallee",
            "func set(b: inout [Int], k: Int) {\n b[k] = 1\n}\nfunc outer(a: inout [Int], k: Int) {\n set(b: &a, k: k + 1)\n}\nfunc f(a: inout [Int]) {\n for i in prange(10) {\n  outer(a: &a, k: i)\n  a[i] = 0\n }\n}",
            "data race on 'a'", line: 9, column: 13),
        RejectCase(
            "constantIndexRank2",
            "func f(b: inout [[Int]]) {\n for i in prange(100) {\n  b[0, 0] = b[0, 0] + 1\n }\n}",
            "data race on 'b'", line: 3, column: 3),
        RejectCase(
            "readThroughALetViewIsARace",
            "func f(m: inout [[Int]]) {\n let r = m[0]\n for i in prange(m.shape(1) - 1) {\n  m[0, i] = r[i + 1]\n }\n}",
            "data race on 'm'", line: 4, column: 3),
        RejectCase(
            "atomicAndPlainReadRace",
            "func f(a: inout [Int], out: inout [Int]) {\n for i in prange(out.count) {\n  atomicAdd(&a[i % 4], 1)\n  out[i] = a[0]\n }\n}",
            "the atomic update of a[i % 4] at 3:14 and the read a[0]", line: 3, column: 14),
        RejectCase(
            "recursiveCalleeIsAssumedToTouchAnything",
            "func r(a: inout [Int], k: Int) {\n if k > 0 { r(a: &a, k: k - 1) }\n}\nfunc f(a: inout [Int]) {\n for i in prange(a.count) { r(a: &a, k: i) }\n}",
            "a recursive call of 'r'", line: 5, column: 35),
        RejectCase(
            "blockWiderThanItsStrideRaces",
            "func fill(a: inout [Int], base: Int, n: Int) {\n for j in 0..<n { a[base + j] = j }\n}\nfunc f(a: inout [Int]) {\n for i in prange(4) { fill(a: &a, base: i * 5, n: 6) }\n}",
            "data race on 'a'", line: 5, column: 32),
    ]

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func writeThroughCallee() {
        let run = expectError(
            "func bump(a: inout [Int], k: Int) {\n a[k] = a[k] + 1\n}\nfunc f(a: inout [Int]) {\n for i in prange(1000) {\n  bump(a: &a, k: i % 10)\n }\n}",
            "the call of 'bump' at 6:12 (the write to a[k] at 2:2 in 'bump')", line: 6, column: 12)
        #expect(run.diagnostics.first?.notes.isEmpty == true)
    }

    @Test func readOfANeighbourIsARace() {
        let run = expectError(
            "func f(a: inout [Int]) {\n for i in prange(a.count - 1) {\n  a[i] = a[i + 1] * 2\n }\n}",
            "the write to a[i] at 3:3 and the read a[i + 1] at 3:10 may touch the same element in different iterations",
            line: 3, column: 3)
        // Both accesses are named: the second as a note with its own position.
        let note = run.diagnostics.first?.notes.first
        #expect(
            note.map { run.file.position(of: $0.range.start) } == SourcePos(line: 3, column: 10))
    }

    // MARK: Disjoint accesses that are accepted

    @Test func serialOuterLoopWithPrangeInTheSecondDimension() {
        // Used to be rejected: only the first index could be the prange variable.
        expectAccepted(
            "func f(b: inout [[Double]], v: Double) {\n for i in 0..<b.shape(0) {\n  for j in prange(b.shape(1)) {\n   b[i, j] += v\n  }\n }\n}"
        )
    }

    @Test func writeThroughCalleeAtTheLoopVariable() {
        expectAccepted(
            "func put(a: inout [Int], k: Int, v: Int) {\n a[k] = a[k] + v\n}\nfunc f(a: inout [Int]) {\n for i in prange(a.count) { put(a: &a, k: a.count - 1 - i, v: i) }\n}"
        )
    }

    @Test func blockedInnerLoop() {
        // prefix_sum.kern: block b writes [b * size, min(n, (b + 1) * size)).
        expectAccepted(
            "func f(x: [Double], out: inout [Double], size: Int) {\n let n = x.count\n for b in prange((n + size - 1) / size) {\n  var s = 0.0\n  let end = min(n, (b + 1) * size)\n  for i in b * size..<end {\n   s += x[i]\n   out[i] = s\n  }\n }\n}"
        )
    }

    @Test func flattenedRowsAndInterleavedElements() {
        expectAccepted(
            "func f(a: inout [Int], g: inout [Int], m: Int) {\n for i in prange(4) {\n  for j in 0..<m { a[i * m + j] = j }\n  g[2 * i] = i\n  g[2 * i + 1] = -i\n }\n}"
        )
    }

    @Test func atomicsAndReadOnlyArraysAreFree() {
        expectAccepted(
            "func f(x: [Int], h: inout [Int]) {\n for i in prange(x.count) {\n  atomicAdd(&h[x[i] & 7], 1)\n  atomicAdd(&h[0], x[i + 1 - 1])\n }\n}"
        )
    }

    @Test func rowViewArgumentsCarryTheirIndex() {
        expectAccepted(
            "func sum(row: [Double]) -> Double {\n var s = 0.0\n for j in 0..<row.count { s += row[j] }\n return s\n}\nfunc f(m: [[Double]], out: inout [Double]) {\n for i in prange(out.count) { out[i] = sum(row: m[i]) }\n}"
        )
    }
}
