import KernBasics
import Testing

@testable import KernIR

/// A `prange` body whose inner `for` loop carries a floating-point sum (nbody's
/// `ax += f * dx`) runs as lanes (SPMDAnalysis.swift): LLVM's vectorizer leaves that
/// loop scalar under strict FP.
struct SPMDInnerSumsTests {
    /// `for i in prange(n) { var s = 0.0; for j in 0..<m { s += sqrt(x[j] + y[i]) }; y[i] = s }`
    /// as an outlined block; `store` is the update of `s` in the inner loop (or anything
    /// else for the variants).
    static func body(update: String = "store $0, %24") -> String {
        """
        module "t.kern"

        func @f.prange0(%0 lo: i64, %1 hi: i64, %2 block: i64, %3 c0: [f64; 1], inout %4 c1: [f64; 1], %5 m: i64) -> void {
          slot $0 s: f64
          %6 = const 1 : i64
          %7 = const 0 : i64
          %8 = const 0.0 : f64
          for %10: i64 = %0 ..< %1 step %6 blocked loop 1 {
            store $0, %8
            %11 = load.elem %4[%10] : f64
            for %20: i64 = %7 ..< %5 step %6 loop 0 {
              %21 = load.elem %3[%20] : f64
              %22 = add %21, %11 : f64
              %23 = math.sqrt %22 : f64
              %25 = load $0 : f64
              %24 = add %25, %23 : f64
              \(update)
            }
            %26 = load $0 : f64
            store.elem %4[%10], %26
          }
          return
        }
        """
    }

    @Test func anInnerFloatingSumRunsAsLanes() throws {
        let d = try spmdDecision(of: Self.body())
        #expect(d.isSPMD)
        #expect(d.hasInnerSums)
        #expect(d.masked.isEmpty)
        #expect(d.summary(vectorBits: 512) == "SPMD: 8 lanes, sums per lane in an inner loop")
        #expect(d.varyingSlots == [SlotID(raw: 0)])
    }

    @Test func withoutTheSumTheLoopIsLLVMs() throws {
        // The inner loop no longer writes the slot: nothing LLVM leaves scalar.
        let d = try spmdDecision(of: Self.body(update: ""))
        #expect(!d.isSPMD)
        #expect(d.reason == "no branchy code (LLVM's vectorizer handles the rest)")
    }
}
