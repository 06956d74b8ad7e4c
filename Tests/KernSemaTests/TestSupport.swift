import Foundation
import KernBasics
import KernSyntax
import Testing

@testable import KernSema

/// Helpers for the Sema tests: parse + check a source string, and assert diagnostics by
/// message substring and line:column. Positions are given either as numbers or as a
/// marker — a snippet of the source whose first character is where the caret must be
/// (its line:column is computed with `SourceFile.position(of:)`).

struct SemaRun {
    let file: SourceFile
    let ast: AST
    let parseDiagnostics: [Diagnostic]
    let program: CheckedProgram?
    let diagnostics: [Diagnostic]

    /// "line:col: message" for every Sema diagnostic.
    var messages: [String] {
        diagnostics.map { d in
            let p = file.position(of: d.range.start)
            return "\(p.line):\(p.column): \(d.message)"
        }
    }

    /// line:column of the `occurrence`-th (1-based) appearance of `marker` in the source.
    func position(of marker: String, occurrence: Int = 1) -> SourcePos? {
        let bytes = Array(marker.utf8)
        guard !bytes.isEmpty else { return nil }
        var seen = 0
        var i = 0
        let text = file.utf8
        while i + bytes.count <= text.count {
            if Array(text[i..<(i + bytes.count)]) == bytes {
                seen += 1
                if seen == occurrence { return file.position(of: SourceLoc(i)) }
            }
            i += 1
        }
        return nil
    }
}

func sema(_ source: String) -> SemaRun {
    let file = SourceFile(name: "test.kern", text: source)
    let (ast, parseDiagnostics) = Parser.parse(file)
    let (program, diagnostics) = Sema.check(ast, in: file)
    return SemaRun(
        file: file, ast: ast, parseDiagnostics: parseDiagnostics, program: program,
        diagnostics: diagnostics)
}

/// Checks a program that must be accepted; returns it for side-table assertions.
@discardableResult
func expectAccepted(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> SemaRun
{
    let run = sema(source)
    #expect(
        run.parseDiagnostics.isEmpty, "parse errors: \(run.parseDiagnostics.map(\.message))",
        sourceLocation: sourceLocation)
    #expect(run.diagnostics.isEmpty, "unexpected: \(run.messages)", sourceLocation: sourceLocation)
    #expect(run.program != nil, sourceLocation: sourceLocation)
    if let program = run.program {
        // An accepted program has a real type for every expression IRGen may visit.
        // A generic function's own nodes are not (its instances' copies are).
        let templates = run.ast.functions.filter { !$0.genericParams.isEmpty }.map(\.range)
        let untyped = program.ast.exprs.ids.filter { id in
            let r = program.ast.exprs[id].range
            let inTemplate =
                id.index < run.ast.exprs.count
                && templates.contains { $0.start <= r.start && r.end <= $0.end }
            return !inTemplate && program.type(of: id) == .error
        }
        #expect(
            untyped.isEmpty, "expressions left untyped: \(untyped.map { program.ast.exprs[$0].kind })",
            sourceLocation: sourceLocation)
    }
    return run
}

/// Checks a program that must be rejected with exactly `count` errors, one of which
/// contains `message` at the position of `marker` (or `line`:`column`), optionally with
/// a help containing `help`.
@discardableResult
func expectError(
    _ source: String, _ message: String, at marker: String? = nil, occurrence: Int = 1,
    line: Int? = nil, column: Int? = nil, help: String? = nil, count: Int? = 1,
    sourceLocation: SourceLocation = #_sourceLocation
) -> SemaRun {
    let run = sema(source)
    #expect(
        run.parseDiagnostics.isEmpty, "parse errors: \(run.parseDiagnostics.map(\.message))",
        sourceLocation: sourceLocation)
    #expect(run.program == nil, "program was accepted", sourceLocation: sourceLocation)
    if let count {
        #expect(
            run.diagnostics.count == count, "diagnostics: \(run.messages)",
            sourceLocation: sourceLocation)
    }
    var expectedPos: SourcePos?
    if let marker {
        expectedPos = run.position(of: marker, occurrence: occurrence)
        #expect(
            expectedPos != nil, "marker '\(marker)' not in source", sourceLocation: sourceLocation)
    } else if let line, let column {
        expectedPos = SourcePos(line: UInt32(line), column: UInt32(column))
    }
    let matching = run.diagnostics.filter { $0.message.contains(message) }
    #expect(
        !matching.isEmpty, "no diagnostic contains '\(message)': \(run.messages)",
        sourceLocation: sourceLocation)
    if let d = matching.first {
        if let expectedPos {
            let p = run.file.position(of: d.range.start)
            #expect(
                p == expectedPos, "'\(d.message)' at \(p), expected \(expectedPos)",
                sourceLocation: sourceLocation)
        }
        if let help {
            #expect(
                d.help?.contains(help) == true, "help was \(d.help ?? "nil"), expected '\(help)'",
                sourceLocation: sourceLocation)
        }
    }
    return run
}

/// Wraps statements in a function body.
func body(_ statements: String, params: String = "", returns: String? = nil) -> String {
    "func f(\(params))\(returns.map { " -> \($0)" } ?? "") {\n\(statements)\n}\n"
}

extension SemaRun {
    /// The first expression whose source text is exactly `text`.
    func expr(_ text: String) -> ExprID? {
        for id in ast.exprs.ids {
            let r = ast.exprs[id].range
            let lo = Int(r.start.offset)
            let hi = Int(r.end.offset)
            guard lo <= hi, hi <= file.utf8.count else { continue }
            if String(decoding: file.utf8[lo..<hi], as: UTF8.self) == text { return id }
        }
        return nil
    }

    func type(of text: String) -> SemaType? {
        guard let program, let e = expr(text) else { return nil }
        return program.type(of: e)
    }

    func constant(of text: String) -> ConstantValue? {
        guard let program, let e = expr(text) else { return nil }
        return program.constants[e]
    }

    /// What the call written `text` resolved to (nil when rejected or not a call).
    func call(of text: String) -> CallKind? {
        guard let program, let e = expr(text) else { return nil }
        return program.calls[e]
    }

    /// What the member access written `text` resolved to (nil when rejected or none).
    func member(of text: String) -> MemberKind? {
        guard let program, let e = expr(text) else { return nil }
        return program.members[e]
    }

    /// The local named `name` (the first declared).
    func local(_ name: String) -> LocalID? {
        guard let program else { return nil }
        return program.locals.ids.first { program.locals[$0].name == name }
    }
}

/// One row of a table-driven rejection test: the arguments of `expectError` as data, with
/// the name the test had when it was a function of its own (shown by the test runner).
struct RejectCase: CustomTestStringConvertible, Sendable {
    var name: String
    var source: String
    var message: String
    var marker: String?
    var occurrence: Int
    var line: Int?
    var column: Int?
    var help: String?
    var count: Int?

    init(
        _ name: String, _ source: String, _ message: String, at marker: String? = nil,
        occurrence: Int = 1, line: Int? = nil, column: Int? = nil, help: String? = nil,
        count: Int? = 1
    ) {
        self.name = name
        self.source = source
        self.message = message
        self.marker = marker
        self.occurrence = occurrence
        self.line = line
        self.column = column
        self.help = help
        self.count = count
    }

    var testDescription: String { name }

    /// Runs `expectError` with this row's arguments.
    func check() {
        expectError(
            source, message, at: marker, occurrence: occurrence, line: line, column: column,
            help: help, count: count)
    }
}

extension RejectCase {
    /// The rows of `Rejections/<file>.txt` (next to this file). Each case is a line
    /// `=== name`, then `key: value` lines — `error` (the message), and optionally `at`
    /// (the marker), `occurrence`, `line`, `column`, `help`, `count` (a number, or `any`);
    /// `\n` in a value is a newline —, then `---` and the Kern source up to the next
    /// `===` line (without the newline that ends the last line).
    static func load(_ file: String) -> [RejectCase] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Rejections/\(file).txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("cannot read \(url.path)")
        }
        // Splitting at "\n=== " also takes the newline that ends each source but the last.
        var blocks = ("\n" + text).components(separatedBy: "\n=== ").dropFirst()
        if let last = blocks.popLast() { blocks.append(last.hasSuffix("\n") ? String(last.dropLast()) : last) }
        var rows: [RejectCase] = []
        for block in blocks {
            guard let split = block.range(of: "\n---\n") else {
                preconditionFailure("\(file).txt: no '---' line in '\(block.prefix(40))'")
            }
            var header = block[..<split.lowerBound].components(separatedBy: "\n")
            let source = String(block[split.upperBound...])
            var row = RejectCase(header.removeFirst(), source, "")
            for line in header {
                guard let colon = line.range(of: ": ") else {
                    preconditionFailure("\(file).txt, \(row.name): bad line '\(line)'")
                }
                let value = line[colon.upperBound...].replacingOccurrences(of: "\\n", with: "\n")
                switch line[..<colon.lowerBound] {
                case "error": row.message = value
                case "at": row.marker = value
                case "occurrence": row.occurrence = Int(value) ?? 0
                case "line": row.line = Int(value)
                case "column": row.column = Int(value)
                case "help": row.help = value
                case "count": row.count = value == "any" ? nil : Int(value)
                default: preconditionFailure("\(file).txt, \(row.name): unknown key in '\(line)'")
                }
            }
            rows.append(row)
        }
        return rows
    }
}
