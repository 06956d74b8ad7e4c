import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// A loop `for %10 = LOWER RANGE UPPER step STEP` over x (and y) with one checked
/// access `INDEX < BOUND`. Values: %0 x, %1 y, %2 = 0, %3 = 1, %4 = dim x 0,
/// %5 = dim y 0, %6 = -1, %7 = 2, %8 = dim x 0 (again).
func checkedLoop(
    lower: String = "%2", range: String = "..<", upper: String = "%4", step: String = "%3",
    index: String = "%10", bound: String = "%4", parallel: Bool = false
) -> String {
    """
    module "p"
    func @f(%0 x: [f64; 1], %1 y: [f64; 1]) -> void {
      %2 = const 0 : i64
      %3 = const 1 : i64
      %4 = dim %0, 0 : i64
      %5 = dim %1, 0 : i64
      %6 = const -1 : i64
      %7 = const 2 : i64
      %8 = dim %0, 0 : i64
      for %10: i64 = \(lower) \(range) \(upper) step \(step)\(parallel ? " parallel" : "") {
        %11 = add %10, %3 : i64
        check.bounds \(index) < \(bound) axis 0 !3:5
        %12 = load.elem %0[\(index)] : f64
      }
      return
    }
    """
}

func boundsChecksLeft(_ text: String) throws -> Int {
    var m = try parseVerified(text)
    let stats = eliminateBoundsChecks(&m)
    #expect(verify(m).isEmpty)
    let left = countInstructions(m.functions[FunctionID(0)].body, isBoundsCheck)
    #expect(stats.kept == left)
    #expect(stats.removed == 1 - left)
    return left
}

@Test func removesCheckProvenByLoopBound() throws {
    #expect(try boundsChecksLeft(checkedLoop()) == 0)
    #expect(try boundsChecksLeft(checkedLoop(parallel: true)) == 0)
}

@Test func removesCheckWhenBoundIsSameDimRecomputed() throws {
    #expect(try boundsChecksLeft(checkedLoop(bound: "%8")) == 0)
    #expect(try boundsChecksLeft(checkedLoop(upper: "%8")) == 0)
}

@Test func keepsChecksItCannotProve() throws {
    #expect(try boundsChecksLeft(checkedLoop(range: "...")) == 1)  // inclusive
    #expect(try boundsChecksLeft(checkedLoop(step: "%7")) == 1)  // step 2 (conservative)
    #expect(try boundsChecksLeft(checkedLoop(lower: "%6")) == 1)  // lower -1
    #expect(try boundsChecksLeft(checkedLoop(index: "%11")) == 1)  // i + 1
    #expect(try boundsChecksLeft(checkedLoop(bound: "%5")) == 1)  // y's length
    #expect(try boundsChecksLeft(checkedLoop(upper: "%5")) == 1)  // loop over y, index x
    #expect(try boundsChecksLeft(checkedLoop(step: "%5")) == 1)  // step not a constant
}

@Test func eliminationKeepsBehaviour() throws {
    var m = try parseVerified(checkedLoop())
    eliminateBoundsChecks(&m)
    let r = try Interpreter(module: m).call("f", [.array([1.0, 2]), .array([3.0])])
    #expect(r == nil)
}

@Test func removeBoundsChecksLeavesOtherChecks() throws {
    let text = """
        module "p"
        func @f(%0 x: [i64; 1], %1 i: i64) -> i64 {
          %2 = dim %0, 0 : i64
          check.bounds %1 < %2 axis 0
          %3 = load.elem %0[%1] : i64
          check.divisor %3
          %4 = div %1, %3 : i64
          %5 = cmp ge %4, %1 : bool
          check.precondition %5, "p"
          check.stride %3
          %6 = const true : bool
          if %6 {
            check.bounds %1 < %2 axis 0
          }
          return %4
        }
        """
    var m = try parseVerified(text)
    let stats = removeBoundsChecks(&m)
    #expect(stats.removed == 2)
    let printed = printModule(m)
    #expect(!printed.contains("check.bounds"))
    #expect(printed.contains("check.divisor %3"))
    #expect(printed.contains("check.precondition %5"))
    #expect(printed.contains("check.stride %3"))
    #expect(verify(m).isEmpty)
}

@Test func pipelineRunsPassesAndDumps() throws {
    var m = try parseVerified(checkedLoop(bound: "%8"))
    let dumped = LineCollector()
    let options = CompileOptions(verifyEach: true, dumpAfter: "eliminate-bounds-checks")
    let report = try runPipeline(&m, options: options, dump: { dumped.lines.append($0) })
    #expect(
        report.statistics.map(\.pass)
            == [
                "eliminate-bounds-checks", "prune-rng-iterations", "outline-parallel-loops",
                "hoist-bounds-checks", "unroll-and-jam",
            ])
    #expect(report.statistics.first?.removed == 1)
    #expect(report.loopChecks.map { [$0.removed, $0.hoisted, $0.kept] } == [[1, 0, 0]])
    #expect(dumped.lines.count == 1)
    #expect(dumped.lines.first?.hasPrefix("// after eliminate-bounds-checks\nmodule \"p\"") == true)
    #expect(dumped.lines.first?.contains("check.bounds") == false)
}

@Test func uncheckedPipelineDropsEveryBoundsCheck() throws {
    var m = try parseVerified(checkedLoop(index: "%11"))
    let report = try runPipeline(
        &m, options: CompileOptions(checked: false, verifyEach: true))
    #expect(
        report.statistics.map(\.pass)
            == [
                "eliminate-bounds-checks", "remove-bounds-checks", "prune-rng-iterations",
                "outline-parallel-loops", "unroll-and-jam",
            ])
    #expect(report.statistics.map(\.removed) == [0, 1, 0, 0, 0])
    #expect(report.loopChecks.map { [$0.removed, $0.hoisted, $0.kept] } == [[1, 0, 0]])
    #expect(!printModule(m).contains("check.bounds"))
}

@Test func pipelineRejectsInvalidInput() throws {
    var m = try parse("module \"p\"\nfunc @f() -> i64 {\n  return\n}\n")
    #expect(throws: VerificationFailed.self) {
        try runPipeline(&m, options: CompileOptions(verifyEach: true))
    }
}

@Test func rowSubviewExtentIsTheParentsNextAxis() throws {
    // for i in 0..<m.shape(0) { for j in 0..<m.shape(1) { m[i][j] } }: both checks go;
    // a loop over m.shape(0) does not prove an index into the row.
    func text(innerUpper: String) -> String {
        """
        module "p"
        func @f(%0 m: [f64; 2]) -> void {
          %1 = const 0 : i64
          %2 = const 1 : i64
          %3 = dim %0, 0 : i64
          %4 = dim %0, 1 : i64
          for %5: i64 = %1 ..< %3 step %2 {
            %6 = dim %0, 0 : i64
            check.bounds %5 < %6 axis 0
            %7 = subview %0[%5] : [f64; 1]
            for %8: i64 = %1 ..< \(innerUpper) step %2 {
              %9 = dim %7, 0 : i64
              check.bounds %8 < %9 axis 0
              %10 = load.elem %7[%8] : f64
            }
          }
          return
        }
        """
    }
    var proven = try parseVerified(text(innerUpper: "%4"))
    #expect(eliminateBoundsChecks(&proven).removed == 2)
    var unproven = try parseVerified(text(innerUpper: "%3"))
    let stats = eliminateBoundsChecks(&unproven)
    #expect(stats.removed == 1)
    #expect(stats.kept == 1)
}

@Test func dumpAfterUnknownPassIsAnError() throws {
    var m = try parseVerified(checkedLoop())
    #expect(throws: PipelineError.unknownPass("eliminate-bound-checks")) {
        try runPipeline(&m, options: CompileOptions(dumpAfter: "eliminate-bound-checks"))
    }
}

@Test func preconditionOnLengthsProvesTheOtherArray() throws {
    // saxpy: precondition(x.count == y.count) before the loop over x.count proves y[i].
    func text(precondition: Bool) -> String {
        """
        module "p"
        func @f(%0 x: [f32; 1], inout %1 y: [f32; 1]) -> void {
          %2 = dim %0, 0 : i64
          %3 = dim %1, 0 : i64
          %4 = cmp eq %2, %3 : bool
          \(precondition ? "check.precondition %4, \"same length\"" : "")
          %5 = const 0 : i64
          %6 = const 1 : i64
          for %7: i64 = %5 ..< %2 step %6 parallel {
            %8 = dim %1, 0 : i64
            check.bounds %7 < %8 axis 0
            %9 = load.elem %1[%7] : f32
          }
          return
        }
        """
    }
    var proven = try parseVerified(text(precondition: true))
    #expect(eliminateBoundsChecks(&proven).removed == 1)
    var unproven = try parseVerified(text(precondition: false))
    #expect(eliminateBoundsChecks(&unproven).removed == 0)
}

@Test func preconditionInsideABranchDoesNotProveLaterCode() throws {
    let text = """
        module "p"
        func @f(%0 x: [f32; 1], %1 y: [f32; 1], %2 c: bool) -> void {
          %3 = dim %0, 0 : i64
          %4 = dim %1, 0 : i64
          %5 = cmp eq %3, %4 : bool
          if %2 {
            check.precondition %5, "only on this path"
          }
          %6 = const 0 : i64
          %7 = const 1 : i64
          for %8: i64 = %6 ..< %3 step %7 {
            check.bounds %8 < %4 axis 0
          }
          return
        }
        """
    var m = try parseVerified(text)
    #expect(eliminateBoundsChecks(&m).removed == 0)
}
