import KernBasics

/// Parses a source file into an AST. Never fails: syntax errors are returned as
/// diagnostics, with `.error` nodes in the tree where input could not be parsed.
/// (Stub — to be replaced by the real parser.)
public enum Parser {
    public static func parse(_ file: SourceFile) -> (ast: AST, diagnostics: [Diagnostic]) {
        (AST(), [])
    }
}
