import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// Canonical text (exactly as the printer writes it) that uses every operation.
let everyOp = """
    module "all.kern"

    @inline(never) export func @ops(%0 a: i64, %1 b: f64, inout %2 x: [f32; 1], inout $0 n: i64, %3 m: [f64; 2]) -> (i64, f64) !1:1 {
      slot $0 n: i64
      slot $1 s: f64
      slot $2 "tmp var": (i64, f64)
      %4 = const 42 : i64 !2:3
      %5 = const -1 : i8
      %6 = const 255 : u8
      %7 = const 2.5 : f64
      %8 = const true : bool
      %9 = const -inf : f32
      %10 = neg %0 : i64
      %11 = not %8 : bool
      %12 = bitnot %0 : i64
      %13 = add %0, %4 : i64
      %14 = sub %0, %4 : i64
      %15 = mul %0, %4 : i64
      %16 = div %0, %4 : i64 !3:14
      %17 = rem %0, %4 : i64
      %18 = and %0, %4 : i64
      %19 = or %0, %4 : i64
      %20 = xor %0, %4 : i64
      %21 = shl %0, %4 : i64
      %22 = shr %0, %4 : i64
      %23 = cmp lt %0, %4 : bool
      %24 = convert %0 : f64
      %25 = math.sqrt %1 : f64
      %26 = math.atan2 %1, %7 : f64
      %27 = math.fma %1, %7, %24 : f64
      %28 = math.isnan %1 : bool
      %29 = select %23, %0, %4 : i64
      %30 = load $0 : i64
      store $1, %1
      %31 = tuple %0, %1 : (i64, f64)
      %32 = extract %31, 1 : f64
      store $2, %31
      %33 = dim %2, 0 : i64
      check.bounds %0 < %33 axis 0 !5:7
      %34 = load.elem %2[%0] : f32 !5:7
      store.elem %2[%0], %34
      %35 = subview %3[%0] : [f64; 1]
      %36 = alloc f64 [%33, %4] fill %7 : [f64; 2]
      %37 = load.elem %36[%0, %4] : f64
      check.divisor %0 !3:14
      check.precondition %8, "needs \\"quotes\\"\\n"
      check.stride %4
      %38 = call @helper(%0, $0) : i64
      call @noret()
      print "a = ", %0, " b", %1
      print
      if %8 {
        store $0, %0
      }
      if %23 !7:3 {
        store $0, %4
      } else {
        store $0, %0
      }
      for %39: i64 = %0 ..< %4 step %4 parallel(reduce $1 add, array %36) !9:3 {
        continue
      }
      for %40: i64 = %0 ... %4 step %4 {
        break
      }
      for %41: i64 = %0 ..< %4 step %4 parallel {
        %42 = load.elem %36[%41, %0] : f64
      }
      while !12:3 {
        %43 = cmp lt %0, %4 : bool
      } cond %43 do {
        break
      }
      repeat {
        continue
      } while {
        %44 = cmp gt %0, %4 : bool
      } cond %44
      return %31
    }

    func @helper(%0 a: i64, inout $0 n: i64) -> i64 {
      slot $0 n: i64
      return %0
    }

    func @noret() -> void {
      return
    }

    """

@Test func everyOpPrintsExactlyAsWritten() throws {
    let m = try parseVerified(everyOp)
    #expect(printModule(m) == everyOp)
}

@Test func printParsePrintIsStable() throws {
    let once = printModule(try parse(everyOp))
    let twice = printModule(try parse(once))
    #expect(once == twice)
}

@Test func parsedStructureMatchesText() throws {
    let m = try parse(everyOp)
    let f = m.functions[FunctionID(0)]
    #expect(f.name == "ops")
    #expect(f.inline == .never)
    #expect(f.isExported)
    #expect(f.params.map(\.isInout) == [false, false, true, true, false])
    #expect(f.params[3].binding == .slot(SlotID(0)))
    #expect(f.slots[SlotID(2)].name == "tmp var")
    #expect(f.values[ValueID(5)] == .scalar(.int8))
    #expect(f.values[ValueID(36)] == .array(.double, rank: 2))
    guard case .constant(.integer(let bits)) = f.body.instrs[1].op else {
        Issue.record("expected a constant")
        return
    }
    #expect(bits == UInt64.max)  // -1 as i8 keeps the sign-extended pattern
    #expect(f.body.instrs[0].pos == SourcePos(line: 2, column: 3))
    #expect(!m.functions[FunctionID(1)].isExported)
}

@Test func builderOutputRoundTrips() throws {
    var b = FunctionBuilder(Function(name: "sum", returnType: .scalar(.double)))
    guard case .value(let x) = b.addParam("x", .array(.double, rank: 1), isInout: false) else {
        return
    }
    let acc = b.newSlot("acc", .scalar(.double))
    let zero = b.constant(.floating(0), .double)
    b.emit(.store(acc, zero))
    let n = b.emit(.dim(x, axis: 0), .scalar(.int64))
    let lo = b.int64(0)
    let one = b.int64(1)
    let i = b.newValue(.scalar(.int64))
    b.beginBlock()
    b.pos = SourcePos(line: 3, column: 9)
    b.emit(.checkBounds(index: i, bound: n, axis: 0))
    let e = b.emit(.loadElement(x, indices: [i]), .scalar(.double))
    let s = b.emit(.load(acc), .scalar(.double))
    let t = b.emit(.binary(.add, s, e), .scalar(.double))
    b.emit(.store(acc, t))
    let body = b.endBlock()
    b.pos = .unknown
    b.emit(
        .forLoop(
            ForLoop(
                induction: i, lower: lo, upper: n, step: one, inclusive: false, kind: .serial,
                body: body)))
    let r = b.emit(.load(acc), .scalar(.double))
    b.emit(.returnValue(r))
    var m = Module(sourceName: "b.kern")
    m.functions.append(b.finish())
    #expect(verify(m).isEmpty)
    let text = printModule(m)
    #expect(text.contains("check.bounds %5 < %2 axis 0 !3:9"))
    #expect(text.contains("for %5: i64 = %3 ..< %2 step %4 {"))
    #expect(printModule(try parse(text)) == text)
    let result = try Interpreter(module: m).call("sum", [.array([1.5, 2.5, 3.0])])
    #expect(result?.scalar == .double(7.0))
}

@Test func specialFloatConstantsRoundTrip() throws {
    let text = """
        module "c"

        func @f() -> void {
          %0 = const nan : f64
          %1 = const -0.0 : f64
          %2 = const 1e-05 : f64
          %3 = const 1e+16 : f64
          %4 = const 0.1 : f32
          %5 = const -9223372036854775808 : i64
          %6 = const 18446744073709551615 : u64
          %7 = const inf : f64
          return
        }

        """
    let m = try parseVerified(text)
    #expect(printModule(m) == text)
    let f = m.functions[FunctionID(0)]
    guard case .constant(.floating(let z)) = f.body.instrs[1].op else { return }
    #expect(z == 0 && z.sign == .minus)
}

@Test func oddNamesAreQuoted() throws {
    var f = Function(name: "weird name", returnType: .void)
    f.slots.append(SlotInfo(name: "nan", type: .scalar(.int64)))
    f.slots.append(SlotInfo(name: "", type: .scalar(.int64)))
    f.body = Block([Instr(result: nil, op: .returnValue(nil))])
    var m = Module(sourceName: "q\"uote.kern")
    m.functions.append(f)
    let text = printModule(m)
    #expect(text.contains("func @\"weird name\"() -> void {"))
    #expect(text.contains("slot $0 \"nan\": i64"))
    #expect(text.contains("slot $1 \"\": i64"))
    let back = try parse(text)
    #expect(back.sourceName == "q\"uote.kern")
    #expect(back.functions[FunctionID(0)].name == "weird name")
    #expect(printModule(back) == text)
}

@Test func handWrittenIRMayUseCommentsAndSpacing() throws {
    let m = try parseVerified(
        """
        // a comment
        module "h"
        func @f(%0 a: i64) -> i64 {   // trailing comment
            %1 = add %0,%0 : i64
            return %1
        }
        """)
    #expect(try Interpreter(module: m).call("f", [.int(4)])?.scalar == .int(8))
}

@Test(arguments: [
    (
        "module \"m\"\nfunc @f() -> void {\n  %0 = frob %1 : i64\n}\n",
        "3:8: unknown operation 'frob'"
    ),
    (
        "module \"m\"\nfunc @f() -> void {\n  %0 = add %1, %2\n}\n",
        "3:18: expected ':', found end of line"
    ),
    ("module \"m\"\nfunc @f() -> void {\n  call @g()\n}\n", "3:8: unknown function @g"),
    ("module \"m\"\nfunc @f() -> wat {\n}\n", "2:14: expected a scalar type, found 'wat'"),
    (
        "module \"m\"\nfunc @f() -> void {\n  %0 = const 1 : i64\n  %0 = const 2 : i64\n}\n",
        "4:3: value %0 is defined twice"
    ),
    ("module \"m\"\nfunc @f() -> void {\n  return\n", "4:1: expected '}', found end of input"),
    ("module \"m\"\nfunc @f() -> void {\n  print \"abc\n}\n", "3:9: unterminated string"),
])
func parseErrorsNamePosition(text: String, message: String) {
    do {
        _ = try parseModule(text)
        Issue.record("expected a parse error")
    } catch {
        #expect(error.description == message)
    }
}
