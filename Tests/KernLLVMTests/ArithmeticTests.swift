/// Scalar semantics of compiled code: wrapping arithmetic, division edge cases,
/// smart shifts, saturating conversions, Swift's float min/max, math built-ins.
import Foundation
import KernBasics
import KernIR
import KernLLVM
import Testing

/// `f(a: T, b: T) -> T { a op b }`, with a divisor check for div/rem.
private func binaryFunction(_ op: BinaryOpcode, _ kind: ScalarKind, amount: ScalarKind? = nil)
    -> KernIR.Function
{
    makeFunction(
        "f", [("a", .scalar(kind), false), ("b", .scalar(amount ?? kind), false)],
        returns: .scalar(kind)
    ) { b, p in
        b.pos = SourcePos(line: 3, column: 14)
        if op == .div || op == .rem { b.emit(.checkDivisor(p[1].value)) }
        b.ret(b.emit(.binary(op, p[0].value, p[1].value), .scalar(kind)))
    }
}

@Suite struct ArithmeticTests {
    typealias I64Op = @convention(c) (Ctx, Int64, Int64, Result8) -> Int32
    typealias I32Op = @convention(c) (Ctx, Int32, Int32, Result8) -> Int32
    typealias I8Op = @convention(c) (Ctx, Int8, Int8, Result8) -> Int32
    typealias U8Op = @convention(c) (Ctx, UInt8, UInt8, Result8) -> Int32

    func run64(_ op: BinaryOpcode, _ cases: [(Int64, Int64)], expect: (Int64, Int64) -> Int64)
        throws
    {
        let m = try Loaded([binaryFunction(op, .i64)])
        let f = try m.entry("f", as: I64Op.self)
        let call = Call()
        for (a, c) in cases {
            call.reset()
            #expect(f(call.ctx, a, c, call.result) == 0)
            #expect(call.slot(0, Int64.self) == expect(a, c), "\(a) \(op) \(c)")
        }
    }

    @Test func wrappingAddSubMul() throws {
        let cases: [(Int64, Int64)] = [(.max, 1), (.min, -1), (.min, .min), (3, -7), (.max, .max)]
        try run64(.add, cases, expect: &+)
        try run64(.sub, cases, expect: &-)
        try run64(.mul, cases, expect: &*)
    }

    @Test func divisionEdgeCases() throws {
        let cases: [(Int64, Int64)] = [(.min, -1), (7, -2), (-7, 2), (.min, 1), (5, 5), (.max, -1)]
        try run64(.div, cases) { a, c in c == -1 ? 0 &- a : a / c }
        try run64(.rem, cases) { a, c in c == -1 ? 0 : a % c }
        let m = try Loaded([binaryFunction(.div, .i32)])
        let f = try m.entry("f", as: I32Op.self)
        let call = Call()
        #expect(f(call.ctx, .min, -1, call.result) == 0)
        #expect(call.slot(0, Int32.self) == .min)
        let r = try Loaded([binaryFunction(.rem, .i8)])
        let g = try r.entry("f", as: I8Op.self)
        call.reset()
        #expect(g(call.ctx, .min, -1, call.result) == 0)
        #expect(call.slot(0, Int8.self) == 0)
    }

    @Test func divisionByZeroIsAnError() throws {
        let m = try Loaded([binaryFunction(.rem, .i64)])
        let f = try m.entry("f", as: I64Op.self)
        let call = Call()
        #expect(f(call.ctx, 5, 0, call.result) == 2)
        #expect(call.error.kind == 2)
        #expect(call.error.line == 3 && call.error.column == 14)
    }

    @Test func unsignedDivision() throws {
        let m = try Loaded([binaryFunction(.div, .u8)])
        let f = try m.entry("f", as: U8Op.self)
        let call = Call()
        #expect(f(call.ctx, 250, 7, call.result) == 0)
        #expect(call.slot(0, UInt8.self) == 35)
    }

    @Test func smartShiftsMatchSwift() throws {
        let amounts: [Int64] = [-100, -65, -64, -63, -3, -1, 0, 1, 3, 63, 64, 65, 1000, .min, .max]
        let values: [Int64] = [1, -1, 12345, -12345, .min, .max]
        let shl = try Loaded([binaryFunction(.shl, .i64)])
        let shr = try Loaded([binaryFunction(.shr, .i64)])
        let fl = try shl.entry("f", as: I64Op.self)
        let fr = try shr.entry("f", as: I64Op.self)
        let call = Call()
        for a in values {
            for n in amounts {
                #expect(call.value(Int64.self) { fl($0, a, n, $1) } == a << n, "\(a) << \(n)")
                #expect(call.value(Int64.self) { fr($0, a, n, $1) } == a >> n, "\(a) >> \(n)")
            }
        }
        // Narrow values shifted by a wide amount, unsigned amounts beyond Int64.max.
        typealias I8ByI64 = @convention(c) (Ctx, Int8, Int64, Result8) -> Int32
        let narrow = try Loaded([binaryFunction(.shr, .i8, amount: .i64)])
        let fn = try narrow.entry("f", as: I8ByI64.self)
        for (a, n) in [(Int8(-100), Int64(10)), (-100, 256), (100, 7), (100, -2), (-1, -7)] {
            #expect(call.value(Int8.self) { fn($0, a, n, $1) } == a >> n, "\(a) >> \(n)")
        }
        typealias U32ByU64 = @convention(c) (Ctx, UInt32, UInt64, Result8) -> Int32
        let unsigned = try Loaded([binaryFunction(.shl, .u32, amount: .u64)])
        let fu = try unsigned.entry("f", as: U32ByU64.self)
        for (a, n) in [(UInt32(0xF0F0), UInt64(4)), (1, .max), (1, 1 << 63), (7, 31), (7, 32)] {
            #expect(call.value(UInt32.self) { fu($0, a, n, $1) } == a << n, "\(a) << \(n)")
        }
    }

    @Test func saturatingConversions() throws {
        /// `func NAME(x: FROM) -> TO { TO(x) }`
        func conversion(_ name: String, from: IRType, to: IRType) -> KernIR.Function {
            makeFunction(name, [("x", from, false)], returns: to) { b, p in
                b.ret(b.emit(.convert(p[0].value), to))
            }
        }
        let m = try Loaded([
            conversion("toI32", from: .scalar(.f64), to: .scalar(.i32)),
            conversion("toU8", from: .scalar(.f64), to: .scalar(.u8)),
            conversion("narrow", from: .scalar(.i64), to: .scalar(.i8)),
            conversion("widen", from: .scalar(.u8), to: .scalar(.i64)),
        ])
        typealias D2 = @convention(c) (Ctx, Double, Result8) -> Int32
        let call = Call()
        let f = try m.entry("toI32", as: D2.self)
        for (x, e) in [
            (Double.nan, Int32(0)), (1e10, .max), (-1e10, .min), (-3.7, -3), (2.9, 2),
            (.infinity, .max),
        ] {
            call.reset()
            _ = f(call.ctx, x, call.result)
            #expect(call.slot(0, Int32.self) == e, "Int32(\(x))")
        }
        let g = try m.entry("toU8", as: D2.self)
        for (x, e) in [(-5.0, UInt8(0)), (300, 255), (Double.nan, 0), (254.99, 254)] {
            call.reset()
            _ = g(call.ctx, x, call.result)
            #expect(call.slot(0, UInt8.self) == e, "UInt8(\(x))")
        }
        typealias I2 = @convention(c) (Ctx, Int64, Result8) -> Int32
        let h = try m.entry("narrow", as: I2.self)
        call.reset()
        _ = h(call.ctx, 0x1FF, call.result)
        #expect(call.slot(0, Int8.self) == -1)
        typealias U2 = @convention(c) (Ctx, UInt8, Result8) -> Int32
        let w = try m.entry("widen", as: U2.self)
        call.reset()
        _ = w(call.ctx, 200, call.result)
        #expect(call.slot(0, Int64.self) == 200)
    }

    @Test func floatMinMaxFollowSwift() throws {
        let fs = [MathOpcode.min, .max].map { op in
            makeFunction(
                op.rawValue, [("x", .scalar(.f64), false), ("y", .scalar(.f64), false)],
                returns: .scalar(.f64)
            ) { b, p in
                b.ret(b.emit(.math(op, [p[0].value, p[1].value]), .scalar(.f64)))
            }
        }
        let m = try Loaded(fs)
        typealias DD = @convention(c) (Ctx, Double, Double, Result8) -> Int32
        let fmin = try m.entry("min", as: DD.self)
        let fmax = try m.entry("max", as: DD.self)
        let call = Call()
        let xs: [Double] = [.nan, 1, -1, 0, -0.0, .infinity]
        for x in xs {
            for y in xs {
                call.reset()
                _ = fmin(call.ctx, x, y, call.result)
                #expect(
                    call.slot(0, Double.self).bitPattern == Swift.min(x, y).bitPattern,
                    "min(\(x), \(y))")
                call.reset()
                _ = fmax(call.ctx, x, y, call.result)
                #expect(
                    call.slot(0, Double.self).bitPattern == Swift.max(x, y).bitPattern,
                    "max(\(x), \(y))")
            }
        }
    }

    @Test func mathBuiltins() throws {
        let unary: [(MathOpcode, (Double) -> Double)] = [
            (.sqrt, { $0.squareRoot() }), (.exp, Foundation.exp), (.cbrt, Foundation.cbrt),
            (.tanh, Foundation.tanh), (.erf, Foundation.erf), (.round, { $0.rounded() }),
            (.log1p, Foundation.log1p), (.abs, { Swift.abs($0) }), (.floor, Foundation.floor),
        ]
        let fs = unary.map { op, _ in
            makeFunction(op.rawValue, [("x", .scalar(.f64), false)], returns: .scalar(.f64)) {
                b, p in
                b.ret(b.emit(.math(op, [p[0].value]), .scalar(.f64)))
            }
        }
        let atan2f = makeFunction(
            "atan2f", [("y", .scalar(.f32), false), ("x", .scalar(.f32), false)],
            returns: .scalar(.f32)
        ) { b, p in
            b.ret(b.emit(.math(.atan2, [p[0].value, p[1].value]), .scalar(.f32)))
        }
        let isNaN = makeFunction("isnan", [("x", .scalar(.f64), false)], returns: .scalar(.bool)) {
            b, p in
            b.ret(b.emit(.math(.isNaN, [p[0].value]), .scalar(.bool)))
        }
        let m = try Loaded(fs + [atan2f, isNaN])
        typealias D1 = @convention(c) (Ctx, Double, Result8) -> Int32
        let call = Call()
        for (op, reference) in unary {
            let f = try m.entry(op.rawValue, as: D1.self)
            for x in [0.5, 2.5, -2.5, 10.0] where !(x < 0 && (op == .sqrt || op == .log1p)) {
                call.reset()
                _ = f(call.ctx, x, call.result)
                #expect(call.slot(0, Double.self) == reference(x), "\(op)(\(x))")
            }
        }
        typealias FF = @convention(c) (Ctx, Float, Float, Result8) -> Int32
        let a = try m.entry("atan2f", as: FF.self)
        call.reset()
        _ = a(call.ctx, 1, -1, call.result)
        #expect(call.slot(0, Float.self) == Foundation.atan2(Float(1), Float(-1)))
        let n = try m.entry("isnan", as: D1.self)
        call.reset()
        _ = n(call.ctx, .nan, call.result)
        #expect(call.slot(0, UInt8.self) == 1)
        call.reset()
        _ = n(call.ctx, 1, call.result)
        #expect(call.slot(0, UInt8.self) == 0)
    }
}
