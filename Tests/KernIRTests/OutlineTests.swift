import KernBasics
import Testing

@testable import KernIR

/// The parallel-loop outlining pass: structure of its output, and semantics preserved
/// (the interpreter gives the same results before and after, across several blocks).
struct OutlineTests {
    func outlined(_ text: String) throws -> Module {
        var m = try parseVerified(text)
        let stats = outlineParallelLoops(&m)
        #expect(stats.removed == 1)
        for e in verify(m) { Issue.record("verifier after outlining: \(e)") }
        return m
    }

    @Test func noParallelLoopRemainsAndTheBodyIsAnInternalFunction() throws {
        let m = try outlined(IRFixtures.parallelReductions)
        let text = printModule(m)
        #expect(!text.contains(" parallel("))
        #expect(text.contains("parallel_for @f.prange0("))
        #expect(text.contains("blocked(reduce"))
        let body = try #require(m.function(named: "f.prange0"))
        #expect(!m.functions[body].isExported)
        // The printed form parses back to the same text.
        #expect(printModule(try parse(text)) == text)
    }

    @Test func resultsAreThoseOfTheSerialLoopAcrossManyBlocks() throws {
        let n = 10_000  // reductions: blocks of 4096; the array reduction: blocks of 1024
        let x = InterpreterValue.array((0..<n).map { Double($0 % 97) }, shape: [n])
        let before = try Interpreter(module: try parseVerified(IRFixtures.parallelReductions)).call(
            "f", [x])
        let after = try Interpreter(module: try outlined(IRFixtures.parallelReductions)).call(
            "f", [x])
        #expect(before?.scalar != nil)
        #expect(before?.scalar == after?.scalar)
    }

    @Test func aFailingIterationIsReportedFromTheLowestBlock() throws {
        let text = """
            module "t"
            export func @g(inout %0 x: [i64; 1]) -> void {
              %1 = const 0 : i64
              %2 = const 1 : i64
              %3 = dim %0, 0 : i64
              for %4: i64 = %1 ..< %3 step %2 parallel {
                %5 = load.elem %0[%4] : i64
                check.divisor %5 !7:3
                %6 = div %4, %5 : i64
                store.elem %0[%4], %6
              }
              return
            }
            """
        let m = try outlined(text)
        var values = [Int64](repeating: 1, count: 5000)
        values[4500] = 0
        values[1200] = 0
        #expect {
            try Interpreter(module: m).call("g", [.array(values, shape: [5000])])
        } throws: { error in
            guard let e = error as? IRRuntimeError else { return false }
            return e.kind == .divisionByZero && e.pos == SourcePos(line: 7, column: 3)
        }
    }

    @Test func nestedParallelLoopsRunInTheirWorker() throws {
        let text = """
            module "t"
            export func @h(%0 m: [f64; 2]) -> f64 {
              slot $0 s: f64
              %1 = const 0.0 : f64
              store $0, %1
              %2 = const 0 : i64
              %3 = const 1 : i64
              %4 = dim %0, 0 : i64
              %5 = dim %0, 1 : i64
              for %6: i64 = %2 ..< %4 step %3 parallel(reduce $0 add) {
                for %7: i64 = %2 ..< %5 step %3 parallel(reduce $0 add) {
                  %8 = load.elem %0[%6, %7] : f64
                  %9 = load $0 : f64
                  %10 = add %9, %8 : f64
                  store $0, %10
                }
              }
              %11 = load $0 : f64
              return %11
            }
            """
        let m = try outlined(text)
        let printed = printModule(m)
        #expect(!printed.contains(" parallel("))
        #expect(printed.components(separatedBy: "parallel_for").count == 2)  // one launch
        let grid = InterpreterValue.array((0..<12).map(Double.init), shape: [3, 4])
        #expect(try Interpreter(module: m).call("h", [grid])?.scalar == .double(66))
    }
}
