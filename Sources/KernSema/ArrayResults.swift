import KernBasics
import KernSyntax

/// Array results (LANGUAGE.md §6): which expressions produce a new array that the
/// enclosing function owns.
///
/// In: checked expressions (their `calls` entries). Out: whether the value is a fresh
/// array — a call of a function returning an array — so a `var` binding may hold it
/// (as it may hold `[T](repeating:count:)`) and write its elements.
extension Checker {
    /// Whether `e` (parentheses stripped) is a call that returns a new array.
    func returnsNewArray(_ e: ExprID) -> Bool {
        let inner = stripParens(e)
        guard let kind = calls[inner] else { return false }
        switch kind {
        case .function(let index):
            if case .array = functions[index].returnType { return true }
            return false
        case .elementwise(_, let hasOut):
            return !hasOut
        case .conversion, .math, .allocArray, .shape, .print, .precondition, .random,
            .randomNormal, .atomicAdd, .clock, .mpi, .format:
            return false
        }
    }
}
