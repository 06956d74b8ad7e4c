import KernBasics

/// Prints an AST as S-expressions, one function per line, for tests and
/// `kernelc --dump-ast`. In: an AST. Out: text such as
/// `(func f (params (x Double)) -> Double (block (return (+ x 1))))`.
/// Ranges are not printed; tests check them separately.
public struct ASTDumper {
    let ast: AST

    public init(_ ast: AST) { self.ast = ast }

    /// `.sum` as `(. sum)`; out of the recursive `expr` so its stack frame does not grow.
    @inline(never)
    static func implicitMemberText(_ name: String) -> String { "(. " + name + ")" }

    /// The whole file: one line per file-scope constant (as its binding), then one per
    /// function.
    public static func dump(_ ast: AST) -> String {
        let dumper = ASTDumper(ast)
        return
            (ast.fileConstants.map { dumper.stmt($0) } + ast.functions.map { dumper.function($0) })
            .joined(separator: "\n")
    }

    public func function(_ f: FunctionDecl) -> String {
        var parts = ["func"]
        for a in f.attributes {
            parts.append(a.argument.map { "@\(a.name)(\($0))" } ?? "@\(a.name)")
        }
        parts.append(f.name)
        let params = f.params.map { p in
            let label = p.label == p.name ? "" : "\(p.label ?? "_") "
            return "(\(label)\(p.name) \(p.isInout ? "inout " : "")\(type(p.type)))"
        }
        parts.append("(params" + params.map { " " + $0 }.joined() + ")")
        if let r = f.returnType { parts.append("-> \(type(r))") }
        parts.append(block(f.body))
        return "(" + parts.joined(separator: " ") + ")"
    }

    public func type(_ t: TypeSyntax) -> String {
        switch t {
        case .named(let name, _): name
        case .array(let element, _): "[\(type(element))]"
        case .tuple(let elements, _): "(" + elements.map { type($0) }.joined(separator: ", ") + ")"
        }
    }

    public func block(_ b: Block) -> String {
        "(block" + b.stmts.map { " " + stmt($0) }.joined() + ")"
    }

    public func stmt(_ id: StmtID) -> String {
        switch ast.stmts[id].kind {
        case .binding(let isVar, let pattern, let type, let value):
            var s = "(\(isVar ? "var" : "let") \(self.pattern(pattern))"
            if let type { s += ": \(self.type(type))" }
            if let value { s += " \(expr(value))" }
            return s + ")"
        case .assign(let target, let op, let value, _):
            return "(\(op?.spelling ?? "=") \(expr(target)) \(expr(value)))"
        case .expr(let e):
            return expr(e)
        case .ifStmt(let condition, let then, let elseBranch):
            return "(if \(expr(condition)) \(block(then))"
                + (elseBranch.map { " " + stmt($0) } ?? "") + ")"
        case .block(let b):
            return block(b)
        case .whileStmt(let condition, let body):
            return "(while \(expr(condition)) \(block(body)))"
        case .repeatWhile(let body, let condition):
            return "(repeat \(block(body)) \(expr(condition)))"
        case .forIn(let variable, _, let sequence, let body):
            return "(for \(variable) \(expr(sequence)) \(block(body)))"
        case .returnStmt(let value):
            return value.map { "(return \(expr($0)))" } ?? "(return)"
        case .breakStmt:
            return "(break)"
        case .continueStmt:
            return "(continue)"
        case .error:
            return "(error)"
        }
    }

    func pattern(_ p: Pattern) -> String {
        switch p {
        case .name(let name, _): name
        case .tuple(let names, _): "(" + names.map(\.name).joined(separator: " ") + ")"
        }
    }

    public func expr(_ id: ExprID) -> String {
        switch ast.exprs[id].kind {
        case .integerLiteral(let value, let text):
            return value.map(String.init) ?? "<overflow \(text)>"
        case .floatLiteral(let text):
            return text
        case .boolLiteral(let b):
            return String(b)
        case .stringLiteral(let s):
            return "\"" + s.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
        case .name(let name):
            return name
        case .arrayType(let t):
            return type(t)
        case .unary(let op, let operand, _):
            return "(\(op.rawValue) \(expr(operand)))"
        case .binary(let op, let lhs, let rhs, _):
            return "(\(op.spelling) \(expr(lhs)) \(expr(rhs)))"
        case .ternary(let condition, let then, let otherwise):
            return "(? \(expr(condition)) \(expr(then)) \(expr(otherwise)))"
        case .inoutRef(let e):
            return "(& \(expr(e)))"
        case .call(let callee, let arguments):
            let args = arguments.map { a in " " + (a.label.map { "\($0): " } ?? "") + expr(a.value)
            }
            return "(call \(expr(callee))" + args.joined() + ")"
        case .subscriptAccess(let base, let indices):
            return "(subscript \(expr(base))" + indices.map { " " + expr($0) }.joined() + ")"
        case .member(let base, let name, _):
            return "(. \(expr(base)) \(name))"
        case .tupleElement(let base, let index, _):
            return "(. \(expr(base)) \(index))"
        case .implicitMember(let name):
            return Self.implicitMemberText(name)
        case .tuple(let elements):
            return "(tuple" + elements.map { " " + expr($0) }.joined() + ")"
        case .paren(let e):
            return "(paren \(expr(e)))"
        case .error:
            return "(error)"
        }
    }
}
