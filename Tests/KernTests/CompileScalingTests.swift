import Foundation
import Testing

@testable import Kern
import KernIR

/// Issue 14's superlinear compiles, caught by code size rather than by timing: the
/// LLVM IR Kern emits must grow linearly with the number of checked arrays. Before the
/// shared failure blocks and chained error exits (Codegen+Checks.swift), every check had
/// its own `kern_rt_fail` call and every local array's error exit freed all arrays
/// allocated before it: quadratic IR, and cubic time in LLVM's tail merging
/// (docs/compile-time.md). Compiled at -O0 so the counts are Codegen's, not LLVM's.
@Suite struct CompileScalingTests {
    /// `scripts/gen-stress.py inout n`: one function with `n` inout arrays updated in one
    /// loop, and a `main` that allocates `n` local arrays and passes them.
    static func inoutProgram(_ n: Int) -> String {
        let params = (0..<n).map { "a\($0): inout [Double]" }.joined(separator: ", ")
        let body = (0..<n).map { "        a\($0)[i] = a\($0)[i] + Double(i + \($0))" }
        let locals = (0..<n).map { "    var a\($0) = [Double](repeating: 1, count: m)" }
        let args = (0..<n).map { "a\($0): &a\($0)" }.joined(separator: ", ")
        let sums = (0..<n).map { "    s += a\($0)[m - 1]" }
        return """
            func touch(\(params)) {
                for i in 0..<a0.count {
            \(body.joined(separator: "\n"))
                }
            }

            func main() {
                let m = 4
            \(locals.joined(separator: "\n"))
                touch(\(args))
                var s = 0.0
            \(sums.joined(separator: "\n"))
                print("checksum", s)
            }
            """
    }

    static func unoptimizedIR(_ n: Int) throws -> String {
        let options = CompileOptions(optimizationLevel: 0)
        return try KernModule.compileForEmission(
            source: inoutProgram(n), fileName: "inout\(n).kern", options: options
        ).llvmIR
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The IR of one function (`@name(` up to the next `define`).
    static func definition(_ name: String, in ir: String) throws -> String {
        let start = try #require(ir.range(of: "@\(name)("), "no \(name)")
        let rest = ir[start.upperBound...]
        return String(rest[..<(rest.range(of: "\ndefine ")?.lowerBound ?? rest.endIndex)])
    }

    @Test func oneFailureCallPerErrorExit() throws {
        let touch = try Self.definition("kern_fn_touch", in: Self.unoptimizedIR(24))
        // 23 arrays' checks (a0's is proven by the loop) in a function without local
        // arrays: one error exit, so one call.
        #expect(Self.count("call void @kern_rt_fail(", in: touch) == 1)
        #expect(Self.count("icmp uge", in: touch) >= 23)
    }

    @Test func irGrowsLinearlyWithCheckedArrays() throws {
        let small = try Self.unoptimizedIR(20)
        let large = try Self.unoptimizedIR(40)
        // Twice the arrays: about twice the code (quadratic code would be 4×). The free
        // calls were n²/2 before (each array's error exit freed all earlier ones).
        let frees = (
            Self.count("@kern_rt_free(", in: small), Self.count("@kern_rt_free(", in: large)
        )
        #expect(Double(frees.1) <= 2.2 * Double(frees.0), "kern_rt_free calls: \(frees)")
        let lines = (Self.count("\n", in: small), Self.count("\n", in: large))
        #expect(Double(lines.1) <= 2.2 * Double(lines.0), "IR lines: \(lines)")
        let fails = (
            Self.count("@kern_rt_fail(", in: small), Self.count("@kern_rt_fail(", in: large)
        )
        #expect(Double(fails.1) <= 2.2 * Double(fails.0), "kern_rt_fail calls: \(fails)")
    }

    @Test func duplicateChecksAreDroppedAndErrorsStillReported() throws {
        // `a[i] = a[i] + …` checks each `i` once; a short array still fails at its read.
        let m = try KernModule.compile(
            source: """
                func touch(a: inout [Double], b: inout [Double]) {
                    for i in 0..<a.count {
                        a[i] = a[i] + 1
                        b[i] = b[i] + 2
                    }
                }
                """, fileName: "dup.kern")
        let a = Tensor<Double>([0, 0, 0])
        let b = Tensor<Double>([0, 0])
        let touch = try m.function(named: "touch")
        #expect(throws: KernError.self) { try touch(a, b) }
        // Iteration 2 stored a[2] before b[2]'s read failed.
        #expect(a.array == [1, 1, 1])
        #expect(b.array == [2, 2])
    }

    /// The checked version of the loop over many arrays (hoist-bounds-checks): every
    /// check runs on every iteration, so the loop's own code holds no check
    /// (IndVarSimplify's work grew with checks × loop exits: ~3 s for 200 arrays); it
    /// leaves through one exit per 16 checks, each an `if` that runs that group's segment
    /// of the body with its checks and then `break`s (CheckedFallback), so no straight
    /// line holds all the checks either (ConstraintElimination, CVP and register
    /// allocation were quadratic on the single failing iteration this replaced).
    @Test func checkedLoopOfManyArraysHasFewExits() throws {
        let module = try KernModule.compileForEmission(
            source: Self.inoutProgram(40), fileName: "inout40.kern",
            options: CompileOptions(optimizationLevel: 0))
        let touch = try #require(module.kernIR.functions.first { $0.name == "touch" })
        var checksInLoops = 0
        var checksOutside = 0
        var segments: [Int] = []
        func countChecks(_ block: KernIR.Block) -> Int {
            block.instrs.reduce(0) { n, instr in
                var k = n
                if case .checkBounds = instr.op { k += 1 }
                return k + instr.op.nestedBlocks.map(countChecks).reduce(0, +)
            }
        }
        func walk(_ block: KernIR.Block, inLoop: Bool) {
            for instr in block.instrs {
                if case .checkBounds = instr.op {
                    if inLoop { checksInLoops += 1 } else { checksOutside += 1 }
                }
                // A checked segment: an `if` in the loop whose block ends in `break`.
                if inLoop, case .ifElse(_, let then, _) = instr.op,
                    case .breakLoop? = then.instrs.last?.op
                {
                    segments.append(countChecks(then))
                    continue
                }
                for nested in instr.op.nestedBlocks {
                    walk(nested, inLoop: inLoop || instr.op.isLoop)
                }
            }
        }
        walk(touch.body, inLoop: false)
        #expect(checksInLoops == 0)
        #expect(checksOutside == 0)
        #expect(segments == [16, 16, 7])  // a0's check is proven by the loop bound
    }
}
