import Foundation
import Testing

@testable import Kern

/// Resident memory over many compile/release cycles (issue 15.6). Run with
/// `KERN_MEASURE=1 KERN_LEAK_CYCLES=10000 swift test --filter ModuleLeakMeasurement`;
/// prints RSS after each tenth of the cycles and the growth per cycle over the second
/// half (after allocator and JIT warm-up), which must stay under 2 kB.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"))
struct ModuleLeakMeasurement {
    static let source = """
        func saxpy(a: Double, x: [Double], y: inout [Double]) {
            for i in prange(x.count) { y[i] = a * x[i] + y[i] }
        }
        """

    /// Resident set size in bytes (Linux /proc/self/statm).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func residentMemoryLevelsOff() throws {
        let cycles = Int(ProcessInfo.processInfo.environment["KERN_LEAK_CYCLES"] ?? "") ?? 2_000
        var x = [Double](repeating: 1, count: 16)
        var samples: [Int] = []
        for cycle in 1...cycles {
            try autoreleasepool {
                let module = try KernModule.compile(source: Self.source)
                var y = [Double](repeating: 0, count: 16)
                try module.function(named: "saxpy")(2.0, x, &y)
                x[0] = y[0] - 1
            }
            if cycle % max(1, cycles / 10) == 0 {
                samples.append(Self.residentBytes())
                print("cycles \(cycle): RSS \(samples.last! / 1024) kB")
            }
        }
        let half = samples.count / 2
        let perCycle =
            Double(samples.last! - samples[half - 1]) / Double(cycles - cycles / 10 * half)
        print("growth over the second half: \(Int(perCycle)) bytes per cycle")
        // Before JITDylibs were removed: 12,640 bytes per cycle over 1,000 cycles;
        // after: about 400 (allocator noise and LLVM's interned names).
        #expect(perCycle < 2_048)
    }
}

private func autoreleasepool<T>(_ body: () throws -> T) rethrows -> T { try body() }
