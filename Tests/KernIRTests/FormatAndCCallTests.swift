import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// `print` with `String(format:)` pieces and `call.c` (issues 18.2, 18.7): IR text round
/// trip, verifier rules and the interpreter's results.
let formatAndCCall = """
    module "fc.kern"

    export func @f(%0 x: f64, %1 n: i8) -> f64 {
      print "x=", format "%8.3f" %0, " n=", format "%u" %1, format "%-+5d" %1
      %2 = const 3 : i32
      %3 = call.c "ldexp"(f64, i32) -> f64 (%0, %2) : f64
      %4 = call.c "fabs"(f64) -> f64 pure (%3) : f64
      %5 = const 1 : u32
      call.c "srand"(u32) -> void (%5)
      return %4
    }

    """

@Suite struct FormatAndCCallIRTests {
    static let text = formatAndCCall

    @Test func printsExactlyAsWritten() throws {
        let m = try parseVerified(Self.text)
        #expect(printModule(m) == Self.text)
    }

    @Test func theInterpreterFormatsAndCallsC() throws {
        let (r, lines) = try run(Self.text, "f", [.scalar(.double(-1.25)), .scalar(.int(-1, .int8))])
        #expect(lines == ["x=  -1.250 n=255-1   "])
        guard case .scalar(let s)? = r else {
            Issue.record("no result")
            return
        }
        #expect(s.double == 10)
    }

    @Test func theVerifierChecksOperands() throws {
        let bad = """
            module "bad.kern"

            export func @g(%0 x: f64, %1 n: i64) -> void {
              print format "%d" %0, format "%f" %1
              %2 = call.c "fabs"(f64) -> f64 (%1) : f64
              return
            }

            """
        let errors = verify(try parse(bad)).map { "\($0)" }.joined(separator: "\n")
        #expect(errors.contains("format '%d' cannot print %0 of type f64"))
        #expect(errors.contains("format '%f' cannot print %1 of type i64"))
        #expect(errors.contains("C argument"))
    }
}
