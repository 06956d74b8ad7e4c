import KernBasics
import KernSyntax

/// File-scope constants (LANGUAGE.md §3, "File-scope constants"): `let N = 1000` before
/// (or between, or after) the functions.
///
/// In: the AST's `fileConstants` bindings. Out: each constant's value, computed here at
/// compile time in its Kern type; every use of the name in a function is recorded in
/// `constants` like a literal, so IRGen emits the value and the prange and bounds-check
/// analyses see a number. Diagnostics: `var` at file scope, tuple patterns, a missing
/// value, a non-scalar type, duplicate names (with each other or with a function or
/// built-in), cycles, and an initializer that is not a compile-time constant.

/// One file-scope constant as declared.
struct FileConstantDecl {
    var name: String
    var nameRange: SourceRange
    var type: TypeSyntax?
    var value: ExprID
    /// A REPL session's constant (`SessionScope.constants`): no declaration in this file.
    var isSession = false
}

/// Where the evaluation of one file-scope constant stands.
enum FileConstantState {
    case pending
    /// Being evaluated: reaching it again is a cycle.
    case evaluating
    case done(ConstantValue, ScalarType)
    /// Reported already; uses produce no second diagnostic.
    case failed
}

extension Checker {
    /// Collects the file-scope declarations. Runs after `declareFunctions`, so a constant
    /// named like a function is reported here.
    func declareFileConstants() {
        for id in ast.fileConstants {
            let stmt = ast.stmts[id]
            guard case .binding(let isVar, let pattern, let type, let value) = stmt.kind else {
                continue
            }
            if isVar {
                let keyword = SourceRange(
                    stmt.range.start, SourceLoc(stmt.range.start.offset + 3))
                error(
                    "'var' is not allowed at file scope: Kern functions share no mutable state",
                    at: keyword,
                    help:
                        "use 'let' for a compile-time constant, or declare the variable inside a function"
                )
            }
            guard case .name(let name, let nameRange) = pattern else {
                error(
                    "a file-scope constant must be a single name", at: stmt.range,
                    help: "declare each constant with its own 'let'")
                continue
            }
            guard let value else {
                error(
                    "file-scope constant '\(name)' needs a value", at: nameRange,
                    help: "write 'let \(name) = value'")
                continue
            }
            // The name is taken by an earlier constant or by a function.
            let clash: (help: String, note: Diagnostic.Note)? =
                if let previous = fileConstantIndex[name] {
                    (
                        "give each file-scope constant a different name",
                        .init(
                            "'\(name)' previously declared here",
                            at: fileConstantDecls[previous].nameRange)
                    )
                } else if let f = functionIndex[name] {
                    (
                        "a file-scope constant and a function cannot share a name",
                        .init("function '\(name)' declared here", at: ast.functions[f].nameRange)
                    )
                } else {
                    nil
                }
            if let clash {
                error(
                    "invalid redeclaration of '\(name)'", at: nameRange, help: clash.help,
                    notes: [clash.note])
                continue
            }
            if Self.builtinNames.contains(name) {
                error(
                    "a file-scope constant cannot be named '\(name)': that is a built-in name",
                    at: nameRange, help: "choose another name")
                continue
            }
            fileConstantIndex[name] = fileConstantDecls.count
            fileConstantDecls.append(
                FileConstantDecl(name: name, nameRange: nameRange, type: type, value: value))
            fileConstantStates.append(.pending)
        }
        for index in fileConstantDecls.indices { _ = fileConstant(index, usedAt: nil) }
    }

    /// The value and type of file-scope constant `index`, evaluating it on first use.
    /// `usedAt` is the use that asked (nil for the top-level walk); a cycle is reported
    /// once, at the declaration that closes it.
    func fileConstant(_ index: Int, usedAt: SourceRange?) -> (ConstantValue, ScalarType)? {
        switch fileConstantStates[index] {
        case .done(let value, let type): return (value, type)
        case .failed: return nil
        case .evaluating:
            let decl = fileConstantDecls[index]
            let chain =
                fileConstantStack.drop(while: { $0 != index })
                .map { fileConstantDecls[$0].name } + [decl.name]
            error(
                "file-scope constant '\(decl.name)' depends on itself: "
                    + chain.joined(separator: " → "),
                at: usedAt ?? decl.nameRange,
                help: "give one of these constants a value that does not use the others",
                notes: [.init("'\(decl.name)' declared here", at: decl.nameRange)])
            for k in fileConstantStack.drop(while: { $0 != index }) {
                fileConstantStates[k] = .failed
            }
            return nil
        case .pending:
            break
        }
        fileConstantStates[index] = .evaluating
        fileConstantStack.append(index)
        defer { fileConstantStack.removeLast() }
        let decl = fileConstantDecls[index]
        // An initializer sees no locals: only literals, built-in constants and other
        // file-scope constants can be in it.
        let savedScopes = scopes
        scopes = [[:]]
        defer { scopes = savedScopes }
        var declared: SemaType?
        if let syntax = decl.type {
            let t = resolveType(syntax)
            guard case .scalar = t else {
                error(
                    concerning: t, "file-scope constants must have a scalar type, not '\(t)'",
                    at: syntax.range,
                    help: "declare arrays inside a function: [T](repeating: v, count: n)")
                fileConstantStates[index] = .failed
                return nil
            }
            declared = t
        }
        let t =
            declared.map { checkExpecting(decl.value, $0, .specified) }
            ?? checkExpr(decl.value)
        if case .failed = fileConstantStates[index] { return nil }  // a cycle through it
        guard case .scalar(let s) = declared ?? t, compatible(t, .scalar(s)) else {
            if t != .error, declared == nil {
                error(
                    "file-scope constants must have a scalar type, not '\(t)'",
                    at: range(decl.value))
            }
            fileConstantStates[index] = .failed
            return nil
        }
        var evaluator = ConstantEvaluator(checker: self)
        guard let value = evaluator.evaluate(decl.value) else {
            if let (culprit, reason) = evaluator.failure {
                error(
                    "the value of file-scope constant '\(decl.name)' must be known at compile time",
                    at: range(culprit),
                    help: reason
                        ?? "use literals, other file-scope constants, built-in constants like Int.max, operators and conversions; compute anything else inside a function"
                )
            }
            fileConstantStates[index] = .failed
            return nil
        }
        fileConstantStates[index] = .done(value, s)
        return (value, s)
    }
}
