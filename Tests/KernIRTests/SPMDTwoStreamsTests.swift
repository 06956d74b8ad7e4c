import KernBasics
import Testing

@testable import KernIR

/// Two interleaved streams per block (SPMDDecision.twoStreams): only bodies with
/// lane-ordered updates or atomics, all on integers, whose reductions are integers and
/// with no check left — where running the block's two halves alternately cannot change
/// a result or which error is reported.
struct SPMDTwoStreamsTests {
    /// A histogram body over a private row of `element`s with `reduce` as the loop's
    /// reductions, `extra` before the update.
    static func body(
        element: String = "i64", one: String = "1", reduce: String = "", slots: String = "",
        extra: String = "", update: String? = nil
    ) -> String {
        let increment =
            update ?? """
                      %20 = load.elem %6[%8] : \(element)
                      %21 = const \(one) : \(element)
                      %22 = add %20, %21 : \(element)
                      store.elem %6[%8], %22
                """
        return """
            module "t.kern"

            func @f.prange0(%0 lo: i64, %1 hi: i64, %2 block: i64, %3 c0: [f64; 1], inout %4 c1: [\(element); 2], inout %5 c2: [\(element); 1]) -> void {
              \(slots)
              %6 = subview %4[%2] : [\(element); 1]
              %16 = const 1 : i64
              for %11: i64 = %0 ..< %1 step %16 blocked\(reduce) loop 1 {
                %7 = load.elem %3[%11] : f64
                %12 = const 8.0 : f64
                %13 = mul %7, %12 : f64
                %8 = convert %13 : i64
                %9 = const 0 : i64
                %10 = cmp ge %8, %9 : bool
            \(extra)
                if %10 {
            \(increment)
                }
              }
              return
            }
            """
    }

    func decision(_ text: String) throws -> SPMDDecision { try spmdDecision(of: text) }

    @Test func anIntegerHistogramWithoutChecksRunsTwoStreams() throws {
        let d = try decision(Self.body())
        #expect(d.isSPMD, "\(d.reason ?? "")")
        #expect(d.twoStreams)
        #expect(d.summary(vectorBits: 1024).hasSuffix(", two streams per block"))
    }

    @Test func aLeftCheckKeepsTheBlockInOrder() throws {
        // The error must be the lowest failing iteration's.
        let check = "    %30 = dim %3, 0 : i64\n    check.bounds %8 < %30 axis 0 !3:5"
        let d = try decision(Self.body(extra: check))
        #expect(d.isSPMD, "\(d.reason ?? "")")
        #expect(!d.twoStreams)
    }

    @Test func floatingUpdatesKeepTheBlockInOrder() throws {
        // Floating bins are bitwise those of the scalar loop only in iteration order.
        let d = try decision(Self.body(element: "f64", one: "1.0"))
        #expect(d.isSPMD, "\(d.reason ?? "")")
        #expect(!d.twoStreams)
    }

    @Test func atomicsAndReductionsCountByType() throws {
        let atomic = try decision(
            Self.body(update: "      %21 = const 1 : i64\n      atomic.add %5[%8], %21"))
        #expect(atomic.isSPMD && atomic.twoStreams)
        let floatingAtomic = try decision(
            Self.body(
                element: "f64", update: "      %21 = const 1.0 : f64\n      atomic.add %5[%8], %21")
        )
        #expect(floatingAtomic.isSPMD && !floatingAtomic.twoStreams)
        // A scalar sum next to the histogram: integer sums are exact in any order,
        // floating ones are not.
        for (type, zero, streams) in [("i64", "1", true), ("f64", "1.0", false)] {
            let d = try decision(
                Self.body(
                    reduce: "(reduce $0 add)", slots: "slot $0 s: \(type)",
                    extra: """
                            %31 = load $0 : \(type)
                            %32 = const \(zero) : \(type)
                            %33 = add %31, %32 : \(type)
                            store $0, %33
                        """))
            #expect(d.isSPMD, "\(d.reason ?? "")")
            #expect(d.twoStreams == streams, "\(type)")
        }
    }

    @Test func bodiesWithoutUpdatesKeepOneStream() throws {
        // Only the streaming histogram was measured; other SPMD bodies keep their order.
        let d = try decision(
            Self.body(update: "      %21 = const 1 : i64\n      store.elem %5[%11], %21"))
        #expect(d.isSPMD, "\(d.reason ?? "")")
        #expect(!d.twoStreams)
    }
}
