// Tests of kern_parallel_for_ranges (kern_parallel.h; docs/decisions.md, "Affinity
// scheduling"): the launch of a prange body without reductions, whose iterations (not
// blocks) are split into one share per thread. Every iteration runs exactly once for any
// thread count and grain, the shares are cut at the iteration OpenMP's schedule(static)
// cuts at, one thread runs the whole range in one call, and the failure reported is the
// one with the lowest iteration index whatever the schedule.
//
// Bodies record per iteration (each iteration is in exactly one call, so a correct runtime
// never races on a record; ThreadSanitizer checks that, see ParallelForTests.swift).

import Foundation
import KernRuntime
import Testing

/// Counts each iteration of [lo, hi) (relative to `inputBase`) and records the call's
/// bounds at the slot of its first iteration.
let rangeRecordBody: KernBlockBody = { context, _, lo, hi, _ in
    let rec = Recorder.from(context)
    for i in lo..<hi { rec.runs[Int(i - rec.inputBase)] += 1 }
    let first = Int(lo - rec.inputBase)
    rec.los[first] = lo
    rec.his[first] = hi
    rec.threads[first] = UInt(bitPattern: Int(bitPattern: pthread_self()))
    return 0
}

/// Runs its iterations in order and fails (a bounds error naming the iteration) at the
/// first one in `failing`; iteration `slowBlock` sleeps first so later failures tend to be
/// recorded before it.
let rangeFailBody: KernBlockBody = { context, blockCtx, lo, hi, _ in
    let rec = Recorder.from(context)
    for i in lo..<hi {
        rec.runs[Int(i)] += 1
        if i == rec.slowBlock { usleep(2_000) }
        if rec.failing.contains(i) {
            blockCtx!.pointee.error.kind = Int32(KERN_ERR_BOUNDS.rawValue)
            blockCtx!.pointee.error.value0 = i
            return Int32(KERN_ERR_BOUNDS.rawValue)
        }
    }
    return 0
}

/// The calls a recorder saw, as (lo, hi) pairs in iteration order.
func recordedCalls(_ rec: Recorder, count: Int) -> [(Int64, Int64)] {
    (0..<count).compactMap { rec.his[$0] > rec.los[$0] ? (rec.los[$0], rec.his[$0]) : nil }
}

extension KernParallelTests {
    @Test func rangesRunEveryIterationOnceForAnyThreadCountAndGrain() {
        let begin: Int64 = -7
        for count in [1, 2, 15, 16, 17, 20, 31, 248, 1000] {
            for grain: Int64 in [0, 1, 3, 16, 5000] {
                for threads in Self.threadCounts {
                    let rec = Recorder(capacity: count)
                    rec.inputBase = begin
                    var ctx = makeContext(threads: threads)
                    let status = kern_parallel_for_ranges(
                        &ctx, rangeRecordBody, rec.opaque, begin, begin + Int64(count), grain)
                    #expect(status == 0)
                    let label = "count \(count) grain \(grain) threads \(threads)"
                    #expect((0..<count).allSatisfy { rec.runs[$0] == 1 }, "\(label)")
                    // No call is longer than a grain, except the single call of a range
                    // run on one thread.
                    let calls = recordedCalls(rec, count: count)
                    let longest = calls.map { $0.1 - $0.0 }.max() ?? 0
                    #expect(
                        longest <= max(grain, 1) || calls.count == 1, "\(label): \(calls)")
                }
            }
        }
    }

    @Test func rangesCutSharesAtTheIterationsOpenMPStaticCutsAt() {
        // 20 iterations on 2 threads, grain 16: the shares are [0, 10) and [10, 20), and a
        // grain covers a whole share, so whoever runs them (an owner, or a thief taking a
        // share's back) the calls are exactly these two. Whole blocks of 16 would split the
        // work 16 : 4.
        for _ in 0..<50 {
            let rec = Recorder(capacity: 20)
            var ctx = makeContext(threads: 2)
            #expect(kern_parallel_for_ranges(&ctx, rangeRecordBody, rec.opaque, 0, 20, 16) == 0)
            let calls = recordedCalls(rec, count: 20)
            #expect(calls.count == 2 && calls[0] == (0, 10) && calls[1] == (10, 20), "\(calls)")
        }
        // 3 threads over 10 iterations, grain 4 (3 grains, so 3 threads): shares of 3, 3
        // and 4 iterations (10t/3 rounded down), each at most a grain, so one call each.
        for _ in 0..<20 {
            let rec = Recorder(capacity: 10)
            var ctx = makeContext(threads: 3)
            #expect(kern_parallel_for_ranges(&ctx, rangeRecordBody, rec.opaque, 0, 10, 4) == 0)
            let calls = recordedCalls(rec, count: 10)
            #expect(
                calls.count == 3 && calls[0] == (0, 3) && calls[1] == (3, 6)
                    && calls[2] == (6, 10), "\(calls)")
        }
        // A range of one grain runs inline, in one call, as one block would.
        let rec = Recorder(capacity: 10)
        var ctx = makeContext(threads: 3)
        #expect(kern_parallel_for_ranges(&ctx, rangeRecordBody, rec.opaque, 0, 10, 100) == 0)
        #expect(recordedCalls(rec, count: 10).count == 1)
    }

    @Test func oneThreadOrANestedCallRunsTheWholeRangeInOneCall() {
        let rec = Recorder(capacity: 100)
        var ctx = makeContext(threads: 1)
        #expect(kern_parallel_for_ranges(&ctx, rangeRecordBody, rec.opaque, 0, 100, 16) == 0)
        #expect(recordedCalls(rec, count: 100).count == 1 && rec.his[0] == 100)
        // Inside a parallel region (here: a block of an outer job) it runs inline, whole.
        let outer: KernBlockBody = { context, blockCtx, _, _, block in
            let rec = Recorder.from(context)
            guard block == 0 else { return 0 }
            return kern_parallel_for_ranges(blockCtx, rangeRecordBody, rec.opaque, 0, 100, 16)
        }
        let nested = Recorder(capacity: 100)
        var outerCtx = makeContext(threads: 2)
        #expect(kern_parallel_for(&outerCtx, outer, nested.opaque, 0, 2, 1) == 0)
        #expect((0..<100).allSatisfy { nested.runs[$0] == 1 })
        #expect(recordedCalls(nested, count: 100).count == 1)
    }

    @Test func rangesReportTheFailureWithTheLowestIteration() {
        let count = 300
        for grain: Int64 in [1, 7, 16] {
            for threads in [1, 2, 3, 8] {
                for run in 0..<10 {
                    let rec = Recorder(capacity: count)
                    rec.failing = [37, 38, 150, 299]
                    rec.slowBlock = run % 2 == 0 ? 20 : -1  // before the lowest failure
                    var ctx = makeContext(threads: threads)
                    let status = kern_parallel_for_ranges(
                        &ctx, rangeFailBody, rec.opaque, 0, Int64(count), grain)
                    let label = "grain \(grain) threads \(threads) run \(run)"
                    #expect(status == Int32(KERN_ERR_BOUNDS.rawValue), "\(label)")
                    #expect(ctx.error.value0 == 37, "\(label)")
                    // Every iteration before the failing one ran, none twice.
                    #expect((0..<37).allSatisfy { rec.runs[$0] == 1 }, "\(label)")
                    #expect((0..<count).allSatisfy { rec.runs[$0] <= 1 }, "\(label)")
                }
            }
        }
    }

    @Test func rangesFailureEndsAHugeRangeAtOnce() {
        // 2^31 - 2 iterations: ranges shares, grain 1; 2^33: the block fallback. Without the
        // early stop, either would run for minutes.
        let failAtThree: KernBlockBody = { _, blockCtx, lo, hi, _ in
            guard lo <= 3 && 3 < hi else { return 0 }
            blockCtx!.pointee.error.kind = Int32(KERN_ERR_BOUNDS.rawValue)
            blockCtx!.pointee.error.value0 = 3
            return Int32(KERN_ERR_BOUNDS.rawValue)
        }
        for end in [(Int64(1) << 31) - 2, Int64(1) << 33] {
            for threads in [2, 3] {
                var ctx = makeContext(threads: threads)
                let status = kern_parallel_for_ranges(&ctx, failAtThree, nil, 0, end, 1)
                #expect(status == Int32(KERN_ERR_BOUNDS.rawValue))
                #expect(ctx.error.value0 == 3, "end \(end) threads \(threads)")
            }
        }
    }
}
