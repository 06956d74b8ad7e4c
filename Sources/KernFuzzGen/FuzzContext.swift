/// What the generator knows at the point it is writing: names in scope, which may be
/// read or written (the `prange` rules of LANGUAGE.md §7 forbid some), the loop
/// nesting (for `break`/`continue`) and the estimated work so far (so programs stay
/// small enough for the interpreter and always terminate).
final class FuzzContext {
    /// An `Int` loop variable known to lie in `0..<bound`, usable directly as an index.
    struct IndexVariable {
        var name: String
        var bound: String
    }
    struct Scope {
        var scalars: [FuzzVariable] = []
        var arrays: [FuzzArray] = []
        var indexVariables: [IndexVariable] = []
        /// Serial loop entered by this scope (break/continue allowed).
        var isLoop = false
    }
    /// An enclosing `prange`: what its body may not touch.
    struct Parallel {
        var scopeDepth: Int
        var reductionVariables: Set<String>
        /// Arrays the body writes (outputs, atomics, array reductions): never read.
        var reservedArrays: Set<String>
    }

    var scopes: [Scope] = [Scope()]
    var parallels: [Parallel] = []
    var callable: [FuzzHelper] = []
    /// Statements an expression needs before it (temporaries), flushed by `emit`.
    var pending: [String] = []
    /// Estimated iterations of the innermost statement (product of trip counts).
    var cost = 1
    var maxCost = 1
    var canPrint = false
    private var counter = 0

    var prange: Parallel? { parallels.last }

    func fresh(_ stem: String) -> String {
        counter += 1
        return "\(stem)\(counter)"
    }

    func push(loop: Bool = false) { scopes.append(Scope(isLoop: loop)) }
    func pop() { scopes.removeLast() }

    func declare(_ v: FuzzVariable) { scopes[scopes.count - 1].scalars.append(v) }
    func declare(_ a: FuzzArray) { scopes[scopes.count - 1].arrays.append(a) }
    func declareIndex(_ name: String, below bound: String) {
        scopes[scopes.count - 1].indexVariables.append(IndexVariable(name: name, bound: bound))
        declare(FuzzVariable(name: name, type: .int, mutable: false))
    }

    /// A serial loop encloses this point without a `prange` in between.
    var inSerialLoop: Bool {
        let floor = prange?.scopeDepth ?? 0
        return scopes[floor...].contains { $0.isLoop }
    }

    var indexVariables: [IndexVariable] { scopes.flatMap(\.indexVariables) }

    private var hiddenScalars: Set<String> {
        parallels.reduce(into: Set()) { $0.formUnion($1.reductionVariables) }
    }
    private var reservedArrays: Set<String> {
        parallels.reduce(into: Set()) { $0.formUnion($1.reservedArrays) }
    }

    func readableScalars(of type: FuzzScalar) -> [FuzzVariable] {
        let hidden = hiddenScalars
        return scopes.flatMap(\.scalars).filter { $0.type == type && !hidden.contains($0.name) }
    }

    /// Scalars a plain assignment may write: inside a `prange`, only its own locals.
    func writableScalars() -> [FuzzVariable] {
        let floor = prange?.scopeDepth ?? 0
        return scopes[floor...].flatMap(\.scalars).filter(\.mutable)
    }

    func readableArrays(of type: FuzzScalar? = nil) -> [FuzzArray] {
        let reserved = reservedArrays
        return scopes.flatMap(\.arrays).filter {
            (type == nil || $0.element == type) && !reserved.contains($0.name)
        }
    }

    /// Arrays any element of which may be written here (outside a `prange`, or declared
    /// inside the innermost one).
    func freelyWritableArrays() -> [FuzzArray] {
        let floor = prange?.scopeDepth ?? 0
        return scopes[floor...].flatMap(\.arrays).filter(\.writable)
    }

    /// Arrays declared in the function's own body (not parameters): only these may be
    /// `prange` array reductions.
    var localArrays: [FuzzArray] { scopes.flatMap(\.arrays).filter { $0.isLocal } }
}
