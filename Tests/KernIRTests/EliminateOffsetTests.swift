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
