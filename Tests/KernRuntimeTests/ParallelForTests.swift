// Tests of kern_parallel_for's contract (kern_parallel.h): block arithmetic, every block run
// exactly once, boundaries and floating-point results independent of the thread count,
// lowest-index error selection, nested calls running inline.
//
// Bodies are `@convention(c)` closures receiving a `Recorder` (or another class) through the
// context pointer, as compiled code receives its context struct.
//
// Run under ThreadSanitizer with:
//   swift test --scratch-path .build-par-tsan --sanitize=thread --filter KernRuntimeTests
//
// Every test is in the one `.serialized` suite `KernParallelTests` (extended in
// ParallelPoolTests.swift) because some tests change or measure process-wide pool state.

import Foundation
import KernRuntime
import Synchronization
import Testing

/// Per-block records written by bodies; each block writes only its own slots, so a correct
/// runtime never races on them (TSan checks that), and a block run twice shows up in `runs`.
final class Recorder {
    let capacity: Int
    let runs: UnsafeMutablePointer<Int64>
    let los: UnsafeMutablePointer<Int64>
    let his: UnsafeMutablePointer<Int64>
    let partials: UnsafeMutablePointer<Double>
    let threads: UnsafeMutablePointer<UInt>
    var input: [Double] = []
    var inputBase: Int64 = 0
    var failing: Set<Int64> = []
    var slowBlock: Int64 = -1

    init(capacity: Int) {
        self.capacity = capacity
        runs = .allocate(capacity: max(capacity, 1))
        runs.initialize(repeating: 0, count: max(capacity, 1))
        los = .allocate(capacity: max(capacity, 1))
        los.initialize(repeating: 0, count: max(capacity, 1))
        his = .allocate(capacity: max(capacity, 1))
        his.initialize(repeating: 0, count: max(capacity, 1))
        partials = .allocate(capacity: max(capacity, 1))
        partials.initialize(repeating: 0, count: max(capacity, 1))
        threads = .allocate(capacity: max(capacity, 1))
        threads.initialize(repeating: 0, count: max(capacity, 1))
    }

    deinit {
        runs.deallocate()
        los.deallocate()
        his.deallocate()
        partials.deallocate()
        threads.deallocate()
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ context: UnsafeMutableRawPointer?) -> Recorder {
        Unmanaged<Recorder>.fromOpaque(context!).takeUnretainedValue()
    }
}

/// Records the block's bounds, the number of times it ran, and the thread it ran on.
let recordBody: KernBlockBody = { context, _, lo, hi, block in
    let rec = Recorder.from(context)
    rec.runs[Int(block)] += 1
    rec.los[Int(block)] = lo
    rec.his[Int(block)] = hi
    rec.threads[Int(block)] = UInt(bitPattern: Int(bitPattern: pthread_self()))
    return 0
}

/// Sums the block's slice of `input` in order into its partial slot.
let sumBody: KernBlockBody = { context, _, lo, hi, block in
    let rec = Recorder.from(context)
    var s = 0.0
    for i in lo..<hi { s += rec.input[Int(i - rec.inputBase)] }
    rec.partials[Int(block)] = s
    rec.runs[Int(block)] += 1
    return 0
}

/// Fails (as a bounds error at iteration `lo`) in the blocks listed in `failing`; the block
/// `slowBlock` sleeps first so later failing blocks tend to report before it.
let failBody: KernBlockBody = { context, blockCtx, lo, _, block in
    let rec = Recorder.from(context)
    rec.runs[Int(block)] += 1
    if block == rec.slowBlock { usleep(2_000) }
    guard rec.failing.contains(block) else { return 0 }
    blockCtx!.pointee.error.kind = Int32(KERN_ERR_BOUNDS.rawValue)
    blockCtx!.pointee.error.line = 7
    blockCtx!.pointee.error.column = Int32(truncatingIfNeeded: block)
    blockCtx!.pointee.error.value0 = lo
    return Int32(KERN_ERR_BOUNDS.rawValue)
}

/// Inner body of the nesting test: records its run, thread and whether it is in a region.
/// Its iterations are numbered globally (outer block b covers [10b, 10b+10), blockSize 1),
/// so `lo` names the record slot; `block` restarts at 0 in every inner call.
let nestedRecordBody: KernBlockBody = { context, _, lo, _, _ in
    let rec = Recorder.from(context)
    let slot = Int(lo)
    rec.runs[slot] += 1
    rec.threads[slot] = UInt(bitPattern: Int(bitPattern: pthread_self()))
    rec.los[slot] = Int64(kern_parallel_in_region())
    return 0
}

/// Inner body of the nested-failure test: fails at iterations 57 and 91.
let nestedFailBody: KernBlockBody = { _, blockCtx, lo, _, _ in
    guard lo == 57 || lo == 91 else { return 0 }
    blockCtx!.pointee.error.kind = Int32(KERN_ERR_STRIDE.rawValue)
    blockCtx!.pointee.error.value0 = lo
    return Int32(KERN_ERR_STRIDE.rawValue)
}

/// Thread id of the most recent block other than block 0 (see blocksReallyRunConcurrently).
@available(macOS 15.0, *)
final class Flag: Sendable {
    let other = Atomic<UInt>(0)
}

func makeContext(threads: Int) -> KernCallContext {
    var ctx = KernCallContext()
    ctx.threads = Int32(threads)
    return ctx
}

@Suite(.serialized) struct KernParallelTests {
    static let threadCounts = [0, 1, 2, 3, 8]

    @Test func blockCountAndBounds() {
        #expect(kern_parallel_block_count(0, 10, 3) == 4)
        #expect(kern_parallel_block_count(0, 9, 3) == 3)
        #expect(kern_parallel_block_count(-5, 5, 4) == 3)
        #expect(kern_parallel_block_count(5, 5, 1) == 0)
        #expect(kern_parallel_block_count(5, -5, 1) == 0)
        #expect(kern_parallel_block_count(0, 10, 0) == 10)  // blockSize < 1 acts as 1
        #expect(kern_parallel_block_count(0, 10, -3) == 10)
        #expect(kern_parallel_block_count(.min, .max, 1 << 62) == 4)
        #expect(kern_parallel_block_count(.min, .max, 1) == .max)  // saturates
        #expect(kern_parallel_block_count(.max - 3, .max, .max) == 1)

        var lo: Int64 = 0
        var hi: Int64 = 0
        kern_parallel_block_bounds(-5, 5, 4, 2, &lo, &hi)
        #expect((lo, hi) == (3, 5))
        kern_parallel_block_bounds(.min, .max, 1 << 62, 3, &lo, &hi)
        #expect((lo, hi) == (1 << 62, .max))
        kern_parallel_block_bounds(.min, .max, 1 << 62, 0, &lo, &hi)
        #expect((lo, hi) == (.min, .min + (1 << 62)))
        kern_parallel_block_bounds(.max - 3, .max, .max, 0, &lo, &hi)
        #expect((lo, hi) == (.max - 3, .max))
    }

    @Test func everyBlockRunsExactlyOnceWithThreadIndependentBounds() {
        let begins: [Int64] = [-7, 0, 3]
        let lengths: [Int64] = [-4, 0, 1, 2, 5, 16, 17, 100, 1001]
        let sizes: [Int64] = [1, 2, 3, 7, 16, 64, 1000]
        for begin in begins {
            for length in lengths {
                for size in sizes {
                    let end = begin + length
                    let count = Int(kern_parallel_block_count(begin, end, size))
                    #expect(count == (length <= 0 ? 0 : Int((length + size - 1) / size)))
                    var reference: ([Int64], [Int64])?
                    for threads in Self.threadCounts {
                        let rec = Recorder(capacity: count)
                        var ctx = makeContext(threads: threads)
                        let status = kern_parallel_for(
                            &ctx, recordBody, rec.opaque, begin, end, size)
                        #expect(status == 0)
                        #expect(ctx.error.kind == 0)
                        let runs = Array(UnsafeBufferPointer(start: rec.runs, count: count))
                        #expect(
                            runs.allSatisfy { $0 == 1 },
                            "begin \(begin) length \(length) size \(size) threads \(threads)")
                        let los = Array(UnsafeBufferPointer(start: rec.los, count: count))
                        let his = Array(UnsafeBufferPointer(start: rec.his, count: count))
                        // Blocks tile [begin, end) in order, each at most `size` long.
                        if count == 0 {
                            #expect(rec.runs[0] == 0)  // the body was never called
                        } else {
                            #expect(los.first == begin && his.last == end)
                            #expect((0..<count).allSatisfy { los[$0] == begin + Int64($0) * size })
                            #expect(
                                (0..<count).allSatisfy {
                                    his[$0] > los[$0] && his[$0] - los[$0] <= size
                                })
                            #expect((1..<count).allSatisfy { his[$0 - 1] == los[$0] })
                        }
                        if let reference {
                            #expect(reference.0 == los && reference.1 == his)
                        } else {
                            reference = (los, his)
                        }
                    }
                }
            }
        }
    }

    @Test func blockedFloatingSumIsBitwiseIdenticalForAnyThreadCount() {
        // Values spanning many magnitudes so that any change of summation order shows.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let n = 10_007
        var input: [Double] = []
        for _ in 0..<n {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let mantissa = Double(state >> 11) / Double(1 << 53)
            let exponent = Int((state >> 3) % 40) - 20
            input.append((mantissa - 0.5) * pow(10, Double(exponent)))
        }
        let blockSize: Int64 = 64
        let begin: Int64 = -3
        let end = begin + Int64(n)
        let count = Int(kern_parallel_block_count(begin, end, blockSize))
        var results: Set<UInt64> = []
        for _ in 0..<10 {
            for threads in [1, 2, 3, 8] {
                let rec = Recorder(capacity: count)
                rec.input = input
                rec.inputBase = begin
                var ctx = makeContext(threads: threads)
                #expect(kern_parallel_for(&ctx, sumBody, rec.opaque, begin, end, blockSize) == 0)
                #expect((0..<count).allSatisfy { rec.runs[$0] == 1 })
                var total = 0.0
                for b in 0..<count { total += rec.partials[b] }  // block order, as the compiler does
                results.insert(total.bitPattern)
            }
        }
        #expect(results.count == 1)
        // The blocked order really differs from the serial one for this input: the test
        // would notice a runtime that merged blocks differently.
        let serial = input.reduce(0, +)
        #expect(results.first != serial.bitPattern)
    }

    @Test func reportsTheFailingBlockWithTheLowestIndex() {
        let blockSize: Int64 = 5
        let begin: Int64 = 100
        let count = 100
        let end = begin + Int64(count) * blockSize
        for threads in [1, 2, 3, 8] {
            for run in 0..<40 {
                let rec = Recorder(capacity: count)
                rec.failing = [13, 40, 41, 77, 99]
                rec.slowBlock = run % 2 == 0 ? 13 : -1
                var ctx = makeContext(threads: threads)
                let status = kern_parallel_for(&ctx, failBody, rec.opaque, begin, end, blockSize)
                #expect(status == Int32(KERN_ERR_BOUNDS.rawValue))
                #expect(ctx.error.kind == Int32(KERN_ERR_BOUNDS.rawValue))
                #expect(ctx.error.line == 7 && ctx.error.column == 13)
                #expect(ctx.error.value0 == begin + 13 * blockSize, "threads \(threads) run \(run)")
                // Every block before the failing one ran, none twice.
                #expect((0..<13).allSatisfy { rec.runs[$0] == 1 })
                #expect((0..<count).allSatisfy { rec.runs[$0] <= 1 })
            }
        }
    }

    @Test func failureWithoutReturnStatusOrWithoutErrorIsStillReported() {
        // Body returns 0 but leaves an error (a callee's failure forwarded through ctx).
        let forwarded: KernBlockBody = { _, blockCtx, _, _, block in
            if block == 3 { blockCtx!.pointee.error.kind = Int32(KERN_ERR_DIVISION.rawValue) }
            return 0
        }
        // Body returns a status but records no error.
        let bare: KernBlockBody = { _, _, _, _, block in
            block >= 2 ? Int32(KERN_ERR_PRECONDITION.rawValue) : 0
        }
        for threads in [1, 2, 8] {
            var ctx = makeContext(threads: threads)
            #expect(
                kern_parallel_for(&ctx, forwarded, nil, 0, 50, 1)
                    == Int32(KERN_ERR_DIVISION.rawValue))
            #expect(ctx.error.kind == Int32(KERN_ERR_DIVISION.rawValue))
            ctx = makeContext(threads: threads)
            #expect(
                kern_parallel_for(&ctx, bare, nil, 0, 50, 1)
                    == Int32(KERN_ERR_PRECONDITION.rawValue))
            #expect(ctx.error.kind == Int32(KERN_ERR_PRECONDITION.rawValue))
        }
    }

    @Test func blockContextCopiesSeedThreadsAndFlagsWithClearedError() {
        let check: KernBlockBody = { _, blockCtx, _, _, _ in
            let c = blockCtx!.pointee
            let ok =
                c.error.kind == 0 && c.error.value0 == 0 && c.seed == 0xDEAD_BEEF && c.flags == 5
                && (c.threads == 8 || c.threads == 1)
            return ok ? 0 : Int32(KERN_ERR_PRECONDITION.rawValue)
        }
        for threads in [1, 8] {
            var ctx = makeContext(threads: threads)
            ctx.seed = 0xDEAD_BEEF
            ctx.flags = 5
            ctx.error.kind = Int32(KERN_ERR_SIZE.rawValue)  // stale caller error: not copied to blocks
            ctx.error.value0 = 99
            #expect(kern_parallel_for(&ctx, check, nil, 0, 64, 4) == 0)
            // Success leaves the caller's error untouched.
            #expect(ctx.error.kind == Int32(KERN_ERR_SIZE.rawValue) && ctx.error.value0 == 99)
        }
    }

    @Test func nestedParallelForRunsInlineOnTheEnclosingThread() {
        // Outer block b runs an inner parallel_for over 10 blocks recorded at
        // [b*10, b*10+10) of the recorder; inner blocks must run on the outer block's thread.
        let outer: KernBlockBody = { context, blockCtx, _, _, block in
            let rec = Recorder.from(context)
            let me = UInt(bitPattern: Int(bitPattern: pthread_self()))
            rec.partials[Int(block)] = Double(me)  // unused; keep distinct write per block
            let status = kern_parallel_for(
                blockCtx, nestedRecordBody, context, block * 10, block * 10 + 10, 1)
            let ranOnMe = (0..<10).allSatisfy { rec.threads[Int(block) * 10 + $0] == me }
            return status != 0 ? status : (ranOnMe ? 0 : Int32(KERN_ERR_PRECONDITION.rawValue))
        }
        for threads in [2, 3, 8] {
            let rec = Recorder(capacity: 80)
            var ctx = makeContext(threads: threads)
            #expect(kern_parallel_in_region() == 0)
            #expect(kern_parallel_for(&ctx, outer, rec.opaque, 0, 8, 1) == 0)
            #expect(kern_parallel_in_region() == 0)
            #expect((0..<80).allSatisfy { rec.runs[$0] == 1 && rec.los[$0] == 1 })
        }
    }

    @Test func nestedFailurePropagatesThroughTheOuterBlock() {
        let outer: KernBlockBody = { _, blockCtx, lo, hi, _ in
            kern_parallel_for(blockCtx, nestedFailBody, nil, lo, hi, 1)
        }
        for threads in [1, 2, 8] {
            var ctx = makeContext(threads: threads)
            #expect(
                kern_parallel_for(&ctx, outer, nil, 0, 100, 10) == Int32(KERN_ERR_STRIDE.rawValue))
            #expect(ctx.error.value0 == 57)
        }
    }

    @available(macOS 15.0, *)
    @Test func blocksReallyRunConcurrently() {
        // Block 0 waits (up to 5 s) until another block has run on a different thread; a
        // runtime that ran the blocks serially would time out and fail the call.
        let body: KernBlockBody = { context, _, _, _, block in
            let flag = Unmanaged<Flag>.fromOpaque(context!).takeUnretainedValue()
            let me = UInt(bitPattern: Int(bitPattern: pthread_self()))
            if block == 0 {
                for _ in 0..<5_000 {
                    let other = flag.other.load(ordering: .acquiring)
                    if other != 0 && other != me { return 0 }
                    usleep(1_000)
                }
                return Int32(KERN_ERR_PRECONDITION.rawValue)
            }
            flag.other.store(me, ordering: .releasing)
            // Keep the other blocks busy briefly so block 0 is claimed before they all finish.
            usleep(100)
            return 0
        }
        let flag = Flag()
        var ctx = makeContext(threads: 2)
        #expect(
            kern_parallel_for(&ctx, body, Unmanaged.passUnretained(flag).toOpaque(), 0, 64, 1) == 0)
    }
}
