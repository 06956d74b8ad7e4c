import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

/// Extern functions (`Function.external`): declarations of Kern functions compiled in an
/// earlier module, as a REPL input's calls of the session's definitions are lowered.
@Suite struct IRExternFunctionTests {
    /// The earlier module: `twice(x) = 2x`, `bump(&n)` adds 1, and a failing check.
    let library = """
        module "library"

        export func @twice(%0 x: i64) -> i64 !1:1 {
          %1 = const 2 : i64
          %2 = mul %0, %1 : i64
          return %2
        }

        export func @bump(inout $0 n: i64) -> void !2:1 {
          slot $0 n: i64
          %0 = load $0 : i64
          %1 = const 1 : i64
          %2 = add %0, %1 : i64
          store $0, %2
          return
        }

        export func @at(%0 a: [f64; 1], %1 i: i64) -> f64 !3:1 {
          %2 = dim %0, 0 : i64
          check.bounds %1 < %2 axis 0 !3:30
          %3 = load.elem %0[%1] : f64
          return %3
        }
        """

    /// The later module: declarations of all three, and a function calling them.
    let input = """
        module "<input>"

        export func @input(%0 a: [f64; 1], %1 i: i64) -> f64 !1:1 {
          slot $0 n: i64
          %2 = const 20 : i64
          %3 = call @twice(%2) : i64 !1:5
          store $0, %3
          call @bump($0)
          %4 = load $0 : i64
          %5 = convert %4 : f64
          %6 = call @at(%0, %1) : f64 !2:7
          %7 = add %5, %6 : f64
          return %7
        }

        extern "kern_entry_twice" func @twice(%0 x: i64) -> i64

        extern "kern_entry_bump" func @bump(inout $0 n: i64) -> void

        extern "kern_entry_at" func @at(%0 a: [f64; 1], %1 i: i64) -> f64
        """

    @Test func printsAndParsesBackTheSame() throws {
        let m = try parseVerified(input)
        #expect(m.functions[FunctionID(raw: 1)].external == "kern_entry_twice")
        #expect(m.functions[FunctionID(raw: 2)].params[0].binding == .slot(SlotID(raw: 0)))
        #expect(printModule(m) == input + "\n")
        #expect(printModule(try parse(printModule(m))) == printModule(m))
    }

    @Test func verifierRejectsABodyOrAnExport() throws {
        var m = try parse(input)
        m.functions[FunctionID(raw: 1)].isExported = true
        m.functions[FunctionID(raw: 2)].body = m.functions[FunctionID(raw: 0)].body
        let messages = verify(m).map(\.message)
        #expect(messages.contains("an extern function cannot be exported"))
        #expect(messages.contains("an extern function has no body"))
    }

    @Test func interpreterRunsTheEarlierModulesFunctions() throws {
        let earlier = Interpreter(module: try parseVerified(library))
        var later = Interpreter(module: try parseVerified(input))
        for name in ["twice", "bump", "at"] {
            guard let id = earlier.module.function(named: name) else {
                Issue.record("no \(name)")
                return
            }
            later.externals["kern_entry_" + name] = .init(interpreter: earlier, function: id)
        }
        let a = InterpreterValue.array(array([0.5, 1.5]))
        guard case .scalar(let result)? = try later.call("input", [a, .int(1)]) else {
            Issue.record("no scalar result")
            return
        }
        #expect(result.double == 42.5)
        // A failing check inside the earlier module keeps that module's position.
        let error = runtimeError { _ = try later.call("input", [a, .int(2)]) }
        #expect(error?.pos == SourcePos(line: 3, column: 30))
    }

    @Test func anUnboundExternIsAnError() throws {
        let later = Interpreter(module: try parseVerified(input))
        let a = InterpreterValue.array(array([0.5]))
        let error = runtimeError { _ = try later.call("input", [a, .int(0)]) }
        #expect(error?.kind == .badArgument)
        #expect(error?.message.contains("extern function twice ('kern_entry_twice') is not bound") == true)
    }

    func array(_ xs: [Double]) -> ArrayView {
        ArrayView(
            storage: ArrayStorage(kind: .double, elements: xs.map(\.bitPattern)),
            shape: [xs.count], strides: [1])
    }

    @Test func externFunctionsMayDrawRandomNumbers() throws {
        let m = try parseVerified(input)
        #expect(functionsDrawingRandomNumbers(m).contains(FunctionID(raw: 1)))
    }
}
