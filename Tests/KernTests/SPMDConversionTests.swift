import Foundation
import Kern
import Testing

/// Float→signed integer conversions on SPMD lanes (Codegen+SPMDSerial.swift,
/// `saturatingSignedLanes`): in-range lanes convert with one vector instruction and a
/// group with a live lane outside (NaN, ±infinity, beyond the type, exactly its minimum)
/// takes a fix-up; either way every lane gets Kern's saturating result (NaN → 0), the
/// scalar loop's (`--no-spmd`) and the interpreter's.
struct SPMDConversionTests {
    static let source = """
        func fromDouble(x: [Double], wide: inout [Int], narrow: inout [Int32], small: inout [Int8]) {
            for i in prange(x.count) {
                if x[i] != 0.5 {
                    wide[i] = Int(x[i])
                    narrow[i] = Int32(x[i])
                    small[i] = Int8(x[i])
                } else {
                    wide[i] = -7
                    narrow[i] = -7
                    small[i] = -7
                }
            }
        }

        func fromFloat(x: [Float], wide: inout [Int], narrow: inout [Int32]) {
            for i in prange(x.count) {
                if x[i] != 0.5 {
                    wide[i] = Int(x[i])
                    narrow[i] = Int32(x[i])
                } else {
                    wide[i] = -7
                    narrow[i] = -7
                }
            }
        }
        """

    static let modules = SPMDModules(source: source, fileName: "convert.kern")

    /// Values at and around every bound, plus NaN and infinities.
    static let specials: [Double] = [
        .nan, -.nan, .infinity, -.infinity, 0x1p63, -0x1p63, 0x1p63 - 1024, -0x1p63 - 2048,
        1e19, -1e19, 1e300, -1e300, 0x1p31, -0x1p31, 0x1p31 - 0.5, -0x1p31 - 1, 127.9, 128,
        -128, -128.5, -129, -0.0, 0.5, -0.99,
    ]

    /// Mostly ordinary values (whole groups of them take the fast path), with the
    /// specials at scattered positions, some groups holding several.
    static let input: [Double] = (0..<1000).map { (i: Int) -> Double in
        if i % 23 == 0 || i % 37 == 5 { return specials[(i / 5) % specials.count] }
        return Double((i &* 7919) % 2001 - 1000) * 0.37
    }

    /// Kern's conversion: truncate toward zero, saturate, NaN → 0.
    static func saturated<T: FixedWidthInteger & SignedInteger>(_ v: Double, _: T.Type) -> T {
        if v.isNaN { return 0 }
        if v >= Double(sign: .plus, exponent: T.bitWidth - 1, significand: 1) { return .max }
        if v < -Double(sign: .plus, exponent: T.bitWidth - 1, significand: 1) { return .min }
        return T(v.rounded(.towardZero))
    }

    @Test func doubleLanesSaturateLikeScalarCode() throws {
        var results: [[Int]] = []
        for module in Self.modules.both {
            for threads in [1, 2] {
                let n = Self.input.count
                var wide = [Int](repeating: 0, count: n)
                var narrow = [Int32](repeating: 0, count: n)
                var small = [Int8](repeating: 0, count: n)
                try module.get().function(named: "fromDouble").with(seed: 0, threads: threads)(
                    Self.input, &wide, &narrow, &small)
                results.append(wide + narrow.map { Int($0) } + small.map { Int($0) })
            }
        }
        let expected =
            Self.input.map { $0 == 0.5 ? -7 : Self.saturated($0, Int.self) }
            + Self.input.map { $0 == 0.5 ? -7 : Int(Self.saturated($0, Int32.self)) }
            + Self.input.map { $0 == 0.5 ? -7 : Int(Self.saturated($0, Int8.self)) }
        for r in results { #expect(r == expected) }
    }

    @Test func floatLanesSaturateLikeScalarCode() throws {
        let x = Self.input.map(Float.init)
        var results: [[Int]] = []
        for module in Self.modules.both {
            var wide = [Int](repeating: 0, count: x.count)
            var narrow = [Int32](repeating: 0, count: x.count)
            try module.get().function(named: "fromFloat").with(seed: 0, threads: 1)(
                x, &wide, &narrow)
            results.append(wide + narrow.map { Int($0) })
        }
        let expected =
            x.map { $0 == 0.5 ? -7 : Self.saturated(Double($0), Int.self) }
            + x.map { $0 == 0.5 ? -7 : Int(Self.saturated(Double($0), Int32.self)) }
        for r in results { #expect(r == expected) }
    }

    @Test func reportShowsTheLoopRunsAsLanes() throws {
        let text = try KernModule.report(source: Self.source, fileName: "convert.kern").text()
        #expect(text.components(separatedBy: "SPMD: ").count == 3, "\(text)")
    }
}
