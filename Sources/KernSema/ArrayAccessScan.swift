import KernBasics
import KernSyntax

/// The elements of one array an access may touch: per index position, bounds on the
/// index as polynomials, or nil when nothing is known about that position.
struct ArrayAccess {
    enum Kind: Equatable {
        case read, write, atomic
    }
    /// Lower and upper bounds (inclusive) of one index. Every candidate is a valid
    /// bound (`min(n, (b + 1) * s) - 1` gives two upper bounds), so a proof may use any.
    struct Bounds {
        var lower: [IndexPolynomial]
        var upper: [IndexPolynomial]
    }

    var array: LocalID
    var kind: Kind
    var indices: [Bounds?]
    /// Where the access is: the array's name in the subscript or in the call argument.
    var position: SourceRange
    /// How to name the access in a diagnostic: "the write a[i % 10]".
    var description: String
}

/// Collects every access to a set of arrays in a block, with its index bounds.
///
/// Two modes. In a `prange` body, the tracked arrays are the locals declared before the
/// loop; indices are polynomials in the loop variable and in loop-invariant atoms, and
/// the variables of loops inside the body are replaced by their ranges. In a function
/// summary, the tracked arrays are the function's array parameters, and indices are
/// polynomials in its scalar parameters (`p<k>`), so that a caller can substitute its
/// arguments. Calls of user functions contribute their summaries (when `summaries` is
/// given), so an access through a callee's `inout` parameter is seen at the call.
struct ArrayAccessScan: StatementScan {
    enum Mode {
        /// A prange body: the loop variable and the scan of its scalar writes (for
        /// loop invariance).
        case prange(loopVariable: LocalID, scan: ParallelScan)
        /// The body of function `function`.
        case summary(function: Int)
    }

    let checker: Checker
    let mode: Mode
    /// Function summaries for calls, or nil to ignore calls (used while the callee may
    /// not be checked yet).
    let summaries: ((Int) -> [[ArrayAccess]])?
    var accesses: [ArrayAccess] = []
    /// The value of every `let` with one name (substituted into indices).
    let letValues: [LocalID: ExprID]
    /// Loop variable → its loop.
    let loopOf: [LocalID: ForLoopInfo]
    private var polynomialCache: [LocalID: IndexPolynomial?] = [:]

    /// `tables`: the program-wide tables, when the caller made them once for many scans
    /// (they cover the whole program: making them per scan is quadratic in the number of
    /// `prange`s). Only valid once every function body is checked.
    init(
        checker: Checker, mode: Mode, summaries: ((Int) -> [[ArrayAccess]])?,
        tables: ScanTables? = nil
    ) {
        self.checker = checker
        self.mode = mode
        self.summaries = summaries
        let t = tables ?? ScanTables(checker: checker)
        letValues = t.letValues
        loopOf = t.loopOf
    }

    /// The array (and the indices already applied) a tracked array expression denotes:
    /// `a`, `m[i]` (a row), or a `let` view of one.
    func trackedRoot(_ e: ExprID) -> (array: LocalID, prefix: [ExprID], name: ExprID)? {
        var e = checker.stripParens(e)
        var prefix: [[ExprID]] = []
        var steps = 0
        while case .subscriptAccess(let base, let indices) = checker.kind(e), steps < 10_000 {
            prefix.append(indices)
            e = checker.stripParens(base)
            steps += 1
        }
        guard case .name = checker.kind(e), case .local(let id)? = checker.references[e],
            case .array = checker.locals[id].type
        else { return nil }
        let own = prefix.reversed().flatMap { $0 }
        // A `let` view of an array (`let row = m[i]`) aliases it: its accesses are the
        // viewed array's.
        if checker.locals[id].kind == .letBinding, let value = letValues[id], steps < 100,
            let outer = trackedRoot(value)
        {
            return (outer.array, outer.prefix + own, e)
        }
        return isTracked(id) ? (id, own, e) : nil
    }

    func isTracked(_ id: LocalID) -> Bool {
        switch mode {
        case .prange(let loopVariable, _):
            return id < loopVariable
        case .summary(let function):
            if case .param = checker.locals[id].kind {
                return checker.locals[id].function == function
            }
            return false
        }
    }

    // MARK: Traversal

    mutating func scanAssign(target: ExprID, op: CompoundOp?, value: ExprID) {
        if let root = trackedRoot(target), checker.stripParens(target) != root.name {
            record(root, kind: .write, at: target)
            for index in root.prefix { scanExpr(index) }
        } else {
            scanExpr(target)
        }
        scanExpr(value)
    }

    mutating func scanExpr(_ e: ExprID, depth: Int = 0) {
        guard depth < 1_000 else { return }
        let d = depth + 1
        switch checker.kind(e) {
        case .subscriptAccess(let base, let indices):
            // `m[i]` of a rank-2 `m` is a row view, not an access: what is read through
            // it is (`m[i][j]`, or the callee's accesses when it is an argument).
            if case .scalar = checker.exprType(e), let root = trackedRoot(e) {
                record(root, kind: .read, at: e)
                for index in root.prefix { scanExpr(index, depth: d) }
            } else {
                scanExpr(base, depth: d)
                for index in indices { scanExpr(index, depth: d) }
            }
        case .call(let callee, let arguments):
            scanCall(e, callee: callee, arguments: arguments, depth: d)
        case .inoutRef(let inner):
            scanExpr(inner, depth: d)
        case .unary, .member, .tupleElement, .paren, .binary, .ternary, .tuple:
            scanOperands(of: e, depth: d)
        case .name, .integerLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .arrayType,
            .error, .implicitMember:
            break
        }
    }

    mutating func scanCall(_ e: ExprID, callee: ExprID, arguments: [Argument], depth: Int) {
        switch checker.calls[e] {
        case .atomicAdd?:
            for (k, argument) in arguments.enumerated() {
                if k == 0,
                    case .inoutRef(let target) = checker.kind(checker.stripParens(argument.value)),
                    let root = trackedRoot(target), checker.stripParens(target) != root.name
                {
                    record(root, kind: .atomic, at: target)
                    for index in root.prefix { scanExpr(index, depth: depth) }
                } else {
                    scanExpr(argument.value, depth: depth)
                }
            }
        case .function(let f)?:
            scanExpr(callee, depth: depth)
            let signature = checker.functions[f]
            for (k, argument) in arguments.enumerated() {
                var value = checker.stripParens(argument.value)
                if case .inoutRef(let inner) = checker.kind(value) {
                    value = checker.stripParens(inner)
                }
                guard k < signature.params.count, case .array = signature.params[k].type,
                    let root = trackedRoot(value), let summaries
                else {
                    scanExpr(argument.value, depth: depth)
                    continue
                }
                for index in root.prefix { scanExpr(index, depth: depth) }
                let summary = summaries(f)
                guard k < summary.count else { continue }
                for inner in summary[k] {
                    recordThroughCall(root, inner, callee: f, arguments: arguments)
                }
            }
        case .elementwise?:
            // The call reads its array arguments and writes its out: array at every
            // element: accesses without indices, which no other access is disjoint from.
            scanExpr(callee, depth: depth)
            for argument in arguments {
                var value = checker.stripParens(argument.value)
                var kind = ArrayAccess.Kind.read
                if case .inoutRef(let inner) = checker.kind(value) {
                    value = checker.stripParens(inner)
                    kind = .write
                }
                if let root = trackedRoot(value), case .array = checker.exprType(value) {
                    record(root, kind: kind, at: value)
                    for index in root.prefix { scanExpr(index, depth: depth) }
                } else {
                    scanExpr(argument.value, depth: depth)
                }
            }
        default:
            scanExpr(callee, depth: depth)
            for argument in arguments { scanExpr(argument.value, depth: depth) }
        }
    }

    // MARK: Recording

    mutating func record(
        _ root: (array: LocalID, prefix: [ExprID], name: ExprID), kind: ArrayAccess.Kind,
        at e: ExprID
    ) {
        let verb: String
        switch kind {
        case .read: verb = "the read"
        case .write: verb = "the write to"
        case .atomic: verb = "the atomic update of"
        }
        let position = checker.range(root.name)
        accesses.append(
            ArrayAccess(
                array: root.array, kind: kind, indices: root.prefix.map { bounds(of: $0) },
                position: position,
                description:
                    "\(verb) \(checker.text(of: checker.range(e))) at \(checker.file.displayPosition(of: position.start))"
            ))
    }

    /// An access a callee makes to its array parameter, seen at the call: the callee's
    /// parameters in the bounds are replaced by the arguments.
    mutating func recordThroughCall(
        _ root: (array: LocalID, prefix: [ExprID], name: ExprID), _ inner: ArrayAccess,
        callee f: Int, arguments: [Argument]
    ) {
        var parameters: [String: IndexPolynomial?] = [:]
        for (k, argument) in arguments.enumerated() {
            parameters["p\(k)"] = polynomial(of: argument.value)
        }
        func substitute(_ p: IndexPolynomial, upper: Bool) -> [IndexPolynomial]? {
            var p = p
            for atom in p.atoms {
                guard let value = parameters[atom] ?? nil,
                    let next = p.substituting(atom, with: value)
                else { return nil }
                p = next
            }
            return eliminateLoopVariables(p, upper: upper)
        }
        var indices = root.prefix.map { bounds(of: $0) }
        for b in inner.indices {
            guard let b else {
                indices.append(nil)
                continue
            }
            let lower = b.lower.flatMap { substitute($0, upper: false) ?? [] }
            let upper = b.upper.flatMap { substitute($0, upper: true) ?? [] }
            indices.append(lower.isEmpty || upper.isEmpty ? nil : .init(lower: lower, upper: upper))
        }
        let name = checker.functions[f].name
        let position = checker.range(root.name)
        accesses.append(
            ArrayAccess(
                array: root.array, kind: inner.kind, indices: indices, position: position,
                description:
                    "the call of '\(name)' at \(checker.file.displayPosition(of: position.start)) (\(inner.description) in '\(name)')"
            ))
    }

    // MARK: Index bounds

    /// Bounds of an index expression with the loop variables inside the scanned region
    /// replaced by their ranges.
    mutating func bounds(of e: ExprID) -> ArrayAccess.Bounds? {
        guard let p = polynomial(of: e) else { return nil }
        let lower = eliminateLoopVariables(p, upper: false)
        let upper = eliminateLoopVariables(p, upper: true)
        return lower.isEmpty || upper.isEmpty ? nil : .init(lower: lower, upper: upper)
    }

    /// Is this local a loop variable declared inside the scanned region?
    func isInnerLoopVariable(_ id: LocalID) -> Bool {
        guard checker.locals[id].kind == .loopVariable, loopOf[id] != nil else { return false }
        switch mode {
        case .prange(let loopVariable, _): return id > loopVariable
        case .summary(let function): return checker.locals[id].function == function
        }
    }

    /// Lower (or upper) bounds of `p` over the ranges of the inner loop variables it
    /// mentions, innermost first (an inner range may mention an outer variable).
    /// Each variable must occur linearly with a constant coefficient.
    mutating func eliminateLoopVariables(_ p: IndexPolynomial, upper: Bool) -> [IndexPolynomial] {
        let inner = p.atoms.compactMap { atom -> LocalID? in
            guard atom.hasPrefix("v"), let raw = UInt32(atom.dropFirst()) else { return nil }
            let id = LocalID(raw: raw)
            return isInnerLoopVariable(id) ? id : nil
        }
        guard let v = inner.max() else { return [p] }
        let atom = "v\(v.raw)"
        guard let (coefficient, rest) = p.linearSplit(atom), let c = coefficient.constantValue,
            let range = loopRange(v)
        else { return [] }
        let candidates = (c > 0) == upper ? range.upper : range.lower
        var results: [IndexPolynomial] = []
        for candidate in candidates {
            guard let scaled = IndexPolynomial(constant: c) * candidate, let sum = rest + scaled
            else { continue }
            results += eliminateLoopVariables(sum, upper: upper)
            if results.count >= 8 { break }
        }
        return Array(results.prefix(8))
    }

    /// The inclusive range of a loop variable as candidate bounds.
    mutating func loopRange(_ v: LocalID) -> (lower: [IndexPolynomial], upper: [IndexPolynomial])? {
        guard let loop = loopOf[v] else { return nil }
        return sequenceRange(loop.sequence)
    }

    /// The inclusive range of the values a loop sequence yields, as candidate bounds.
    mutating func sequenceRange(_ sequence: LoopSequence)
        -> (lower: [IndexPolynomial], upper: [IndexPolynomial])?
    {
        let one = IndexPolynomial(constant: 1)
        func minusOne(_ list: [IndexPolynomial]) -> [IndexPolynomial] {
            list.compactMap { $0 - one }
        }
        func plusOne(_ list: [IndexPolynomial]) -> [IndexPolynomial] {
            list.compactMap { $0 + one }
        }
        switch sequence {
        case .range(let lower, let upper, let inclusive):
            let lo = lower.map { candidates($0, upper: false) } ?? [.zero]
            let hi = candidates(upper, upper: true)
            return (lo, inclusive ? hi : minusOne(hi))
        case .indices(let array):
            guard let count = invariantAtom(array, suffix: ".count") else { return nil }
            return ([.zero], minusOne([count]))
        case .stride(let from, let to, let by, let inclusive):
            guard let step = polynomial(of: by)?.constantValue, step != 0 else { return nil }
            let start = candidates(from, upper: step < 0)
            let end = candidates(to, upper: step > 0)
            if step > 0 { return (start, inclusive ? end : minusOne(end)) }
            return (inclusive ? end : plusOne(end), start)
        case .reversed(let forward):
            // The same values as the forward sequence.
            return sequenceRange(forward)
        }
    }

    /// Bounds an expression gives: `min(a, b)` is at most a and at most b.
    mutating func candidates(_ e: ExprID, upper: Bool) -> [IndexPolynomial] {
        let s = checker.stripParens(e)
        if case .call(_, let arguments) = checker.kind(s), arguments.count == 2,
            checker.calls[s] == .math(upper ? .min : .max)
        {
            return arguments.flatMap { candidates($0.value, upper: upper) }
        }
        // `let end = min(n, (b + 1) * size)` used as a bound.
        if case .local(let id)? = checker.references[s], checker.locals[id].kind == .letBinding,
            let value = letValues[id], isInnerLet(id)
        {
            return candidates(value, upper: upper)
        }
        return polynomial(of: e).map { [$0] } ?? []
    }

    /// Is this `let` declared inside the scanned region (so its value is its definition)?
    func isInnerLet(_ id: LocalID) -> Bool {
        switch mode {
        case .prange(let loopVariable, _): return id > loopVariable
        case .summary(let function): return checker.locals[id].function == function
        }
    }

    /// `x.count` of an array whose count cannot change in the region, as an atom.
    func invariantAtom(_ array: ExprID, suffix: String) -> IndexPolynomial? {
        guard case .prange(_, let scan) = mode, scan.isInvariant(array) || isArrayName(array),
            let key = structuralKey(array)
        else { return nil }
        return IndexPolynomial(atom: "e(\(key)\(suffix))")
    }

    func isArrayName(_ e: ExprID) -> Bool {
        guard case .local(let id)? = checker.references[checker.stripParens(e)] else {
            return false
        }
        if case .array = checker.locals[id].type { return isTracked(id) }
        return false
    }

    /// The polynomial an integer expression equals, or nil.
    mutating func polynomial(of e: ExprID, depth: Int = 0) -> IndexPolynomial? {
        guard depth < 100 else { return nil }
        let e = checker.stripParens(e)
        let isWide: Bool
        if case .scalar(let s) = checker.exprType(e), s.isInteger {
            isWide = s.bitWidth == 64
        } else {
            return nil
        }
        switch checker.kind(e) {
        case .integerLiteral(let value?, _):
            return IndexPolynomial(constant: Int(truncatingIfNeeded: value))
        case .name:
            if case .integer(_, let bits)? = checker.constants[e] {
                return IndexPolynomial(constant: Int(truncatingIfNeeded: bits))  // file constant
            }
            guard case .local(let id)? = checker.references[e] else { return nil }
            return polynomial(ofLocal: id, depth: depth + 1)
        case .unary(.negate, let x, _) where isWide:
            return polynomial(of: x, depth: depth + 1)?.negated
        case .binary(let op, let l, let r, _)
        where isWide && (op == .add || op == .sub || op == .mul):
            if let a = polynomial(of: l, depth: depth + 1),
                let b = polynomial(of: r, depth: depth + 1)
            {
                switch op {
                case .add: if let s = a + b { return s }
                case .sub: if let s = a - b { return s }
                default: if let s = a * b { return s }
                }
            }
        case .call(_, let arguments) where arguments.count == 1:
            // A widening (or same-width) integer conversion keeps the value.
            // (Int(u) of a 64-bit u keeps the bit pattern, which is what wrapping
            // polynomial arithmetic computes with.)
            if case .conversion? = checker.calls[e],
                case .scalar(let from) = checker.exprType(arguments[0].value), from.isInteger,
                isWide
            {
                if let p = polynomial(of: arguments[0].value, depth: depth + 1) { return p }
            }
        default:
            break
        }
        if case .prange(_, let scan) = mode, scan.isInvariant(e), let key = structuralKey(e) {
            return IndexPolynomial(atom: "e(\(key))")
        }
        return nil
    }

    mutating func polynomial(ofLocal id: LocalID, depth: Int) -> IndexPolynomial? {
        if let cached = polynomialCache[id] { return cached }
        let info = checker.locals[id]
        var result: IndexPolynomial?
        switch mode {
        case .prange(let loopVariable, let scan):
            if id == loopVariable || isInnerLoopVariable(id)
                || (id < loopVariable && !scan.written.contains(id))
            {
                result = IndexPolynomial(atom: "v\(id.raw)")
            }
        case .summary(let function):
            if info.function == function, case .param(let k) = info.kind, !info.isInout {
                result = IndexPolynomial(atom: "p\(k)")
            } else if isInnerLoopVariable(id) {
                result = IndexPolynomial(atom: "v\(id.raw)")
            }
        }
        if result == nil, info.kind == .letBinding, let value = letValues[id] {
            polynomialCache[id] = .some(nil)  // a cycle is impossible, but never recurse twice
            result = polynomial(of: value, depth: depth + 1)
        }
        polynomialCache[id] = .some(result)
        return result
    }

    /// A string that is equal for structurally equal invariant expressions.
    func structuralKey(_ e: ExprID, depth: Int = 0) -> String? {
        guard depth < 50 else { return nil }
        let e = checker.stripParens(e)
        switch checker.kind(e) {
        case .integerLiteral(let value?, _): return "\(value)"
        case .name:
            if let c = checker.constants[e] { return "c(\(c))" }  // a file-scope constant
            guard case .local(let id)? = checker.references[e] else { return nil }
            return "v\(id.raw)"
        case .unary(let op, let x, _):
            return structuralKey(x, depth: depth + 1).map { "\(op.rawValue)\($0)" }
        case .binary(let op, let l, let r, _):
            guard let a = structuralKey(l, depth: depth + 1),
                let b = structuralKey(r, depth: depth + 1)
            else { return nil }
            return "(\(a)\(op.spelling)\(b))"
        case .member(let base, let name, _):
            return structuralKey(base, depth: depth + 1).map { "\($0).\(name)" }
        case .call(let callee, let arguments):
            var parts: [String] = []
            for a in arguments {
                guard let k = structuralKey(a.value, depth: depth + 1) else { return nil }
                parts.append(k)
            }
            let head: String
            switch checker.kind(checker.stripParens(callee)) {
            case .name(let n): head = n
            case .member(let base, let n, _):
                guard let b = structuralKey(base, depth: depth + 1) else { return nil }
                head = "\(b).\(n)"
            default: return nil
            }
            return "\(head)(\(parts.joined(separator: ",")))"
        default:
            return nil
        }
    }
}

/// The program-wide lookups an `ArrayAccessScan` needs.
struct ScanTables {
    /// The value of every `let` with one name.
    let letValues: [LocalID: ExprID]
    /// Loop variable → its loop.
    let loopOf: [LocalID: ForLoopInfo]

    init(checker: Checker) {
        var lets: [LocalID: ExprID] = [:]
        for (stmt, ids) in checker.declaredLocals where ids.count == 1 {
            guard stmt.index < checker.ast.stmts.count,
                case .binding(false, _, _, let value?) = checker.ast.stmts[stmt].kind
            else { continue }
            lets[ids[0]] = value
        }
        letValues = lets
        var loops: [LocalID: ForLoopInfo] = [:]
        for info in checker.loops.values { loops[info.variable] = info }
        loopOf = loops
    }
}
