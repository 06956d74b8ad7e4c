import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

@Test func sumOfRank1Array() throws {
    let text = """
        module "t"
        func @f(%0 x: [f64; 1]) -> f64 {
          slot $0 s: f64
          %1 = const 0.0 : f64
          store $0, %1
          %2 = const 0 : i64
          %3 = dim %0, 0 : i64
          %4 = const 1 : i64
          for %5: i64 = %2 ..< %3 step %4 {
            check.bounds %5 < %3 axis 0 !4:9
            %6 = load.elem %0[%5] : f64 !4:9
            %7 = load $0 : f64
            %8 = add %7, %6 : f64
            store $0, %8
          }
          %9 = load $0 : f64
          return %9
        }
        """
    #expect(try run(text, "f", [.array([1, 2, 3.5])]).0?.scalar == .double(6.5))
    #expect(try run(text, "f", [.array([Double]())]).0?.scalar == .double(0))
}

@Test func boundsErrorCarriesPositionIndexAndBound() throws {
    let text = """
        module "t"
        func @f(%0 x: [f32; 1], %1 i: i64) -> f32 {
          %2 = dim %0, 0 : i64
          check.bounds %1 < %2 axis 0 !4:9
          %3 = load.elem %0[%1] : f32 !4:9
          return %3
        }
        """
    let x = InterpreterValue.array([Float](repeating: 1, count: 10))
    let e = runtimeError { _ = try run(text, "f", [x, .int(10)]) }
    #expect(e?.kind == .bounds)
    #expect(e?.pos == SourcePos(line: 4, column: 9))
    #expect(e?.message == "index 10 is out of bounds for dimension 0 of length 10")
    #expect(e?.index == 10 && e?.bound == 10)
    let neg = runtimeError { _ = try run(text, "f", [x, .int(-1)]) }
    #expect(neg?.message == "index -1 is out of bounds for dimension 0 of length 10")
    #expect(try run(text, "f", [x, .int(9)]).0?.scalar == .float(1))
}

@Test func rank2StoresAndSubviewsShareStorage() throws {
    // m[i, j] = i * 10 + j for all i, j; then r = m[1] and r[2] is read back.
    let text = """
        module "t"
        func @f(inout %0 m: [i64; 2]) -> i64 {
          %1 = const 0 : i64
          %2 = const 1 : i64
          %3 = const 10 : i64
          %4 = dim %0, 0 : i64
          %5 = dim %0, 1 : i64
          for %6: i64 = %1 ..< %4 step %2 {
            for %7: i64 = %1 ..< %5 step %2 {
              %8 = mul %6, %3 : i64
              %9 = add %8, %7 : i64
              store.elem %0[%6, %7], %9
            }
          }
          %10 = subview %0[%2] : [i64; 1]
          %11 = const 2 : i64
          store.elem %10[%1], %11
          %12 = load.elem %10[%11] : i64
          return %12
        }
        """
    let m = InterpreterValue.array((0..<12).map { _ in Scalar.int(0) }, kind: .int64, shape: [3, 4])
    #expect(try run(text, "f", [m]).0?.scalar == .int(12))
    #expect(m.arrayView?.int64s == [0, 1, 2, 3, 2, 11, 12, 13, 20, 21, 22, 23])
}

@Test func rank3LoadAndSubviewOutOfBounds() throws {
    let text = """
        module "t"
        func @f(%0 t: [f64; 3], %1 i: i64) -> f64 {
          %2 = const 1 : i64
          %3 = load.elem %0[%2, %2, %2] : f64
          %4 = subview %0[%1] : [f64; 2] !6:3
          %5 = subview %4[%2] : [f64; 1]
          %6 = load.elem %5[%2] : f64
          %7 = add %3, %6 : f64
          return %7
        }
        """
    let t = InterpreterValue.array(
        (0..<24).map { Scalar.double(Double($0)) }, kind: .double, shape: [2, 3, 4])
    // t[1,1,1] = 12 + 4 + 1 = 17; t[0][1][1] = 5
    #expect(try run(text, "f", [t, .int(0)]).0?.scalar == .double(22))
    let e = runtimeError { _ = try run(text, "f", [t, .int(2)]) }
    #expect(e?.kind == .bounds)
    #expect(e?.pos == SourcePos(line: 6, column: 3))
}

@Test func localArraysAndNegativeDimensions() throws {
    let text = """
        module "t"
        func @f(%0 n: i64) -> f32 {
          %1 = const 1.5 : f32
          %2 = alloc f32 [%0, %0] fill %1 : [f32; 2] !3:7
          %3 = const 1 : i64
          %4 = load.elem %2[%3, %3] : f32
          %5 = add %4, %4 : f32
          store.elem %2[%3, %3], %5
          %6 = load.elem %2[%3, %3] : f32
          return %6
        }
        """
    #expect(try run(text, "f", [.int(2)]).0?.scalar == .float(3))
    let e = runtimeError { _ = try run(text, "f", [.int(-3)]) }
    #expect(e?.kind == .allocation)
    #expect(e?.pos == SourcePos(line: 3, column: 7))
}

@Test func nestedLoopsWithBreakAndContinue() throws {
    // for i in 0..<10 { if i % 2 == 1 { continue }; for j in 0...i { if j == 3 { break }; s += 1 } ; if i == 8 { break } }
    let text = """
        module "t"
        func @f() -> i64 {
          slot $0 s: i64
          %0 = const 0 : i64
          %1 = const 1 : i64
          %2 = const 2 : i64
          %3 = const 3 : i64
          %4 = const 8 : i64
          %5 = const 10 : i64
          store $0, %0
          for %6: i64 = %0 ..< %5 step %1 {
            %7 = rem %6, %2 : i64
            %8 = cmp eq %7, %1 : bool
            if %8 {
              continue
            }
            for %9: i64 = %0 ... %6 step %1 {
              %10 = cmp eq %9, %3 : bool
              if %10 {
                break
              }
              %11 = load $0 : i64
              %12 = add %11, %1 : i64
              store $0, %12
            }
            %13 = cmp eq %6, %4 : bool
            if %13 {
              break
            }
          }
          %14 = load $0 : i64
          return %14
        }
        """
    // i = 0: 1, 2: 3, 4: 3, 6: 3, 8: 3 → 13
    #expect(try run(text).0?.scalar == .int(13))
}

@Test func stridedLoopsIncludingNegativeStepAndFullRange() throws {
    func loop(_ lo: Scalar, _ hi: Scalar, _ step: Scalar, inclusive: Bool) throws -> [String] {
        let k = lo.kind.irName
        return try run(
            """
            module "t"
            func @f(%0 lo: \(k), %1 hi: \(k), %2 step: \(k)) -> void {
              check.stride %2 !2:3
              for %3: \(k) = %0 \(inclusive ? "..." : "..<") %1 step %2 {
                print %3
              }
              return
            }
            """, "f", [.scalar(lo), .scalar(hi), .scalar(step)]
        ).1
    }
    #expect(try loop(.int(10), .int(0), .int(-3), inclusive: false) == ["10", "7", "4", "1"])
    #expect(try loop(.int(10), .int(1), .int(-3), inclusive: true) == ["10", "7", "4", "1"])
    #expect(try loop(.int(5), .int(5), .int(1), inclusive: false) == [])
    #expect(try loop(.int(7), .int(2), .int(1), inclusive: false) == [])
    #expect(
        try loop(.int(125, .int8), .int(127, .int8), .int(1, .int8), inclusive: true) == [
            "125", "126", "127",
        ])
    #expect(
        try loop(.uint(253, .uint8), .uint(255, .uint8), .uint(2, .uint8), inclusive: true) == [
            "253", "255",
        ])
    #expect(
        try loop(.double(0), .double(0.35), .double(0.1), inclusive: false) == [
            "0.0", "0.1", "0.2", "0.30000000000000004",
        ])
    // Floating strides are Swift's: value n is lower.addingProduct(n, step), in the type.
    #expect(
        try loop(.float(0.1), .float(1), .float(0.1), inclusive: false) == [
            "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.90000004",
        ])
    #expect(
        try loop(.double(1), .double(0), .double(-0.1), inclusive: true) == [
            "1.0", "0.9", "0.8", "0.7", "0.6", "0.5", "0.39999999999999997", "0.29999999999999993",
            "0.19999999999999996", "0.09999999999999995",
        ])
    let e = runtimeError { _ = try loop(.int(0), .int(3), .int(0), inclusive: false) }
    #expect(e?.kind == .stride)
    #expect(e?.pos == SourcePos(line: 2, column: 3))
}

@Test func whileAndRepeatLoops() throws {
    // Collatz steps of n, with while; and a repeat loop that runs its body once.
    let text = """
        module "t"
        func @f(%0 n: i64) -> (i64, i64) {
          slot $0 x: i64
          slot $1 steps: i64
          slot $2 r: i64
          %1 = const 0 : i64
          %2 = const 1 : i64
          %3 = const 2 : i64
          %4 = const 3 : i64
          store $0, %0
          store $1, %1
          while {
            %5 = load $0 : i64
            %6 = cmp ne %5, %2 : bool
          } cond %6 do {
            %7 = load $0 : i64
            %8 = rem %7, %3 : i64
            %9 = cmp eq %8, %1 : bool
            if %9 {
              %10 = div %7, %3 : i64
              store $0, %10
            } else {
              %11 = mul %7, %4 : i64
              %12 = add %11, %2 : i64
              store $0, %12
            }
            %13 = load $1 : i64
            %14 = add %13, %2 : i64
            store $1, %14
          }
          store $2, %1
          repeat {
            %15 = load $2 : i64
            %16 = add %15, %2 : i64
            store $2, %16
          } while {
            %17 = load $2 : i64
            %18 = cmp lt %17, %1 : bool
          } cond %18
          %19 = load $1 : i64
          %20 = load $2 : i64
          %21 = tuple %19, %20 : (i64, i64)
          return %21
        }
        """
    guard case .tuple(let xs)? = try run(text, "f", [.int(6)]).0 else {
        Issue.record("expected a tuple")
        return
    }
    #expect(xs == [.int(8), .int(1)])
}

let callText = """
    module "t"

    func @bump(inout $0 n: i64, %0 by: i64) -> void {
      slot $0 n: i64
      %1 = load $0 : i64
      %2 = add %1, %0 : i64
      store $0, %2
      return
    }

    func @fib(%0 n: i64) -> i64 {
      %1 = const 2 : i64
      %2 = cmp lt %0, %1 : bool
      if %2 {
        return %0
      }
      %3 = const 1 : i64
      %4 = sub %0, %3 : i64
      %5 = call @fib(%4) : i64
      %6 = sub %0, %1 : i64
      %7 = call @fib(%6) : i64
      %8 = add %5, %7 : i64
      return %8
    }

    func @divmod(%0 a: i64, %1 b: i64) -> (i64, i64) {
      check.divisor %1 !3:5
      %2 = div %0, %1 : i64
      %3 = rem %0, %1 : i64
      %4 = tuple %2, %3 : (i64, i64)
      return %4
    }

    export func @f(%0 n: i64) -> i64 {
      slot $0 acc: i64
      store $0, %0
      %1 = const 5 : i64
      call @bump($0, %1)
      call @bump($0, %1)
      %2 = load $0 : i64
      %3 = call @fib(%2) : i64
      %4 = const 7 : i64
      %5 = call @divmod(%3, %4) : (i64, i64)
      %6 = extract %5, 0 : i64
      %7 = extract %5, 1 : i64
      %8 = mul %6, %1 : i64
      %9 = add %8, %7 : i64
      return %9
    }

    """

@Test func inoutSlotCallsRecursionAndTuples() throws {
    // acc = 0 + 5 + 5 = 10; fib(10) = 55; 55 / 7 = 7, 55 % 7 = 6; 7 * 5 + 6 = 41
    #expect(try run(callText, "f", [.int(0)]).0?.scalar == .int(41))
    #expect(try run(callText, "fib", [.int(20)]).0?.scalar == .int(6765))
}

@Test func hostPassesInoutCells() throws {
    let m = try parseVerified(callText)
    let cell = InterpreterCell(.int(40))
    _ = try Interpreter(module: m).call("bump", [.cell(cell), .int(2)])
    #expect(cell.value.scalar == .int(42))
}

@Test func wrongArgumentsAreRuntimeErrors() throws {
    let m = try parseVerified(callText)
    let i = Interpreter(module: m)
    #expect(runtimeError { _ = try i.call("fib", []) }?.kind == .badArgument)
    #expect(runtimeError { _ = try i.call("fib", [.double(1)]) }?.kind == .badArgument)
    #expect(runtimeError { _ = try i.call("nope", []) }?.kind == .badArgument)
}

@Test func preconditionFailureStopsTheCall() throws {
    let text = """
        module "t"
        func @f(%0 x: i64) -> void {
          %1 = const 0 : i64
          %2 = cmp gt %0, %1 : bool
          check.precondition %2, "x must be positive" !2:3
          print "after"
          return
        }
        """
    let e = runtimeError { _ = try run(text, "f", [.int(0)]) }
    #expect(e?.kind == .precondition)
    #expect(e?.message == "precondition failed: x must be positive")
    #expect(e?.pos == SourcePos(line: 2, column: 3))
    #expect(try run(text, "f", [.int(1)]).1 == ["after"])
}

@Test func parallelLoopsRunSequentiallyWithReductions() throws {
    // sum 15, max 5, bucket 1 counts i = 1 (i % 4 == 1 for i in 0..<5), product 1 (never
    // updated below i = 3000) → 22
    let x = InterpreterValue.array([1.0, 2, 3, 4, 5])
    #expect(try run(IRFixtures.parallelReductions, "f", [x]).0?.scalar == .double(22))
}

@Test func swiftValuesBridgeInAndOut() throws {
    let text = """
        module "t"
        func @f(inout %0 x: [i32; 2], %1 k: i32) -> void {
          %2 = const 1 : i64
          %3 = load.elem %0[%2, %2] : i32
          %4 = mul %3, %1 : i32
          store.elem %0[%2, %2], %4
          return
        }
        """
    let x = InterpreterValue.array([Int32](1...6), shape: [2, 3])
    _ = try run(text, "f", [x, .scalar(Int32(-7))])
    #expect(x.values(as: Int32.self) == [1, 2, 3, 4, -35, 6])
    #expect(x.values(as: Double.self) == [1, 2, 3, 4, -35, 6])
    #expect(InterpreterValue.scalar(UInt8(200)).values(as: Int8.self) == [-56])
    #expect(InterpreterValue.array([true, false]).values(as: Bool.self) == [true, false])
    let wrongKind = runtimeError {
        _ = try run(text, "f", [.array([1.0, 2], shape: [1, 2]), .scalar(Int32(1))])
    }
    #expect(wrongKind?.kind == .badArgument)
}

@Test func runawayRecursionIsAnErrorNotACrash() throws {
    let text = """
        module "t"
        func @f(%0 n: i64) -> i64 {
          %1 = const 0 : i64
          %2 = cmp eq %0, %1 : bool
          if %2 {
            return %1
          }
          %3 = const 1 : i64
          %4 = sub %0, %3 : i64
          %5 = call @f(%4) : i64
          %6 = add %5, %0 : i64
          return %6
        }
        """
    #expect(try run(text, "f", [.int(9000)]).0?.scalar == .int(40_504_500))
    let e = runtimeError { _ = try run(text, "f", [.int(-1)]) }
    #expect(e?.kind == .stackOverflow)
    #expect(e?.message == "stack overflow: recursion too deep")
}
