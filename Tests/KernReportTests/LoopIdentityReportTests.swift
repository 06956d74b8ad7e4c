import Kern
import Testing

/// The report names loops by their `LoopID`, not by source position: loops that share a
/// line stay apart, each with its own checks, verdict and remarks.
struct LoopIdentityReportTests {
    static let source = """
        func two(x: [Double], y: inout [Double], z: inout [Double]) {
            for i in 0..<x.count { y[i] = 2.0 * x[i] }; for j in 1..<z.count { z[j] = z[j - 1] * 0.5 + z[j] }
        }
        """

    @Test func twoLoopsOnOneLineAreReportedApart() throws {
        let r = try KernModule.report(source: Self.source, fileName: "two.kern")
        let loops = r.loops
        #expect(loops.count == 2)
        #expect(loops.map(\.line) == [2, 2])
        #expect(loops[0].column < loops[1].column)
        let first = try #require(loops[0].boundsChecks)
        let second = try #require(loops[1].boundsChecks)
        #expect(first.removed + first.hoisted + first.kept == 2)  // x[i], y[i]
        #expect(second.removed + second.hoisted + second.kept == 3)  // z[j - 1], z[j] twice
        #expect(loops[0].vectorization.status == .vectorized)
        #expect(loops[1].vectorization.status != .vectorized)  // z[j] depends on z[j - 1]
        // A loop's own remarks are shown at its position, never at the encoded identity.
        for loop in loops {
            for remark in loop.remarks {
                #expect(remark.line < 1 << 24, "\(remark)")
            }
            #expect(loop.remarks.contains { $0.line == loop.line && $0.column == loop.column })
        }
    }
}
