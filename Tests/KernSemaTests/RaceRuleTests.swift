import KernBasics
import Testing

@testable import KernSema

/// The array race rule of LANGUAGE.md §7: every array access in a prange must touch
/// elements no other iteration writes (or both accesses are atomic), directly or
/// through a callee's parameters. One test per form (issue 15.5).
@Suite struct RaceRuleTests {
    // MARK: Races that used to be accepted

    static let rejected = RejectCase.load("RaceRuleTests")

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
