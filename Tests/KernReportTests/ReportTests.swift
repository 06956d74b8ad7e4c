import Foundation
import Testing

@testable import Kern

/// `KernModule.report`: what the compiler did with each loop, checked against kernels
/// whose fate is known (vectorizable, loop-carried, parallel, checked indices).
struct ReportTests {
    static let kernels = """
        func saxpy(a: Float, x: [Float], y: inout [Float]) {
            for i in 0..<x.count {
                y[i] = a * x[i] + y[i]
            }
        }

        func dot(x: [Double], y: [Double]) -> Double {
            var s = 0.0
            for i in prange(x.count) {
                s += x[i] * y[i]
            }
            return s
        }

        func recurrence(x: [Double], y: inout [Double]) {
            for i in 1..<y.count {
                y[i] = y[i - 1] * 0.5 + x[i]
            }
        }

        func histogram(bins: [Int], counts: inout [Int]) {
            for i in 0..<bins.count {
                counts[bins[i]] += 1
            }
        }

        func extremes(x: [Int]) -> (Int, Int) {
            var lo = Int.max
            var hi = Int.min
            for i in prange(x.count) {
                lo = min(lo, x[i])
                hi = max(hi, x[i])
            }
            return (lo, hi)
        }

        func rows(m: inout [[Double]]) {
            for i in prange(m.count) {
                for j in 0..<m[i].count {
                    m[i][j] = Double(i + j)
                }
            }
        }
        """

    func report(_ options: CompileOptions = .init()) throws -> KernReport {
        try KernModule.report(source: Self.kernels, fileName: "kernels.kern", options: options)
    }

    func loop(_ r: KernReport, _ function: String, line: Int) throws -> LoopReport {
        let f = try #require(r.function(named: function))
        return try #require(
            f.loops.first { $0.line == line }, "no loop at line \(line) in \(function)")
    }

    @Test func everyFunctionAndLoopIsListedAtItsKeyword() throws {
        let r = try report()
        #expect(
            r.functions.map(\.name) == [
                "saxpy", "dot", "recurrence", "histogram", "extremes", "rows",
            ])
        #expect(r.loops.map(\.position) == ["2:5", "9:5", "16:5", "22:5", "30:5", "38:5", "39:9"])
        #expect(r.loops.map(\.depth) == [0, 0, 0, 0, 0, 0, 1])
        #expect(r.optimized)
    }

    @Test func simpleLoopsAreVectorizedWithTheirWidth() throws {
        let r = try report()
        for (function, line) in [("saxpy", 2), ("dot", 9)] {
            let v = try loop(r, function, line: line).vectorization
            #expect(v.status == .vectorized, "\(function): \(v)")
            #expect((v.width ?? 0) > 1)
            #expect((v.interleave ?? 0) >= 1)
        }
    }

    @Test func loopCarriedDependenceIsNotVectorizedWithAReason() throws {
        let v = try loop(try report(), "recurrence", line: 16).vectorization
        #expect(v.status == .notVectorized)
        #expect(!v.reasons.isEmpty)
        #expect(v.reasons.allSatisfy { !$0.isEmpty })
    }

    @Test func prangeIsParallelWithItsReductions() throws {
        let r = try report()
        let dot = try loop(r, "dot", line: 9)
        #expect(dot.kind == .prange)
        #expect(dot.parallel)
        #expect(dot.reductions == [ReductionReport(variable: "s", op: "+")])
        let extremes = try loop(r, "extremes", line: 30)
        #expect(
            Set(extremes.reductions) == [
                ReductionReport(variable: "lo", op: "min"),
                ReductionReport(variable: "hi", op: "max"),
            ])
        let serial = try loop(r, "saxpy", line: 2)
        #expect(serial.kind == .for)
        #expect(!serial.parallel)
        #expect(serial.reductions.isEmpty)
        // The outer prange is parallel; the loop inside runs in its worker.
        #expect(try loop(r, "rows", line: 38).parallel)
        #expect(try !loop(r, "rows", line: 39).parallel)
    }

    @Test func boundsChecksAreCountedPerLoop() throws {
        let r = try report()
        // x[i], y[i] read and y[i] written with i in 0..<x.count: y's index is not
        // provably in range (y may be shorter), x's is.
        let saxpy = try #require(try loop(r, "saxpy", line: 2).boundsChecks)
        #expect(saxpy.removed + saxpy.hoisted + saxpy.kept == 3)
        #expect(saxpy.removed >= 1)
        let dot = try #require(try loop(r, "dot", line: 9).boundsChecks)
        #expect(dot.removed + dot.hoisted + dot.kept == 2)
        #expect(dot.removed >= 1)
        // counts[bins[i]]: an index read from memory is checked on every iteration.
        let histogram = try #require(try loop(r, "histogram", line: 22).boundsChecks)
        #expect(histogram.kept >= 1)
        #expect(histogram.removed >= 1)  // bins[i]
        // Unchecked mode: nothing is left.
        let unchecked = try report(CompileOptions(checked: false))
        for l in unchecked.loops {
            #expect(l.boundsChecks?.kept == 0, "\(l.position)")
        }
    }

    @Test func belowO2NothingIsVectorizedAndTheReportSaysSo() throws {
        let r = try report(CompileOptions(optimizationLevel: 0))
        #expect(!r.optimized)
        #expect(r.loops.allSatisfy { $0.vectorization.status == .notOptimized })
        #expect(r.text().contains("not optimized"))
        // Parallelism and checks do not depend on LLVM.
        #expect(try loop(r, "dot", line: 9).parallel)
        #expect(try loop(r, "histogram", line: 22).boundsChecks != nil)
    }

    @Test func jsonRoundTrips() throws {
        let r = try report()
        let data = try JSONEncoder().encode(r)
        let decoded = try JSONDecoder().decode(KernReport.self, from: data)
        #expect(decoded == r)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["file"] as? String == "kernels.kern")
    }

    @Test func textShowsATablePerFunction() throws {
        let text = try report().text()
        #expect(text.contains("func saxpy (1:1)"))
        #expect(text.contains("loop"))
        #expect(text.contains("yes: width"))
        #expect(text.contains("s +"))
        // The recurrence's reason is printed under its row.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.hasPrefix("  16:5 ") })
        #expect(lines[row + 1].contains("- "))
        #expect(try report().text(remarks: true).contains("[loop-vectorize passed at 2:5 in "))
    }

    @Test func moduleReportMatchesSourceReport() throws {
        let module = try KernModule.compile(source: Self.kernels, fileName: "kernels.kern")
        #expect(try module.report() == report())
        #expect(try module.report(function: "dot").loops.count == 1)
        #expect(throws: KernError.self) { try module.report(function: "nope") }
    }

    @Test func loopsOfInlinedHelpersAreReportedInTheirFunction() throws {
        let source = """
            func scale(x: inout [Float], a: Float) {
                for i in x.indices { x[i] *= a }
            }
            func twice(x: inout [Float]) {
                scale(x: &x, a: 2)
                scale(x: &x, a: 3)
            }
            """
        let r = try KernModule.report(source: source)
        let l = try loop(r, "scale", line: 2)
        #expect(l.vectorization.status == .vectorized)
        #expect(r.function(named: "twice")?.loops.isEmpty == true)
    }

    @Test func outerLoopsSayOnlyInnermostLoopsAreVectorized() throws {
        let r = try report()
        let outer = try loop(r, "rows", line: 38).vectorization
        #expect(outer.status == .noRemark)
        #expect(outer.reasons.contains { $0.contains("outer loop") })
        #expect(try loop(r, "rows", line: 39).vectorization.status == .vectorized)
    }

    @Test func whileRepeatAndFloatingStrideLoopsAreReported() throws {
        let source = """
            func f(n: Int) -> Double {
                var i = 0
                var s = 0.0
                while i < n {
                    i += 1
                }
                repeat {
                    i -= 1
                } while i > 0
                for x in stride(from: 0.0, to: 1.0, by: 0.25) {
                    s += x
                }
                return s + Double(i)
            }
            """
        let loops = try KernModule.report(source: source).loops
        #expect(loops.map(\.kind) == [.while, .repeat, .for])
        #expect(loops.map(\.position) == ["4:5", "7:5", "10:5"])
        #expect(loops[0].boundsChecks == nil)
        #expect(loops[2].boundsChecks == BoundsCheckReport(removed: 0, hoisted: 0, kept: 0))
    }

    @Test func shortConstantLoopsAreReportedFullyUnrolled() throws {
        let source = """
            func first4(x: inout [Double]) {
                for i in 0..<4 {
                    x[i] = Double(i) * 2.0
                }
            }
            """
        let v = try KernModule.report(source: source).loops[0].vectorization
        #expect(v.status == .fullyUnrolled)
        #expect(v.reasons == ["completely unrolled loop with 4 iterations"])
    }

    /// A serial Double sum is not reassociable under IEEE rules; fast-math allows it.
    @Test func serialFloatingSumNeedsFastMath() throws {
        let source = """
            func total(x: [Double]) -> Double {
                var s = 0.0
                for i in x.indices {
                    s += x[i]
                }
                return s
            }
            """
        let strict = try KernModule.report(source: source).loops[0].vectorization
        #expect(strict.status == .notVectorized)
        #expect(
            strict.reasons.contains { $0.contains("reorder floating-point") }, "\(strict.reasons)")
        let fast = try KernModule.report(source: source, options: CompileOptions(fastMath: true))
        #expect(fast.loops[0].vectorization.status == .vectorized)
        #expect(fast.fastMath)
    }

    @Test func errorsAreThrownNotCrashed() {
        #expect(throws: KernError.self) {
            try KernModule.report(source: "func f() -> Int {\n    return 1.5\n}\n")
        }
    }
}
