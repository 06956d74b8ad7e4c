/// Array views (strided rank-1, rank-2 with subviews, Bool elements), bounds checks with
/// their KernError fields, and local arrays: values, strides, and no leak on any exit
/// (fall-through, break, continue, return, runtime error), counted through a test hook
/// that replaces kern_rt_alloc/kern_rt_free in the JIT.
import Foundation
import KernBasics
import KernIR
import KernJIT
import KernLLVM
import KernRuntime
import Testing

@Suite struct ArrayViewTests {
    /// func sum(x: [Double]) -> Double { var s = 0.0; for i in 0..<x.count { s += x[i] }; return s }
    @Test func stridedRank1() throws {
        let f = makeFunction("sum", [("x", .array(.double, rank: 1), false)], returns: .scalar(.double)) {
            b, p in
            let x = p[0].value
            let s = b.newSlot("s", .scalar(.double))
            b.store(s, b.f64(0))
            b.forEachIndex(of: x) { b, i in
                let e = b.emit(.loadElement(x, indices: [i]), .scalar(.double))
                b.store(s, b.binary(.add, b.load(s), e))
            }
            b.ret(b.load(s))
        }
        let m = try Loaded([f])
        typealias F = @convention(c) (Ctx, UnsafePointer<Double>, Int64, Int64, Result8) -> Int32
        let sum = try m.entry("sum", as: F.self)
        let data = (0..<10).map(Double.init)
        let call = Call()
        #expect(sum(call.ctx, data, 5, 2, call.result) == 0)
        #expect(call.slot(0, Double.self) == 0 + 2 + 4 + 6 + 8)
        call.reset()
        #expect(sum(call.ctx, data, 10, 1, call.result) == 0)
        #expect(call.slot(0, Double.self) == 45)
    }

    /// func rowSums(m: [[Int]], out: inout [Int]) {
    ///     for i in 0..<m.shape(0) { let row = m[i]; var s = 0
    ///         for j in 0..<row.count { s += row[j] }; out[i] = s } }   (checked `out[i]`)
    @Test func rank2SubviewsAndBounds() throws {
        let f = makeFunction(
            "rowSums", [("m", .array(.int64, rank: 2), false), ("out", .array(.int64, rank: 1), true)]
        ) { b, p in
            let (mat, out) = (p[0].value, p[1].value)
            b.forEachIndex(of: mat) { b, i in
                let row = b.emit(.subview(mat, index: i), .array(.int64, rank: 1))
                let s = b.newSlot("s", .scalar(.int64))
                b.store(s, b.i64(0))
                b.forEachIndex(of: row) { b, j in
                    b.store(
                        s,
                        b.binary(
                            .add, b.load(s), b.emit(.loadElement(row, indices: [j]), .scalar(.int64)))
                    )
                }
                b.pos = SourcePos(line: 4, column: 9)
                b.emit(
                    .checkBounds(
                        index: i, bound: b.emit(.dim(out, axis: 0), .scalar(.int64)), axis: 0))
                b.emit(.storeElement(out, indices: [i], value: b.load(s)))
            }
        }
        let m = try Loaded([f])
        typealias F =
            @convention(c) (
                Ctx, UnsafePointer<Int64>, Int64, Int64, Int64, Int64, UnsafeMutablePointer<Int64>,
                Int64, Int64, Result8?
            ) -> Int32
        let rowSums = try m.entry("rowSums", as: F.self)
        // Storage is 3x4 row-major; view it transposed (4 rows x 3 cols: strides 1, 4).
        let storage: [Int64] = Array(1...12)
        var out = [Int64](repeating: 0, count: 4)
        let call = Call()
        #expect(rowSums(call.ctx, storage, 4, 3, 1, 4, &out, 4, 1, nil) == 0)
        let expectedSums: [Int64] = [15, 18, 21, 24]  // 1+5+9, 2+6+10, ...
        #expect(out == expectedSums)
        // Row-major 3x4 into an output of length 2: the third row is out of bounds.
        call.reset()
        var short = [Int64](repeating: 0, count: 2)
        #expect(rowSums(call.ctx, storage, 3, 4, 4, 1, &short, 2, 1, nil) == 1)
        #expect(short == [10, 26])
        let e = call.error
        #expect(e.kind == 1 && e.line == 4 && e.column == 9)
        #expect(e.value0 == 2 && e.value1 == 2 && e.value2 == 0)
    }

    @Test func negativeIndexAndBoolElements() throws {
        let get = makeFunction(
            "flip", [("x", .array(.bool, rank: 1), true), ("i", .scalar(.int64), false)],
            returns: .scalar(.bool)
        ) { b, p in
            let (x, i) = (p[0].value, p[1].value)
            b.emit(.checkBounds(index: i, bound: b.emit(.dim(x, axis: 0), .scalar(.int64)), axis: 0))
            let old = b.emit(.loadElement(x, indices: [i]), .scalar(.bool))
            b.emit(.storeElement(x, indices: [i], value: b.emit(.unary(.not, old), .scalar(.bool))))
            b.ret(old)
        }
        let m = try Loaded([get])
        typealias F =
            @convention(c) (Ctx, UnsafeMutablePointer<Bool>, Int64, Int64, Int64, Result8) -> Int32
        let flip = try m.entry("flip", as: F.self)
        var flags = [true, false, true]
        let call = Call()
        #expect(flip(call.ctx, &flags, 3, 1, 1, call.result) == 0)
        #expect(flags == [true, true, true] && call.slot(0, UInt8.self) == 0)
        call.reset()
        #expect(flip(call.ctx, &flags, 3, 1, -1, call.result) == 1)
        #expect(call.error.value0 == -1 && call.error.value1 == 3)
    }
}

/// Live allocations made through kern_rt_alloc by code loaded while the hook is on.
final class AllocationCounter: @unchecked Sendable {
    static let shared = AllocationCounter()
    private let lock = NSLock()
    private var live = 0
    private var total = 0
    func change(_ d: Int) {
        lock.withLock {
            live += d
            if d > 0 { total += d }
        }
    }
    var counts: (live: Int, total: Int) { lock.withLock { (live, total) } }
}

private let countingAlloc: @convention(c) (Int64) -> UnsafeMutableRawPointer? = { bytes in
    let p = kern_rt_alloc(bytes)
    if p != nil { AllocationCounter.shared.change(1) }
    return p
}
private let countingFree: @convention(c) (UnsafeMutableRawPointer?) -> Void = { p in
    if p != nil { AllocationCounter.shared.change(-1) }
    kern_rt_free(p)
}

@Suite(.serialized) struct LocalArrayTests {
    func withCountingAllocator<R>(_ body: () throws -> R) rethrows -> R {
        JITEngine.overrideRuntimeSymbol(
            "kern_rt_alloc",
            address: UInt(bitPattern: unsafeBitCast(countingAlloc, to: UnsafeRawPointer.self)))
        JITEngine.overrideRuntimeSymbol(
            "kern_rt_free",
            address: UInt(bitPattern: unsafeBitCast(countingFree, to: UnsafeRawPointer.self)))
        defer {
            JITEngine.overrideRuntimeSymbol("kern_rt_alloc", address: nil)
            JITEngine.overrideRuntimeSymbol("kern_rt_free", address: nil)
        }
        return try body()
    }

    /// func f(n: Int, k: Int) -> Double {
    ///     var total = 0.0
    ///     for i in 0..<n {
    ///         var buf = [Double](repeating: Double(i), count: k)
    ///         if i == 3 { continue }; if i == 7 { break }
    ///         buf[k - 1] += 1; total += buf[k - 1]      // bounds-checked (k == 0 fails)
    ///     }
    ///     var grid = [[Int]](repeating: 7, rows: 3, cols: 4); grid[2, 3] = 5
    ///     if n == 100 { return total }
    ///     precondition(n != 50)
    ///     var s = 0; for j in 0..<4 { s += grid[2][j] }         // 26
    ///     return total + Double(s)
    /// }
    func kernel() -> KernIR.Function {
        makeFunction(
            "f", [("n", .scalar(.int64), false), ("k", .scalar(.int64), false)], returns: .scalar(.double)
        ) { b, p in
            let (n, k) = (p[0].value, p[1].value)
            let total = b.newSlot("total", .scalar(.double))
            b.store(total, b.f64(0))
            b.forLoop(b.i64(0), n) { b, i in
                let fill = b.emit(.convert(i), .scalar(.double))
                let buf = b.emit(.allocArray(.double, dims: [k], fill: fill), .array(.double, rank: 1))
                b.ifThen(b.compare(.eq, i, b.i64(3))) { b in b.emit(.continueLoop) }
                b.ifThen(b.compare(.eq, i, b.i64(7))) { b in b.emit(.breakLoop) }
                let last = b.binary(.sub, k, b.i64(1))
                b.pos = SourcePos(line: 6, column: 9)
                b.emit(
                    .checkBounds(
                        index: last, bound: b.emit(.dim(buf, axis: 0), .scalar(.int64)), axis: 0))
                let e = b.emit(.loadElement(buf, indices: [last]), .scalar(.double))
                b.emit(.storeElement(buf, indices: [last], value: b.binary(.add, e, b.f64(1))))
                let e2 = b.emit(.loadElement(buf, indices: [last]), .scalar(.double))
                b.store(total, b.binary(.add, b.load(total), e2))
            }
            let grid = b.emit(
                .allocArray(.int64, dims: [b.i64(3), b.i64(4)], fill: b.i64(7)), .array(.int64, rank: 2)
            )
            b.emit(.storeElement(grid, indices: [b.i64(2), b.i64(3)], value: b.i64(5)))
            b.ifThen(b.compare(.eq, n, b.i64(100))) { b in b.ret(b.load(total)) }
            b.pos = SourcePos(line: 12, column: 5)
            b.emit(.precondition(b.compare(.ne, n, b.i64(50)), message: ""))
            let s = b.newSlot("s", .scalar(.int64))
            b.store(s, b.i64(0))
            let row = b.emit(.subview(grid, index: b.i64(2)), .array(.int64, rank: 1))
            b.forLoop(b.i64(0), b.i64(4)) { b, j in
                b.store(
                    s,
                    b.binary(
                        .add, b.load(s), b.emit(.loadElement(row, indices: [j]), .scalar(.int64))))
            }
            b.ret(b.binary(.add, b.load(total), b.emit(.convert(b.load(s)), .scalar(.double))))
        }
    }

    @Test func localArraysAreFreedOnEveryExit() throws {
        try withCountingAllocator {
            for level in [0, 3] {
                let m = try Loaded([kernel()], options: CompileOptions(optimizationLevel: level))
                typealias F = @convention(c) (Ctx, Int64, Int64, Result8) -> Int32
                let f = try m.entry("f", as: F.self)
                let call = Call()
                func expected(_ n: Int64) -> Double {
                    var total = 0.0
                    for i in 0..<n {
                        if i == 3 { continue }
                        if i == 7 { break }
                        total += Double(i) + 1
                    }
                    return n == 100 ? total : total + 26
                }
                let before = AllocationCounter.shared.counts
                for n: Int64 in [0, 2, 5, 9, 100] {
                    call.reset()
                    #expect(f(call.ctx, n, 16, call.result) == 0)
                    #expect(call.slot(0, Double.self) == expected(n), "n = \(n)")
                }
                call.reset()
                #expect(f(call.ctx, 50, 16, call.result) == 3)  // precondition, grid live
                #expect(call.error.line == 12 && call.error.message == nil)
                call.reset()
                #expect(f(call.ctx, 5, 0, call.result) == 1)  // bounds error inside the loop
                #expect(call.error.value0 == -1 && call.error.value1 == 0)
                call.reset()
                #expect(f(call.ctx, 5, -3, call.result) == 6)  // negative size
                #expect(call.error.value0 == -3)
                call.reset()
                #expect(f(call.ctx, 1, Int64.max / 4, call.result) == 5)  // size overflow
                let after = AllocationCounter.shared.counts
                #expect(
                    after.live == before.live, "leaked \(after.live - before.live) at O\(level)")
                #expect(after.total - before.total > 20)
            }
        }
    }
}
