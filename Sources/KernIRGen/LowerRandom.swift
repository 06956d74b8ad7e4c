import KernBasics
import KernIR
import KernSema
import KernSyntax

/// `T.random(in: lo..<hi)`: the bounds, Swift's preconditions on them, then one
/// `random.uniform` draw. Swift traps on an empty range and, for floating types, on a
/// range whose width is not finite; Kern stops the call with the same messages, at
/// the position of `T.random`.
extension FunctionLowerer {
    mutating func lowerUniformRandom(
        _ kind: ScalarType, lo: ExprID, hi: ExprID, callee: ExprID, at range: SourceRange
    ) -> ValueID {
        let l = lowerExpr(lo)
        let h = lowerExpr(hi)
        at(ast.exprs[callee].range)
        let nonEmpty = b.emit(.compare(.lt, l, h), .scalar(.bool))
        b.emit(.precondition(nonEmpty, message: "Can't get random value with an empty range"))
        if kind.isFloating {
            let width = b.emit(.binary(.sub, h, l), .scalar(kind))
            let finite = b.emit(.math(.isFinite, [width]), .scalar(.bool))
            b.emit(
                .precondition(
                    finite, message: "There is no uniform distribution on an infinite range"))
        }
        at(range)
        return b.emit(.random(.uniform, [l, h]), .scalar(kind))
    }

    /// `e` without enclosing parentheses.
    func stripParens(_ e: ExprID) -> ExprID {
        var e = e
        var steps = 0
        while case .paren(let inner) = ast.exprs[e].kind, steps < 10_000 {
            e = inner
            steps += 1
        }
        return e
    }
}
