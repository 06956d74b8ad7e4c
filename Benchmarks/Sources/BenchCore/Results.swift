/// What one run measured: per (kernel, implementation) timings and verdicts, plus the
/// machine limits and overheads printed next to them.

public enum Status: Equatable, Sendable {
    case ok
    case mismatch(String)  // verification failed: the run fails
    case unavailable(String)  // suite or kernel not run; shown as "n/a (reason)"
    case failed(String)  // the implementation threw or crashed
}

public struct Measurement: Sendable {
    public var kernel: Kernel
    public var implementation: String
    public var threads: Int
    public var serialCounterpart: String?
    public var timesMs: [Double] = []
    public var checksum: Double?
    public var status: Status
    public var note: String = ""  // e.g. "BLAS"

    public var medianMs: Double? { timesMs.isEmpty ? nil : median(timesMs) }
    public var minMs: Double? { timesMs.min() }

    /// This measurement with a later round's (`RoundPlan`): the times of both, the first
    /// checksum, and the first status that is not `.ok` (a mismatch in any round counts).
    public func merging(_ later: Measurement) -> Measurement {
        var m = self
        m.timesMs += later.timesMs
        if case .ok = m.status { m.status = later.status }
        return m
    }
}

/// A labelled scalar result (overheads, compile latencies, bandwidth).
public struct Metric: Sendable {
    public var group: String  // "call overhead", "parallel launch", "Numba compile", …
    public var name: String
    public var value: Double
    public var unit: String
    public init(group: String, name: String, value: Double, unit: String) {
        self.group = group
        self.name = name
        self.value = value
        self.unit = unit
    }
}

public final class Results {
    public var machine: Machine
    public var sizes: Sizes
    public var quick: Bool
    public var implementations: [String] = []  // column order
    public var measurements: [Measurement] = []
    public var metrics: [Metric] = []
    /// The `@vectorize` chain section (UfuncChain.swift) and its element count.
    public var chainRows: [ChainRow] = []
    public var chainN = 0
    public var triad1: Double = .nan, triad2: Double = .nan  // GB/s, best of reps
    public var builds: [String: String] = [:]
    public var loadAtStart: Double = .nan  // 1-minute load average when the run began
    public var othersCPU: Double = .nan  // fraction of CPU capacity other processes used  // implementation → compiler and flags

    public init(machine: Machine, sizes: Sizes, quick: Bool) {
        self.machine = machine
        self.sizes = sizes
        self.quick = quick
    }

    public func add(_ m: Measurement) {
        if !implementations.contains(m.implementation) { implementations.append(m.implementation) }
        measurements.append(m)
    }

    public func find(_ k: Kernel, _ impl: String) -> Measurement? {
        measurements.first { $0.kernel == k && $0.implementation == impl }
    }

    /// The fastest serial C median for a kernel (the baseline every ratio is relative to).
    public func bestSerialC(_ k: Kernel) -> Double? {
        measurements.filter {
            $0.kernel == k && $0.implementation.hasPrefix("C ") && $0.threads == 1
                && $0.status == .ok
        }
        .compactMap(\.medianMs).min()
    }

    /// Chain rows that failed or disagreed with the reference.
    public var chainFailures: [ChainRow] {
        chainRows.filter {
            switch $0.status {
            case .mismatch, .failed: return true
            case .ok, .unavailable: return false
            }
        }
    }

    public var failures: [Measurement] {
        measurements.filter {
            switch $0.status {
            case .mismatch, .failed: return true
            case .ok, .unavailable: return false
            }
        }
    }
}
