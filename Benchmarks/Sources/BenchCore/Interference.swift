import Foundation

/// Measures how much CPU *other* processes used while the benchmark ran — on a shared
/// 2-core machine a concurrent build silently halves parallel speedups. Compares the
/// system's busy time (/proc/stat) with this process's and its waited-for children's.
public struct Interference {
    let startWall: Double
    let startBusy: Double
    let startOwn: Double

    public init() {
        startWall = now()
        startBusy = Interference.systemBusySeconds()
        startOwn = Interference.ownCPUSeconds()
    }

    /// Fraction (0…1) of the machine's total CPU capacity used by other processes so far.
    public func othersFraction() -> Double {
        let wall = now() - startWall
        let busy = Interference.systemBusySeconds() - startBusy
        let own = Interference.ownCPUSeconds() - startOwn
        let capacity = wall * Double(ProcessInfo.processInfo.activeProcessorCount)
        return capacity > 0 ? max(0, (busy - own) / capacity) : 0
    }

    /// The 1-minute load average.
    public static func loadAverage() -> Double {
        let s = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return Double(s.split(separator: " ").first ?? "") ?? .nan
    }

    static func systemBusySeconds() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = s.split(separator: "\n").first, line.hasPrefix("cpu ")
        else { return 0 }
        // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait.
        let f = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard f.count >= 8 else { return 0 }
        let busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func ownCPUSeconds() -> Double {
        var total = 0.0
        for who in [RUSAGE_SELF.rawValue, RUSAGE_CHILDREN.rawValue] {
            var u = rusage()
            getrusage(__rusage_who_t(who), &u)
            total += Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6
            total += Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
        }
        return total
    }

    /// Waits up to `seconds` for other processes to use < 10% of the CPU (sampled over 2 s);
    /// returns the last sample.
    @discardableResult
    public static func waitForQuiet(upTo seconds: Double) -> Double {
        let deadline = now() + seconds
        var busy = 1.0
        var samples = 0
        repeat {
            let probe = Interference()
            usleep(2_000_000)
            busy = probe.othersFraction()
            if busy < 0.1 { break }
            samples += 1
            if samples % 5 == 1 {
                Progress.say(
                    String(
                        format:
                            "waiting for a quiet machine: other processes use %.0f%% of the CPU",
                        100 * busy))
            }
        } while now() < deadline
        return busy
    }
}
