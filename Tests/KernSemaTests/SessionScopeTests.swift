import KernBasics
import KernSyntax
import Testing

@testable import KernSema

/// REPL inputs checked on their own in a session's scope (`Sema.check(input:in:session:)`):
/// the session's variables and functions are visible, diagnostics carry the input's
/// own positions.
@Suite struct SessionScopeTests {
    static let session = SessionScope(
        functions: [
            FunctionSignature(
                name: "sq",
                params: [
                    ParamSignature(label: nil, name: "x", type: .scalar(.double), isInout: false)
                ],
                returnType: .scalar(.double), isVectorize: false, inline: nil)
        ],
        variables: [
            .init(name: "x", type: .array(.double, rank: 1), isMutable: true),
            .init(name: "r", type: .array(.double, rank: 1), isMutable: false),
            .init(name: "n", type: .scalar(.int64), isMutable: true),
        ])

    func check(_ input: String) -> (
        program: CheckedProgram?, diagnostics: [Diagnostic], file: SourceFile
    ) {
        let file = SourceFile(name: "<input>", text: input)
        let (ast, syntax) = Parser.parseInput(file, functionName: SessionScope.inputName)
        #expect(syntax.isEmpty, "\(syntax.map(\.message))")
        let (program, diagnostics) = Sema.check(input: ast, in: file, session: Self.session)
        return (program, diagnostics, file)
    }

    @Test func variablesAndFunctionsOfTheSessionAreInScope() throws {
        let run = check("x[0] = sq(Double(n))\nn += 1\nlet y = r[1] + x[0]\ny")
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics.map(\.message))")
        let program = try #require(run.program)
        #expect(program.ast.functions.count == 1)
        #expect(program.functions.map(\.name) == [SessionScope.inputName, "sq"])
        let statements = program.ast.functions[0].body.stmts
        #expect(statements.count == 4)
        guard case .expr(let last) = program.ast.stmts[statements[3]].kind else {
            Issue.record("the last statement is an expression")
            return
        }
        #expect(program.type(of: last) == .scalar(.double))
    }

    @Test func diagnosticsCarryTheInputsOwnPositions() {
        let run = check("let a = 1\nn = a + 0.5")
        #expect(run.program == nil)
        #expect(run.diagnostics.count == 1)
        let position = run.file.position(of: run.diagnostics[0].range.start)
        #expect(position == SourcePos(line: 2, column: 7))
    }

    @Test func readOnlyArraysStayReadOnly() {
        let run = check("r[0] = 1")
        #expect(
            run.diagnostics.map(\.message) == [
                "cannot assign through subscript: 'r' is a read-only array parameter"
            ])
    }

    @Test func aTopLevelRedeclarationReplacesTheSessionVariable() {
        // `n` is declared again: the input's own `n` (a Double) is the only one in scope,
        // so its use before the declaration is an error, as it would be in a function.
        #expect(check("var n = 2.5\nn * 2").diagnostics.isEmpty)
        #expect(
            check("n = 3\nvar n = 2.5").diagnostics.map(\.message) == ["cannot find 'n' in scope"])
    }

    @Test func statementsOnlyNoDefinitions() {
        let file = SourceFile(name: "<input>", text: "n + 1; func f() {}\n}")
        let (_, syntax) = Parser.parseInput(file, functionName: SessionScope.inputName)
        #expect(syntax.map(\.message) == ["a function must be defined in an input of its own"])
        let closer = Parser.parseInput(
            SourceFile(name: "<input>", text: "n + 1\n}"), functionName: SessionScope.inputName)
        #expect(closer.diagnostics.map(\.message) == ["unexpected '}' that closes nothing"])
    }
}
