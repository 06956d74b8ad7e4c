import KernBasics
import KernTestSupport
/// KernModule and the Compiler's back half without LLVM: IR signatures become host
/// signatures, entry points come from a `CompiledCode` (here the C test entries), and
/// errors render as the CLI shows them.
import Testing

@testable import Kern
@testable import KernIR

/// Compiled code served by the hand-written C entries.
struct TestEntries: CompiledCode {
    var llvmIR: String { "; test entries" }
    func objectCode(entryPrefix: String?) throws -> [UInt8] { [] }
    func assembly(entryPrefix: String?) throws -> String { "" }
    func address(ofEntry name: String) -> UnsafeRawPointer? { kern_test_entry(name) }
}

@Suite struct ModuleTests {
    /// Parameter `index` of a hand-built IR function, bound to the value of the same number.
    private func param(
        _ index: UInt32, _ name: String, _ type: IRType, isInout: Bool = false
    ) -> Param {
        Param(name: name, type: type, isInout: isInout, binding: .value(ValueID(raw: index)))
    }

    private func irModule() -> KernIR.Module {
        var m = KernIR.Module(sourceName: "t.kern")
        _ = m.functions.append(
            Function(
                name: "saxpy",
                params: [
                    param(0, "a", .scalar(.float)),
                    param(1, "x", .array(.float, rank: 1)),
                    param(2, "y", .array(.float, rank: 1), isInout: true),
                ], returnType: .void))
        _ = m.functions.append(
            Function(
                name: "divmod",
                params: [
                    param(0, "a", .scalar(.int64)),
                    param(1, "b", .scalar(.int64)),
                ], returnType: .tuple([.int64, .int64])))
        _ = m.functions.append(
            Function(name: "outlined_body", returnType: .void, isExported: false))
        return m
    }

    @Test func exportedFunctionsGetHostSignatures() throws {
        let file = SourceFile(name: "t.kern", text: "")
        let functions = try Compiler.exportedFunctions(
            of: irModule(), code: TestEntries(), file: file, options: .init(threads: 2))
        #expect(functions.map(\.name) == ["saxpy", "divmod"])
        #expect(
            functions[0].signature.description
                == "func saxpy(a: Float, x: [Float], y: inout [Float])")
        #expect(functions[1].signature.description == "func divmod(a: Int, b: Int) -> (Int, Int)")
        let module = KernModule(
            file: file, options: .init(), functions: functions, warnings: [], kernIR: irModule(),
            code: TestEntries())
        var y: [Float] = [1, 1]
        try module.function(named: "saxpy")(3 as Float, [Float(2), 3], &y)
        #expect(y == [7, 10])
        #expect(try module["divmod"]?(9, 4) == .tuple([.int64(2), .int64(1)]))
        #expect(throws: KernError.self) { try module.function(named: "nope") }
        do {
            _ = try module.function(named: "nope")
        } catch {
            #expect("\(error)" == "no function named 'nope' (available: saxpy, divmod)")
        }
    }

    @Test func missingEntryPointIsABackendError() {
        struct Empty: CompiledCode {
            var llvmIR: String { "" }
            func objectCode(entryPrefix: String?) throws -> [UInt8] { [] }
            func assembly(entryPrefix: String?) throws -> String { "" }
            func address(ofEntry name: String) -> UnsafeRawPointer? { nil }
        }
        #expect(throws: KernError.self) {
            try Compiler.exportedFunctions(
                of: irModule(), code: Empty(), file: SourceFile(name: "t", text: ""),
                options: .init())
        }
    }

    @Test func compileErrorsRenderLikeTheCLI() {
        let file = SourceFile(
            name: "bad.kern", text: "func f() -> Int {\n    let y: Double = 1 +\n}\n")
        let d = Diagnostic.error(
            at: SourceRange(SourceLoc(38), SourceLoc(39)), "expected expression",
            help: "finish the expression")
        let error = KernError.compile(diagnostics: [d, d], file: file)
        let cli = DiagnosticRenderer().render([d, d], in: file)
        #expect(error.description + "\n" == cli)
        #expect(error.description.hasPrefix("bad.kern:2:"))
    }

    @Test func compileOptionsDefaults() {
        let o = CompileOptions()
        #expect(
            o.optimizationLevel == 3 && o.checked && !o.fastMath && o.targetCPU == nil
                && o.threads == nil)
        #expect(CompileOptions(optimizationLevel: 9).optimizationLevel == 3)
    }
}
