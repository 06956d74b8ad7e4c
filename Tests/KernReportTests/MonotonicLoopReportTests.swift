import Kern
import Testing

/// Issue 18.3: reversed ranges and strides of any constant or loop-invariant step keep
/// no per-iteration bounds checks, as `kernelc report` shows.
@Suite struct MonotonicLoopReportTests {
    static let source = """
        func backSubstitute(_ u: [[Double]], _ b: [Double], _ x: inout [Double]) {
            let n = b.count
            precondition(x.count == n && u.shape(0) == n && u.shape(1) == n)
            for i in (0..<n).reversed() {
                var s = b[i]
                for j in (i + 1)..<n { s -= u[i, j] * x[j] }
                x[i] = s / u[i, i]
            }
        }
        func scaleBack(_ a: inout [Double], _ c: Double) {
            for i in (0..<a.count).reversed() { a[i] = a[i] * c }
        }
        func strides(_ a: inout [Double], _ s: Int) {
            for i in stride(from: a.count - 1, through: 0, by: -2) { a[i] = 1.0 }
            for i in stride(from: 0, to: a.count, by: s) { a[i] = 2.0 }
            for i in stride(from: 1, to: a.count, by: 3) { a[i - 1] = a[i] }
        }
        """

    @Test func noPerIterationChecksRemain() throws {
        let r = try KernModule.report(source: Self.source, fileName: "mono.kern")
        let loops = r.loops
        #expect(loops.map(\.line) == [4, 6, 11, 14, 15, 16])
        for loop in loops {
            let checks = try #require(loop.boundsChecks)
            #expect(checks.kept == 0, "loop at \(loop.line):\(loop.column) keeps \(checks.kept)")
            #expect(checks.removed + checks.hoisted > 0)
        }
        // The back-substitution's outer loop: b[i], x[i] and u[i, i] (two axes) proven
        // by the reversed range itself.
        #expect(loops[0].boundsChecks?.removed == 4)
        // A constant negative stride's fast version is plain enough to vectorize.
        #expect(loops[3].vectorization.status == .vectorized)
    }

    /// The versioned loops still stop at the exact failing access.
    @Test func outOfBoundsStridesStillFail() throws {
        let module = try KernModule.compile(
            source: """
                func f(_ a: inout [Double], _ s: Int) {
                    for i in stride(from: 0, through: a.count, by: s) { a[i] = 1.0 }
                }
                func g(_ a: inout [Double]) {
                    for i in (0...a.count).reversed() { a[i] = 1.0 }
                }
                """)
        let f = try module.function(named: "f")
        let g = try module.function(named: "g")
        var a = [Double](repeating: 0, count: 6)
        #expect(throws: KernError.self) { try f(&a, 3) }
        #expect(a == [1, 0, 0, 1, 0, 0])
        var b = [Double](repeating: 0, count: 6)
        #expect(throws: KernError.self) { try g(&b) }
        #expect(b == [0, 0, 0, 0, 0, 0], "a[6] fails before any store")
        var c = [Double](repeating: 0, count: 7)
        try f(&c, 2)
        #expect(c == [1, 0, 1, 0, 1, 0, 1])
    }
}
