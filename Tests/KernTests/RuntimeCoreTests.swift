/// The C runtime's core: first-failure-wins error recording under contention, aligned
/// allocation that never aborts, and whole-line printing through the sink.
import Foundation
import Kern
import KernRuntime
import Testing

/// Collects printed lines; shared with the C sink through a pointer.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    var lines: [String] { lock.withLock { storage } }
    func append(_ s: String) { lock.withLock { storage.append(s) } }
}

/// The print sink is process-global: every test that installs one is in this suite,
/// which runs one test at a time.
@Suite(.serialized) struct RuntimePrintTests {
    private func capture(_ body: () -> Void) -> [String] {
        let collector = LineCollector()
        let user = Unmanaged.passRetained(collector)
        kern_rt_set_print_sink(
            { line, length, user in
                let c = Unmanaged<LineCollector>.fromOpaque(user!).takeUnretainedValue()
                c.append(
                    String(
                        decoding: UnsafeRawBufferPointer(start: line, count: length), as: UTF8.self)
                )
            }, user.toOpaque())
        body()
        kern_rt_set_print_sink(nil, nil)
        user.release()
        return collector.lines
    }

    @Test func piecesMakeOneLine() {
        let lines = capture {
            kern_rt_print_i64(42)
            kern_rt_print_text(" ")
            kern_rt_print_f64(2.5)
            kern_rt_print_text(" ")
            kern_rt_print_f64(1e-5)
            kern_rt_print_text(" ")
            kern_rt_print_f32(1.0 / 3)
            kern_rt_print_text(" ")
            kern_rt_print_bool(1)
            kern_rt_print_text(" ")
            kern_rt_print_bool(0)
            kern_rt_print_text(" ")
            kern_rt_print_u64(UInt64.max)
            kern_rt_print_text(" ")
            kern_rt_print_i64(Int64.min)
            kern_rt_print_end()
            kern_rt_print_end()
        }
        #expect(
            lines == [
                "42 2.5 1e-05 0.33333334 true false 18446744073709551615 -9223372036854775808\n",
                "\n",
            ])
    }

    @Test func linesFromManyThreadsNeverInterleave() {
        let lines = capture {
            DispatchQueue.concurrentPerform(iterations: 8) { t in
                for i in 0..<500 {
                    kern_rt_print_text("thread")
                    kern_rt_print_i64(Int64(t))
                    for _ in 0..<20 { kern_rt_print_text(" x") }
                    kern_rt_print_i64(Int64(i))
                    kern_rt_print_end()
                }
            }
        }
        #expect(lines.count == 4000)
        let pattern = String(repeating: " x", count: 20)
        #expect(
            lines.allSatisfy {
                $0.hasPrefix("thread") && $0.contains(pattern) && $0.hasSuffix("\n")
            })
        for t in 0..<8 {
            let mine = lines.filter { $0.hasPrefix("thread\(t) ") }
            #expect(
                mine == (0..<500).map { "thread\(t)\(pattern)\($0)\n" },
                "each thread's lines, in its order")
        }
    }

    /// KernOutput.capture uses the same global sink, so it lives in this serialized suite.
    @Test func captureCollectsKernPrints() {
        let (value, output) = Kern.KernOutput.capture { () -> Int in
            kern_rt_print_text("hello")
            kern_rt_print_end()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                kern_rt_print_f64(0.5)
                kern_rt_print_end()
            }
            return 7
        }
        #expect(value == 7)
        #expect(output == "hello\n" + String(repeating: "0.5\n", count: 4))
    }
}

@Suite struct RuntimeCoreTests {
    @Test func allocationIsAlignedAndNeverAborts() {
        for n in [0, 1, 63, 64, 65, 1 << 20] as [Int64] {
            let p = kern_rt_alloc(n)
            #expect(p != nil)
            #expect(UInt(bitPattern: p) % 64 == 0)
            if n > 0 { p!.storeBytes(of: 0xAB, toByteOffset: Int(n) - 1, as: UInt8.self) }
            kern_rt_free(p)
        }
        #expect(kern_rt_alloc(-1) == nil)
        #expect(kern_rt_alloc(Int64.max) == nil)
        #expect(kern_rt_alloc(1 << 50) == nil)
        kern_rt_free(nil)
    }

    @Test func firstFailureWins() {
        var ctx = KernCallContext()
        kern_rt_fail(&ctx, 1, 3, 4, 10, 10, 0, nil)
        kern_rt_fail(&ctx, 2, 9, 9, 0, 0, 0, nil)
        #expect(
            ctx.error.kind == 1 && ctx.error.line == 3 && ctx.error.column == 4
                && ctx.error.value0 == 10)
        kern_rt_fail(nil, 1, 0, 0, 0, 0, 0, nil)  // tolerated
        var clean = KernCallContext()
        kern_rt_fail(&clean, 0, 1, 1, 0, 0, 0, nil)  // KERN_OK is not a failure
        #expect(clean.error.kind == 0 && clean.error.line == 0)
    }

    /// Many threads fail at once: exactly one record, complete and from one thread.
    @Test func concurrentFailuresLeaveOneConsistentRecord() {
        for _ in 0..<200 {
            let ctx = UnsafeMutablePointer<KernCallContext>.allocate(capacity: 1)
            ctx.initialize(to: KernCallContext())
            let address = UInt(bitPattern: ctx)
            DispatchQueue.concurrentPerform(iterations: 8) { t in
                let c = UnsafeMutablePointer<KernCallContext>(bitPattern: address)
                let v = Int64(t + 1)
                kern_rt_fail(c, 1, Int32(t + 1), Int32(t + 1), v, v, v, nil)
            }
            let e = ctx.pointee.error
            #expect(e.kind == 1)
            #expect(
                e.line == e.column && Int64(e.line) == e.value0 && e.value0 == e.value1
                    && e.value1 == e.value2)
            ctx.deallocate()
        }
    }
}
