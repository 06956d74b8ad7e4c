import KernBasics
import Testing

@testable import KernIR

/// Lane-ordered updates in SPMD bodies (SPMDSerialUpdates.swift): an array reduction's
/// `local[b] += e` and `atomicAdd` let a body run as lanes; anything else writing an
/// element without the loop variable in its index still keeps it scalar.
struct SPMDSerialUpdatesTests {
    /// `let b = Int(x[i] * 8.0); if b >= 0 { <update> }` over a private row %6.
    static func body(_ update: String, branchy: Bool = true) -> String {
        let open = branchy ? "    %9 = const 0 : i64\n    %10 = cmp ge %8, %9 : bool\n    if %10 {" : ""
        let close = branchy ? "    }" : ""
        return """
            module "t.kern"

            func @f.prange0(%0 lo: i64, %1 hi: i64, %2 block: i64, %3 c0: [f64; 1], inout %4 c1: [i64; 2], inout %5 c2: [i64; 1]) -> void {
              %6 = subview %4[%2] : [i64; 1]
              %16 = const 1 : i64
              for %11: i64 = %0 ..< %1 step %16 blocked loop 1 {
                %7 = load.elem %3[%11] : f64
                %12 = const 8.0 : f64
                %13 = mul %7, %12 : f64
                %8 = convert %13 : i64
            \(open)
            \(update)
            \(close)
              }
              return
            }
            """
    }

    static let increment = """
              %20 = load.elem %6[%8] : i64
              %21 = const 1 : i64
              %22 = add %20, %21 : i64
              store.elem %6[%8], %22
        """

    @Test func aHistogramUpdateRunsLaneAfterLane() throws {
        let d = try spmdDecision(of: Self.body(Self.increment))
        #expect(d.isSPMD, "\(d.reason ?? "")")
        #expect(d.serialRegions == [ValueID(raw: 20): 4])
        #expect(d.masked == ["if"])
        #expect(d.summary(vectorBits: 1024) == "SPMD: 16 lanes, masked if, updates in lane order")
        // The bin is computed on vectors.
        #expect(d.varying.contains(ValueID(raw: 8)))
    }

    @Test func anUpdateAloneMakesTheBodyWorthLanes() throws {
        let d = try spmdDecision(of: Self.body(Self.increment, branchy: false))
        #expect(d.isSPMD, "\(d.reason ?? "")")
        #expect(d.masked.isEmpty)
    }

    @Test func atomicAddRunsLaneAfterLane() throws {
        let d = try spmdDecision(of: Self.body("      %21 = const 1 : i64\n      atomic.add %5[%8], %21"))
        #expect(d.isSPMD, "\(d.reason ?? "")")
        #expect(d.hasAtomics)
        #expect(d.serialRegions.isEmpty)
        // Without a branch an atomicAdd alone does not pay for lanes: the atomic dominates.
        let plain = try spmdDecision(of: 
            Self.body("      %21 = const 1 : i64\n      atomic.add %5[%8], %21", branchy: false))
        #expect(plain.reason?.contains("no branchy code") == true)
    }

    @Test func whatIsNotALaneOrderedUpdate() throws {
        let cases: [(String, String)] = [
            // A plain write at a bin: no load of the element before it.
            ("      %21 = const 1 : i64\n      store.elem %6[%8], %21", "array reduction"),
            // The loaded value is used after the store: lanes would need its vector.
            (
                Self.increment + "\n      %23 = add %20, %20 : i64\n      store.elem %5[%11], %23",
                "array reduction"
            ),
            // A check between the load and the store.
            (
                """
                      %20 = load.elem %6[%8] : i64
                      check.divisor %20
                      store.elem %6[%8], %20
                """, "array reduction"
            ),
            // Another element than the one loaded.
            (
                """
                      %20 = load.elem %6[%8] : i64
                      %21 = const 1 : i64
                      %22 = add %8, %21 : i64
                      store.elem %6[%22], %20
                """, "array reduction"
            ),
        ]
        for (update, reason) in cases {
            let d = try spmdDecision(of: Self.body(update))
            #expect(!d.isSPMD, "\(update)")
            #expect(d.reason?.contains(reason) == true, "\(update): \(d.reason ?? "SPMD")")
        }
    }

    @Test func anUpdateAtTheLoopVariableStaysAVectorAccess() throws {
        // a[i] += 1 on a plain array: contiguous, no region needed.
        let d = try spmdDecision(of: 
            Self.body(
                """
                      %20 = load.elem %5[%11] : i64
                      %21 = const 1 : i64
                      %22 = add %20, %21 : i64
                      store.elem %5[%11], %22
                """))
        #expect(d.isSPMD)
        #expect(d.serialRegions.isEmpty)
    }
}
