import KernBasics
import KernSyntax

/// Type-checks a parsed program. Input: an AST without syntax errors. Output: a
/// `CheckedProgram` when there are no errors, and every diagnostic found.
/// (Stub — to be replaced by the real checker.)
public enum Sema {
    public static func check(_ ast: AST, in file: SourceFile) -> (
        program: CheckedProgram?, diagnostics: [Diagnostic]
    ) {
        (nil, [])
    }
}
