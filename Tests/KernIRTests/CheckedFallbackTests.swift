import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// `f(a0, …, a(n−1), m)`: `for i in 0..<m { a_k[i] = a_k[i] + 1 }` for every k — n
/// hoisted checks that run on every iteration (the stress case of issue 14 in IR form).
/// Array k's access is on line k + 3.
func manyArrays(_ n: Int) -> String {
    let params = (0..<n).map { "inout %\($0) a\($0): [f64; 1]" }.joined(separator: ", ")
    let (m, zero, one, fone, i) = (n, n + 1, n + 2, n + 3, n + 4)
    var body: [String] = []
    var v = n + 10
    for k in 0..<n {
        body += [
            "    %\(v) = dim %\(k), 0 : i64",
            "    check.bounds %\(i) < %\(v) axis 0 !\(k + 3):9",
            "    %\(v + 1) = load.elem %\(k)[%\(i)] : f64",
            "    %\(v + 2) = add %\(v + 1), %\(fone) : f64",
            "    store.elem %\(k)[%\(i)], %\(v + 2)",
        ]
        v += 3
    }
    return """
        module "p"
        func @f(\(params), %\(m) m: i64) -> void {
          %\(zero) = const 0 : i64
          %\(one) = const 1 : i64
          %\(fone) = const 1.0 : f64
          for %\(i): i64 = %\(zero) ..< %\(m) step %\(one) !2:5 {
        \(body.joined(separator: "\n"))
          }
          return
        }
        """
}

private func hoistedModule(_ text: String) throws -> Module {
    var m = try parseVerified(text)
    m.numberLoops()
    hoistBoundsChecks(&m)
    for e in verify(m) { Issue.record("verifier after hoisting: \(e)") }
    return m
}

/// The checked version's loop: the `else` block's loop of the versioned loop.
private func checkedLoop(_ m: Module) -> ForLoop? {
    for i in m.functions[FunctionID(0)].body.instrs {
        if case .ifElse(_, _, let e) = i.op {
            for j in e.instrs { if case .forLoop(let l) = j.op { return l } }
        }
    }
    return nil
}

@Test func checkedFallbackLeavesThroughOneCheckedSegmentPerGroup() throws {
    let m = try hoistedModule(manyArrays(40))
    let loop = try #require(checkedLoop(m))
    // The loop's own code holds no check; each group of 16 (16, 16, 8) has an `if` that
    // runs its segment with the checks and leaves: 3 exits instead of 40.
    var perSegment: [Int] = []
    for i in loop.body.instrs {
        #expect(!isBoundsCheck(i))
        guard case .ifElse(_, let then, let otherwise) = i.op else { continue }
        #expect(otherwise.instrs.isEmpty)
        guard case .breakLoop? = then.instrs.last?.op else {
            Issue.record("a checked segment that does not leave the loop")
            continue
        }
        perSegment.append(countInstructions(then, isBoundsCheck))
    }
    #expect(perSegment == [16, 16, 8])
    // After the loop there is nothing left to run (no failing iteration of its own):
    // the checked version ends with its loop, which holds all 40 checks.
    let versioned = try #require(
        m.functions[FunctionID(0)].body.instrs.lazy.compactMap { i -> Block? in
            if case .ifElse(_, _, let otherwise) = i.op { otherwise } else { nil }
        }.first)
    #expect(versioned.instrs.last?.op.isLoop == true)
    #expect(countInstructions(versioned, isBoundsCheck) == 40)
}

/// Runs `f` of `text` before and after hoisting on fresh arrays of the given lengths
/// (element j of array k is k + j) and `m`: the error (kind, position, index) and every
/// array's contents must be the same.
private func sameEffects(_ text: String, lengths: [Int], m: Int64) throws -> IRRuntimeError? {
    func run(_ module: Module) -> (IRRuntimeError?, [[Double]]) {
        let arrays = lengths.enumerated().map { k, n in
            InterpreterValue.array((0..<n).map { Double(k + $0) })
        }
        var interp = Interpreter(module: module)
        interp.output = { _ in }
        var failure: IRRuntimeError?
        do throws(IRRuntimeError) { _ = try interp.call("f", arrays + [.scalar(m)]) } catch {
            failure = error
        }
        let contents = arrays.map { a -> [Double] in
            if case .array(let view) = a { view.doubles } else { [] }
        }
        return (failure, contents)
    }
    let before = run(try parseVerified(text))
    let after = run(try hoistedModule(text))
    #expect(before.0 == after.0)
    #expect(before.1 == after.1)
    return after.0
}

@Test func checkedSegmentsStopAtTheFirstFailingAccess() throws {
    let n = 40
    let text = manyArrays(n)
    let full = Array(repeating: 6, count: n)
    func with(_ changes: [Int: Int]) -> [Int] {
        var l = full
        for (k, len) in changes { l[k] = len }
        return l
    }
    // In range: the fast loop.
    #expect(try sameEffects(text, lengths: full, m: 6) == nil)
    // Array 0 empty: the first access of the first iteration fails.
    let first = try #require(try sameEffects(text, lengths: with([0: 0]), m: 6))
    #expect(first.pos == SourcePos(line: 3, column: 9) && first.index == 0)
    // Array 20 (second group) too short at i = 2: iterations 0 and 1 run whole, and the
    // third runs arrays 0–19 before failing.
    let second = try #require(try sameEffects(text, lengths: with([20: 2]), m: 6))
    #expect(second.pos == SourcePos(line: 23, column: 9) && second.index == 2)
    // Arrays 5 and 35 both fail at i = 4: 5's access comes first.
    let both = try #require(try sameEffects(text, lengths: with([5: 4, 35: 4]), m: 6))
    #expect(both.pos == SourcePos(line: 8, column: 9) && both.index == 4)
    // The last array (third group) fails in the last iteration.
    let last = try #require(try sameEffects(text, lengths: with([39: 5]), m: 6))
    #expect(last.pos == SourcePos(line: 42, column: 9) && last.index == 5)
    // Array 33 fails earlier (i = 1) than array 2 (i = 3): the iteration decides.
    let early = try #require(try sameEffects(text, lengths: with([2: 3, 33: 1]), m: 6))
    #expect(early.pos == SourcePos(line: 36, column: 9) && early.index == 1)
}
