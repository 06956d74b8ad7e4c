import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// `f(x, y, n)`: for i in 0..<n { s += x[i + 1] * y[i] } — two affine checks the
/// loop bound (a parameter) does not prove, plus (optionally) `x[load]`, whose index is
/// not affine.
func shiftedSum(extraCheck: Bool = false) -> String {
    """
    module "p"
    func @f(%0 x: [f64; 1], %1 y: [f64; 1], %2 n: i64) -> f64 {
      slot $0 s: f64
      %3 = const 0 : i64
      %4 = const 1 : i64
      %5 = const 0.0 : f64
      store $0, %5
      for %10: i64 = %3 ..< %2 step %4 !2:5 {
        %11 = add %10, %4 : i64
        %12 = dim %0, 0 : i64
        check.bounds %11 < %12 axis 0 !3:9
        %13 = load.elem %0[%11] : f64
        %14 = dim %1, 0 : i64
        check.bounds %10 < %14 axis 0 !3:20
        %15 = load.elem %1[%10] : f64
        %16 = mul %13, %15 : f64
        \(extraCheck ? "%17 = convert %13 : i64\n    check.bounds %17 < %12 axis 0 !4:9" : "")
        %18 = load $0 : f64
        %19 = add %18, %16 : f64
        store $0, %19
      }
      %20 = load $0 : f64
      return %20
    }
    """
}

private func hoisted(_ text: String) throws -> (Module, PassStatistics, [LoopID: Int]) {
    try afterLoopPass("hoisting", text) { hoistBoundsChecks(&$0, hoistedPerLoop: &$1) }
}

@Test func bothVersionsKeepTheLoopsIdentity() throws {
    let (m, _, _) = try hoisted(shiftedSum())
    let ids = m.functions[FunctionID(0)].body.instrs.compactMap { i -> [LoopID?]? in
        guard case .ifElse(_, let t, let e) = i.op else { return nil }
        // The checked version's loop (after CheckedFallback's setup, if any).
        return [t.instrs.first?.loop, e.instrs.first { $0.op.isLoop }?.loop]
    }
    #expect(ids == [[LoopID(raw: 0), LoopID(raw: 0)]])
}

/// The loops of the `if` that versioning puts in place of the loop, and the whole
/// checked version (the `else` block: CheckedFallback's setup and loop, or the original
/// loop).
private func versions(_ m: Module) -> (fast: ForLoop, checked: ForLoop, fallback: Block)? {
    for i in m.functions[FunctionID(0)].body.instrs {
        if case .ifElse(_, let t, let e) = i.op, case .forLoop(let fast)? = t.instrs.first?.op,
            let checked = e.instrs.lazy.compactMap({ i -> ForLoop? in
                if case .forLoop(let l) = i.op { l } else { nil }
            }).first
        {
            return (fast, checked, e)
        }
    }
    return nil
}

@Test func versionsLoopWithAffineChecks() throws {
    let (m, stats, perLoop) = try hoisted(shiftedSum())
    #expect(stats.removed == 2)
    #expect(perLoop == [LoopID(raw: 0): 2])
    let v = try #require(versions(m))
    #expect(countInstructions(v.fast.body, isBoundsCheck) == 0)
    // Both checks run on every iteration: the checked loop tests them at the top of the
    // iteration with one exit, an `if` that runs the body up to the last check with both
    // checks and leaves; the loop's own code holds none.
    #expect(!v.checked.body.instrs.contains(where: isBoundsCheck))
    #expect(countInstructions(v.checked.body, isBoundsCheck) == 2)
    #expect(countInstructions(v.fallback, isBoundsCheck) == 2)
    let exits = countInstructions(v.checked.body) {
        if case .breakLoop = $0.op { true } else { false }
    }
    #expect(exits == 1)
    #expect(v.fast.induction != v.checked.induction)  // fresh SSA values in the copy
}

@Test func keepsNonAffineChecksInTheFastLoop() throws {
    let (m, stats, _) = try hoisted(shiftedSum(extraCheck: true))
    #expect(stats.removed == 2)
    let v = try #require(versions(m))
    #expect(countInstructions(v.fast.body, isBoundsCheck) == 1)
    // The loaded index: checked on every iteration, and in the checked segment (it
    // comes after the hoisted checks, so the segment ends before it).
    #expect(v.checked.body.instrs.filter(isBoundsCheck).count == 1)
    #expect(countInstructions(v.checked.body, isBoundsCheck) == 3)
    #expect(countInstructions(v.fallback, isBoundsCheck) == 3)
}

/// `shiftedSum` with its `x[i + 1]` check (and load) under `if flag`.
private func conditionalCheck() -> String {
    """
    module "p"
    func @f(%0 x: [f64; 1], %1 y: [f64; 1], %2 n: i64, %3 flag: bool) -> f64 {
      slot $0 s: f64
      slot $1 t: f64
      %4 = const 1 : i64
      %5 = const 0.0 : f64
      %6 = const 0 : i64
      store $0, %5
      for %10: i64 = %6 ..< %2 step %4 !2:5 {
        %11 = add %10, %4 : i64
        store $1, %5
        if %3 {
          %12 = dim %0, 0 : i64
          check.bounds %11 < %12 axis 0 !3:9
          %13 = load.elem %0[%11] : f64
          store $1, %13
        }
        %14 = dim %1, 0 : i64
        check.bounds %10 < %14 axis 0 !3:20
        %15 = load.elem %1[%10] : f64
        %16 = load $1 : f64
        %17 = mul %16, %15 : f64
        %18 = load $0 : f64
        %19 = add %18, %17 : f64
        store $0, %19
      }
      %20 = load $0 : f64
      return %20
    }
    """
}

@Test func checkSomeIterationsSkipKeepsTheOriginalLoop() throws {
    // x's check may be skipped, so a failing range test does not mean an error: the
    // original loop (both checks, no early exit) stays the checked version.
    let (m, stats, _) = try hoisted(conditionalCheck())
    #expect(stats.removed == 2)
    let v = try #require(versions(m))
    #expect(countInstructions(v.checked.body, isBoundsCheck) == 2)
    #expect(v.fallback.instrs.count == 1)
    let x = InterpreterValue.array([1.0, 2, 3, 4, 5])
    let y = InterpreterValue.array([1.0, 1, 1, 1, 1])
    for flag in [true, false] {
        _ = try sameBehaviour(conditionalCheck(), [x, y, .scalar(Int64(4)), .scalar(flag)])
        let e = try sameBehaviour(conditionalCheck(), [x, y, .scalar(Int64(5)), .scalar(flag)])
        // x[5] (at i = 4) fails only when it is read.
        #expect(e?.pos == (flag ? SourcePos(line: 3, column: 9) : nil))
    }
}

@Test func checkedFallbackStopsAtTheFirstFailingAccess() throws {
    let text = shiftedSum()
    let long = InterpreterValue.array([1.0, 2, 3, 4, 5, 6, 7])
    // Both x[i + 1] and y[i] fail at i = 3: x's comes first in the body.
    let short = InterpreterValue.array([1.0, 1, 1])
    let both = try #require(
        try sameBehaviour(text, [.array([1.0, 2, 3, 4]), short, .scalar(Int64(5))]))
    #expect(both.pos == SourcePos(line: 3, column: 9) && both.index == 4)
    // The first iteration fails (y is empty).
    let first = try #require(
        try sameBehaviour(text, [long, .array([Double]()), .scalar(Int64(3))]))
    #expect(first.pos == SourcePos(line: 3, column: 20) && first.index == 0)
    // The last iteration fails (x[i + 1] at i = 5 is x[6], past x's 6 elements).
    let last = try #require(
        try sameBehaviour(text, [.array([1.0, 2, 3, 4, 5, 6]), long, .scalar(Int64(6))]))
    #expect(last.pos == SourcePos(line: 3, column: 9) && last.index == 6)
}

@Test func leavesLoopsWithoutAffineChecksAlone() throws {
    let text = """
        module "p"
        func @f(inout %0 x: [i64; 1]) -> void {
          %2 = const 0 : i64
          %3 = const 1 : i64
          %4 = dim %0, 0 : i64
          for %10: i64 = %2 ..< %4 step %3 !1:1 {
            %11 = load.elem %0[%10] : i64
            check.bounds %11 < %4 axis 0 !2:1
            store.elem %0[%11], %2
          }
          return
        }
        """
    let (m, stats, perLoop) = try hoisted(text)
    #expect(stats.removed == 0)
    #expect(perLoop.isEmpty)
    #expect(versions(m) == nil)
}

@Test func versionsOnlyInnermostLoops() throws {
    let text = """
        module "p"
        func @f(inout %0 a: [f64; 2], %1 n: i64, %2 m: i64) -> void {
          %3 = const 0 : i64
          %4 = const 1 : i64
          %5 = const 2.0 : f64
          for %10: i64 = %3 ..< %1 step %4 !1:1 {
            for %11: i64 = %3 ..< %2 step %4 !2:1 {
              %12 = dim %0, 0 : i64
              check.bounds %10 < %12 axis 0 !3:1
              %13 = dim %0, 1 : i64
              check.bounds %11 < %13 axis 1 !3:1
              store.elem %0[%10, %11], %5
            }
          }
          return
        }
        """
    let (_, stats, perLoop) = try hoisted(text)
    #expect(stats.removed == 2)
    #expect(perLoop == [LoopID(raw: 1): 2])  // the inner loop (numbered after the outer)
}

/// Runs `f` before and after hoisting; results and errors (kind, position, index) must match.
private func sameBehaviour(_ text: String, _ args: [InterpreterValue]) throws -> IRRuntimeError? {
    let original = try parseVerified(text)
    let (versioned, _, _) = try hoisted(text)
    func call(_ m: Module) -> Result<InterpreterValue?, IRRuntimeError> {
        var interp = Interpreter(module: m)
        interp.output = { _ in }
        do throws(IRRuntimeError) { return .success(try interp.call("f", args)) } catch {
            return .failure(error)
        }
    }
    let before = call(original)
    let after = call(versioned)
    switch (before, after) {
    case (.success(let a), .success(let b)): #expect(a?.scalar == b?.scalar)
    case (.failure(let a), .failure(let b)):
        #expect(a == b)
        return a
    default: Issue.record("hoisting changed the outcome: \(before) vs \(after)")
    }
    return nil
}

@Test func hoistedLoopBehavesLikeTheOriginal() throws {
    let text = shiftedSum()
    let x = InterpreterValue.array([1.0, 2, 3, 4, 5])
    let y = InterpreterValue.array([1.0, 1, 1, 1, 1])
    #expect(try sameBehaviour(text, [x, y, .scalar(Int64(4))]) == nil)  // in range: fast loop
    #expect(try sameBehaviour(text, [x, y, .scalar(Int64(0))]) == nil)  // empty loop
    // n = 5: x[5] fails at iteration 4 — the checked loop reports that very access.
    let e = try #require(try sameBehaviour(text, [x, y, .scalar(Int64(5))]))
    #expect(e.kind == .bounds && e.pos == SourcePos(line: 3, column: 9) && e.index == 5)
    // y shorter: y[2] fails first (x[3] is still fine), at its own position.
    let short = InterpreterValue.array([1.0, 1])
    let e2 = try #require(try sameBehaviour(text, [x, short, .scalar(Int64(4))]))
    #expect(e2.pos == SourcePos(line: 3, column: 20) && e2.index == 2)
}

@Test func pipelineReportsHoistedChecksPerLoop() throws {
    var m = try parseVerified(shiftedSum(extraCheck: true))
    let report = try runPipeline(&m, options: CompileOptions(verifyEach: true))
    #expect(report.statistics.map(\.pass).suffix(2) == ["hoist-bounds-checks", "unroll-and-jam"])
    // Two affine checks hoisted, the loaded index still checked on every iteration.
    #expect(report.loopChecks.map { [$0.removed, $0.hoisted, $0.kept] } == [[0, 2, 1]])
    var unchecked = try parseVerified(shiftedSum(extraCheck: true))
    let plain = try runPipeline(
        &unchecked, options: CompileOptions(checked: false, verifyEach: true))
    #expect(plain.loopChecks.map { [$0.removed, $0.hoisted, $0.kept] } == [[3, 0, 0]])
}

@Test func prangeBlocksAreVersionedAfterOutlining() throws {
    let text = shiftedSum().replacingOccurrences(
        of: "step %4 !2:5", with: "step %4 parallel(reduce $0 add) !2:5")
    var m = try parseVerified(text)
    let report = try runPipeline(&m, options: CompileOptions(verifyEach: true))
    #expect(report.loopChecks.map { [$0.removed, $0.hoisted, $0.kept] } == [[0, 2, 0]])
    let outlined = try #require(m.functions.elements.first { $0.name != "f" })
    #expect(printModule(m).contains("blocked"))
    #expect(countInstructions(outlined.body, isBoundsCheck) == 2)  // only in the checked copy
}

@Test func extremeConstantsNeitherCrashNorHoist() throws {
    // Int.min and a product that is exactly -2^63 must not trap the analysis (abs).
    for (a, b) in [("-9223372036854775808", "1"), ("-8388608", "1099511627776")] {
        let text = """
            module "p"
            func @f(%0 x: [f64; 1], %1 n: i64) -> void {
              %2 = const 0 : i64
              %3 = const 1 : i64
              for %10: i64 = %2 ..< %1 step %3 {
                %11 = const \(a) : i64
                %12 = const \(b) : i64
                %13 = mul %11, %12 : i64
                %14 = add %10, %13 : i64
                %15 = dim %0, 0 : i64
                check.bounds %14 < %15 axis 0 !3:5
                %16 = load.elem %0[%14] : f64
              }
              return
            }
            """
        let (m, stats, _) = try hoisted(text)
        #expect(stats.removed == 0)
        #expect(versions(m) == nil)
        var e = try parseVerified(text)
        #expect(eliminateBoundsChecks(&e).removed == 0)
    }
}
