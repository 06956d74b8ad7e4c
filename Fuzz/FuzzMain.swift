/// libFuzzer entry point: feeds arbitrary bytes through the lexer, the parser, the
/// AST dumper and the diagnostic renderer and — when the harness was built with the
/// middle end (`-D KERN_FUZZ_PIPELINE`) — through the staged compiler up to `.passes`:
/// Sema, IRGen and every KernIR pass, with the verifier after each pass.
/// In: any byte string. Out: nothing; a crash, a trap, a sanitizer report or a module
/// that stops verifying (a `preconditionFailure` here) is the finding.
import KernBasics
import KernSyntax

#if KERN_FUZZ_PIPELINE
    import KernCompiler
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func kernFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let file = SourceFile(name: "fuzz.kern", text: String(decoding: bytes, as: UTF8.self))
    let (ast, diagnostics) = Parser.parse(file)
    _ = DiagnosticRenderer().render(diagnostics, in: file)
    _ = ASTDumper.dump(ast)
    #if KERN_FUZZ_PIPELINE
        if !diagnostics.contains(where: { $0.severity == .error }) {
            // Both modes: unchecked mode runs a different pass list.
            for checked in [true, false] {
                let options = CompileOptions(checked: checked, verifyEach: true)
                do {
                    _ = try StagedCompiler(options: options, stopAfter: .passes).compile(file)
                } catch {
                    // Source that checks must lower to IR that verifies after every pass.
                    guard case .diagnostics(let semaDiagnostics) = error else {
                        preconditionFailure("accepted source failed in the middle end: \(error)")
                    }
                    _ = DiagnosticRenderer().render(semaDiagnostics, in: file)
                    break
                }
            }
        }
    #endif
    return 0
}
