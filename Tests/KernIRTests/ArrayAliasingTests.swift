import Testing

@testable import KernIR

/// `@copy(src, inout dst)` called by `@caller` with the given two arguments.
private func copyCalledWith(_ args: String) -> String {
    """
    module "p"
    func @copy(%0 src: [f64; 1], inout %1 dst: [f64; 1]) -> void {
      return
    }
    export func @caller(inout %0 a: [f64; 1], inout %1 b: [f64; 1], %2 r: [f64; 1]) -> void {
      %3 = const 4 : i64
      %4 = const 0.0 : f64
      %5 = alloc f64 [%3] fill %4 : [f64; 1]
      call @copy(\(args))
      return
    }
    """
}

private func noalias(_ args: String) throws -> [Bool] {
    try noaliasArrayParameters(parseVerified(copyCalledWith(args)))[0]
}

@Test func distinctArgumentsGiveNoalias() throws {
    #expect(try noalias("%0, %1") == [true, true])  // two inout parameters of the caller
    #expect(try noalias("%2, %1") == [true, true])  // read-only vs inout: host-checked
    #expect(try noalias("%0, %5") == [true, true])  // a fresh local array
}

@Test func possiblyOverlappingArgumentsDoNot() throws {
    #expect(try noalias("%1, %1") == [false, false])  // the same array twice
    #expect(try noalias("%5, %5") == [false, false])
}

@Test func readOnlyPairsNeedNoProof() throws {
    // The caller's two read-only arrays may overlap, but nothing writes them.
    let m = try parseVerified(
        """
        module "p"
        func @sum(%0 x: [f64; 1], %1 y: [f64; 1]) -> void {
          return
        }
        export func @caller(%0 a: [f64; 1]) -> void {
          call @sum(%0, %0)
          return
        }
        """)
    #expect(noaliasArrayParameters(m)[0] == [true, true])
    #expect(noaliasArrayParameters(m)[1] == [true])
}

@Test func unitStrideOnlyForLocalArraysAndTheirRows() throws {
    let m = try parseVerified(
        """
        module "p"
        func @inner(inout %0 a: [f64; 1], %1 b: [f64; 1]) -> void {
          return
        }
        func @middle(inout %0 a: [f64; 1], %1 b: [f64; 1]) -> void {
          call @inner(%0, %1)
          return
        }
        export func @caller(%0 x: [f64; 1], %1 n: i64) -> void {
          %2 = const 0.0 : f64
          %3 = alloc f64 [%1, %1] fill %2 : [f64; 2]
          %4 = const 0 : i64
          %5 = subview %3[%4] : [f64; 1]
          call @middle(%5, %0)
          return
        }
        """)
    let dense = unitStrideArrayParameters(m)
    #expect(dense[0] == [true, false])  // a: a row of a local array, through @middle
    #expect(dense[1] == [true, false])  // b: the host's x may be a strided view
    #expect(dense[2] == [false, false])  // exported: the host passes any view
}
