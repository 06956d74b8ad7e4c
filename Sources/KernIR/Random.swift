/// Kern's random numbers, as the reference interpreter computes them (the LLVM lowering
/// in KernLLVM/Codegen+Random.swift emits the same arithmetic inline, so it vectorizes).
///
/// In: the call's seed, the stream position (region, iteration, ordinal) and the
/// distribution's bounds. Out: the drawn value. Generator: Philox-4x32-10 (Salmon et al.,
/// "Parallel random numbers: as easy as 1, 2, 3", SC 2011), a counter-based generator:
/// each 128-bit output block is a pure function of a 64-bit key and a 128-bit counter.
/// Kern's key is the seed; the counter is (ordinal + region·2^40, iteration), see the
/// "Random numbers" paragraph of IR.swift. One draw uses one block.
import KernABI

public enum Philox {
    public static let m0: UInt32 = 0xD251_1F53
    public static let m1: UInt32 = 0xCD9E_8D57
    public static let w0: UInt32 = 0x9E37_79B9
    public static let w1: UInt32 = 0xBB67_AE85

    /// Philox-4x32 with 10 rounds.
    public static func block(counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32))
        -> (UInt32, UInt32, UInt32, UInt32)
    {
        var c = counter
        var k = key
        for round in 0..<10 {
            if round > 0 {
                k.0 &+= w0
                k.1 &+= w1
            }
            let p0 = UInt64(m0) * UInt64(c.0)
            let p1 = UInt64(m1) * UInt64(c.2)
            c = (
                UInt32(truncatingIfNeeded: p1 >> 32) ^ c.1 ^ k.0, UInt32(truncatingIfNeeded: p1),
                UInt32(truncatingIfNeeded: p0 >> 32) ^ c.3 ^ k.1, UInt32(truncatingIfNeeded: p0)
            )
        }
        return c
    }

    /// The block for a draw: key = seed, counter = (ordinal word, iteration).
    public static func draw(seed: UInt64, ordinal: UInt64, iteration: UInt64) -> (UInt64, UInt64) {
        let x = block(
            counter: (
                UInt32(truncatingIfNeeded: ordinal), UInt32(truncatingIfNeeded: ordinal >> 32),
                UInt32(truncatingIfNeeded: iteration), UInt32(truncatingIfNeeded: iteration >> 32)
            ),
            key: (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)))
        return (UInt64(x.0) | UInt64(x.1) << 32, UInt64(x.2) | UInt64(x.3) << 32)
    }
}

/// Where a call is in its random stream.
public struct RandomStream: Sendable, Hashable {
    /// Bits of the ordinal word below the region number: 2^40 draws per iteration.
    public static let regionShift = UInt64(RuntimeABI.rngRegionShift)

    public var seed: UInt64
    /// Outermost `prange`s started so far by the call.
    public var regions: UInt64 = 0
    /// 0 in serial code, 1 inside an outermost `prange`'s iterations, more when nested.
    public var parallelDepth = 0
    public var iteration: UInt64 = 0
    /// Draw ordinal, with the region number in the bits from `regionShift` up.
    public var ordinal: UInt64 = 0

    public init(seed: UInt64) { self.seed = seed }

    /// The next block of 128 random bits; advances the ordinal.
    public mutating func next() -> (UInt64, UInt64) {
        defer { ordinal &+= 1 }
        return Philox.draw(seed: seed, ordinal: ordinal, iteration: iteration)
    }
}

/// Turning random bits into values (the same formulas in the LLVM lowering).
public enum RandomValues {
    /// `[0, 1)` from the top 53 bits.
    public static func unitDouble(_ bits: UInt64) -> Double { Double(bits >> 11) * 0x1p-53 }
    /// `[0, 1)` from the top 24 bits of the low word.
    public static func unitFloat(_ bits: UInt64) -> Float {
        Float(UInt32(truncatingIfNeeded: bits) >> 8) * 0x1p-24
    }

    /// Swift's formula, `(hi - lo) * unit + lo`, rounded once per operation (no fused
    /// multiply-add); a result that rounds up to `hi` becomes `lo`, so it stays in `[lo, hi)`.
    public static func uniform(_ lo: Double, _ hi: Double, _ bits: UInt64) -> Double {
        let r = (hi - lo) * unitDouble(bits) + lo
        return r < hi ? r : lo
    }

    public static func uniform(_ lo: Float, _ hi: Float, _ bits: UInt64) -> Float {
        let r = (hi - lo) * unitFloat(bits) + lo
        return r < hi ? r : lo
    }

    /// `lo + ⌊bits · (hi - lo) / 2^64⌋` in the integer type's width (`lo` and `span`
    /// as bit patterns): the multiply-shift map, biased by at most `span / 2^64`.
    public static func uniformInteger(lo: UInt64, span: UInt64, _ bits: UInt64) -> UInt64 {
        lo &+ bits.multipliedFullWidth(by: span).high
    }

    /// Box–Muller: `sqrt(-2 log u1) · cos(2π u2)`, `u1` in `(0, 1]`, `u2` in `[0, 1)`.
    public static func normal(
        _ bits: (UInt64, UInt64), log: (Double) -> Double, cos: (Double) -> Double
    )
        -> Double
    {
        let u1 = (Double(bits.0 >> 11) + 1) * 0x1p-53
        let u2 = unitDouble(bits.1)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
