import KernBasics
import KernSyntax

/// Type-checks a parsed program (LANGUAGE.md §2–§9).
///
/// Input: an AST (normally one without syntax errors; `.error` nodes are tolerated and
/// produce no further diagnostics). Output: a `CheckedProgram` — the AST plus immutable
/// side tables — when there are no errors, and every diagnostic found, sorted by position.
public enum Sema {
    public static func check(_ ast: AST, in file: SourceFile) -> (
        program: CheckedProgram?, diagnostics: [Diagnostic]
    ) {
        if ast.functions.contains(where: { !$0.genericParams.isEmpty }) {
            return Generics.check(ast, in: file)
        }
        let checker = Checker(ast: ast, file: file, session: nil)
        return checker.run()
    }
}

/// The state of one checking run. The work is split by concern over extensions in
/// this module (scopes, types, literals, expressions, calls, statements, loops,
/// prange rules); this file holds the tables being filled and the per-function driver.
final class Checker {
    let ast: AST
    let file: SourceFile
    /// A REPL session around the input (SessionScope.swift); nil for a file.
    let session: SessionScope?
    var diagnostics: [Diagnostic] = []

    // MARK: Results (become the CheckedProgram)
    var functions: [FunctionSignature] = []
    /// First declaration of each function name (later duplicates are errors).
    var functionIndex: [String: Int] = [:]
    var locals = IndexedArray<LocalID, LocalInfo>()
    var paramLocals: [[LocalID]] = []
    var exprTypes: [SemaType]
    var references: [ExprID: Reference] = [:]
    var calls: [ExprID: CallKind] = [:]
    var members: [ExprID: MemberKind] = [:]
    var constants: [ExprID: ConstantValue] = [:]
    var declaredLocals: [StmtID: [LocalID]] = [:]
    var loops: [StmtID: ForLoopInfo] = [:]
    /// File-scope constants (FileConstants.swift): declarations, evaluation state, the
    /// name → index map, and the constants being evaluated (for cycle reports).
    var fileConstantDecls: [FileConstantDecl] = []
    var fileConstantStates: [FileConstantState] = []
    var fileConstantIndex: [String: Int] = [:]
    var fileConstantStack: [Int] = []
    /// Generic functions by name, and the instances calls asked for that do not exist
    /// yet (Generics.swift, GenericCalls.swift).
    var genericTemplates: [String: GenericTemplate] = [:]
    var instanceRequests: [InstanceRequest] = []
    /// `prange` loops whose array accesses are checked after every body (RaceChecker.swift).
    var pendingRaceChecks: [PendingRaceCheck] = []

    // MARK: Per-function state
    var currentFunction = 0
    var currentReturnType: SemaType = .void
    var scopes: [[String: LocalID]] = []
    var flow = FlowState()
    var loopStack: [LoopContext] = []
    /// Locals declared without a value (`var x: T`): reads are checked against `flow`.
    var deferredInit: Set<LocalID> = []
    /// Loop nesting depth at each local's declaration (a `let` declared outside a loop
    /// cannot be initialized inside it: the loop could run twice).
    var localLoopDepth: [LocalID: Int] = [:]
    var reportedUninitialized: Set<LocalID> = []
    /// Guards against stack exhaustion on pathological nesting.
    var exprDepth = 0
    static let maxExprDepth = 400

    init(ast: AST, file: SourceFile, session: SessionScope?) {
        self.ast = ast
        self.file = file
        self.session = session
        self.exprTypes = Array(repeating: .error, count: ast.exprs.count)
    }

    func run() -> (program: CheckedProgram?, diagnostics: [Diagnostic]) {
        declareFunctions()
        declareSessionFunctions()
        declareFileConstants()
        declareSessionConstants()
        for (index, decl) in ast.functions.enumerated() {
            if functions[index].extern != nil || !decl.hasBody {
                checkExternDeclaration(decl, index: index)
            } else {
                checkBody(of: decl, index: index)
            }
        }
        checkPrangeRaces()
        // Stable sort by position: users read errors top to bottom.
        let sorted = diagnostics.enumerated().sorted { a, b in
            if a.element.range.start != b.element.range.start {
                return a.element.range.start < b.element.range.start
            }
            return a.offset < b.offset
        }.map(\.element)
        if sorted.contains(where: { $0.severity == .error }) { return (nil, sorted) }
        var program = CheckedProgram(
            file: file, ast: ast, functions: functions, locals: locals,
            paramLocals: paramLocals, exprTypes: exprTypes, references: references, calls: calls,
            members: members, constants: constants, declaredLocals: declaredLocals, loops: loops)
        for (decl, state) in zip(fileConstantDecls, fileConstantStates) where !decl.isSession {
            guard case .done(let value, let type) = state else { continue }
            program.fileConstants.append(.init(name: decl.name, value: value, type: type))
        }
        return (program, sorted)
    }

    // MARK: Declarations

    /// Resolves every signature first, so calls may refer to functions in any order.
    func declareFunctions() {
        for (index, decl) in ast.functions.enumerated() {
            var isVectorize = false
            var inline: String?
            for attribute in decl.attributes {
                switch attribute.name {
                case "vectorize":
                    isVectorize = true
                case "extern":
                    break  // ExternFunctions.swift
                case "inline":
                    if attribute.argument == "never" || attribute.argument == "always" {
                        inline = attribute.argument
                    } else {
                        error(
                            "unknown option '\(attribute.argument ?? "")' for attribute 'inline'",
                            at: attribute.range, help: "write @inline(never) or @inline(always)")
                    }
                default:
                    error(
                        "unknown attribute '@\(attribute.name)'", at: attribute.range,
                        help: "Kern knows @vectorize, @inline(never) and @inline(always)")
                }
            }
            var params: [ParamSignature] = []
            var seen: [String: SourceRange] = [:]
            for param in decl.params {
                if let previous = seen[param.name] {
                    error(
                        "invalid redeclaration of '\(param.name)'", at: param.nameRange,
                        help: "give each parameter a different name",
                        notes: [.init("'\(param.name)' previously declared here", at: previous)])
                } else {
                    seen[param.name] = param.nameRange
                }
                params.append(
                    ParamSignature(
                        label: param.label, name: param.name, type: resolveParamType(param),
                        isInout: param.isInout))
            }
            let returnType = decl.returnType.map { resolveReturnType($0) } ?? .void
            var signature = FunctionSignature(
                name: decl.name, params: params, returnType: returnType,
                isVectorize: isVectorize, inline: inline)
            signature.extern = externSignature(decl)
            if isVectorize { checkVectorizeSignature(decl, signature) }
            functions.append(signature)
            if let first = functionIndex[decl.name] {
                error(
                    "invalid redeclaration of '\(decl.name)'", at: decl.nameRange,
                    help: "Kern has no overloading: give the function another name",
                    notes: [
                        .init(
                            "'\(decl.name)' previously declared here",
                            at: ast.functions[first].nameRange)
                    ])
            } else {
                functionIndex[decl.name] = index
                if !decl.name.contains("<"), let reserved = Self.reservedNameError(decl) {
                    diagnostics.append(reserved)
                }
                if Self.builtinNames.contains(decl.name) {
                    // User functions take precedence (decisions.md); say so, since every
                    // call of the built-in in this file now calls this function.
                    diagnostics.append(
                        Diagnostic(
                            .warning, at: decl.nameRange,
                            "function '\(decl.name)' hides the built-in '\(decl.name)'",
                            help:
                                "every call of '\(decl.name)' in this file calls this function; rename it to keep the built-in"
                        ))
                }
            }
        }
    }

    /// A function name with two underscores in a row could be the exported symbol of a
    /// generic function's instance (`axpy<Double>` is `kern_entry_axpy__Double`,
    /// `EntryABI.entrySymbol`), so such names are reserved.
    static func reservedNameError(_ decl: FunctionDecl) -> Diagnostic? {
        guard decl.name.contains("__") else { return nil }
        return .error(
            at: decl.nameRange,
            "function name '\(decl.name)' contains '__', which Kern reserves for generic instances",
            help:
                "rename the function: 'axpy<Double>' is exported as 'kern_entry_axpy__Double', so '__' in a name could collide with an instance"
        )
    }

    /// Names a user function can hide: math functions, the other built-in functions,
    /// and the scalar type names (conversions and constants).
    static let builtinNames: Set<String> = Set(MathFunction.allCases.map(\.name))
        .union(BuiltinFunction.allCases.map(\.name))
        .union(ScalarType.allCases.map(\.name))
        .union(["Int64", "UInt64"])

    /// Checks one function body: parameters become locals, then the statements, then
    /// the return analysis.
    func checkBody(of decl: FunctionDecl, index: Int) {
        currentFunction = index
        let signature = functions[index]
        currentReturnType = signature.returnType
        scopes = [[:]]
        flow = FlowState()
        loopStack = []
        deferredInit = []
        localLoopDepth = [:]
        reportedUninitialized = []

        var params: [LocalID] = []
        for (i, param) in decl.params.enumerated() {
            let id = declareLocal(
                LocalInfo(
                    name: param.name, type: signature.params[i].type, kind: .param(index: i),
                    isMutable: param.isInout, isInout: param.isInout, isLocalArray: false,
                    declRange: param.nameRange, function: index),
                reportDuplicate: false)
            params.append(id)
        }
        paramLocals.append(params)
        if session != nil { declareSessionVariables(body: decl.body) }

        pushScope()
        if currentReturnType != .void, decl.body.stmts.count == 1,
            decl.body.stmts[0].index < ast.stmts.count,
            case .expr(let e) = ast.stmts[decl.body.stmts[0]].kind
        {
            // Single-expression body: an implicit `return e`.
            checkReturnValue(e)
            flow.unreachable = true
        } else {
            checkStatements(decl.body.stmts)
        }
        popScope()

        if !flow.unreachable, currentReturnType != .void, currentReturnType != .error {
            error(
                "missing return in global function expected to return '\(currentReturnType)'",
                at: decl.funcKeywordRange,
                help: "add a `return` at the end of every path through '\(decl.name)'")
        }
    }

    // MARK: Helpers

    func error(
        _ message: String, at range: SourceRange, help: String? = nil,
        notes: [Diagnostic.Note] = []
    ) {
        diagnostics.append(.error(at: range, message, help: help, notes: notes))
    }

    /// `error(message, …)` unless `type` is `.error`: an operand whose own mistake was
    /// already reported gets no second diagnostic (one mistake, one error).
    func error(
        concerning type: SemaType, _ message: @autoclosure () -> String, at range: SourceRange,
        help: @autoclosure () -> String? = nil
    ) {
        if type != .error { error(message(), at: range, help: help()) }
    }

    func kind(_ e: ExprID) -> ExprKind {
        e.index < ast.exprs.count ? ast.exprs[e].kind : .error
    }

    /// The checked type of an expression (`.error` for an unknown ID).
    func exprType(_ e: ExprID) -> SemaType {
        e.index < exprTypes.count ? exprTypes[e.index] : .error
    }

    func range(_ e: ExprID) -> SourceRange {
        e.index < ast.exprs.count ? ast.exprs[e].range : SourceRange(at: SourceLoc(0))
    }

    @discardableResult
    func setType(_ e: ExprID, _ t: SemaType) -> SemaType {
        if e.index < exprTypes.count { exprTypes[e.index] = t }
        return t
    }

    /// The source text of a range (for fix-its like `Double(n)`).
    func text(of r: SourceRange) -> String {
        let lo = min(Int(r.start.offset), file.utf8.count)
        let hi = max(lo, min(Int(r.end.offset), file.utf8.count))
        return String(decoding: file.utf8[lo..<hi], as: UTF8.self)
    }

    /// An expression with parentheses removed.
    func stripParens(_ e: ExprID) -> ExprID {
        var e = e
        var steps = 0
        while case .paren(let inner) = kind(e), steps < 10_000 {
            e = inner
            steps += 1
        }
        return e
    }

    /// A zero-width range at the last character of `r` (e.g. a call's `)`).
    func endRange(_ r: SourceRange) -> SourceRange {
        let end = r.end.offset > r.start.offset ? r.end.offset - 1 : r.start.offset
        return SourceRange(SourceLoc(end), SourceLoc(end + 1))
    }
}
