/// Kern's built-ins other than the math functions (`MathFunction`) and the type names
/// (`ScalarType`): LANGUAGE.md §7–8. Each has its own checking, lowering and IR operation,
/// so the table holds what is common to all of them — name, where it may be written,
/// purity — and Sema dispatches on the case with one exhaustive switch.
public enum BuiltinFunction: Sendable, Hashable, CaseIterable {
    case print, precondition, randomNormal, atomicAdd
    /// `clock()`: a monotonic clock in nanoseconds (LANGUAGE.md §8).
    case clock
    /// `T.random(in: lo..<hi)`.
    case random
    case stride, prange

    /// Where a built-in may be written.
    public enum Syntax: Sendable, Hashable {
        /// `print(a, b)`: a call of the bare name.
        case call
        /// `Double.random(in: 0..<1)`: a call of a member of a type name.
        case typeMember
        /// `for i in prange(n)`: only as the sequence of a `for` loop.
        case loopSequence
    }

    /// The Kern name.
    public var name: String {
        switch self {
        case .print: "print"
        case .precondition: "precondition"
        case .randomNormal: "randomNormal"
        case .atomicAdd: "atomicAdd"
        case .clock: "clock"
        case .random: "random"
        case .stride: "stride"
        case .prange: "prange"
        }
    }

    public var syntax: Syntax {
        switch self {
        case .print, .precondition, .randomNormal, .atomicAdd, .clock: .call
        case .random: .typeMember
        case .stride, .prange: .loopSequence
        }
    }

    /// False for built-ins with an effect a caller can observe: output, a draw from the
    /// call's random stream, a write through a pointer. (A failing `precondition` stops the
    /// call, which re-running with the same arguments reproduces, so it counts as pure.)
    public var isPure: Bool {
        switch self {
        case .print, .randomNormal, .atomicAdd, .random, .clock: false
        case .precondition, .stride, .prange: true
        }
    }

    /// The built-in written as a bare name (`print`, `prange`), if `name` is one.
    public init?(bareName name: String) {
        guard
            let b = Self.allCases.first(where: { $0.syntax != .typeMember && $0.name == name })
        else { return nil }
        self = b
    }

    /// Every built-in name a user may type on its own: the math functions, these
    /// built-ins and the scalar type names (for REPL completion).
    public static var bareNames: [String] {
        MathFunction.callNames + allCases.filter { $0.syntax != .typeMember }.map(\.name)
            + ScalarType.allNames
    }
}
