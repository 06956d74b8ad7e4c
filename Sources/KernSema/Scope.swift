import KernBasics
import KernSyntax

/// Name scopes and the flow state behind definite initialization.
///
/// In: declarations and uses of locals as the checker walks a function. Out: `LocalID`s
/// in `locals`, diagnostics for redeclarations, uses before initialization and
/// re-initialization of `let` constants.

/// What is known at one program point about locals declared without a value.
struct FlowState {
    /// Definitely initialized on every path reaching this point.
    var initialized: Set<LocalID> = []
    /// Initialized on at least one path (a `let` here cannot be initialized again).
    var maybeInitialized: Set<LocalID> = []
    /// No path reaches this point (after `return`, `break`, `continue`).
    var unreachable = false

    /// The state where two paths join.
    static func merge(_ a: FlowState, _ b: FlowState) -> FlowState {
        var result: FlowState
        if a.unreachable {
            result = b
        } else if b.unreachable {
            result = a
        } else {
            result = a
            result.initialized.formIntersection(b.initialized)
        }
        result.maybeInitialized = a.maybeInitialized.union(b.maybeInitialized)
        result.unreachable = a.unreachable && b.unreachable
        return result
    }
}

/// One enclosing loop, innermost last.
struct LoopContext {
    var isParallel: Bool
    /// Flow states at each `break` / `continue` of this loop.
    var breakStates: [FlowState] = []
    var continueStates: [FlowState] = []
}

extension Checker {
    func pushScope() { scopes.append([:]) }
    func popScope() { _ = scopes.popLast() }

    /// Adds a local to the innermost scope; a name already declared in that same scope
    /// is an error (shadowing an outer scope is fine). `_` is never entered in a scope.
    @discardableResult
    func declareLocal(_ info: LocalInfo, reportDuplicate: Bool = true) -> LocalID {
        let id = locals.append(info)
        localLoopDepth[id] = loopStack.count
        guard info.name != "_" else { return id }
        if scopes.isEmpty { scopes.append([:]) }
        let last = scopes.count - 1
        if let previous = scopes[last][info.name] {
            if reportDuplicate {
                error(
                    "invalid redeclaration of '\(info.name)'", at: info.declRange,
                    help: "rename it, or declare it in an inner block to shadow it",
                    notes: [
                        .init(
                            "'\(info.name)' previously declared here",
                            at: locals[previous].declRange)
                    ])
            }
            return id
        }
        scopes[last][info.name] = id
        return id
    }

    /// The innermost local with this name.
    func lookupLocal(_ name: String) -> LocalID? {
        for scope in scopes.reversed() {
            if let id = scope[name] { return id }
        }
        return nil
    }

    /// A read of a local: it must be definitely initialized (reported once per local).
    func noteRead(_ id: LocalID, at range: SourceRange) {
        guard deferredInit.contains(id), !flow.unreachable, !flow.initialized.contains(id),
            !reportedUninitialized.contains(id)
        else { return }
        reportedUninitialized.insert(id)
        let info = locals[id]
        let what = info.kind == .letBinding ? "constant" : "variable"
        error(
            "\(what) '\(info.name)' used before being initialized", at: range,
            help:
                "assign '\(info.name)' a value on every path before this use, or give it an initial value where it is declared"
        )
    }

    /// A plain assignment `x = e`: initializes `x`. Mutability is checked by the caller;
    /// this handles `let x: T` initialized later, which may happen only once.
    /// Returns false (after reporting) when the assignment is not allowed.
    func noteInitialization(_ id: LocalID, at range: SourceRange) -> Bool {
        let info = locals[id]
        if !info.isMutable {
            guard info.kind == .letBinding, deferredInit.contains(id) else { return true }
            let declaredDepth = localLoopDepth[id] ?? 0
            if flow.maybeInitialized.contains(id) || declaredDepth < loopStack.count {
                error(
                    "immutable value '\(info.name)' may only be initialized once", at: range,
                    help: "declare '\(info.name)' with 'var' if it must change",
                    notes: [.init("'\(info.name)' declared here", at: info.declRange)])
                return false
            }
        }
        flow.initialized.insert(id)
        flow.maybeInitialized.insert(id)
        return true
    }
}
