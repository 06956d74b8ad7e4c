import Foundation

/// Monotonic wall-clock time in seconds.
@inline(__always) public func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// How many untimed warm-up calls and timed repetitions each measurement makes.
public struct TimingPlan: Sendable {
    public var warmups: Int
    public var repetitions: Int
    public init(warmups: Int, repetitions: Int) {
        self.warmups = warmups
        self.repetitions = repetitions
    }
}

/// A plan's repetitions split into rounds (`Options.rounds`): each round makes the plan's
/// warm-up calls and then its share of the repetitions (11 in 11 rounds: one each; 11 in
/// 3: 4, 4, 3), so a median is over as many calls as in one block. Warm-ups in every round,
/// not only the first: each round allocates the kernel's outputs afresh, and without a
/// warm-up the first call pays their page faults (Kern's 2-thread black_scholes: 6–7 ms
/// warm, 11–13 ms as the median of such first calls).
public struct RoundPlan: Sendable {
    public let plans: [TimingPlan]
    public init(_ plan: TimingPlan, rounds: Int) {
        let n = max(1, min(rounds, plan.repetitions))
        plans = (0..<n).map { r in
            TimingPlan(
                warmups: plan.warmups,
                repetitions: plan.repetitions / n + (r < plan.repetitions % n ? 1 : 0))
        }
    }
}

/// Calls `reset` (untimed) then `body` (timed), `warmups` times untimed and then
/// `repetitions` times timed; returns the timed durations in milliseconds.
public func measure(
    _ plan: TimingPlan, reset: () -> Void = {}, _ body: () throws -> Void
) rethrows -> [Double] {
    for _ in 0..<plan.warmups {
        reset()
        try body()
    }
    var times: [Double] = []
    for _ in 0..<plan.repetitions {
        reset()
        let start = now()
        try body()
        times.append((now() - start) * 1e3)
    }
    return times
}

public func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
}
