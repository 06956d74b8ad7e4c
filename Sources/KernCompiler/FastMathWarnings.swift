/// The warning `--fast-math-level aggressive` owes its users: that level lets LLVM assume no
/// value is NaN or infinite (`nnan ninf`), so `x.isNaN` / `x.isInfinite` may be folded
/// to `false` and `x.isFinite` to `true`. Each such check gets a warning at its position.
/// The default balanced level never assumes this, so it never warns.
///
/// In: the checked program and the fast-math level. Out: warnings (empty unless
/// aggressive), in source order.
import KernBasics
import KernSema
import KernSyntax

public enum FastMathWarnings {
    public static func check(_ program: CheckedProgram, level: FastMathLevel) -> [Diagnostic] {
        guard level == .aggressive else { return [] }
        var warnings: [Diagnostic] = []
        for (expr, kind) in program.members {
            let name: String
            switch kind {
            case .property(let fn): name = fn.name
            case .count, .constant: continue
            }
            var range = program.ast.exprs[expr].range
            if case .member(_, _, let nameRange) = program.ast.exprs[expr].kind {
                range = nameRange
            }
            warnings.append(
                Diagnostic(
                    .warning, at: range,
                    "'\(name)' may always be \(name == "isFinite" ? "true" : "false") under --fast-math-level aggressive, which assumes no NaN or infinity",
                    help:
                        "use --fast-math (balanced), which keeps NaN and infinity, or drop this check"
                ))
        }
        return warnings.sorted { $0.range.start < $1.range.start }
    }
}
