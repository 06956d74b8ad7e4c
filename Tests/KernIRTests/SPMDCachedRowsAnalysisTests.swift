import KernBasics
import Testing

@testable import KernIR

/// Rows cached per SPMD group (SPMDAnalysis.swift, `SPMDDecision.cachedRows`): a read
/// `a[i, j]` in an inner loop, `i` the loop variable and `j` uniform, is no reason to stay
/// scalar when `a` is never written and no written array overlaps it.
struct SPMDCachedRowsAnalysisTests {
    /// The outlined k-means body: points %3 (n×d), centres %4, out %5; `extra` goes at the
    /// end of the inner loop's body.
    static func body(extra: String = "", pointRow: String = "%8", pointsInout: Bool = false)
        -> String
    {
        """
        module "t.kern"

        func @f.prange0(%0 lo: i64, %1 hi: i64, %2 block: i64, \(pointsInout ? "inout " : "")%3 c0: [f64; 2], %4 c1: [f64; 2], inout %5 c2: [i32; 1], %6 k: i64, %7 d: i64) -> void {
          slot $0 best: i64
          slot $1 bestDist: f64
          slot $2 dist: f64
          %30 = const 1 : i64
          for %8: i64 = %0 ..< %1 step %30 blocked loop 2 {
            %9 = const 0 : i64
            store $0, %9
            %10 = const inf : f64
            store $1, %10
            for %13: i64 = %9 ..< %6 step %30 loop 1 {
              %14 = const 0.0 : f64
              store $2, %14
              for %17: i64 = %9 ..< %7 step %30 loop 0 {
                %20 = load.elem %3[\(pointRow), %17] : f64
                %23 = load.elem %4[%13, %17] : f64
                %24 = sub %20, %23 : f64
                %25 = mul %24, %24 : f64
                %26 = load $2 : f64
                %27 = add %26, %25 : f64
                store $2, %27
        \(extra)
              }
              %28 = load $2 : f64
              %29 = load $1 : f64
              %31 = cmp lt %28, %29 : bool
              if %31 {
                %32 = load $2 : f64
                store $1, %32
                store $0, %13
              }
            }
            %33 = load $0 : i64
            %34 = convert %33 : i32
            store.elem %5[%8], %34
          }
          return
        }
        """
    }

    func decision(_ text: String, unaliased: Set<ValueID>) throws -> SPMDDecision {
        let m = try parseVerified(text)
        let f = m.functions[try #require(m.function(named: "f.prange0"))]
        for instr in f.body.instrs {
            if case .forLoop(let loop) = instr.op {
                return spmdDecision(loop, in: f, unaliased: unaliased)
            }
        }
        Issue.record("no loop")
        throw CancellationError()
    }

    static let points = ValueID(raw: 3)

    @Test func unaliasedPointRowsAreCached() throws {
        let d = try decision(Self.body(), unaliased: [Self.points, ValueID(raw: 4)])
        #expect(d.isSPMD, "\(d.reason ?? "")")
        #expect(d.cachedRows == [Self.points])
        #expect(
            d.summary(vectorBits: 1024)
                == "SPMD: 32 lanes, masked if, rows of 1 array cached per group")
    }

    @Test func rowsThatMayOverlapAWrittenArrayStayGathers() throws {
        let d = try decision(Self.body(), unaliased: [])
        #expect(d.reason == "gathers elements in an inner loop (slower than scalar code)")
        #expect(d.cachedRows.isEmpty)
    }

    @Test func anArrayTheBodyWritesIsNotCached() throws {
        // points[i, j] = … after the read: the rows change while the group runs.
        let d = try decision(
            Self.body(extra: "        store.elem %3[%8, %17], %27", pointsInout: true),
            unaliased: [Self.points])
        #expect(!d.isSPMD)
        #expect(d.cachedRows.isEmpty)
    }

    @Test func onlyRowsOfTheLoopVariable() throws {
        // points[i + 1, j]: consecutive rows, but not the group's own; stays a gather.
        let shifted = Self.body(pointRow: "%40").replacingOccurrences(
            of: "      for %17",
            with: "      %40 = add %8, %30 : i64\n      for %17")
        let d = try decision(shifted, unaliased: [Self.points])
        #expect(d.reason == "gathers elements in an inner loop (slower than scalar code)")
    }
}
