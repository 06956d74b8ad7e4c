import Foundation
import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// `a op b` in kind `k`, through IR text and the interpreter.
func evalBinary(_ op: BinaryOpcode, _ a: Scalar, _ b: Scalar) throws -> Scalar? {
    let k = a.kind.irName
    let text = """
        module "t"
        func @f(%0 a: \(k), %1 b: \(k)) -> \(k) {
          %2 = \(op.rawValue) %0, %1 : \(k) !1:5
          return %2
        }
        """
    return try run(text, "f", [.scalar(a), .scalar(b)]).0?.scalar
}

func evalConvert(_ a: Scalar, to kind: ScalarType) throws -> Scalar? {
    let text = """
        module "t"
        func @f(%0 a: \(a.kind.irName)) -> \(kind.irName) {
          %1 = convert %0 : \(kind.irName)
          return %1
        }
        """
    return try run(text, "f", [.scalar(a)]).0?.scalar
}

func evalCompare(_ p: ComparePredicate, _ a: Scalar, _ b: Scalar) throws -> Bool? {
    let k = a.kind.irName
    let text = """
        module "t"
        func @f(%0 a: \(k), %1 b: \(k)) -> bool {
          %2 = cmp \(p.rawValue) %0, %1 : bool
          return %2
        }
        """
    return try run(text, "f", [.scalar(a), .scalar(b)]).0?.scalar?.bool
}

@Test func integerArithmeticWrapsInEachWidth() throws {
    #expect(try evalBinary(.add, .int(127, .int8), .int(1, .int8)) == .int(-128, .int8))
    #expect(try evalBinary(.sub, .int(-32768, .int16), .int(1, .int16)) == .int(32767, .int16))
    #expect(try evalBinary(.mul, .int(65536, .int32), .int(65536, .int32)) == .int(0, .int32))
    #expect(try evalBinary(.add, .int(.max), .int(1)) == .int(.min))
    #expect(try evalBinary(.add, .uint(255, .uint8), .uint(1, .uint8)) == .uint(0, .uint8))
    #expect(try evalBinary(.sub, .uint(0, .uint16), .uint(1, .uint16)) == .uint(65535, .uint16))
    #expect(try evalBinary(.mul, .uint(0x8000_0000, .uint32), .uint(2, .uint32)) == .uint(0, .uint32))
    #expect(try evalBinary(.sub, .uint(0), .uint(1)) == .uint(.max))
}

@Test func divisionTruncatesAndHandlesMinOverMinusOne() throws {
    #expect(try evalBinary(.div, .int(7), .int(-2)) == .int(-3))
    #expect(try evalBinary(.rem, .int(-7), .int(2)) == .int(-1))
    #expect(try evalBinary(.rem, .int(7), .int(-2)) == .int(1))
    #expect(try evalBinary(.div, .int(-128, .int8), .int(-1, .int8)) == .int(-128, .int8))
    #expect(try evalBinary(.rem, .int(-128, .int8), .int(-1, .int8)) == .int(0, .int8))
    #expect(try evalBinary(.div, .int(.min), .int(-1)) == .int(.min))
    #expect(try evalBinary(.rem, .int(.min), .int(-1)) == .int(0))
    #expect(try evalBinary(.div, .uint(200, .uint8), .uint(3, .uint8)) == .uint(66, .uint8))
    #expect(try evalBinary(.rem, .uint(.max), .uint(10)) == .uint(5))
}

@Test func divisorCheckStopsWithPosition() throws {
    let text = """
        module "t"
        func @f(%0 a: i32, %1 b: i32) -> i32 {
          check.divisor %1 !7:12
          %2 = div %0, %1 : i32 !7:12
          return %2
        }
        """
    let e = runtimeError {
        _ = try run(text, "f", [.scalar(.int(1, .int32)), .scalar(.int(0, .int32))])
    }
    #expect(e?.kind == .divisionByZero)
    #expect(e?.pos == SourcePos(line: 7, column: 12))
    #expect(e?.message == "division by zero")
}

@Test func shiftsAreSwiftSmartShifts() throws {
    #expect(try evalBinary(.shl, .int(1, .int32), .int(31, .int32)) == .int(Int64(Int32.min), .int32))
    #expect(try evalBinary(.shl, .int(1, .int32), .int(32, .int32)) == .int(0, .int32))
    #expect(try evalBinary(.shl, .int(8, .int32), .int(-2, .int32)) == .int(2, .int32))
    #expect(try evalBinary(.shr, .int(-8, .int32), .int(1, .int32)) == .int(-4, .int32))
    #expect(try evalBinary(.shr, .int(-8, .int32), .int(100, .int32)) == .int(-1, .int32))
    #expect(try evalBinary(.shr, .int(8, .int32), .int(100, .int32)) == .int(0, .int32))
    #expect(try evalBinary(.shr, .int(1, .int64), .int(-3, .int64)) == .int(8))
    #expect(try evalBinary(.shl, .int(-1), .int(-64)) == .int(-1))
    #expect(try evalBinary(.shr, .uint(0x80, .uint8), .uint(7, .uint8)) == .uint(1, .uint8))
    #expect(try evalBinary(.shl, .uint(1, .uint8), .uint(8, .uint8)) == .uint(0, .uint8))
    #expect(try evalBinary(.shr, .uint(.max), .uint(64)) == .uint(0))
}

@Test func floatToIntegerSaturatesAndNaNIsZero() throws {
    #expect(try evalConvert(.double(1e10), to: .int32) == .int(Int64(Int32.max), .int32))
    #expect(try evalConvert(.double(-1e10), to: .int32) == .int(Int64(Int32.min), .int32))
    #expect(try evalConvert(.double(.nan), to: .int64) == .int(0))
    #expect(try evalConvert(.double(-3.9), to: .int64) == .int(-3))
    #expect(try evalConvert(.double(-5), to: .uint8) == .uint(0, .uint8))
    #expect(try evalConvert(.double(300), to: .uint8) == .uint(255, .uint8))
    #expect(try evalConvert(.double(255.9), to: .uint8) == .uint(255, .uint8))
    #expect(try evalConvert(.float(9.3e18), to: .int64) == .int(.max))
    #expect(try evalConvert(.float(-.infinity), to: .int64) == .int(.min))
    #expect(try evalConvert(.double(1.9e19), to: .uint64) == .uint(.max))
}

@Test func integerConversionsTruncateOrExtendBySourceSign() throws {
    #expect(try evalConvert(.int(300), to: .int8) == .int(44, .int8))
    #expect(try evalConvert(.int(-1, .int8), to: .uint64) == .uint(.max))
    #expect(try evalConvert(.uint(255, .uint8), to: .int16) == .int(255, .int16))
    #expect(try evalConvert(.uint(0xFFFF_FFFF, .uint32), to: .int64) == .int(0xFFFF_FFFF))
    #expect(try evalConvert(.int(16_777_217), to: .float) == .float(16_777_216))
    #expect(try evalConvert(.uint(.max), to: .double) == .double(18_446_744_073_709_551_615.0))
    #expect(try evalConvert(.double(0.1), to: .float) == .float(0.1))
    #expect(try evalConvert(.float(0.1), to: .double) == .double(Double(Float(0.1))))
    #expect(try evalConvert(.int(2), to: .bool) == .bool(true))
    #expect(try evalConvert(.bool(true), to: .double) == .double(1))
}

@Test func floatArithmeticIsDoneInFloatForF32() throws {
    #expect(try evalBinary(.add, .float(0.1), .float(0.2)) == .float(Float(0.1) + Float(0.2)))
    #expect(try evalBinary(.add, .double(0.1), .double(0.2)) == .double(0.30000000000000004))
    #expect(try evalBinary(.div, .float(1), .float(3)) == .float(Float(1) / Float(3)))
    #expect(try evalBinary(.div, .double(1), .double(0)) == .double(.infinity))
    #expect(try evalBinary(.div, .double(0), .double(0))?.double.isNaN == true)
}

@Test func comparisonsAreOrderedExceptNe() throws {
    #expect(try evalCompare(.eq, .double(.nan), .double(.nan)) == false)
    #expect(try evalCompare(.ne, .double(.nan), .double(1)) == true)
    #expect(try evalCompare(.lt, .float(.nan), .float(1)) == false)
    #expect(try evalCompare(.ge, .double(.nan), .double(1)) == false)
    #expect(try evalCompare(.eq, .double(0), .double(-0.0)) == true)
    #expect(try evalCompare(.gt, .uint(200, .uint8), .uint(100, .uint8)) == true)
    #expect(try evalCompare(.gt, .int(-56, .int8), .int(100, .int8)) == false)
    #expect(try evalCompare(.lt, .uint(.max), .uint(1)) == false)
}

@Test func unaryOperations() throws {
    func un(_ op: String, _ a: Scalar) throws -> Scalar? {
        let k = a.kind.irName
        return try run(
            """
            module "t"
            func @f(%0 a: \(k)) -> \(k) {
              %1 = \(op) %0 : \(k)
              return %1
            }
            """, "f", [.scalar(a)]
        ).0?.scalar
    }
    #expect(try un("neg", .int(-128, .int8)) == .int(-128, .int8))
    #expect(try un("neg", .double(0))?.double.sign == .minus)
    #expect(try un("not", .bool(false)) == .bool(true))
    #expect(try un("bitnot", .uint(0x0F, .uint8)) == .uint(0xF0, .uint8))
    #expect(try un("bitnot", .int(0, .int16)) == .int(-1, .int16))
}

@Test func printFormatsLikeSwift() throws {
    let text = """
        module "t"
        func @f() -> void {
          %0 = const 1.0 : f32
          %1 = const 3.0 : f32
          %2 = div %0, %1 : f32
          %3 = const 1e-05 : f64
          %4 = const 1e+16 : f64
          %5 = const -0.0 : f64
          %6 = const true : bool
          %7 = const -5 : i8
          %8 = const 255 : u8
          %9 = const 42 : i64
          %10 = const 0.5 : f64
          %11 = tuple %9, %10 : (i64, f64)
          %12 = const 2.5 : f64
          print %2, " ", %3, " ", %4, " ", %5
          print %6, " ", %7, " ", %8, " ", %11, " ", %12
          print "text only"
          print
          return
        }
        """
    let (_, lines) = try run(text)
    #expect(lines == ["0.33333334 1e-05 1e+16 -0.0", "true -5 255 (42, 0.5) 2.5", "text only", ""])
}
