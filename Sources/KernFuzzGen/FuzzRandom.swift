/// The fuzzer's own random source: SplitMix64, so a program depends only on
/// (seed, program index) and never on the Swift standard library's generator.
public struct FuzzRandom: Sendable {
    private var state: UInt64

    /// The generator of program `index` in the run with seed `seed`.
    public init(seed: UInt64, index: UInt64 = 0) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 ^ (index &+ 1) &* 0xD1B5_4A32_D192_ED03
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (bias below 2^-40 for the small ranges used here).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(bitPattern: UInt(next())) }
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...items.count - 1)]
    }
}
