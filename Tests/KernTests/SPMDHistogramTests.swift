import Foundation
import Kern
import Testing

/// Histogram updates in SPMD bodies (issue 16.5): lane-ordered array-reduction updates
/// and `atomicAdd` give bitwise the results of the scalar loop (`--no-spmd`) for any
/// thread count, floating-point bins included (one update per iteration and element:
/// the lanes keep the scalar loop's order).
struct SPMDHistogramTests {
    static let source = """
        func counts(x: [Double], lo: Double, hi: Double, bins: inout [Int]) {
            let nb = bins.count
            var local = [Int](repeating: 0, count: nb)
            let scale = Double(nb) / (hi - lo)
            for i in prange(x.count) {
                let b = Int((x[i] - lo) * scale)
                if b >= 0 && b < nb {
                    local[b] += 1
                }
            }
            for j in 0..<nb { bins[j] = local[j] }
        }

        func weighted(x: [Double], bins: inout [Double]) {
            let nb = bins.count
            var local = [Double](repeating: 0, count: nb)
            for i in prange(x.count) {
                let b = Int(x[i] * Double(nb))
                local[b] += x[i] * 1.1
            }
            for j in 0..<nb { bins[j] = local[j] }
        }

        func floats(x: [Float], bins: inout [Float], hits: inout [Int]) {
            let nb = bins.count
            var local = [Float](repeating: 0, count: nb)
            for i in prange(x.count) {
                let b = Int(x[i] * Float(nb))
                if x[i] > 0.25 {
                    local[b] -= x[i]
                } else {
                    atomicAdd(&hits[b], 1)
                }
            }
            for j in 0..<nb { bins[j] = local[j] }
        }

        """

    static let modules = SPMDModules(source: source, fileName: "histogram.kern")
    // Values in [-0.1, 1.1): some bins fall outside [0, 1) and are skipped.
    static let input: [Double] = (0..<200_003).map { (i: Int) -> Double in
        let k = Double((i &* 7919) % 200_003)
        return -0.1 + 1.2 * k / 200_003.0
    }
    static let unit: [Double] = (0..<200_003).map { (i: Int) -> Double in
        Double((i &* 104_729) % 200_003) / 200_003.0
    }

    func run<T>(_ body: (KernModule, Int) throws -> T) throws -> [T] {
        var out: [T] = []
        for module in Self.modules.both {
            for threads in [1, 2, 3] { out.append(try body(module.get(), threads)) }
        }
        return out
    }

    @Test func integerCountsAgreeWithScalarCodeForAnyThreadCount() throws {
        let results = try run { m, threads in
            var bins = [Int](repeating: -1, count: 37)
            try m.function(named: "counts").with(seed: 0, threads: threads)(
                Self.input, 0.0, 1.0, &bins)
            return bins
        }
        // Int() truncates: values just below 0 fall into bin 0, as in Swift.
        let inRange = Self.input.filter { (v: Double) -> Bool in
            let b = Int(v * 37.0)
            return b >= 0 && b < 37
        }.count
        #expect(results[0].reduce(0, +) == inRange)
        for r in results { #expect(r == results[0]) }
    }

    /// The integer histogram runs each block as two interleaved streams (the halves'
    /// groups alternate); every block length, including those whose halves end in partial
    /// groups or whose second half is empty, counts exactly what scalar code counts.
    @Test func twoStreamsCountEveryBlockLengthLikeScalarCode() throws {
        let text = try KernModule.report(source: Self.source, fileName: "histogram.kern").text()
        #expect(text.contains("updates in lane order, two streams per block"), "\(text)")
        for n in [1, 15, 16, 17, 31, 32, 33, 47, 49, 100, 1023, 1025, 5000] {
            let x = Array(Self.input.prefix(n))
            let results = try run { m, threads in
                var bins = [Int](repeating: -1, count: 37)
                try m.function(named: "counts").with(seed: 0, threads: threads)(x, 0.0, 1.0, &bins)
                return bins
            }
            var expected = [Int](repeating: 0, count: 37)
            for v in x {
                let b = Int(v * 37.0)
                if b >= 0 && b < 37 { expected[b] += 1 }
            }
            for r in results { #expect(r == expected, "n = \(n)") }
        }
    }

    /// On AMD the lanes' updates are a rolled loop (one for full groups, one testing each
    /// lane) — unrolled copies ran 4–9× slower than scalar code on Zen 4 (docs/decisions.md,
    /// "Lane-ordered updates as a rolled loop") — and elsewhere one copy per lane. Both
    /// forms count exactly what scalar code counts, for every group shape.
    @Test(arguments: [("znver4", true), ("icelake-server", false)])
    func laneOrderedUpdatesRollOnAMD(_ cpu: String, _ rolled: Bool) throws {
        let module = try KernModule.compile(
            source: Self.source, fileName: "histogram.kern", options: .init(targetCPU: cpu))
        let ir = module.llvmIR
        // (LLVM's unroller marks remainder loops so too: only the rolled case says much.)
        if rolled { #expect(ir.contains("llvm.loop.unroll.disable")) }
        // Unrolled, `counts` has one increment per lane, stream and mask case (64 at 16
        // lanes, 32 at 8); rolled, a handful.
        let increments = ir.split(separator: "\n").filter {
            $0.contains(" = add i64 ") && $0.hasSuffix(", 1")
        }
        #expect((increments.count < 16) == rolled, "\(cpu): \(increments.count) increments")
        for n in [1, 15, 16, 17, 33, 1025, 200_003] {
            let x = Array(Self.input.prefix(n))
            var expected = [Int](repeating: 0, count: 37)
            for v in x {
                let b = Int(v * 37.0)
                if b >= 0 && b < 37 { expected[b] += 1 }
            }
            for threads in [1, 2] {
                var bins = [Int](repeating: -1, count: 37)
                try module.function(named: "counts").with(seed: 0, threads: threads)(
                    x, 0.0, 1.0, &bins)
                #expect(bins == expected, "\(cpu), n = \(n), \(threads) threads")
            }
        }
    }

    @Test func floatingBinsAreBitwiseThoseOfScalarCode() throws {
        let results = try run { m, threads in
            var bins = [Double](repeating: -1, count: 29)
            try m.function(named: "weighted").with(seed: 0, threads: threads)(Self.unit, &bins)
            return bins.map(\.bitPattern)
        }
        for r in results { #expect(r == results[0]) }
    }

    @Test func floatBinsAndAtomicsAgree() throws {
        let x = Self.unit.map(Float.init)
        let results = try run { m, threads in
            var bins = [Float](repeating: -1, count: 16)
            var hits = [Int](repeating: 0, count: 16)
            try m.function(named: "floats").with(seed: 0, threads: threads)(x, &bins, &hits)
            return bins.map { Int($0.bitPattern) } + hits
        }
        let low = x.filter { (v: Float) -> Bool in v <= 0.25 }.count
        #expect(results[0].suffix(16).reduce(0, +) == low)
        for r in results { #expect(r == results[0]) }
    }
}
