import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU time (user + system, seconds) of this process, all threads.
func processCPUSeconds() -> Double { cpuSeconds(children: false) }

/// CPU time (user + system, seconds) of this process's children that have ended and
/// been waited for (the supervisor's workers and judges).
func childrenCPUSeconds() -> Double { cpuSeconds(children: true) }

/// The fuzzer's throughput measure on a shared machine: programs per CPU-second does not
/// depend on how many other processes compete for the cores, programs per wall-clock
/// second does.
private func cpuSeconds(children: Bool) -> Double {
    var usage = rusage()
    #if canImport(Glibc)
        let who = __rusage_who_t((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue)
    #else
        let who = children ? RUSAGE_CHILDREN : RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return 0 }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
