import Foundation
@testable import KernFuzzDiff
import KernFuzzGen
import Testing

/// The program generator is deterministic in (seed, index), and its programs compile
/// and agree between the interpreter and the JIT (a small differential run).
struct GeneratorTests {
    @Test func sameSeedSameProgram() {
        for k in 0..<20 as Range<UInt64> {
            #expect(ProgramGenerator.program(seed: 7, index: k) == ProgramGenerator.program(seed: 7, index: k))
        }
        #expect(ProgramGenerator.program(seed: 7, index: 3) != ProgramGenerator.program(seed: 8, index: 3))
        #expect(ProgramGenerator.program(seed: 7, index: 3) != ProgramGenerator.program(seed: 7, index: 4))
    }

    @Test func programsUseTheWholeLanguage() {
        let text = (0..<200 as Range<UInt64>).map { ProgramGenerator.program(seed: 3, index: $0) }.joined()
        for feature in [
            "prange(", "atomicAdd(", "while ", "repeat {", "stride(from:", "break", "continue", "[[[",
            "Int8", "UInt64", "Float", "random(in:", "randomNormal()", "_rec(", "= min(", "-> (",
            "print(", "precondition(", "(&arr", "inout",
        ] {
            #expect(text.contains(feature), "no generated program uses \(feature)")
        }
        // clock() differs between runs and engines by design: never generated.
        #expect(!text.contains("clock("))
    }

    /// Each random-draw site is about 300 LLVM instructions, so draws are rationed
    /// (generator version 2; docs/fuzzing.md, "Throughput"): about one site per program
    /// (version 1: 4.2), most programs still draw, and draws still occur inside `prange`
    /// bodies (per-iteration streams) and serial loops.
    @Test func randomDrawsAreRationedNotDropped() {
        let programs = (0..<400 as Range<UInt64>).map { ProgramGenerator.program(seed: 20261207, index: $0) }
        func draws(_ text: Substring) -> Int {
            text.components(separatedBy: ".random(in:").count - 1
                + text.components(separatedBy: "randomNormal()").count - 1
        }
        let counts = programs.map { draws(Substring($0)) }
        #expect(Double(counts.reduce(0, +)) / 400 < 2)
        #expect(counts.filter { $0 > 0 }.count > 160)
        // Lines inside a loop of kind `marker` (deeper indentation than its header).
        func drawsInside(_ marker: String) -> Int {
            var total = 0
            for program in programs {
                var loopIndent: [Int] = []
                for line in program.split(separator: "\n") {
                    let indent = line.prefix { $0 == " " }.count
                    while let last = loopIndent.last, indent <= last { loopIndent.removeLast() }
                    if !loopIndent.isEmpty { total += draws(line) }
                    if line.contains(marker) { loopIndent.append(indent) }
                }
            }
            return total
        }
        #expect(drawsInside("in prange(") > 20)
        #expect(drawsInside("for ") > drawsInside("in prange("))
        #expect(ProgramGenerator.version == 2)
    }

    /// `Options.version` 1 regenerates generator 1's programs byte for byte (FNV-1a of
    /// programs 0..<50 of seed 7, computed with generator 1 before version 2 existed),
    /// so a ledger line or finding of version 1 can still be reproduced.
    @Test func olderVersionReproducesItsPrograms() {
        func fnv(version: Int) -> UInt64 {
            var options = ProgramGenerator.Options()
            options.version = version
            var h: UInt64 = 1_469_598_103_934_665_603
            for k in 0..<50 as Range<UInt64> {
                for b in ProgramGenerator.program(seed: 7, index: k, options: options).utf8 {
                    h = (h ^ UInt64(b)) &* 1_099_511_628_211
                }
            }
            return h
        }
        #expect(fnv(version: 1) == 9_173_750_371_592_057_060)
        #expect(fnv(version: 2) != fnv(version: 1))
        #expect(ProgramGenerator.versions == 1...ProgramGenerator.version)
    }

    /// Seed 20261207 program 335 (CI's seed) once read the variable of a typed `for`
    /// loop that was replaced by a declaration for being over budget: a compile error.
    @Test func overBudgetLoopLeavesNoVariableBehind() throws {
        let source = ProgramGenerator.program(seed: 20261207, index: 335)
        let entry = Differ.Entry(name: ProgramGenerator.entryName(index: 335), source: source)
        let observed = try Differ.interpret(source: source, entries: [entry], seed: 20261207)
        #expect(observed.count == 1)
    }

    /// A small batch through the whole differential check, as the fuzzer runs it.
    @Test func smallBatchAgrees() {
        let indices = 0..<6 as Range<UInt64>
        let sources = indices.map { ProgramGenerator.program(seed: 11, index: $0) }
        let entries = zip(indices, sources).map {
            Differ.Entry(name: ProgramGenerator.entryName(index: $0), source: $1)
        }
        let outcome = Differ.check(source: sources.joined(separator: "\n"), entries: entries, seed: 11)
        switch outcome {
        case .agreed: break
        case .findings(let f): Issue.record("findings:\n\(f.map(\.description).joined(separator: "\n"))")
        case .compileError(let text): Issue.record("generated programs do not compile:\n\(text)")
        }
    }

    @Test func observationsCompareUpToNaNSign() {
        let a = Differ.Observation(output: ["-nan 1.0"], result: "(nan, 2)", error: nil)
        let b = Differ.Observation(output: ["nan 1.0"], result: "(-nan, 2)", error: nil)
        let c = Differ.Observation(output: ["nan 1.5"], result: "(nan, 2)", error: nil)
        let d = Differ.Observation(output: ["nan 1.0"], result: nil, error: "3:4 division by zero")
        #expect(a.agrees(with: b))
        #expect(!a.agrees(with: c))
        #expect(!b.agrees(with: d))
    }

    @Test func correctProgramAgrees() {
        let source = """
            func p0_main() {
                var a = [Int](repeating: 0, count: 64)
                for i in prange(64) { a[i] = i }
                print(a[63])
            }
            """
        guard case .agreed = Differ.check(source: source, entries: Differ.entries(of: source), seed: 1) else {
            Issue.record("a correct program was reported")
            return
        }
        #expect(Differ.entries(of: source).map(\.name) == ["p0_main"])
    }

    @Test func minimizerKeepsTheFailure() {
        let program = """
            func f() {
                let a = 1
                if a > 0 {
                    let b = 2
                    let bad = 3
                }
                let c = 4
            }
            """
        let small = Minimizer.minimize(program, deadline: .distantFuture) { $0.contains("bad") && $0.contains("func f") }
        #expect(small.contains("let bad = 3"))
        #expect(!small.contains("let c"))
        #expect(!small.contains("let b = 2"))
        #expect(!small.contains("if a > 0"))
    }

    @Test func escapingRoundTrips() {
        let text = "a\nb\\nc\\"
        #expect(Worker.unescape(Worker.escape(text)) == text)
    }
}
