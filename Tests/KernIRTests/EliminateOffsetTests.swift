import Testing

@testable import KernIR

/// `for i in LOWER..<dim(x) + UPPEROFFSET { x[i + K] }` with the check against
/// `dim(x) + BOUNDOFFSET`.
private func stencil(lower: Int, upperOffset: Int, k: Int, boundOffset: Int = 0) -> String {
    """
    module "p"
    func @f(%0 x: [f64; 1]) -> void {
      %1 = const \(lower) : i64
      %2 = const 1 : i64
      %3 = dim %0, 0 : i64
      %4 = const \(upperOffset) : i64
      %5 = add %3, %4 : i64
      %6 = const \(boundOffset) : i64
      %7 = add %3, %6 : i64
      for %10: i64 = %1 ..< %5 step %2 {
        %11 = const \(k) : i64
        %12 = add %10, %11 : i64
        check.bounds %12 < %7 axis 0 !3:5
        %13 = load.elem %0[%12] : f64
      }
      return
    }
    """
}

private func left(_ text: String) throws -> Int {
    var m = try parseVerified(text)
    eliminateBoundsChecks(&m)
    #expect(verify(m).isEmpty)
    return countInstructions(m.functions[FunctionID(0)].body, isBoundsCheck)
}

@Test func provesConstantOffsetsInsideShrunkRanges() throws {
    #expect(try left(stencil(lower: 1, upperOffset: -1, k: -1)) == 0)  // x[i - 1]
    #expect(try left(stencil(lower: 1, upperOffset: -1, k: 1)) == 0)  // x[i + 1]
    #expect(try left(stencil(lower: 2, upperOffset: -2, k: 2)) == 0)
    #expect(try left(stencil(lower: 0, upperOffset: -1, k: 0, boundOffset: -1)) == 0)  // 0..<n-1 vs n-1
}

@Test func keepsOffsetsThatMayLeaveTheArray() throws {
    #expect(try left(stencil(lower: 0, upperOffset: -1, k: -1)) == 1)  // x[-1] at i = 0
    #expect(try left(stencil(lower: 1, upperOffset: -1, k: 2)) == 1)  // x[n] at i = n - 2
    #expect(try left(stencil(lower: 0, upperOffset: 1, k: 0)) == 1)  // loop runs to n
    #expect(try left(stencil(lower: 0, upperOffset: 0, k: 0, boundOffset: -1)) == 1)  // bound n-1
}

@Test func localArrayExtentIsItsAllocatedSize() throws {
    let text = """
        module "p"
        func @f(%0 n: i64) -> void {
          %1 = const 0 : i64
          %2 = const 1 : i64
          %3 = const 0.0 : f64
          %4 = alloc f64 [%0] fill %3 : [f64; 1]
          for %10: i64 = %1 ..< %0 step %2 {
            %11 = dim %4, 0 : i64
            check.bounds %10 < %11 axis 0 !3:5
            store.elem %4[%10], %3
          }
          return
        }
        """
    #expect(try left(text) == 0)
}

/// `if b >= 0 && b < BOUND { x[b] }` as IRGen lowers `&&` (through slot $0), with `b`
/// loaded from the array.
private func guardedAccess(
    lowerTest: String = "cmp ge %5, %1", upper: String = "%3", overwrite: Bool = false,
    inElse: Bool = false
) -> String {
    let access = """
        check.bounds %5 < %3 axis 0 !4:5
            store.elem %0[%5], %1
        """
    return """
        module "p"
        func @f(inout %0 x: [i64; 1], %9 m: i64) -> void {
          slot $0 and: bool
          %1 = const 0 : i64
          %2 = const 1 : i64
          %3 = dim %0, 0 : i64
          %4 = const -1 : i64
          %5 = load.elem %0[%2] : i64
          %6 = \(lowerTest) : bool
          store $0, %6
          if %6 {
            %7 = cmp lt %5, \(upper) : bool
            store $0, %7
          }
          \(overwrite ? "store $0, %6" : "")
          %8 = load $0 : bool
          if %8 {
            \(inElse ? "" : access)
          } else {
            \(inElse ? access : "")
          }
          return
        }
        """
}

@Test func branchConditionProvesGuardedIndex() throws {
    #expect(try left(guardedAccess()) == 0)
    #expect(try left(guardedAccess(lowerTest: "cmp le %1, %5")) == 0)  // 0 <= b
    #expect(try left(guardedAccess(lowerTest: "cmp gt %5, %4")) == 0)  // b > -1
}

@Test func branchFactsStayConservative() throws {
    #expect(try left(guardedAccess(lowerTest: "cmp ne %5, %1")) == 1)  // no lower bound
    #expect(try left(guardedAccess(upper: "%9")) == 1)  // b < m, another extent
    #expect(try left(guardedAccess(overwrite: true)) == 1)  // the slot no longer holds A && B
    #expect(try left(guardedAccess(inElse: true)) == 1)  // the else branch knows nothing
}

/// `precondition(y.count == x.count && x.shape… == 3)` lowered through slot $0, then a
/// loop over x reading y[i] and x[CONST].
private func compoundPrecondition(constIndex: Int, size: Int = 3) -> String {
    """
    module "p"
    func @f(%0 x: [f64; 1], %1 y: [f64; 1]) -> void {
      slot $0 and: bool
      %2 = const 0 : i64
      %3 = const 1 : i64
      %4 = dim %0, 0 : i64
      %5 = dim %1, 0 : i64
      %6 = cmp eq %5, %4 : bool
      store $0, %6
      if %6 {
        %7 = const \(size) : i64
        %8 = dim %0, 0 : i64
        %9 = cmp eq %8, %7 : bool
        store $0, %9
      }
      %10 = load $0 : bool
      check.precondition %10, "shapes"
      for %11: i64 = %2 ..< %4 step %3 {
        %12 = dim %1, 0 : i64
        check.bounds %11 < %12 axis 0 !3:5
        %13 = load.elem %1[%11] : f64
        %14 = const \(constIndex) : i64
        check.bounds %14 < %4 axis 0 !4:5
        %15 = load.elem %0[%14] : f64
      }
      return
    }
    """
}

@Test func compoundPreconditionProvesEveryConjunct() throws {
    #expect(try left(compoundPrecondition(constIndex: 2)) == 0)  // y.count == x.count, x.count == 3
    #expect(try left(compoundPrecondition(constIndex: 3)) == 1)  // x[3] with x.count == 3
    #expect(try left(compoundPrecondition(constIndex: 2, size: 2)) == 1)
}
