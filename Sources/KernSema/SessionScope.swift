import KernBasics
import KernSyntax

/// A REPL session as Sema sees it: what earlier inputs left behind.
///
/// In: the definitions' signatures (already checked and compiled by the REPL) and the
/// variables it keeps on the host. Out: with `Sema.check(input:in:session:)`, an input
/// (`Parser.parseInput`) is checked as a compilation unit of its own: its statements are
/// the body of the AST's only function, the session's variables are in scope around
/// them, and its functions are callable. Diagnostics carry the input's own positions.
///
/// The variables are declared as the REPL passes them when the input runs: arrays as
/// array parameters (`inout` when `var`), scalars as `let`/`var` locals. A variable the
/// input declares again at top level is not in scope (the new declaration replaces it,
/// as the REPL does when the input has run).
public struct SessionScope: Sendable, Hashable {
    /// One variable the session keeps.
    public struct Variable: Sendable, Hashable {
        public var name: String
        /// `.scalar` or `.array`.
        public var type: SemaType
        public var isMutable: Bool
        public init(name: String, type: SemaType, isMutable: Bool) {
            (self.name, self.type, self.isMutable) = (name, type, isMutable)
        }
    }

    /// A file-scope constant of the session's definitions (`let K = 3` in a `:load`ed
    /// file): in inputs it is its value, as in the file's functions.
    public struct Constant: Sendable, Hashable {
        public var name: String
        public var value: ConstantValue
        public var type: ScalarType
        public init(name: String, value: ConstantValue, type: ScalarType) {
            (self.name, self.value, self.type) = (name, value, type)
        }
    }

    /// The signatures of the session's functions. Calls of them get
    /// `CallKind.function(index)` with an index at or past `ast.functions.count`: the
    /// checked program declares them without a body, so it is for checking only (IRGen
    /// lowers whole programs).
    public var functions: [FunctionSignature]
    public var variables: [Variable]
    public var constants: [Constant]
    /// The name of the function an input parses to (runtime errors say "in 'input'").
    public static let inputName = "input"

    public init(
        functions: [FunctionSignature] = [], variables: [Variable] = [], constants: [Constant] = []
    ) {
        self.functions = functions
        self.variables = variables
        self.constants = constants
    }
}

extension Sema {
    /// Checks a REPL input (an AST from `Parser.parseInput`, whose only function is the
    /// input) in the scope of a session.
    public static func check(input ast: AST, in file: SourceFile, session: SessionScope) -> (
        program: CheckedProgram?, diagnostics: [Diagnostic]
    ) {
        precondition(ast.functions.count == 1, "a REPL input parses to exactly one function")
        return Checker(ast: ast, file: file, session: session).run()
    }
}

extension Checker {
    /// Declares the session's functions after the input's own (which are none).
    func declareSessionFunctions() {
        guard let session else { return }
        for signature in session.functions where functionIndex[signature.name] == nil {
            functionIndex[signature.name] = functions.count
            functions.append(signature)
        }
    }

    /// Declares the session's file-scope constants (already evaluated), unless the input
    /// or a function has the name.
    func declareSessionConstants() {
        guard let session else { return }
        for c in session.constants
        where fileConstantIndex[c.name] == nil && functionIndex[c.name] == nil {
            fileConstantIndex[c.name] = fileConstantDecls.count
            fileConstantDecls.append(
                FileConstantDecl(
                    name: c.name, nameRange: SourceRange(at: SourceLoc(0)), type: nil,
                    value: ExprID(raw: 0), isSession: true))
            fileConstantStates.append(.done(c.value, c.type))
        }
    }

    /// Declares the session's variables around the input's statements (in the scope of
    /// the input function's parameters), except those the input declares again.
    func declareSessionVariables(body: Block) {
        guard let session else { return }
        var redeclared: Set<String> = []
        for id in body.stmts where id.index < ast.stmts.count {
            guard case .binding(_, let pattern, _, _) = ast.stmts[id].kind else { continue }
            switch pattern {
            case .name(let name, _): redeclared.insert(name)
            case .tuple(let names, _): for n in names { redeclared.insert(n.name) }
            }
        }
        let nowhere = SourceRange(at: SourceLoc(0))
        var arrays = 0
        for v in session.variables where !redeclared.contains(v.name) {
            let kind: LocalInfo.Kind
            switch v.type {
            case .array:
                kind = .param(index: arrays)
                arrays += 1
            default:
                kind = v.isMutable ? .varBinding : .letBinding
            }
            let isArray = if case .param = kind { true } else { false }
            declareLocal(
                LocalInfo(
                    name: v.name, type: v.type, kind: kind, isMutable: v.isMutable,
                    isInout: isArray && v.isMutable, isLocalArray: false, declRange: nowhere,
                    function: currentFunction),
                reportDuplicate: false)
        }
    }
}
