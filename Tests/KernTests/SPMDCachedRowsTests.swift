import Foundation
import Kern
import Testing

/// k-means assignment under SPMD with each group's point rows cached in a lane-major
/// buffer (Codegen+SPMDRows.swift): the same centres as a plain Swift loop (the scalar
/// semantics, no FMA) for any d — rows that fit the buffer and rows that do not, which
/// run as scalar code —, any n (partial groups), ties (lowest centre), Float and Double,
/// SPMD on or off, 1–3 threads, bounds checks on or off; and a failing bounds check
/// still names the lowest failing point.
struct SPMDCachedRowsTests {
    /// One generic kernel: `assign<Double>` and `assign<Float>` are its instances.
    static let source = """
        func assign<T: BinaryFloatingPoint>(points: [[T]], centres: [[T]], out: inout [Int32]) {
            let k = centres.shape(0)
            let d = points.shape(1)
            for i in prange(out.count) {
                var best = 0
                var bestDist = T.infinity
                for c in 0..<k {
                    var dist: T = 0
                    for j in 0..<d {
                        let diff = points[i, j] - centres[c, j]
                        dist += diff * diff
                    }
                    if dist < bestDist {
                        bestDist = dist
                        best = c
                    }
                }
                out[i] = Int32(best)
            }
        }
        """

    /// (n, k, d): partial groups, d = 1, the buffer's 64 columns exactly, and wider rows.
    static let shapes = [
        (1, 3, 1), (37, 5, 3), (1000, 16, 8), (203, 4, 64), (77, 3, 65), (50, 2, 130),
    ]

    static func data(_ n: Int, _ k: Int, _ d: Int) -> (points: [Double], centres: [Double]) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(n * 131 + k * 7 + d)
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / 9_007_199_254_740_992.0
        }
        let points = (0..<n * d).map { _ in next() }
        var centres = (0..<k * d).map { _ in next() }
        // The last centre repeats the first: points nearest to them must take centre 0.
        if k > 1 { for j in 0..<d { centres[(k - 1) * d + j] = centres[j] } }
        return (points, centres)
    }

    /// The scalar semantics: distances summed in order, strict `<` keeps the lowest centre.
    /// Written as folds, not as a copy of the kernel's loops, so it checks them.
    static func reference<T: BinaryFloatingPoint>(_ p: [T], _ c: [T], d: Int) -> [Int32] {
        let n = p.count / max(d, 1)
        let k = c.count / max(d, 1)
        func distance(_ i: Int, _ q: Int) -> T {
            (0..<d).lazy.map { j in p[i * d + j] - c[q * d + j] }.reduce(0) { $0 + $1 * $1 }
        }
        return (0..<n).map { i in
            let nearest = (0..<k).reduce((centre: 0, distance: T.infinity)) { best, q in
                let dq = distance(i, q)
                return dq < best.distance ? (q, dq) : best
            }
            return Int32(nearest.centre)
        }
    }

    static func compile(spmd: Bool, checked: Bool) throws -> KernModule {
        var options = CompileOptions()
        options.spmd = spmd
        options.checked = checked
        return try KernModule.compile(source: source, fileName: "kmeans.kern", options: options)
    }

    @Test(arguments: [(true, true), (false, true), (true, false)])
    func sameCentresAsScalarCode(spmd: Bool, checked: Bool) throws {
        let module = try Self.compile(spmd: spmd, checked: checked)
        for (n, k, d) in Self.shapes {
            let (p, c) = Self.data(n, k, d)
            let expected = Self.reference(p, c, d: d)
            if k > 1 {
                #expect(!expected.contains(Int32(k - 1)), "the duplicate centre never wins")
            }
            for threads in [1, 2, 3] {
                let f = try module.function("assign", specializedFor: [.double]).with(
                    seed: 0, threads: threads)
                var out = [Int32](repeating: -1, count: n)
                try p.withUnsafeBufferPointer { pp in
                    try c.withUnsafeBufferPointer { cp in
                        try f(
                            try KernArrayView(pp, shape: [n, d]),
                            try KernArrayView(cp, shape: [k, d]), &out)
                    }
                }
                #expect(out == expected, "n \(n) k \(k) d \(d), \(threads) threads, spmd \(spmd)")
            }
        }
    }

    @Test func floatPointsToo() throws {
        let module = try Self.compile(spmd: true, checked: true)
        for (n, k, d) in Self.shapes {
            let (p64, c64) = Self.data(n, k, d)
            let (p, c) = (p64.map(Float.init), c64.map(Float.init))
            let f = try module.function("assign", specializedFor: [.float]).with(
                seed: 0, threads: 2)
            var out = [Int32](repeating: -1, count: n)
            try p.withUnsafeBufferPointer { pp in
                try c.withUnsafeBufferPointer { cp in
                    try f(
                        try KernArrayView(pp, shape: [n, d]), try KernArrayView(cp, shape: [k, d]),
                        &out)
                }
            }
            #expect(out == Self.reference(p, c, d: d), "Float, n \(n) k \(k) d \(d)")
        }
    }

    @Test func moreIterationsThanRowsFailAtTheFirstMissingRow() throws {
        for spmd in [true, false] {
            let module = try Self.compile(spmd: spmd, checked: true)
            let (n, k, d) = (21, 3, 4)
            let (p, c) = Self.data(n, k, d)
            for threads in [1, 3] {
                let f = try module.function("assign", specializedFor: [.double]).with(
                    seed: 0, threads: threads)
                var out = [Int32](repeating: -1, count: n + 12)
                let error = #expect(throws: KernError.self) {
                    try p.withUnsafeBufferPointer { pp in
                        try c.withUnsafeBufferPointer { cp in
                            try f(
                                try KernArrayView(pp, shape: [n, d]),
                                try KernArrayView(cp, shape: [k, d]), &out)
                        }
                    }
                }
                let text = error.map { "\($0)" } ?? ""
                #expect(text.contains("index 21"), "spmd \(spmd), \(threads) threads: \(text)")
            }
        }
    }

    @Test func theReportSaysTheRowsAreCached() throws {
        let text = try KernModule.report(source: Self.source, fileName: "kmeans.kern").text()
        #expect(text.contains("rows of 1 array cached per group"), "\(text)")
    }
}
