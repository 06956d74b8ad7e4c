import Foundation
@testable import KernFuzzDiff
import KernFuzzGen
import Testing

/// What the speed-ups of the differential fuzzer (docs/fuzzing.md, "Throughput") must
/// keep: every batch checked once whatever the number of workers, every module still
/// compiled once at -O3, every combination of vector math and -O3 placement reached,
/// and a lower-level compile that agrees too.
struct ThroughputTests {
    @Test(arguments: [1, 2, 3, 5])
    func jobsTogetherCheckEveryBatchOnce(jobs: Int) {
        let schedule = Supervisor.Schedule(start: 16, batch: 8, jobs: jobs)
        let limit: UInt64 = 16 + 240
        var seen: [UInt64] = []
        for job in 0..<jobs {
            var first = schedule.first(job: job)
            while first < limit {
                seen.append(first)
                first += schedule.step
            }
        }
        #expect(seen.sorted() == Array(stride(from: UInt64(16), to: limit, by: 8)))
    }

    @Test func everyModuleHasAnO3Compile() {
        for level in 0...3 {
            for n in 0..<8 as Range<UInt64> {
                let c = Differ.Configuration.forBatch(n, otherOptimizationLevel: level)
                let levels = [true, false].map { c.options(checked: $0).optimizationLevel }
                #expect(levels.contains(3))
                #expect(levels.sorted() == [level, 3].sorted())
                // Exactly one of the two compiles uses vector math.
                #expect(c.options(checked: true).vectorMath != c.options(checked: false).vectorMath)
                // The compile cache stays on (the path users get; FuzzCache makes it private).
                #expect(c.options(checked: true).compileCache)
            }
        }
    }

    @Test func fourBatchesReachEveryCombination() {
        let seen = Set(
            (0..<4 as Range<UInt64>).map {
                let c = Differ.Configuration.forBatch($0, otherOptimizationLevel: 0)
                return "\(c.vectorMathChecked) \(c.fullOptimizationChecked)"
            })
        #expect(seen.count == 4)
        #expect(Differ.Configuration.all(otherOptimizationLevel: 3).count == 2)
        #expect(Differ.Configuration.all(otherOptimizationLevel: 1).count == 4)
    }

    @Test func savedCasesRecordTheirLevel() {
        let source = "// fuzz-seed: 9\n// \(CheckFile.otherLevelTag)0\nfunc p0_main() { print(1) }\n"
        #expect(CheckFile.recordedOtherOptimizationLevel(source) == 0)
        #expect(CheckFile.recordedSeed(source) == 9)
        #expect(CheckFile.recordedOtherOptimizationLevel("func p0_main() {}\n") == nil)
    }

    /// A batch with the checked compile at -O0 and the unchecked one at -O3 (and the
    /// reverse) agrees with the interpreter, like the default configuration.
    @Test(arguments: [true, false])
    func lowLevelBatchAgrees(fullOptimizationChecked: Bool) {
        let indices = 20..<24 as Range<UInt64>
        let sources = indices.map { ProgramGenerator.program(seed: 5, index: $0) }
        let entries = zip(indices, sources).map {
            Differ.Entry(name: ProgramGenerator.entryName(index: $0), source: $1)
        }
        // A unique comment: the compile cache (the user's, in tests) must not already hold
        // the modules from an earlier run, or no LLVM time is spent to check below.
        let outcome = Differ.check(
            source: sources.joined(separator: "\n") + "\n// \(UUID())\n", entries: entries, seed: 5,
            configuration: .init(
                vectorMathChecked: !fullOptimizationChecked,
                fullOptimizationChecked: fullOptimizationChecked, otherOptimizationLevel: 0))
        switch outcome {
        case .agreed: break
        case .findings(let f): Issue.record("findings:\n\(f.map(\.description).joined(separator: "\n"))")
        case .compileError(let text): Issue.record("generated programs do not compile:\n\(text)")
        }
        #expect(Differ.lastTimes.compile > 0)
        #expect(Differ.lastTimes.llvmOptimization > 0)
        // The compile cache path makes the machine code as an object file: it is counted.
        #expect(Differ.lastTimes.machineCode > 0)
        #expect(Differ.lastTimes.cpu > 0)
    }
}
