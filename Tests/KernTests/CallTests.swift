/// Calls through libffi into hand-written entry-ABI functions: scalar round trips for
/// every type, arrays of rank 1–3 (Swift arrays, buffers, Tensor, `[[T]]` copies),
/// inout arrays and scalars, results and tuples, call options, concurrency.
import Foundation
import KernTestSupport
import Testing

@testable import Kern

@Suite struct CallTests {
    @Test func saxpyWritesInoutArray() throws {
        let saxpy = try Entries.saxpy()
        let x: [Float] = [1, 2, 3, 4]
        var y: [Float] = [10, 20, 30, 40]
        let r = try saxpy(2 as Float, x, &y)
        #expect(r == .void)
        #expect(y == [12, 24, 36, 48])
    }

    @Test func inoutArrayIsCopiedOnWriteFirst() throws {
        let saxpy = try Entries.saxpy()
        var y: [Float] = [1, 1]
        let alias = y  // shares storage until y is mutated
        try saxpy(1 as Float, [Float](repeating: 5, count: 2), &y)
        #expect(y == [6, 6])
        #expect(alias == [1, 1])
    }

    @Test func tensorAndBuffersAsArrays() throws {
        let saxpy = try Entries.saxpy()
        let y = Tensor<Float>([1, 2, 3])
        try saxpy(3 as Float, ContiguousArray<Float>([1, 1, 1]), y)  // Tensor is writable without &
        #expect(y.array == [4, 5, 6])
        var storage: [Float] = [0, 0, 0]
        try storage.withUnsafeMutableBufferPointer { out in
            try [Float](arrayLiteral: 1, 2, 3).withUnsafeBufferPointer { x in
                try saxpy(2 as Float, x, out)
            }
        }
        #expect(storage == [2, 4, 6])
    }

    @Test func tupleResult() throws {
        let divmod = try Entries.divmod()
        let r = try divmod(17, 5)
        #expect(r == .tuple([.int64(3), .int64(2)]))
        let (q, m) = try r.as((Int, Int).self)
        #expect(q == 3 && m == 2)
        #expect(r.description == "(3, 2)")
        #expect(throws: KernError.self) { try r.as((Int, Int, Int).self) }
        #expect(throws: KernError.self) { try r.as(Int.self) }
    }

    @Test func mixedTupleDecodesEachSlotInItsType() throws {
        let f = try Entries.function(
            "mixed",
            [.init(name: "flag", type: .scalar(.bool)), .init(name: "n", type: .scalar(.int32))],
            .tuple([.bool, .int32, .double, .float, .uint8]))
        let r = try f(true, Int32(-259))
        let (b, twice, quarter, half, low) = try r.as((Bool, Int32, Double, Float, UInt8).self)
        #expect(b == false && twice == -518 && quarter == -64.75 && half == -129.5 && low == 253)
        #expect(r.description == "(false, -518, -64.75, -129.5, 253)")
    }

    /// `&x` where the parameter is not inout: harmless, the value is passed (Swift would
    /// reject the `&` at compile time; a run-time error for it would help nobody).
    @Test func ampersandForByValueParameters() throws {
        let divmod = try Entries.divmod()
        var a = 17
        #expect(try divmod(&a, 5) == .tuple([.int64(3), .int64(2)]))
        #expect(a == 17)
        let saxpy = try Entries.saxpy()
        var x: [Float] = [1, 2]
        var y: [Float] = [0, 0]
        try saxpy(1 as Float, &x, &y)
        #expect(y == [1, 2])
    }

    @Test func inoutScalar() throws {
        let bump = try Entries.bump()
        var count = 40
        try bump(&count, 2)
        #expect(count == 42)
        var count64: Int64 = 1
        try bump(&count64, -3)  // Int64 is Kern's Int too
        #expect(count64 == -2)
    }

    /// One entry per scalar type: the value comes back as the result, an array element
    /// comes back through the inout scalar.
    @Test func everyScalarTypeRoundTrips() throws {
        try roundTrip("echo_bool", true, false)
        try roundTrip("echo_bool", false, true)
        try roundTrip("echo_i8", Int8.min, Int8.max)
        try roundTrip("echo_i16", Int16.min, Int16(-2))
        try roundTrip("echo_i32", Int32.min, Int32.max)
        try roundTrip("echo_i64", Int.min, Int.max)
        try roundTrip("echo_i64", Int64(-5), Int64.max)
        try roundTrip("echo_u8", UInt8.max, UInt8(7))
        try roundTrip("echo_u16", UInt16.max, UInt16(1))
        try roundTrip("echo_u32", UInt32.max, UInt32(3))
        try roundTrip("echo_u64", UInt64.max, UInt64(1) << 63)
        try roundTrip("echo_u64", UInt.max, UInt(9))
        try roundTrip("echo_f32", Float(-1.5e-42), Float.greatestFiniteMagnitude)
        try roundTrip("echo_f32", -Float.infinity, Float(0.1))
        try roundTrip("echo_f64", Double.pi, -Double.leastNonzeroMagnitude)
    }

    private func roundTrip<T: KernScalar & Equatable>(_ name: String, _ v: T, _ element: T) throws {
        let s = T.kernScalarType
        let f = try Entries.function(
            name,
            [
                .init(name: "v", type: .scalar(s)),
                .init(name: "acc", type: .scalar(s), isInout: true),
                .init(name: "x", type: .array(s, rank: 1)),
            ], .scalar(s))
        var acc = v
        let r = try f(v, &acc, [element])
        #expect(try r.as(T.self) == v)
        #expect(r.scalarType == s)
        #expect(acc == element)
        var acc2 = element
        try f(v, &acc2, [T]())  // empty array: acc = v
        #expect(acc2 == v)
    }

    @Test func nanRoundTripsBitExactly() throws {
        let s = KernScalarType.double
        let f = try Entries.function(
            "echo_f64",
            [
                .init(name: "v", type: .scalar(s)),
                .init(name: "acc", type: .scalar(s), isInout: true),
                .init(name: "x", type: .array(s, rank: 1)),
            ], .scalar(s))
        let nan = Double(bitPattern: 0x7FF8_0000_0000_1234)
        var acc = 0.0
        let r = try f(nan, &acc, [Double]())
        #expect(try r.as(Double.self).bitPattern == nan.bitPattern)
    }

    @Test func rank2FromTensorAndNestedArray() throws {
        let f = try Entries.function(
            "weightedSum", [.init(name: "m", type: .array(.double, rank: 2))], .scalar(.double))
        let rows: [[Double]] = [[1, 2, 3], [4, 5, 6]]
        // sum m[i,j] * (1000 i + j + 1)
        let expected: Double = 1 * 1 + 2 * 2 + 3 * 3 + 4 * 1001 + 5 * 1002 + 6 * 1003  // 15046
        #expect(try f(rows).as(Double.self) == expected)
        #expect(try f(Tensor(rows: rows)).as(Double.self) == expected)
        #expect(try f([[Double]]()).as(Double.self) == 0)
    }

    @Test func rank2InoutTensor() throws {
        let f = try Entries.function(
            "scaleRows",
            [
                .init(name: "m", type: .array(.float, rank: 2), isInout: true),
                .init(name: "k", type: .scalar(.float)),
            ])
        let m = try Tensor<Float>(rows: [[1, 2], [3, 4], [5, 6]])
        try f(m, 2 as Float)
        #expect(m.rows == [[2, 4], [12, 16], [30, 36]])
        var tensor = m
        try f(&tensor, 0.5 as Float)  // `&tensor` works too
        #expect(m[2, 1] == 54)
    }

    @Test func rank3Tensor() throws {
        let sum3 = try Entries.function(
            "weightedSum3", [.init(name: "t", type: .array(.int32, rank: 3))], .scalar(.int64))
        let t = try Tensor<Int32>(shape: [2, 3, 4], repeating: 0)
        t[1, 2, 3] = 5
        t[0, 1, 0] = -2
        #expect(try sum3(t).as(Int.self) == 5 * (100 + 20 + 3 + 1) - 2 * (10 + 1))
        let fill = try Entries.function(
            "fill3", [.init(name: "t", type: .array(.double, rank: 3), isInout: true)])
        let d = try Tensor<Double>(shape: [3, 2, 2], repeating: -1)
        try fill(d)
        #expect(d[2, 1, 0] == 210 && d[1, 0, 1] == 101 && d[0, 0, 0] == 0)
    }

    @Test func callOptionsReachTheContext() throws {
        let f = try Entries.function("context", [], .tuple([.uint64, .int32]))
        #expect(try f() == .tuple([.uint64(0), .int32(0)]))
        let (seed, threads) = try f.with(seed: 42, threads: 3)().as((UInt64, Int32).self)
        #expect(seed == 42 && threads == 3)
        let seeded = f.with(seed: 7)
        #expect(try seeded() == .tuple([.uint64(7), .int32(0)]))
    }

    @Test func fiveArgumentsWithInoutsInTheMiddle() throws {
        let five = try Entries.function(
            "five",
            [
                .init(name: "a", type: .scalar(.int64)),
                .init(name: "b", type: .scalar(.int64), isInout: true),
                .init(name: "c", type: .array(.int64, rank: 1)),
                .init(name: "d", type: .array(.int64, rank: 1), isInout: true),
                .init(name: "e", type: .scalar(.double)),
            ], .scalar(.double))
        var b = 1
        var d = [10, 20, 30]
        // Beyond 4 arguments there are no `&` overloads: writable storage by value.
        let r = try withUnsafeMutablePointer(to: &b) { pb in
            try d.withUnsafeMutableBufferPointer { try five(3, pb, [1, 2, 3], $0, 0.5) }
        }
        #expect(try r.as(Double.self) == 1.5)
        #expect(b == 4 && d == [13, 26, 39])
        // Swift 6.3 takes `&b` for a pack argument without a word and passes a copy: the
        // check refuses the copy for the inout parameter, and nothing runs.
        let refused = argumentProblem { try five(3, &b, [1, 2, 3], &d, 0.5) }
        #expect(refused?.0 == 1 && refused?.1 == .notWritable(parameter: "b"))
        #expect(b == 4 && d == [13, 26, 39])
        // `call(_:)` takes the pointer too.
        let viaCall = try withUnsafeMutablePointer(to: &b) { pb in
            try d.withUnsafeMutableBufferPointer { try five.call([3, pb, [1, 2, 3], $0, 0.5]) }
        }
        #expect(try viaCall.as(Double.self) == 1.5 && b == 7)
    }

    @Test func inoutOverloadsCoverUpToFourArguments() throws {
        let saxpy = try Entries.saxpy()
        var a: Float = 2
        var y: [Float] = [1, 1]
        try saxpy(&a, [1, 2] as [Float], &y)
        #expect(y == [3, 5])
        // Four arguments for three parameters: the & overload is chosen, and the count
        // check refuses the call before anything runs.
        var extra = 0
        let problem = argumentProblem { try saxpy(&a, [1, 2] as [Float], &y, &extra) }
        #expect(problem?.1 == .wrongCount(expected: 3, actual: 4))
        #expect(y == [3, 5])
    }

    @Test func arraySlicesAreViews() throws {
        let saxpy = try Entries.saxpy()
        let x: [Float] = [0, 1, 2, 3, 4, 5]
        var y: [Float] = [0, 0, 0, 0, 0, 0]
        try saxpy(1 as Float, x[3...], &y[0..<3])
        #expect(y == [3, 4, 5, 0, 0, 0])
    }

    @Test func arrayCallForManyArguments() throws {
        let six = try Entries.function(
            "six",
            ["a", "b", "c", "d", "e", "f"].map { KernParameter(name: $0, type: .scalar(.int64)) },
            .scalar(.int64))
        #expect(try six.call([1, 2, 3, 4, 5, 6]).as(Int.self) == 1 + 4 + 9 + 16 + 25 + 36)
        #expect(throws: KernError.self) { try six(1, 1, 1, 1, 1) }
    }

    @Test func concurrentCallsFromEightThreads() async throws {
        let saxpy = try Entries.saxpy()
        let divmod = try Entries.divmod()
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for t in 0..<8 {
                group.addTask {
                    var ok = true
                    for i in 0..<2_000 {
                        let n = 1 + (i + t) % 37
                        let x = (0..<n).map { Float($0) }
                        var y = [Float](repeating: Float(t), count: n)
                        try saxpy(Float(i % 5), x, &y)
                        let a = Float(i % 5)
                        let expected: [Float] = x.map { (v: Float) -> Float in a * v + Float(t) }
                        ok = ok && y == expected
                        let (q, r) = try divmod(i * 8 + t, 7).as((Int, Int).self)
                        ok = ok && q == (i * 8 + t) / 7 && r == (i * 8 + t) % 7
                    }
                    return ok
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [Bool](repeating: true, count: 8))
    }

    /// The cif lives in the function's `CallInterface`, made once in `KernFunction.init`;
    /// calls and configured copies reuse it.
    @Test func cifIsPreparedOncePerFunction() throws {
        let f = try Entries.increment()
        let cif = f.interface.cif
        for i in 0..<1_000 { #expect(try f(i).as(Int.self) == i + 1) }
        let g = f.with(seed: 3)
        _ = try g(1)
        #expect(g.interface === f.interface)
        #expect(f.interface.cif == cif)
        #expect(f.interface.argumentCount == 3)  // ctx, a, result
    }
}
