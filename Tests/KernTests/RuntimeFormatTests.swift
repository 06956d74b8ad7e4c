import KernFuzzGen
import KernRuntime
/// kern_rt_format_f64/f32 must print exactly what Swift's `description` prints, for
/// every value: compared on ~1,000,000 values (random bit patterns, random decimals,
/// powers of two and ten with their neighbours, subnormals, extremes).
import Testing

/// A seeded generator so failures reproduce: the package's SplitMix64 (the fuzzer's).
struct SeededGenerator: RandomNumberGenerator {
    private var random: FuzzRandom
    init(seed: UInt64) { random = FuzzRandom(seed: seed) }
    mutating func next() -> UInt64 { random.next() }
}

func cFormat(_ v: Double) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buf in
        let n = kern_rt_format_f64(v, buf.baseAddress!)
        return String(
            decoding: UnsafeRawBufferPointer(start: buf.baseAddress!, count: Int(n)), as: UTF8.self)
    }
}

func cFormat(_ v: Float) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buf in
        let n = kern_rt_format_f32(v, buf.baseAddress!)
        return String(
            decoding: UnsafeRawBufferPointer(start: buf.baseAddress!, count: Int(n)), as: UTF8.self)
    }
}

@Suite struct RuntimeFormatTests {
    @Test func knownValues() {
        let doubles: [(Double, String)] = [
            (1, "1.0"), (0.0001, "0.0001"), (0.00001, "1e-05"), (1e15, "1000000000000000.0"),
            (1e16, "1e+16"), (9_007_199_254_740_992, "9007199254740992.0"),
            (9_999_999_999_999_998, "9.999999999999998e+15"), (-0.0, "-0.0"), (0, "0.0"),
            (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"), (0.1, "0.1"),
            (1.0 / 3, "0.3333333333333333"), (5e-324, "5e-324"),
            (.greatestFiniteMagnitude, "1.7976931348623157e+308"), (123456, "123456.0"),
            (0.00015000000000000001, "0.00015000000000000001"), (2.5, "2.5"),
        ]
        for (v, s) in doubles { #expect(cFormat(v) == s) }
        let floats: [(Float, String)] = [
            (1e8, "1e+08"), (16_777_216, "16777216.0"), (33_554_432, "3.3554432e+07"),
            (1.0 / 3, "0.33333334"),
            (1e-45, "1e-45"), (.greatestFiniteMagnitude, "3.4028235e+38"), (-.infinity, "-inf"),
            (.nan, "nan"),
        ]
        for (v, s) in floats { #expect(cFormat(v) == s) }
    }

    @Test func randomBitPatternsMatchSwift() {
        var rng = SeededGenerator(seed: 0x4B45_524E)
        var mismatches: [String] = []
        for _ in 0..<300_000 {
            let d = Double(bitPattern: rng.next())
            if cFormat(d) != d.description { mismatches.append("\(d.bitPattern)") }
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if cFormat(f) != f.description { mismatches.append("f\(f.bitPattern)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func randomDecimalsMatchSwift() {
        var rng = SeededGenerator(seed: 7)
        var mismatches: [String] = []
        for _ in 0..<150_000 {
            // Short decimals (the values people write) at every scale.
            let digits = Double(Int.random(in: 1...999_999, using: &rng))
            let d = digits * pow10(Int.random(in: -40...40, using: &rng))
            if cFormat(d) != d.description { mismatches.append("\(d.bitPattern)") }
            let f = Float(d)
            if cFormat(f) != f.description { mismatches.append("f\(f.bitPattern)") }
            let small = Double(Int.random(in: -100_000...100_000, using: &rng)) / 1000
            if cFormat(small) != small.description { mismatches.append("\(small.bitPattern)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func edgeCasesMatchSwift() {
        var values: [Double] = [
            .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .pi, .ulpOfOne,
            Double(Float.leastNonzeroMagnitude), Double(Float.greatestFiniteMagnitude),
        ]
        for e in -1074...1023 { values.append(Double(sign: .plus, exponent: e, significand: 1)) }
        for e in -330...310 { values.append(pow10(e)) }
        for i in 0..<20_000 {
            values.append(Double(i))
            values.append(Double(i) / 1000)
        }
        var mismatches: [String] = []
        for v in values {
            for d in [v, v.nextUp, v.nextDown, -v] where cFormat(d) != d.description {
                mismatches.append("\(d.bitPattern)")
            }
            let f = Float(v)
            for x in [f, f.nextUp, f.nextDown, -f] where cFormat(x) != x.description {
                mismatches.append("f\(x.bitPattern)")
            }
        }
        // Float subnormals, all of the smallest ones.
        for bits in UInt32(1)...4096
        where cFormat(Float(bitPattern: bits)) != Float(bitPattern: bits).description {
            mismatches.append("f\(bits)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    private func pow10(_ e: Int) -> Double { Double("1e\(e)") ?? 0 }
}
