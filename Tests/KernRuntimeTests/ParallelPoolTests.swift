// Tests of the pool behind kern_parallel_for (kern_parallel_pool.c): several host threads
// calling at once, staying usable after errors, no thread growth on repeated use, no CPU
// use while idle, thread-count configuration, and a printed launch-overhead measurement.
//
// Run under ThreadSanitizer with:
//   swift test --scratch-path .build-par-tsan --sanitize=thread --filter KernRuntimeTests

import Foundation
import KernRuntime
import Synchronization
import Testing

/// Per-call state of the concurrent test: sums i over each block into its slot and counts
/// the block's runs.
final class SumJob {
    let partials: UnsafeMutablePointer<Int64>
    let runs: UnsafeMutablePointer<Int64>
    init(count: Int) {
        partials = .allocate(capacity: count)
        partials.initialize(repeating: 0, count: count)
        runs = .allocate(capacity: count)
        runs.initialize(repeating: 0, count: count)
    }
    deinit {
        partials.deallocate()
        runs.deallocate()
    }
}

let integerSumBody: KernBlockBody = { context, _, lo, hi, block in
    let job = Unmanaged<SumJob>.fromOpaque(context!).takeUnretainedValue()
    var s: Int64 = 0
    for i in lo..<hi { s &+= i }
    job.partials[Int(block)] = s
    job.runs[Int(block)] += 1
    return 0
}

let emptyBody: KernBlockBody = { _, _, _, _, _ in 0 }

/// Runs one summing parallel_for over [begin, end) and returns the combined sum, or nil on
/// a failed call or a block that did not run exactly once.
func parallelSum(_ begin: Int64, _ end: Int64, blockSize: Int64, threads: Int) -> Int64? {
    let count = Int(kern_parallel_block_count(begin, end, blockSize))
    let job = SumJob(count: max(count, 1))
    var ctx = makeContext(threads: threads)
    let status = kern_parallel_for(
        &ctx, integerSumBody, Unmanaged.passUnretained(job).toOpaque(), begin, end, blockSize)
    guard status == 0 else { return nil }
    var total: Int64 = 0
    for b in 0..<count {
        guard job.runs[b] == 1 else { return nil }
        total &+= job.partials[b]
    }
    return total
}

func expectedSum(_ begin: Int64, _ end: Int64) -> Int64 {
    end <= begin ? 0 : (begin + end - 1) * (end - begin) / 2
}

/// Meeting point of the round-trip test: blocks count their arrival and wait for both.
@available(macOS 15.0, *)
final class Rendezvous: @unchecked Sendable {
    let arrived = Atomic<Int>(0)
    var deadline: Int64 = 0  // written by the host thread before each launch only
}

/// Collects failures from host threads (Swift Testing's #expect is not used off-task).
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}

func monotonicNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

extension KernParallelTests {
    @Test func manyHostThreadsCallingAtOnceAllGetCorrectResults() {
        let log = FailureLog()
        let group = DispatchGroup()
        for t in 0..<8 {
            group.enter()
            let thread = Thread {
                for call in 0..<1_000 {
                    let begin = Int64(call % 7) - 3
                    let end = begin + Int64((call * 37 + t * 11) % 500)
                    let blockSize = Int64(1 + (call + t) % 13)
                    let threads = [0, 1, 2, 3, 8][(call + t) % 5]
                    let got = parallelSum(begin, end, blockSize: blockSize, threads: threads)
                    if got != expectedSum(begin, end) {
                        log.add(
                            "host \(t) call \(call): [\(begin), \(end)) got \(String(describing: got))"
                        )
                    }
                }
                group.leave()
            }
            thread.start()
        }
        #expect(group.wait(timeout: .now() + 600) == .success)
        #expect(log.all.isEmpty, "\(log.all.prefix(5))")
    }

    @Test func poolStaysUsableAfterErrors() {
        let failing: KernBlockBody = { _, blockCtx, lo, _, _ in
            guard lo % 3 == 2 else { return 0 }
            blockCtx!.pointee.error.kind = Int32(KERN_ERR_DIVISION.rawValue)
            blockCtx!.pointee.error.value0 = lo
            return Int32(KERN_ERR_DIVISION.rawValue)
        }
        for round in 0..<200 {
            let threads = [2, 3, 8][round % 3]
            var ctx = makeContext(threads: threads)
            #expect(
                kern_parallel_for(&ctx, failing, nil, 0, 300, 1)
                    == Int32(KERN_ERR_DIVISION.rawValue))
            #expect(ctx.error.value0 == 2)
            #expect(parallelSum(0, 1_000, blockSize: 7, threads: threads) == expectedSum(0, 1_000))
        }
    }

    @Test func repeatedUseCreatesNoMoreWorkersThanRequested() {
        // Grow the pool to the largest count used in these tests (8 threads = 7 workers).
        #expect(parallelSum(0, 100, blockSize: 1, threads: 8) == expectedSum(0, 100))
        let workers = kern_parallel_worker_count()
        #expect(workers >= 1)
        // requestsAboveTheLimitAreCapped may have grown the pool to 39 workers before.
        #expect(workers <= max(39, kern_parallel_default_threads() - 1))
        for call in 0..<2_000 {
            let threads = [0, 2, 3, 8][call % 4]
            #expect(parallelSum(0, 64, blockSize: 4, threads: threads) == expectedSum(0, 64))
        }
        #expect(kern_parallel_worker_count() == workers)
        // Count the process's threads too: the pool's workers are the only ones that may
        // have been created, and the count above did not change.
        let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        if let tasks { #expect(tasks.count >= Int(workers) + 1) }
    }

    @Test func requestsAboveTheLimitAreCapped() {
        // 10 000 threads asked for, 40 blocks: at most 39 workers may be used; all blocks run.
        var ctx = makeContext(threads: 10_000)
        let rec = Recorder(capacity: 40)
        #expect(kern_parallel_for(&ctx, recordBody, rec.opaque, 0, 40, 1) == 0)
        #expect((0..<40).allSatisfy { rec.runs[$0] == 1 })
        #expect(kern_parallel_worker_count() < KERN_PARALLEL_MAX_THREADS)
    }

    @Test func idlePoolUsesNoCPU() throws {
        #expect(parallelSum(0, 10_000, blockSize: 10, threads: 8) == expectedSum(0, 10_000))
        usleep(50_000)  // let the workers' spin phase end
        let before = kern_parallel_workers_cpu_ns()
        try #require(before >= 0, "per-thread CPU clocks unavailable")
        usleep(200_000)
        let used = kern_parallel_workers_cpu_ns() - before
        print("idle pool: workers used \(used) ns of CPU in 200 ms")
        #expect(used < 5_000_000)  // spinning even one worker would use ~200 ms
    }

    @Test func parsesThreadCounts() {
        let cases: [(String?, Int32)] = [
            ("4", 4), (" 8 ", 8), ("\t2\n", 2), ("1", 1), ("0256", 256),
            ("256", KERN_PARALLEL_MAX_THREADS), ("257", KERN_PARALLEL_MAX_THREADS),
            ("99999999999999999999999", KERN_PARALLEL_MAX_THREADS),
            (nil, 0), ("", 0), ("   ", 0), ("0", 0), ("-2", 0), ("+3", 0), ("abc", 0),
            ("3x", 0), ("3 4", 0), ("2.5", 0),
        ]
        for (text, expected) in cases {
            let got =
                text.map { kern_parallel_parse_thread_count($0) }
                ?? kern_parallel_parse_thread_count(nil)
            #expect(got == expected, "\(String(describing: text))")
        }
    }

    @Test func defaultThreadCountCanBeOverriddenAndRestored() {
        let automatic = kern_parallel_default_threads()
        #expect(automatic >= 1 && automatic <= KERN_PARALLEL_MAX_THREADS)
        if let env = ProcessInfo.processInfo.environment["KERN_NUM_THREADS"],
            kern_parallel_parse_thread_count(env) > 0
        {
            #expect(automatic == kern_parallel_parse_thread_count(env))
        } else {
            #expect(Int(automatic) <= ProcessInfo.processInfo.processorCount)
        }
        kern_parallel_set_default_threads(3)
        #expect(kern_parallel_default_threads() == 3)
        // ctx.threads == 0 now means 3 threads; results are unchanged.
        #expect(parallelSum(-50, 50, blockSize: 3, threads: 0) == expectedSum(-50, 50))
        kern_parallel_set_default_threads(100_000)
        #expect(kern_parallel_default_threads() == KERN_PARALLEL_MAX_THREADS)
        kern_parallel_set_default_threads(0)
        #expect(kern_parallel_default_threads() == automatic)
        kern_parallel_set_default_threads(-4)
        #expect(kern_parallel_default_threads() == automatic)
    }

    @Test func launchOverheadOfAnEmptyParallelFor() {
        // Prints the median over 100 000 launches of a 2-block empty loop on 2 threads (the
        // number asked for in the runtime brief); no timed assertion — machines vary.
        var ctx = makeContext(threads: 2)
        var warmUpFailures = 0
        for _ in 0..<1_000 {
            warmUpFailures += Int(kern_parallel_for(&ctx, emptyBody, nil, 0, 2, 1))
        }
        let (samples, failures) = timeLaunches(100_000) { _ in
            kern_parallel_for(&ctx, emptyBody, nil, 0, 2, 1)
        }
        print(
            "kern_parallel_for launch (2 threads, empty, 100000 runs): median \(samples[50_000]) ns, p90 \(samples[90_000]) ns, p99 \(samples[99_000]) ns"
        )
        #expect(warmUpFailures == 0 && failures == 0)
        #expect(kern_parallel_worker_count() >= 1)
    }

    @available(macOS 15.0, *)
    @Test func roundTripOfAParallelForThatNeedsBothThreads() {
        // An empty body lets the caller run both blocks before the worker joins; here each
        // of the 2 blocks waits for the other to start, so every launch measures the full
        // hand-over: wake a worker, it joins and runs a block, the caller sees it finish.
        let body: KernBlockBody = { context, _, _, _, _ in
            let meeting = Unmanaged<Rendezvous>.fromOpaque(context!).takeUnretainedValue()
            meeting.arrived.add(1, ordering: .acquiringAndReleasing)
            var spins = 0
            while meeting.arrived.load(ordering: .acquiring) < 2 {
                spins += 1
                if spins % 1024 == 0 && monotonicNanoseconds() > meeting.deadline {
                    return Int32(KERN_ERR_PRECONDITION.rawValue)
                }
            }
            return 0
        }
        var ctx = makeContext(threads: 2)
        let meeting = Rendezvous()
        let opaque = Unmanaged.passUnretained(meeting).toOpaque()
        let (samples, failures) = timeLaunches(20_000) { start in
            meeting.arrived.store(0, ordering: .relaxed)
            meeting.deadline = start + 5_000_000_000
            return kern_parallel_for(&ctx, body, opaque, 0, 2, 1)
        }
        print(
            "kern_parallel_for round trip (2 threads, both needed, 20000 runs): median \(samples[10_000]) ns, p90 \(samples[18_000]) ns"
        )
        #expect(failures == 0)
    }
}

/// Times `runs` calls of `launch` (given the start time) with the monotonic clock; returns
/// the sorted durations in ns and the sum of the status codes (0 when every launch worked).
private func timeLaunches(_ runs: Int, _ launch: (_ start: Int64) -> Int32) -> (
    samples: [Int64], failures: Int
) {
    var samples = [Int64](repeating: 0, count: runs)
    var failures = 0
    for i in samples.indices {
        let start = monotonicNanoseconds()
        failures += Int(launch(start))
        samples[i] = monotonicNanoseconds() - start
    }
    return (samples.sorted(), failures)
}
