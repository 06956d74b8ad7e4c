// Tests of kern_parallel_for's affinity schedule (kern_parallel.c, docs/decisions.md
// "Affinity scheduling"): each thread runs its own static share of the blocks, in order,
// and threads that finish early steal from the back of the others' shares; a failure ends
// even a job of billions of blocks at once, on both the packed-share path and the
// shared-counter fallback for block counts of 2^32 - 1 and more.
//
// Schedules depend on timing (a loaded machine deschedules a thread mid-call and its share
// is stolen), so the tests assert what holds under any timing, or in at least one of many
// calls, and print how often the ideal schedule was seen.

import Foundation
import KernRuntime
import Testing

/// Spins for about `ns` nanoseconds (sleeping would hand the core to the other thread).
func spin(nanoseconds ns: Int64) {
    let end = monotonicNanoseconds() + ns
    while monotonicNanoseconds() < end {}
}

/// Records the thread of each block after ~20 µs of work.
let busyRecordBody: KernBlockBody = { context, _, _, _, block in
    let rec = Recorder.from(context)
    spin(nanoseconds: 20_000)
    rec.runs[Int(block)] += 1
    rec.threads[Int(block)] = UInt(bitPattern: Int(bitPattern: pthread_self()))
    return 0
}

/// Blocks in the second half take ~1 ms, the first half runs at once.
let slowSecondHalfBody: KernBlockBody = { context, _, _, _, block in
    let rec = Recorder.from(context)
    if Int(block) >= rec.capacity / 2 { usleep(1_000) }
    rec.runs[Int(block)] += 1
    rec.threads[Int(block)] = UInt(bitPattern: Int(bitPattern: pthread_self()))
    return 0
}

/// Fails (a bounds error reporting the block) in block 3; no per-block records, so it
/// works for any number of blocks.
let failAtThreeBody: KernBlockBody = { _, blockCtx, _, _, block in
    guard block == 3 else { return 0 }
    blockCtx!.pointee.error.kind = Int32(KERN_ERR_BOUNDS.rawValue)
    blockCtx!.pointee.error.value0 = block
    return Int32(KERN_ERR_BOUNDS.rawValue)
}

extension KernParallelTests {
    @Test func eachThreadRunsItsOwnStaticShareOnRepeatedCalls() {
        // 2 threads, 64 blocks: share 0 (the caller's) is blocks 0..<32. The caller claims
        // its share from the front and others steal only from the back, so whatever the
        // timing, the share-0 blocks the caller ran are a prefix 0..<k of its share (a
        // shared counter would give it an interleaved set such as 0, 2, 3, 5, …).
        let count = 64
        let me = UInt(bitPattern: Int(bitPattern: pthread_self()))
        var ideal = 0
        var workerThreads = Set<UInt>()
        for call in 0..<40 {
            let rec = Recorder(capacity: count)
            var ctx = makeContext(threads: 2)
            #expect(kern_parallel_for(&ctx, busyRecordBody, rec.opaque, 0, Int64(count), 1) == 0)
            #expect((0..<count).allSatisfy { rec.runs[$0] == 1 })
            let mine = (0..<count / 2).filter { rec.threads[$0] == me }
            #expect(mine == Array(0..<mine.count), "call \(call): caller ran \(mine)")
            // Ideal: the caller ran exactly its share, one worker exactly the other. Timing
            // decides how often (a descheduled thread's share is stolen), so only printed.
            let other = rec.threads[count / 2]
            if mine.count == count / 2 && other != me
                && (count / 2..<count).allSatisfy({ rec.threads[$0] == other })
            {
                ideal += 1
                workerThreads.insert(other)
            }
        }
        print(
            "affinity: the ideal 2-thread split in \(ideal) of 40 calls, by "
                + "\(workerThreads.count) distinct worker thread(s)")
    }

    @Test func threadsThatFinishEarlyStealFromTheBackOfOtherShares() {
        let count = 32
        let me = UInt(bitPattern: Int(bitPattern: pthread_self()))
        var callerStoleLast = false
        for _ in 0..<10 where !callerStoleLast {
            let rec = Recorder(capacity: count)
            var ctx = makeContext(threads: 2)
            #expect(
                kern_parallel_for(&ctx, slowSecondHalfBody, rec.opaque, 0, Int64(count), 1) == 0)
            #expect((0..<count).allSatisfy { rec.runs[$0] == 1 })
            // The caller's own share (the fast first half) is done in microseconds; the
            // worker starts at the front of the slow half, so the back is the caller's.
            callerStoleLast = rec.threads[count - 1] == me
        }
        #expect(callerStoleLast)
    }

    @Test func failureEndsAJobOfBillionsOfBlocksAtOnce() {
        // 2^31 blocks: packed shares; 2^33 blocks: the shared-counter fallback. Without the
        // early stop, either would run for minutes.
        for end in [Int64(1) << 31, Int64(1) << 33] {
            for threads in [1, 2, 3] {
                var ctx = makeContext(threads: threads)
                let status = kern_parallel_for(&ctx, failAtThreeBody, nil, 0, end, 1)
                #expect(status == Int32(KERN_ERR_BOUNDS.rawValue))
                #expect(ctx.error.value0 == 3, "end \(end) threads \(threads)")
            }
        }
    }

    @Test func sumsAreRightAcrossThreadCountsAndUnevenShares() {
        // Block counts that do not divide evenly by the thread count, and more threads than
        // blocks (capped): every block exactly once, same total.
        for threads in [2, 3, 5, 8] {
            for blocks in [1, 2, 3, 7, 64, 255] {
                let total = parallelSum(0, Int64(blocks) * 3 - 1, blockSize: 3, threads: threads)
                #expect(total == expectedSum(0, Int64(blocks) * 3 - 1), "\(threads) \(blocks)")
            }
        }
    }
}
