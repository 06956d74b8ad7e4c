import KernBasics
import Testing

@testable import KernIR

/// The SPMD decision for `prange` blocks (SPMDAnalysis.swift): which bodies run as
/// lanes, why others stay scalar, and what varies by lane.
struct SPMDAnalysisTests {
    /// The outlined body of `f` as `kernelc build --emit kir` prints it for
    /// `var v = x[i]; while v > limit { v = v * 0.5 }; y[i] = v` (with the body
    /// `extra` inserted before the store).
    static func body(extra: String = "", loopKind: String = "blocked") -> String {
        """
        module "t.kern"

        func @f.prange0(%0 lo: i64, %1 hi: i64, %2 block: i64, %3 c0: [f64; 1], inout %4 c1: [f64; 1], %17 limit: f64) -> void {
          slot $0 v: f64
          %16 = const 1 : i64
          for %5: i64 = %0 ..< %1 step %16 \(loopKind) loop 1 {
            %7 = load.elem %3[%5] : f64
            store $0, %7
            while loop 0 {
              %8 = load $0 : f64
              %10 = cmp gt %8, %17 : bool
            } cond %10 do {
              %11 = load $0 : f64
              %12 = const 0.5 : f64
              %13 = mul %11, %12 : f64
              store $0, %13
            }
            %14 = load $0 : f64
            %18 = mul %17, %17 : f64
        \(extra)
            %15 = dim %4, 0 : i64
            check.bounds %5 < %15 axis 0
            store.elem %4[%5], %14
          }
          return
        }
        """
    }

    @Test func aWhileLoopBodyRunsAsLanes() throws {
        let d = try spmdDecision(of: Self.body())
        #expect(d.isSPMD)
        // Reading the array the body writes is fine: failing checks stop lanes in place.
        #expect(try spmdDecision(of: Self.body(extra: "    %30 = load.elem %4[%5] : f64")).isSPMD)
        #expect(d.masked == ["while"])
        #expect(d.laneType == .double)
        #expect(d.lanes(vectorBits: 1024) == 16)
        #expect(d.lanes(vectorBits: 512) == 8)
        #expect(d.summary(vectorBits: 512) == "SPMD: 8 lanes, masked while")
        // The induction, the slot, its loads and what is computed from them vary; a
        // product of uniform values does not.
        #expect(d.varyingSlots == [SlotID(raw: 0)])
        for v: UInt32 in [5, 7, 8, 10, 11, 13, 14] {
            #expect(d.varying.contains(ValueID(raw: v)), "%\(v) should vary")
        }
        #expect(d.consecutive == [ValueID(raw: 5)])
        #expect(!d.varying.contains(ValueID(raw: 12)))
        #expect(!d.varying.contains(ValueID(raw: 18)))
    }

    @Test func whatKeepsALoopScalar() throws {
        let cases: [(String, String)] = [
            ("    print \"x\"", "prints"),
            ("    %30 = clock : i64", "reads the clock"),
            ("    %30 = random.normal : f64", "random numbers"),
            ("    %31 = convert %14 : i64\n    store.elem %4[%31], %14", "array reduction"),
        ]
        for (extra, reason) in cases {
            let d = try spmdDecision(of: Self.body(extra: extra))
            #expect(!d.isSPMD)
            #expect(d.reason?.contains(reason) == true, "\(extra): \(d.reason ?? "SPMD")")
            #expect(d.summary(vectorBits: 512).hasPrefix("not SPMD: "))
        }
    }

    @Test func gathersInAnInnermostLoopKeepALoopScalar() throws {
        // y[i] = x[i * 3] inside the while loop: a gather on every trip.
        let gather = Self.body().replacingOccurrences(
            of: "      store $0, %13\n",
            with: "      store $0, %13\n      %40 = mul %5, %5 : i64\n      %41 = load.elem %3[%40] : f64\n")
        let d = try spmdDecision(of: gather)
        #expect(d.reason == "gathers elements in an inner loop (slower than scalar code)")
        // x[i + k] there is contiguous: fine.
        let dense = Self.body().replacingOccurrences(
            of: "      store $0, %13\n",
            with: "      store $0, %13\n      %40 = add %5, %16 : i64\n      %41 = load.elem %3[%40] : f64\n")
        #expect(try spmdDecision(of: dense).isSPMD)
    }

    @Test func aBodyWithoutBranchesIsLeftToLLVM() throws {
        let text = """
            module "t.kern"

            func @f.prange0(%0 lo: i64, %1 hi: i64, %2 block: i64, inout %4 c1: [f64; 1]) -> void {
              %16 = const 1 : i64
              for %5: i64 = %0 ..< %1 step %16 blocked loop 1 {
                %6 = convert %5 : f64
                store.elem %4[%5], %6
              }
              return
            }
            """
        let d = try spmdDecision(of: text)
        #expect(d.reason?.contains("no branchy code") == true)
    }

    @Test func scalarReductionsKeepOnePartialPerLane() throws {
        let text = """
            module "t.kern"

            func @f.prange0(%0 lo: i64, %1 hi: i64, %2 block: i64, %3 c0: [f64; 1]) -> void {
              slot $0 s: f64
              %16 = const 1 : i64
              for %5: i64 = %0 ..< %1 step %16 blocked(reduce $0 add) loop 1 {
                %7 = load.elem %3[%5] : f64
                %8 = const 0.0 : f64
                %9 = cmp gt %7, %8 : bool
                if %9 {
                  %10 = load $0 : f64
                  %11 = add %10, %7 : f64
                  store $0, %11
                }
              }
              return
            }
            """
        let d = try spmdDecision(of: text)
        #expect(d.isSPMD)
        #expect(d.masked == ["if"])
        #expect(d.varyingSlots == [SlotID(raw: 0)])
    }
}
