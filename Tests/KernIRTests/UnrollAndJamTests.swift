import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// `mm(a, b, &c, n, inner, m)`: the naive i, k, j matmul without bounds checks (as after
/// `eliminate-bounds-checks`), `c` accumulated in place. `extra` is spliced into the `k`
/// loop before the inner loop.
private func matmulIR(extra: String = "") -> String {
    """
    module "p"
    func @mm(%0 a: [f32; 2], %1 b: [f32; 2], inout %2 c: [f32; 2], %3 n: i64, %4 inner: i64, %5 m: i64) -> void {
      %6 = const 0 : i64
      %7 = const 1 : i64
      for %8: i64 = %6 ..< %3 step %7 !1:1 {
        for %9: i64 = %6 ..< %4 step %7 !2:1 {
          %10 = load.elem %0[%8, %9] : f32
          %11 = const 0 : i64
          \(extra)
          for %12: i64 = %11 ..< %5 step %7 !3:1 {
            %13 = load.elem %2[%8, %12] : f32
            %14 = load.elem %1[%9, %12] : f32
            %15 = mul %10, %14 : f32
            %16 = add %13, %15 : f32
            store.elem %2[%8, %12], %16
          }
        }
      }
      return
    }
    """
}

private func jammed(_ text: String) throws -> (Module, PassStatistics, [LoopID: String]) {
    try afterLoopPass("unroll-and-jam", text) { unrollAndJam(&$0, notes: &$1) }
}

/// A rank-2 Float array with values whose sums round (so a changed order would show).
private func matrix(_ rows: Int, _ cols: Int, seed: Int) -> ArrayView {
    let v = ArrayView(kind: .float, shape: [rows, cols], fill: .float(0))
    for i in 0..<rows {
        for j in 0..<cols {
            let x = Float((i * 7 + j * 13 + seed * 5) % 17) * 0.37 - 2.1
            v[i, j] = .float(x / Float(1 + (i + j + seed) % 5))
        }
    }
    return v
}

/// `c` after running `mm` of `module` on fixed inputs.
private func runMatmul(_ module: Module, n: Int, inner: Int, m: Int) throws -> [UInt64] {
    let c = matrix(n, m, seed: 3)  // not zero: the kernel accumulates into it
    var interp = Interpreter(module: module)
    _ = try interp.call(
        "mm",
        [
            .array(matrix(n, inner, seed: 1)), .array(matrix(inner, m, seed: 2)), .array(c),
            .scalar(.int(Int64(n))), .scalar(.int(Int64(inner))), .scalar(.int(Int64(m))),
        ])
    return c.scalars.map(\.bits)
}

/// The serial loops directly in `block` and, recursively, in nested blocks.
private func loops(_ block: Block) -> [ForLoop] {
    block.instrs.flatMap { i -> [ForLoop] in
        var found: [ForLoop] = []
        if case .forLoop(let l) = i.op { found.append(l) }
        return found + i.op.nestedBlocks.flatMap(loops)
    }
}

@Test func jamsTheKLoopOfAMatmul() throws {
    let (m, stats, notes) = try jammed(matmulIR())
    #expect(stats.removed == 1)
    #expect(notes.values.contains { $0.hasPrefix("unrolled and jammed: 4 iterations") })
    let all = loops(m.functions[FunctionID(0)].body)
    // i, the jammed k loop with its inner loop, the remainder k loop with its inner loop.
    #expect(all.count == 5)
    let innerSizes = all.filter { l in !l.body.instrs.contains { $0.op.isLoop } }
        .map { l in
            l.body.instrs.filter { if case .storeElement = $0.op { true } else { false } }.count
        }
        .sorted()
    #expect(innerSizes == [1, 4])  // the remainder's inner loop stores once, the jammed one 4×
}

@Test func jammedMatmulIsBitwiseTheOriginal() throws {
    let original = try parseVerified(matmulIR())
    let (m, _, _) = try jammed(matmulIR())
    // Inner sizes around the factor: no jammed iteration, remainders 0…3, empty loops.
    for (n, inner, cols) in [
        (3, 8, 5), (2, 9, 7), (4, 10, 3), (1, 11, 16), (2, 3, 4), (2, 0, 3),
        (0, 5, 5), (3, 4, 0),
    ] {
        let want = try runMatmul(original, n: n, inner: inner, m: cols)
        let got = try runMatmul(m, n: n, inner: inner, m: cols)
        #expect(got == want, "n \(n), inner \(inner), m \(cols)")
    }
}

@Test func loopsWithChecksKeepTheirOrder() throws {
    let check = "%20 = dim %0, 1 : i64\n      check.bounds %9 < %20 axis 1 !5:1"
    let (m, stats, notes) = try jammed(matmulIR(extra: check))
    #expect(stats.removed == 0)
    #expect(stats.kept == 1)
    #expect(notes.values.contains { $0.contains("checks") })
    #expect(loops(m.functions[FunctionID(0)].body).count == 3)
}

/// A matmul variant unroll-and-jam must leave alone, and what its note says.
struct DeclinedJam: Sendable, CustomTestStringConvertible {
    var why: String
    var text: String
    var note: String
    var testDescription: String { why }
}

let declinedJams = [
    // c[i, j] += a[i, k] * c[k, j]: c[k, j] is another iteration's element.
    DeclinedJam(
        why: "the written element is read elsewhere",
        text: matmulIR().replacingOccurrences(
            of: "%14 = load.elem %1[%9, %12]", with: "%14 = load.elem %2[%9, %12]"),
        note: "another element"),
    // A caller passing one array as both `a` and `c`: `a` is not provably distinct.
    DeclinedJam(
        why: "arrays may alias",
        text: matmulIR()
            + """

            func @caller(inout %0 x: [f32; 2], %1 y: [f32; 2], %2 n: i64) -> void {
              call @mm(%0, %1, %0, %2, %2, %2)
              return
            }
            """,
        note: "share memory"),
    DeclinedJam(
        why: "the inner bounds depend on k",
        text: matmulIR().replacingOccurrences(
            of: "for %12: i64 = %11 ..< %5", with: "for %12: i64 = %11 ..< %9"),
        note: "bounds change"),
]

@Test(arguments: declinedJams) func declines(_ c: DeclinedJam) throws {
    let (_, stats, notes) = try jammed(c.text)
    #expect(stats.removed == 0)
    #expect(notes.values.contains { $0.contains(c.note) })
}

@Test func declinesWhenNothingIsUpdatedInPlace() throws {
    // c[i, j] = a[i, k] * b[k, j]: each k overwrites; jamming saves nothing.
    let text = matmulIR().replacingOccurrences(
        of: "%16 = add %13, %15 : f32", with: "%16 = add %15, %15 : f32"
    )
    .replacingOccurrences(of: "%13 = load.elem %2[%8, %12] : f32\n", with: "")
    let (_, stats, notes) = try jammed(text)
    #expect(stats.removed == 0)
    #expect(stats.kept == 0)  // not a candidate: no note
    #expect(notes.isEmpty)
}
