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
