/// Loops (for with steps and inclusive bounds near T.max, while, repeat, break/continue,
/// nesting), inout slots, calls and recursion, tuples through the result slots.
import KernBasics
import KernIR
import KernLLVM
import Testing

@Suite struct ControlFlowTests {
    typealias I1 = @convention(c) (Ctx, Int64, Result8) -> Int32

    /// var s = 0
    /// for i in 0..<n { if i % 3 == 0 { continue }; if i > 50 { break }
    ///     for j in stride(from: i, through: 0, by: -2) { s += j } }
    /// var k = 0; while k < 5 { s += 100; k += 1 }; repeat { s -= 1; k -= 1 } while k > 2
    /// return s
    @Test func nestedLoopsWithBreakAndContinue() throws {
        let f = makeFunction("f", [("n", .scalar(.int64), false)], returns: .scalar(.int64)) { b, p in
            let s = b.newSlot("s", .scalar(.int64))
            let k = b.newSlot("k", .scalar(.int64))
            b.store(s, b.i64(0))
            b.store(k, b.i64(0))
            b.forLoop(b.i64(0), p[0].value) { b, i in
                let r = b.binary(.rem, i, b.i64(3))
                b.ifThen(b.compare(.eq, r, b.i64(0))) { b in b.emit(.continueLoop) }
                b.ifThen(b.compare(.gt, i, b.i64(50))) { b in b.emit(.breakLoop) }
                b.forLoop(i, b.i64(0), step: b.i64(-2), inclusive: true) { b, j in
                    b.store(s, b.binary(.add, b.load(s), j))
                }
            }
            b.beginBlock()
            let c = b.compare(.lt, b.load(k), b.i64(5))
            let cond = b.endBlock()
            b.beginBlock()
            b.store(s, b.binary(.add, b.load(s), b.i64(100)))
            b.store(k, b.binary(.add, b.load(k), b.i64(1)))
            let body = b.endBlock()
            b.emit(.whileLoop(cond: cond, condition: c, body: body))
            b.beginBlock()
            b.store(s, b.binary(.sub, b.load(s), b.i64(1)))
            b.store(k, b.binary(.sub, b.load(k), b.i64(1)))
            let rbody = b.endBlock()
            b.beginBlock()
            let rc = b.compare(.gt, b.load(k), b.i64(2))
            let rcond = b.endBlock()
            b.emit(.repeatLoop(body: rbody, cond: rcond, condition: rc))
            b.ret(b.load(s))
        }
        func reference(_ n: Int64) -> Int64 {
            var s: Int64 = 0
            for i in 0..<max(n, 0) {
                if i % 3 == 0 { continue }
                if i > 50 { break }
                for j in stride(from: i, through: 0, by: -2) { s += j }
            }
            var k = 0
            while k < 5 {
                s += 100
                k += 1
            }
            repeat {
                s -= 1
                k -= 1
            } while k > 2
            return s
        }
        for level in [0, 3] {
            let m = try Loaded([f], options: CompileOptions(optimizationLevel: level))
            let entry = try m.entry("f", as: I1.self)
            let call = Call()
            for n: Int64 in [-5, 0, 1, 2, 10, 49, 52, 100] {
                call.reset()
                #expect(entry(call.ctx, n, call.result) == 0)
                #expect(call.slot(0, Int64.self) == reference(n), "n = \(n) at O\(level)")
            }
        }
    }

    /// Loops that end at T.max must not overflow: Int8 `120...127`, stride by 3 and by
    /// a runtime (negative) step.
    @Test func loopBoundsAtTypeLimits() throws {
        let f = makeFunction("f", [("step", .scalar(.int8), false)], returns: .scalar(.int64)) { b, p in
            let count = b.newSlot("count", .scalar(.int64))
            b.store(count, b.i64(0))
            let lo = b.constant(.integer(120), .int8)
            let hi = b.constant(.integer(127), .int8)
            b.forLoop(lo, hi, inclusive: true) { b, _ in
                b.store(count, b.binary(.add, b.load(count), b.i64(1)))
            }
            b.forLoop(lo, hi, step: b.constant(.integer(3), .int8), inclusive: true) { b, _ in
                b.store(count, b.binary(.add, b.load(count), b.i64(10)))
            }
            // stride(from: -128, through: 127, by: step) or the reverse for step < 0.
            let neg = b.compare(.lt, p[0].value, b.constant(.integer(0), .int8))
            let from = b.emit(
                .select(neg, hi, b.constant(.integer(UInt64(bitPattern: -128)), .int8)), .scalar(.int8))
            let to = b.emit(
                .select(neg, b.constant(.integer(UInt64(bitPattern: -128)), .int8), hi), .scalar(.int8))
            b.forLoop(from, to, step: p[0].value, inclusive: true) { b, _ in
                b.store(count, b.binary(.add, b.load(count), b.i64(1000)))
            }
            b.ret(b.load(count))
        }
        let m = try Loaded([f])
        typealias F = @convention(c) (Ctx, Int8, Result8) -> Int32
        let entry = try m.entry("f", as: F.self)
        let call = Call()
        for step: Int8 in [1, 7, 127, -1, -100, -128] {
            call.reset()
            #expect(entry(call.ctx, step, call.result) == 0)
            let from: Int8 = step < 0 ? 127 : -128
            let to: Int8 = step < 0 ? -128 : 127
            let runs = Int64(Array(stride(from: from, through: to, by: Int(step))).count)
            #expect(call.slot(0, Int64.self) == 8 + 30 + 1000 * runs, "step \(step)")
        }
    }

    /// func bump(x: inout Int, by: Int) { x += by }
    /// func fib(n) -> Int { n < 2 ? n : fib(n-1) + fib(n-2) }
    /// func divmod(a, b) -> (Int, Int, Bool, Double)
    /// func main(x: inout Int) -> Int { bump(&x, 5); bump(&x, 1); return fib(x) }
    @Test func callsRecursionInoutAndTuples() throws {
        let bump = makeFunction(
            "bump", [("x", .scalar(.int64), true), ("by", .scalar(.int64), false)], inline: .never
        ) { b, p in
            b.store(p[0].slot, b.binary(.add, b.load(p[0].slot), p[1].value))
        }
        let fib = makeFunction("fib", [("n", .scalar(.int64), false)], returns: .scalar(.int64)) {
            b, p in
            let n = p[0].value
            b.ifThen(b.compare(.lt, n, b.i64(2))) { b in b.ret(n) }
            let a = b.emit(
                .call(FunctionID(1), [.value(b.binary(.sub, n, b.i64(1)))]), .scalar(.int64))
            let c = b.emit(
                .call(FunctionID(1), [.value(b.binary(.sub, n, b.i64(2)))]), .scalar(.int64))
            b.ret(b.binary(.add, a, c))
        }
        let tupleType = IRType.tuple([.int64, .int64, .bool, .double])
        let divmod = makeFunction(
            "divmod", [("a", .scalar(.int64), false), ("b", .scalar(.int64), false)], returns: tupleType
        ) { b, p in
            b.emit(.checkDivisor(p[1].value))
            let q = b.binary(.div, p[0].value, p[1].value)
            let r = b.binary(.rem, p[0].value, p[1].value)
            let exact = b.compare(.eq, r, b.i64(0))
            let d = b.emit(.convert(q), .scalar(.double))
            b.ret(b.emit(.makeTuple([q, r, exact, d]), tupleType))
        }
        let main = makeFunction("main", [("x", .scalar(.int64), true)], returns: .scalar(.int64)) {
            b, p in
            let x = p[0].slot
            b.emit(.call(FunctionID(0), [.slot(x), .value(b.i64(5))]))
            b.emit(.call(FunctionID(0), [.slot(x), .value(b.i64(1))]))
            let t = b.emit(.call(FunctionID(2), [.value(b.load(x)), .value(b.i64(4))]), tupleType)
            let q = b.emit(.extract(t, index: 0), .scalar(.int64))
            let r = b.emit(.call(FunctionID(1), [.value(b.load(x))]), .scalar(.int64))
            b.ret(b.binary(.add, r, b.binary(.mul, q, b.i64(1000))))
        }
        let m = try Loaded([bump, fib, divmod, main])
        typealias Main = @convention(c) (Ctx, UnsafeMutablePointer<Int64>, Result8) -> Int32
        let call = Call()
        var x: Int64 = 14
        #expect(try m.entry("main", as: Main.self)(call.ctx, &x, call.result) == 0)
        #expect(x == 20)
        #expect(call.slot(0, Int64.self) == 6765 + 5000)
        typealias DM = @convention(c) (Ctx, Int64, Int64, Result8) -> Int32
        let dm = try m.entry("divmod", as: DM.self)
        call.reset()
        #expect(dm(call.ctx, 17, 5, call.result) == 0)
        #expect(call.slot(0, Int64.self) == 3 && call.slot(1, Int64.self) == 2)
        #expect(call.slot(2, UInt8.self) == 0 && call.slot(3, Double.self) == 3.0)
        call.reset()
        #expect(dm(call.ctx, 20, 5, call.result) == 0)
        #expect(call.slot(2, UInt8.self) == 1)
        call.reset()
        #expect(dm(call.ctx, 20, 0, call.result) == 2)
        typealias B = @convention(c) (Ctx, UnsafeMutablePointer<Int64>, Int64, Result8?) -> Int32
        var y: Int64 = 1
        #expect(try m.entry("bump", as: B.self)(call.ctx, &y, 41, nil) == 0)
        #expect(y == 42)
    }

    /// An error inside a callee stops the caller: nothing after the call runs.
    @Test func errorsPropagateThroughCalls() throws {
        let inner = makeFunction(
            "inner", [("n", .scalar(.int64), false)], returns: .scalar(.int64), inline: .never
        ) { b, p in
            b.pos = SourcePos(line: 7, column: 5)
            b.emit(.precondition(b.compare(.lt, p[0].value, b.i64(10)), message: "n too big"))
            b.ret(p[0].value)
        }
        let outer = makeFunction(
            "outer", [("n", .scalar(.int64), false), ("out", .scalar(.int64), true)]
        ) { b, p in
            b.store(p[1].slot, b.i64(1))
            let r = b.emit(.call(FunctionID(0), [.value(p[0].value)]), .scalar(.int64))
            b.store(p[1].slot, r)
        }
        let m = try Loaded([inner, outer])
        typealias F = @convention(c) (Ctx, Int64, UnsafeMutablePointer<Int64>, Result8?) -> Int32
        let f = try m.entry("outer", as: F.self)
        let call = Call()
        var out: Int64 = 0
        #expect(f(call.ctx, 3, &out, nil) == 0)
        #expect(out == 3)
        call.reset()
        #expect(f(call.ctx, 30, &out, nil) == 3)
        #expect(out == 1)
        #expect(call.error.line == 7 && call.error.column == 5)
        let message = try #require(call.error.message)
        #expect(String(cString: message) == "n too big")
    }

    /// var total: Float = 0; var count = 0
    /// for i in prange(m.shape(0)) { if i % 2 == 1 { continue }; count += 1
    ///     for j in 0..<m.shape(1) { total += m[i, j] } }
    /// return (total, count)
    @Test func parallelLoopWithNestedReductionAndContinue() throws {
        let type = IRType.tuple([.float, .int64])
        let f = makeFunction("evenRows", [("m", .array(.float, rank: 2), false)], returns: type) {
            b, p in
            let m = p[0].value
            let total = b.newSlot("total", .scalar(.float))
            let count = b.newSlot("count", .scalar(.int64))
            b.store(total, b.constant(.floating(0), .float))
            b.store(count, b.i64(0))
            let kind = LoopKind.parallel(
                reductions: [Reduction(slot: total, op: .add), Reduction(slot: count, op: .add)],
                arrayReductions: [])
            b.forEachIndex(of: m, kind: kind) { b, i in
                let odd = b.compare(.eq, b.binary(.rem, i, b.i64(2)), b.i64(1))
                b.ifThen(odd) { b in b.emit(.continueLoop) }
                b.store(count, b.binary(.add, b.load(count), b.i64(1)))
                b.forEachIndex(of: m, axis: 1) { b, j in
                    let e = b.emit(.loadElement(m, indices: [i, j]), .scalar(.float))
                    b.store(total, b.binary(.add, b.load(total), e))
                }
            }
            b.ret(b.emit(.makeTuple([b.load(total), b.load(count)]), type))
        }
        let m = try Loaded([f])
        typealias F =
            @convention(c) (Ctx, UnsafePointer<Float>, Int64, Int64, Int64, Int64, Result8) -> Int32
        let data = (0..<35).map(Float.init)  // 7 x 5
        let call = Call()
        #expect(try m.entry("evenRows", as: F.self)(call.ctx, data, 7, 5, 5, 1, call.result) == 0)
        let expected = [0, 2, 4, 6].flatMap { r in (0..<5).map { Float(r * 5 + $0) } }.reduce(0, +)
        #expect(call.slot(0, Float.self) == expected)
        #expect(call.slot(1, Int64.self) == 4)
    }

    /// Two modules defining the same function name live side by side.
    @Test func sameNamesInTwoModules() throws {
        func constantFunction(_ k: Int64) -> KernIR.Function {
            makeFunction("answer", returns: .scalar(.int64)) { b, _ in b.ret(b.i64(k)) }
        }
        let a = try Loaded([constantFunction(1)])
        let c = try Loaded([constantFunction(2)])
        typealias F = @convention(c) (Ctx, Result8) -> Int32
        let call = Call()
        _ = try a.entry("answer", as: F.self)(call.ctx, call.result)
        #expect(call.slot(0, Int64.self) == 1)
        _ = try c.entry("answer", as: F.self)(call.ctx, call.result)
        #expect(call.slot(0, Int64.self) == 2)
        #expect(a.jit.address(ofEntry: "missing") == nil)
    }

    @Test func concurrentCompilesAndLoads() async throws {
        let results = try await withThrowingTaskGroup(of: Int64.self) { group in
            for k in 0..<8 {
                group.addTask {
                    let f = makeFunction(
                        "triple", [("x", .scalar(.int64), false)], returns: .scalar(.int64)
                    ) { b, p in
                        b.ret(b.binary(.mul, p[0].value, b.i64(3 + Int64(k))))
                    }
                    let m = try Loaded([f])
                    let call = Call()
                    _ = try m.entry("triple", as: I1.self)(call.ctx, 10, call.result)
                    return call.slot(0, Int64.self) - 10 * Int64(k)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: 30, count: 8))
    }
}
