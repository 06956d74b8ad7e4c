/// libFuzzer entry point: feeds arbitrary bytes through the lexer, the parser, the
/// AST dumper and the diagnostic renderer, and — when parsing succeeded and the
/// harness was built with Sema (`-D KERN_FUZZ_SEMA`) — through Sema.
/// In: any byte string. Out: nothing; a crash, a trap or a sanitizer report is the finding.
import KernBasics
import KernSyntax

#if KERN_FUZZ_SEMA
    import KernSema
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func kernFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let file = SourceFile(name: "fuzz.kern", text: String(decoding: bytes, as: UTF8.self))
    let (ast, diagnostics) = Parser.parse(file)
    _ = DiagnosticRenderer().render(diagnostics, in: file)
    _ = ASTDumper.dump(ast)
    #if KERN_FUZZ_SEMA
        if !diagnostics.contains(where: { $0.severity == .error }) {
            let (_, semaDiagnostics) = Sema.check(ast, in: file)
            _ = DiagnosticRenderer().render(semaDiagnostics, in: file)
        }
    #endif
    return 0
}
