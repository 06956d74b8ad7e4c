import KernBasics

/// The abstract syntax tree, stored as arenas of nodes addressed by typed IDs
/// (DESIGN.md example 2). The parser produces it; Sema reads it and never mutates it.
/// Every node carries the source range it was parsed from. Only the parser builds nodes,
/// so they use Swift's implicit (internal) memberwise initializers.

/// An expression node of an `AST` (`e4` when printed).
public typealias ExprID = ArenaIndex<ExprTag>
/// A statement node of an `AST` (`s2` when printed).
public typealias StmtID = ArenaIndex<StmtTag>

/// The kind of `ExprID`.
public enum ExprTag: ArenaTag { public static var prefix: String { "e" } }
/// The kind of `StmtID`.
public enum StmtTag: ArenaTag { public static var prefix: String { "s" } }

/// A parsed source file: file-scope constants and functions plus the node arenas they
/// point into.
public struct AST: Sendable {
    public var exprs = IndexedArray<ExprID, Expr>()
    public var stmts = IndexedArray<StmtID, Stmt>()
    public var functions: [FunctionDecl] = []
    /// File-scope `let` (and, rejected by Sema, `var`) declarations: `.binding` statements
    /// in source order (LANGUAGE.md §3, "File-scope constants").
    public var fileConstants: [StmtID] = []
    public init() {}
}

// MARK: - Types as written

/// A type annotation as written in source: `Double`, `[Float]`, `[[Int32]]`, `(Int, Double)`.
public indirect enum TypeSyntax: Sendable, Hashable {
    case named(String, SourceRange)
    case array(element: TypeSyntax, SourceRange)
    case tuple([TypeSyntax], SourceRange)

    public var range: SourceRange {
        switch self {
        case .named(_, let r), .array(_, let r), .tuple(_, let r): return r
        }
    }
}

// MARK: - Declarations

public struct Attribute: Sendable, Hashable {
    /// `vectorize`, `inline`.
    public var name: String
    /// `never` / `always` for `@inline(...)`; nil otherwise.
    public var argument: String?
    public var range: SourceRange
    /// `@extern(c, "symbol")`: the C symbol, when written.
    public var symbol: String?
    /// `@extern(c, pure)`: further identifiers after the argument.
    public var options: [String] = []
}

public struct Param: Sendable, Hashable {
    /// The external label: the name itself for `a: Float`, nil for `_ a: Float`,
    /// `by` for `by n: Int`.
    public var label: String?
    public var name: String
    public var nameRange: SourceRange
    public var type: TypeSyntax
    public var isInout: Bool
    public var range: SourceRange
}

public struct Block: Sendable, Hashable {
    public var stmts: [StmtID]
    /// From `{` to `}` inclusive.
    public var range: SourceRange
}

public struct FunctionDecl: Sendable, Hashable {
    public var attributes: [Attribute]
    public var name: String
    public var nameRange: SourceRange
    public var params: [Param]
    public var returnType: TypeSyntax?
    public var body: Block
    /// The `func` keyword's range.
    public var funcKeywordRange: SourceRange
    /// From the first attribute or `func` to the closing `}`.
    public var range: SourceRange
    /// `<T: BinaryFloatingPoint>`: a generic function (a template Sema instantiates).
    public var genericParams: [GenericParam] = []
    /// For an instance (`axpy<Double>`): the generic function's name (`axpy`).
    public var instanceOf: String?
    /// False for a body-less declaration (`@extern(c) func f(_ x: Double) -> Double`);
    /// `body` is then empty.
    public var hasBody = true
}

/// `T: BinaryFloatingPoint` in a generic parameter list.
public struct GenericParam: Sendable, Hashable {
    public var name: String
    public var nameRange: SourceRange
    /// The protocol as written (Sema checks that Kern knows it).
    public var constraint: String
    public var constraintRange: SourceRange
}

// MARK: - Statements

public struct Stmt: Sendable, Hashable {
    public var kind: StmtKind
    public var range: SourceRange
}

/// A binding pattern: `x` or `(q, r)`.
public enum Pattern: Sendable, Hashable {
    case name(String, SourceRange)
    case tuple([(name: String, range: SourceRange)], SourceRange)

    public static func == (a: Pattern, b: Pattern) -> Bool {
        switch (a, b) {
        case (.name(let x, let r), .name(let y, let s)): return x == y && r == s
        case (.tuple(let xs, let r), .tuple(let ys, let s)):
            return r == s && xs.count == ys.count
                && zip(xs, ys).allSatisfy { $0.name == $1.name && $0.range == $1.range }
        default: return false
        }
    }
    public func hash(into h: inout Hasher) {
        switch self {
        case .name(let n, let r):
            h.combine(n)
            h.combine(r)
        case .tuple(let xs, let r):
            for x in xs { h.combine(x.name) }
            h.combine(r)
        }
    }
}

/// `+= -= *= /= %= &= |= ^= <<= >>=`; `=` is `nil` in `StmtKind.assign`.
public enum CompoundOp: Sendable, Hashable, CaseIterable {
    case add, sub, mul, div, rem, and, or, xor, shl, shr

    /// How it is written: the binary operator's spelling and `=` (`+=`, `<<=`).
    public var spelling: String { binaryOp.spelling + "=" }

    /// The binary operator this compound assignment applies.
    public var binaryOp: BinaryOp {
        switch self {
        case .add: .add
        case .sub: .sub
        case .mul: .mul
        case .div: .div
        case .rem: .rem
        case .and: .bitAnd
        case .or: .bitOr
        case .xor: .bitXor
        case .shl: .shl
        case .shr: .shr
        }
    }
}

public indirect enum StmtKind: Sendable, Hashable {
    /// `let x = e`, `var x: T = e`, `var x: T`, `let (q, r) = e`.
    case binding(isVar: Bool, pattern: Pattern, type: TypeSyntax?, value: ExprID?)
    /// `target = value` (op nil) or `target op= value`. `opRange` covers the operator.
    case assign(target: ExprID, op: CompoundOp?, value: ExprID, opRange: SourceRange)
    case expr(ExprID)
    /// `if c { } else if c { } else { }`: `elseBranch` is an `.ifStmt` or a `.block` stmt.
    case ifStmt(condition: ExprID, then: Block, elseBranch: StmtID?)
    /// A braced block used as an `else` branch.
    case block(Block)
    case whileStmt(condition: ExprID, body: Block)
    case repeatWhile(body: Block, condition: ExprID)
    /// `for name in sequence { }`; the sequence is a range, `x.indices`, a `stride(...)`
    /// call or a `prange(...)` call, checked by Sema.
    case forIn(variable: String, variableRange: SourceRange, sequence: ExprID, body: Block)
    case returnStmt(ExprID?)
    case breakStmt
    case continueStmt
    /// Produced after a syntax error so later nodes keep their places.
    case error
}

// MARK: - Expressions

public struct Expr: Sendable, Hashable {
    public var kind: ExprKind
    public var range: SourceRange
}

public enum UnaryOp: String, Sendable, Hashable {
    case negate = "-"
    case not = "!"
    case bitNot = "~"
}

/// A binary operator; its spelling is its token's (`Punct`), written once there.
public enum BinaryOp: Sendable, Hashable, CaseIterable {
    case shl, shr, mul, div, rem, bitAnd, add, sub, bitOr, bitXor
    case halfOpenRange, closedRange, eq, ne, lt, le, gt, ge, and, or

    /// How it is written: `<<`, `..<`, `&&`, ….
    public var spelling: String { token.rawValue }

    /// The token that spells it.
    var token: Punct {
        switch self {
        case .shl: .shl
        case .shr: .shr
        case .mul: .star
        case .div: .slash
        case .rem: .percent
        case .bitAnd: .amp
        case .add: .plus
        case .sub: .minus
        case .bitOr: .pipe
        case .bitXor: .caret
        case .halfOpenRange: .halfOpenRange
        case .closedRange: .closedRange
        case .eq: .eq
        case .ne: .ne
        case .lt: .lt
        case .le: .le
        case .gt: .gt
        case .ge: .ge
        case .and: .andAnd
        case .or: .orOr
        }
    }

    /// Swift precedence, higher binds tighter (LANGUAGE.md §4).
    public var precedence: Int {
        switch self {
        case .shl, .shr: 7
        case .mul, .div, .rem, .bitAnd: 6
        case .add, .sub, .bitOr, .bitXor: 5
        case .halfOpenRange, .closedRange: 4
        case .eq, .ne, .lt, .le, .gt, .ge: 3
        case .and: 2
        case .or: 1
        }
    }
}

public struct Argument: Sendable, Hashable {
    public var label: String?
    public var labelRange: SourceRange?
    public var value: ExprID
}

public indirect enum ExprKind: Sendable, Hashable {
    /// Integer literal; `value` is nil when it exceeds UInt64 (Sema reports it).
    case integerLiteral(value: UInt64?, text: String)
    /// Floating literal, as written minus underscores (Sema rounds it to the contextual type).
    case floatLiteral(text: String)
    case boolLiteral(Bool)
    /// String literal with escapes already processed.
    case stringLiteral(String)
    case name(String)
    /// An array type used as a callee: `[Double](repeating: 0, count: n)`.
    case arrayType(TypeSyntax)
    case unary(UnaryOp, operand: ExprID, opRange: SourceRange)
    case binary(BinaryOp, lhs: ExprID, rhs: ExprID, opRange: SourceRange)
    case ternary(condition: ExprID, then: ExprID, else: ExprID)
    /// `&x` / `&a[i]`: only valid as a call argument.
    case inoutRef(ExprID)
    case call(callee: ExprID, arguments: [Argument])
    /// `x[i]`, `m[i, j]`.
    case subscriptAccess(base: ExprID, indices: [ExprID])
    /// `x.count`, `Double.pi`, `x.shape` (as a callee), `v.isNaN`.
    case member(base: ExprID, name: String, nameRange: SourceRange)
    /// `.sum`: an implicit member expression, only valid as the operation argument of
    /// `allreduce` (Kern has no enums; Sema rejects it anywhere else).
    case implicitMember(String)
    /// `t.0`.
    case tupleElement(base: ExprID, index: Int, indexRange: SourceRange)
    /// `(a, b)`; a parenthesised single expression is `.paren`.
    case tuple([ExprID])
    case paren(ExprID)
    /// Produced after a syntax error.
    case error
}
