import Foundation
import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// Random numbers in Kern IR: the Philox-4x32-10 generator against the published
/// known-answer vectors, the mapping of bits to values, the stream bookkeeping of the
/// interpreter (regions, iterations, nesting), the text form of the new instructions,
/// and the `prune-rng-iterations` pass.
struct RandomTests {
    /// Random123's kat_vectors for philox4x32 with 10 rounds: counter, key, result.
    @Test func philoxMatchesKnownAnswers() {
        func check(
            _ c: (UInt32, UInt32, UInt32, UInt32), _ k: (UInt32, UInt32),
            _ expected: (UInt32, UInt32, UInt32, UInt32)
        ) {
            let r = Philox.block(counter: c, key: k)
            #expect([r.0, r.1, r.2, r.3] == [expected.0, expected.1, expected.2, expected.3])
        }
        check((0, 0, 0, 0), (0, 0), (0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8))
        check(
            (.max, .max, .max, .max), (.max, .max),
            (0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd))
        check(
            (0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), (0xa409_3822, 0x299f_31d0),
            (0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1))
    }

    @Test func drawPacksCounterAndKeyInLittleEndianWords() {
        let (w0, w1) = Philox.draw(
            seed: 0x299f_31d0_a409_3822, ordinal: 0x85a3_08d3_243f_6a88,
            iteration: 0x0370_7344_1319_8a2e)
        #expect(w0 == 0x94fd_cceb_d16c_fe09)
        #expect(w1 == 0x2412_6ea1_5001_e420)
    }

    @Test func valuesStayInTheirRanges() {
        #expect(RandomValues.unitDouble(0) == 0)
        #expect(RandomValues.unitDouble(.max) == 1 - 0x1p-53)
        #expect(RandomValues.unitFloat(.max) == 1 - 0x1p-24)
        // A width that rounds up to `hi` falls back to `lo`.
        #expect(RandomValues.uniform(1.0, 1.0.nextUp, .max) == 1.0)
        #expect(RandomValues.uniform(-2.0, 2.0, .max) < 2)
        #expect(RandomValues.uniformInteger(lo: 10, span: 5, 0) == 10)
        #expect(RandomValues.uniformInteger(lo: 10, span: 5, .max) == 14)
        // The full Int64 range: span 2^64 - 1 maps the top bits.
        let lo = UInt64(bitPattern: Int64.min)
        #expect(
            RandomValues.uniformInteger(lo: lo, span: .max, .max) == UInt64(bitPattern: Int64.max)
                - 1)
        let z = RandomValues.normal(
            (0, 0), log: { Foundation.log($0) }, cos: { Foundation.cos($0) })
        #expect(abs(z - (-2 * Foundation.log(0x1p-53)).squareRoot()) < 1e-12)
    }

    /// Serial draws use region 0 and iteration 0; each prange iteration its own stream
    /// (region k, ordinal restarting at k·2^40); nested loops continue the enclosing one.
    @Test func interpreterStreamsFollowTheRegionRules() throws {
        let text = """
            module "r"

            func @g() -> f64 {
              slot $0 s: f64
              %0 = const 0 : i64
              %1 = const 2 : i64
              %2 = const 1 : i64
              for %3: i64 = %0 ..< %1 step %2 parallel {
                %4 = random.normal : f64
                %5 = load $0 : f64
                %6 = add %5, %4 : f64
                store $0, %6
              }
              %7 = load $0 : f64
              return %7
            }

            func @f() -> void {
              %0 = const 0 : i64
              %1 = const 3 : i64
              %2 = const 1 : i64
              %3 = const 0.0 : f64
              %4 = const 1.0 : f64
              %5 = random.uniform %3, %4 : f64
              print %5
              for %6: i64 = %0 ..< %1 step %2 parallel {
                rng.iteration %6
                %7 = random.uniform %3, %4 : f64
                %8 = call @g() : f64
                %9 = random.uniform %3, %4 : f64
                print %7, " ", %9
              }
              %10 = random.uniform %3, %4 : f64
              print %10
            }
            """
        let (_, lines) = try run(text)
        func u(_ ordinal: UInt64, _ iteration: UInt64) -> String {
            InterpreterValue.double(
                RandomValues.uniform(
                    0.0, 1.0, Philox.draw(seed: 0, ordinal: ordinal, iteration: iteration).0)
            ).formatted
        }
        let r1: UInt64 = 1 << 40
        var expected = [u(0, 0)]
        for i: UInt64 in 0..<3 {
            // g's nested loop draws twice (ordinals +1, +2) from iteration i's stream.
            expected.append(u(r1, i) + " " + u(r1 + 3, i))
        }
        expected.append(u(1, 0))
        #expect(lines == expected)
    }

    @Test func seedChangesEveryDraw() throws {
        let text = """
            module "r"

            func @f() -> f64 {
              %0 = const 0.0 : f64
              %1 = const 1.0 : f64
              %2 = random.uniform %0, %1 : f64
              return %2
            }
            """
        let m = try parseVerified(text)
        var a = Interpreter(module: m)
        var b = Interpreter(module: m)
        a.seed = 1
        b.seed = 2
        let x = try a.call("f", [])
        let y = try b.call("f", [])
        let expected: Double = RandomValues.uniform(
            0, 1, Philox.draw(seed: 1, ordinal: 0, iteration: 0).0)
        guard case .scalar(let sx)? = x, case .scalar(let sy)? = y else {
            Issue.record("no result")
            return
        }
        #expect(sx.double == expected)
        #expect(sx.double != sy.double)
    }

    @Test func newInstructionsRoundTripAndVerify() throws {
        let text = """
            module "r"

            func @f(inout %0 a: [i32; 1], %1 i: i64) -> i32 {
              %2 = const 1 : i32
              %3 = const 9 : i32
              atomic.add %0[%1], %2
              rng.iteration %1
              %4 = random.uniform %2, %3 : i32
              %5 = random.normal : f64
              return %4
            }
            """
        let m = try parseVerified(text)
        #expect(printModule(m).contains("atomic.add %0[%1], %2"))
        #expect(printModule(try parse(printModule(m))) == printModule(m))
        let bad = try parse(
            """
            module "r"

            func @f(%0 a: [f64; 1], %1 i: i64) -> void {
              %2 = const 1 : i32
              %3 = const 1.0 : f64
              atomic.add %0[%1], %2
              %4 = random.uniform %2, %3 : i32
              %5 = random.normal %3 : f64
              rng.iteration %3
              return
            }
            """)
        let messages = verify(bad).map(\.description).joined(separator: "\n")
        #expect(messages.contains("not writable"))
        #expect(messages.contains("different types"))
        #expect(messages.contains("takes no operands"))
        #expect(messages.contains("integer induction"))
    }

    @Test func pruningKeepsStreamsOnlyWhereTheBodyDraws() throws {
        let text = """
            module "r"

            func @h() -> f64 {
              %0 = random.normal : f64
              return %0
            }

            func @f(inout %0 x: [f64; 1]) -> void {
              %1 = const 0 : i64
              %2 = dim %0, 0 : i64
              %3 = const 1 : i64
              for %4: i64 = %1 ..< %2 step %3 parallel {
                rng.iteration %4
                %5 = call @h() : f64
                store.elem %0[%4], %5
              }
              for %6: i64 = %1 ..< %2 step %3 parallel {
                rng.iteration %6
                %7 = convert %6 : f64
                store.elem %0[%6], %7
              }
            }
            """
        var m = try parseVerified(text)
        #expect(functionsDrawingRandomNumbers(m) == [FunctionID(raw: 0), FunctionID(raw: 1)])
        let stats = pruneRandomIterations(&m)
        #expect(stats.removed == 1)
        #expect(stats.kept == 1)
        #expect(printModule(m).components(separatedBy: "rng.iteration").count == 2)
        #expect(verify(m).isEmpty)
    }
}
