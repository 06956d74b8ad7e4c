import KernBasics
import Testing

@testable import KernIR

/// The verifier's messages for the body of `func @f(%0 a: i64, %1 x: [f64; 1],
/// inout %2 y: [f64; 1], %3 d: f64, inout $0 n: i64) -> i64`.
func verifierErrors(_ body: String, returns: String = "i64", extra: String = "") throws -> [String]
{
    let text = """
        module "v"
        func @f(%0 a: i64, %1 x: [f64; 1], inout %2 y: [f64; 1], %3 d: f64, inout $0 n: i64) -> \(returns) {
          slot $0 n: i64
          slot $1 s: f64
          slot $2 b: u8
        \(body)
        }
        \(extra)
        """
    return verify(try parse(text)).map(\.message)
}

/// Checks that the instructions `lines` (indented and followed by `return %0`) in the
/// function of `verifierErrors` give exactly `errors`.
func expectVerifierErrors(
    _ lines: String, _ errors: [String], extra: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let got = try verifierErrors("  " + lines + "\n  return %0", extra: extra)
    #expect(got == errors, "\(lines)", sourceLocation: sourceLocation)
}

@Test func validFunctionHasNoErrors() throws {
    #expect(try verifierErrors("  return %0") == [])
}

@Test func errorsNameFunctionAndInstruction() throws {
    let m = try parse(
        """
        module "v"
        func @g(%0 a: i64, %1 b: f64) -> void {
          %2 = add %0, %1 : i64 !3:7
          return
        }
        """)
    let errors = verify(m)
    #expect(errors.count == 1)
    #expect(errors.first?.function == "g")
    #expect(errors.first?.instruction == "%2 = add %0, %1 : i64 !3:7")
    #expect(
        errors.first?.description
            == "in @g: operands of add have different types i64 and f64\n    %2 = add %0, %1 : i64 !3:7"
    )
}

@Test func useBeforeDefinition() throws {
    #expect(
        try verifierErrors("  %5 = add %0, %4 : i64\n  %4 = const 1 : i64\n  return %5") == [
            "value %4 is used before it is defined"
        ])
}

@Test func doubleDefinition() throws {
    let text = """
        module "v"
        func @f() -> void {
          return
        }
        """
    var m = try parse(text)
    var f = m.functions[FunctionID(0)]
    let v = f.values.append(.scalar(.int64))
    f.body.instrs.insert(
        contentsOf: [
            Instr(result: v, op: .constant(.integer(1))),
            Instr(result: v, op: .constant(.integer(2))),
        ], at: 0)
    m.functions[FunctionID(0)] = f
    #expect(verify(m).map(\.message) == ["value %0 is defined more than once"])
}

@Test func valueNotVisibleOutsideItsBlock() throws {
    let body = """
          %4 = const true : bool
          if %4 {
            %5 = const 1 : i64
          }
          return %5
        """
    #expect(try verifierErrors(body) == ["value %5 is used where it is not visible"])
}

/// A function body: an empty loop `for %5: induction` from `%0` to a constant `%4` of
/// type `bound` (step `%4`), then `return returned`.
private func emptyLoop(
    induction: String = "i64", bound: String = "i64", returning returned: String = "%0"
) -> String {
    """
      %4 = const 1 : \(bound)
      for %5: \(induction) = %0 ..< %4 step %4 {
      }
      return \(returned)
    """
}

@Test func inductionVariableOnlyInsideBody() throws {
    #expect(
        try verifierErrors(emptyLoop(returning: "%5")) == ["value %5 is used where it is not visible"])
}

@Test func binaryOperandTypesMustMatch() throws {
    try expectVerifierErrors(
        "%4 = add %0, %3 : i64", ["operands of add have different types i64 and f64"])
}

@Test func shiftsAndBitwiseNeedIntegers() throws {
    try expectVerifierErrors("%4 = shl %3, %3 : f64", ["shl needs integers"])
    try expectVerifierErrors("%4 = xor %3, %3 : f64", ["xor needs integers or bools"])
}

@Test func compareProducesBool() throws {
    try expectVerifierErrors("%4 = cmp lt %0, %0 : i64", ["result %4 has type i64, expected bool"])
}

@Test func indexCountMustMatchRankAndIndicesAreI64() throws {
    try expectVerifierErrors("%4 = load.elem %1[%0, %0] : f64", ["2 indices for a rank-1 array"])
    try expectVerifierErrors("%4 = load.elem %1[%3] : f64", ["index %3 must be i64, not f64"])
}

@Test func storeOnlyIntoWritableArrays() throws {
    try expectVerifierErrors(
        "store.elem %1[%0], %3", ["%1 is not writable (not an inout parameter or a local array)"])
    try expectVerifierErrors("store.elem %2[%0], %3", [])
    try expectVerifierErrors("%4 = alloc f64 [%0] fill %3 : [f64; 1]\n  store.elem %4[%0], %3", [])
}

@Test func storedValueMustMatchSlot() throws {
    try expectVerifierErrors("store $1, %0", ["stored value %0 is i64 but slot $1 is f64"])
}

@Test func callsMatchCalleeSignature() throws {
    let g = """
        func @g(%0 a: f64, inout $0 k: i64) -> f64 {
          slot $0 k: i64
          return %0
        }
        """
    try expectVerifierErrors("%4 = call @g(%3, $0) : f64", [], extra: g)
    try expectVerifierErrors("%4 = call @g(%3) : f64", ["@g takes 2 arguments, got 1"], extra: g)
    try expectVerifierErrors(
        "%4 = call @g(%0, $0) : f64", ["argument %0 is i64, parameter a is f64"], extra: g)
    try expectVerifierErrors(
        "%4 = call @g(%3, %0) : f64", ["inout parameter k must be passed a slot, not %0"], extra: g)
    try expectVerifierErrors(
        "%4 = call @g(%3, $1) : f64", ["inout argument $1 is f64, parameter k is i64"], extra: g)
    try expectVerifierErrors(
        "%4 = call @g(%3, $0) : i64", ["result %4 has type i64, expected f64"], extra: g)
}

@Test func inoutArrayArgumentsMustBeWritable() throws {
    let g = """
        func @g(inout %0 a: [f64; 1]) -> void {
          return
        }
        """
    try expectVerifierErrors(
        "call @g(%1)", ["argument %1 for inout array parameter a is not writable"], extra: g)
    try expectVerifierErrors("call @g(%2)", [], extra: g)
}

@Test func returnMatchesReturnType() throws {
    #expect(try verifierErrors("  return %3") == ["returned %3 is f64, expected i64"])
    #expect(
        try verifierErrors("  return") == ["return without a value in a function returning i64"])
    #expect(
        try verifierErrors("  return %0", returns: "void") == [
            "return %0 in a function returning void"
        ])
}

@Test func breakAndContinueOnlyInLoops() throws {
    try expectVerifierErrors("break", ["break outside a loop"])
    try expectVerifierErrors("continue", ["continue outside a loop"])
}

@Test func noBreakOrReturnInParallelLoop() throws {
    let loop = { (inner: String) in
        """
          %4 = const 1 : i64
          for %5: i64 = %0 ..< %4 step %4 parallel {
            \(inner)
          }
          return %0
        """
    }
    #expect(try verifierErrors(loop("break")) == ["break inside a parallel loop"])
    #expect(try verifierErrors(loop("return %0")) == ["return inside a parallel loop"])
    #expect(try verifierErrors(loop("continue")) == [])
    // A break of a serial loop nested in the parallel one is fine.
    let nested = """
          %4 = const 1 : i64
          for %5: i64 = %0 ..< %4 step %4 parallel {
            for %6: i64 = %0 ..< %4 step %4 {
              break
            }
          }
          return %0
        """
    #expect(try verifierErrors(nested) == [])
}

@Test func reductionSlotsFitTheirOperation() throws {
    let loop = { (reductions: String) in
        """
          %4 = const 1 : i64
          %5 = alloc f64 [%4] fill %3 : [f64; 1]
          for %6: i64 = %0 ..< %4 step %4 parallel(\(reductions)) {
          }
          return %0
        """
    }
    #expect(try verifierErrors(loop("reduce $1 add, reduce $2 xor, reduce $0 max, array %5")) == [])
    #expect(try verifierErrors(loop("reduce $1 xor")) == ["reduce xor on f64 slot $1"])
    #expect(try verifierErrors(loop("array %1")) == ["array reduction %1 is not a local array"])
}

@Test func inductionTypeMatchesBounds() throws {
    #expect(
        try verifierErrors(emptyLoop(induction: "i32"))
            == ["induction variable %5 is i32, bounds are i64"])
    #expect(
        try verifierErrors(emptyLoop(bound: "i32")).first
            == "loop bounds and step have different types")
}

@Test func constantsFitTheirType() throws {
    try expectVerifierErrors("%4 = const 1.5 : i64", ["floating constant of type i64"])
    try expectVerifierErrors("%4 = const 300 : u8", ["integer constant 300 does not fit u8"])
    var m = try parse("module \"v\"\nfunc @f() -> void {\n  %0 = const 0.5 : f32\n  return\n}\n")
    m.functions[FunctionID(0)].body.instrs[0].op = .constant(.floating(0.1))
    #expect(verify(m).map(\.message) == ["f32 constant 0.1 is not a Float value"])
}

@Test func mathArityAndTypes() throws {
    try expectVerifierErrors("%4 = math.pow %3 : f64", ["math.pow takes 2 arguments, got 1"])
    try expectVerifierErrors("%4 = math.sqrt %0 : i64", ["math.sqrt is not defined on i64"])
    try expectVerifierErrors("%4 = math.isnan %3 : f64", ["result %4 has type f64, expected bool"])
}

@Test func whileConditionMustBeBool() throws {
    let body = """
          while {
            %4 = const 1 : i64
          } cond %4 do {
          }
          return %0
        """
    #expect(try verifierErrors(body) == ["loop condition %4 must be bool, not i64"])
}

@Test func functionNamesAreUnique() throws {
    var m = try parse("module \"v\"\nfunc @f() -> void {\n  return\n}\n")
    m.functions.append(m.functions[FunctionID(0)])
    #expect(verify(m).map(\.message) == ["function name is not unique"])
}
