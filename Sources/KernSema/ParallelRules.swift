import KernBasics
import KernSyntax

/// The `prange` rules of LANGUAGE.md §7, run on a loop body that has been type-checked.
///
/// In: the body, the loop variable (every local with a smaller ID was declared before
/// the loop), and whether the loop is nested in another prange. Out: the scalar
/// reductions and array reductions of the loop, or diagnostics: a scalar declared
/// outside and written inside must be a reduction (`s += e`, `s = min(s, e)`,
/// `s = s * e`, … with one operator family, and not otherwise read); a compound
/// assignment that may touch an element of a local array another iteration writes
/// makes that array an array reduction (`+=`/`-=` only). Array races are
/// RaceChecker.swift's. The body is scanned lexically, nested loops included.
extension Checker {
    func analyzeParallelBody(
        _ body: Block, loopVariable: LocalID, isNested: Bool
    ) -> (reductions: [ScalarReduction], arrayReductions: [LocalID]) {
        var scan = ParallelScan(checker: self, loopVariable: loopVariable)
        scan.scanBlock(body)

        var reductions: [ScalarReduction] = []
        for id in scan.writeOrder {
            let info = locals[id]
            guard let writes = scan.writes[id], let firstWrite = writes.first else { continue }
            if let bad = writes.first(where: { $0.op == nil }) {
                error(
                    "variable '\(info.name)' is written inside a prange loop, but not as a reduction",
                    at: bad.range,
                    help:
                        "iterations run concurrently: accumulate with \(info.name) += e (or -=, *=, &=, |=, ^=, \(info.name) = min(\(info.name), e), \(info.name) = max(\(info.name), e)), or declare '\(info.name)' inside the loop"
                )
                continue
            }
            let op = firstWrite.op ?? .add
            if let mixed = writes.first(where: { $0.op != op }) {
                error(
                    "reduction variable '\(info.name)' mixes '\(op.rawValue)' and '\(mixed.op?.rawValue ?? "?")' in one prange loop",
                    at: mixed.range,
                    help: "use one reduction operator per variable (+= and -= together are fine)")
                continue
            }
            if let read = scan.reads[id]?.first {
                error(
                    "reduction variable '\(info.name)' is read inside the prange loop", at: read,
                    help:
                        "its value is known only after the loop; read '\(info.name)' after the loop ends"
                )
                continue
            }
            reductions.append(ScalarReduction(variable: id, op: op))
        }

        // A compound assignment to a local array declared outside the loop that may
        // touch an element another iteration writes makes the array a reduction
        // (private copy per worker). Every other array race is reported by
        // RaceChecker.swift once all bodies are checked (it needs callee summaries).
        var arrayReductions: [LocalID] = []
        var reported: Set<LocalID> = []
        if !isNested {
            var direct = ArrayAccessScan(
                checker: self, mode: .prange(loopVariable: loopVariable, scan: scan), summaries: nil
            )
            direct.scanBlock(body)
            for write in scan.compoundArrayWrites {
                let info = locals[write.array]
                guard info.isLocalArray, info.isMutable,
                    let root = rootName(of: write.target),
                    let access = direct.accesses.first(where: {
                        $0.kind == .write && $0.position == range(root)
                    })
                else { continue }
                let racy = direct.accesses.contains {
                    $0.array == write.array && $0.kind != .read
                        && !accessesAreDisjoint(access, $0, loopVariable: loopVariable)
                }
                guard racy else { continue }
                if write.op == .add || write.op == .sub {
                    if !arrayReductions.contains(write.array) {
                        arrayReductions.append(write.array)
                    }
                } else if !reported.contains(write.array) {
                    reported.insert(write.array)
                    error(
                        "array reduction on '\(info.name)' supports only += and -=",
                        at: range(write.target),
                        help: "use += or -=, or index with the loop variable")
                }
            }
            pendingRaceChecks.append(
                PendingRaceCheck(
                    body: body, loopVariable: loopVariable,
                    excluded: reported.union(arrayReductions)))
        }
        for id in arrayReductions {
            let info = locals[id]
            if let use = (scan.reads[id] ?? []).first ?? scan.plainArrayWrites[id]?.first {
                error(
                    "array reduction '\(info.name)' can only be updated with += or -= inside the prange loop",
                    at: use,
                    help:
                        "each worker accumulates into a private copy, summed after the loop; read '\(info.name)' after the loop"
                )
            }
        }
        return (reductions, arrayReductions)
    }
}

/// One lexical pass over a prange body collecting writes and reads of outside locals.
struct ParallelScan: StatementScan {
    struct Write {
        var op: ReductionOp?
        var range: SourceRange
    }
    struct ArrayWrite {
        var array: LocalID
        var op: CompoundOp
        var target: ExprID
    }

    let checker: Checker
    let loopVariable: LocalID
    var writes: [LocalID: [Write]] = [:]
    var writeOrder: [LocalID] = []
    var reads: [LocalID: [SourceRange]] = [:]
    var plainArrayWrites: [LocalID: [SourceRange]] = [:]
    var compoundArrayWrites: [ArrayWrite] = []
    /// Name expressions that are part of a write, not reads (`s` in `s = s + e`).
    var exempt: Set<ExprID> = []
    /// Every local assigned in the loop (for loop invariance).
    var written: Set<LocalID> = []

    init(checker: Checker, loopVariable: LocalID) {
        self.checker = checker
        self.loopVariable = loopVariable
    }

    func isOutside(_ id: LocalID) -> Bool { id < loopVariable }

    func local(_ e: ExprID) -> LocalID? {
        if case .local(let id)? = checker.references[checker.stripParens(e)] { return id }
        return nil
    }

    mutating func recordWrite(_ id: LocalID, _ op: ReductionOp?, _ r: SourceRange) {
        written.insert(id)
        guard isOutside(id), checker.locals[id].isMutable else { return }
        if case .array = checker.locals[id].type { return }
        if writes[id] == nil { writeOrder.append(id) }
        writes[id, default: []].append(Write(op: op, range: r))
    }

    mutating func scanAssign(target: ExprID, op: CompoundOp?, value: ExprID) {
        let t = checker.stripParens(target)
        switch checker.kind(t) {
        case .name:
            guard let id = local(t) else {
                scanExpr(value)
                return
            }
            exempt.insert(t)
            let reduction = classifyReduction(id, op: op, value: value)
            recordWrite(id, reduction, checker.range(t))
            scanExpr(value)
        case .subscriptAccess:
            let root = checker.rootName(of: t)
            if let root { exempt.insert(root) }
            scanExpr(t)
            scanExpr(value)
            guard let root, let id = local(root), isOutside(id) else { return }
            if let op {
                compoundArrayWrites.append(
                    ArrayWrite(array: id, op: op, target: t))
            } else {
                plainArrayWrites[id, default: []].append(checker.range(t))
            }
        case .integerLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .arrayType, .unary,
            .binary,
            .ternary, .inoutRef, .call, .member, .tupleElement, .tuple, .paren, .error,
            .implicitMember:
            scanExpr(t)
            scanExpr(value)
        }
    }

    /// The reduction a write to `id` performs, or nil when it is not one. Marks the
    /// `s` operand of the spelled-out forms as part of the write.
    mutating func classifyReduction(_ id: LocalID, op: CompoundOp?, value: ExprID) -> ReductionOp? {
        if let op {
            switch op {
            case .add, .sub: return .add
            case .mul: return .mul
            case .and: return .and
            case .or: return .or
            case .xor: return .xor
            case .div, .rem, .shl, .shr: return nil
            }
        }
        let v = checker.stripParens(value)
        switch checker.kind(v) {
        case .binary(let bop, let l, let r, _):
            let rop: ReductionOp
            switch bop {
            case .add, .sub: rop = .add
            case .mul: rop = .mul
            case .bitAnd: rop = .and
            case .bitOr: rop = .or
            case .bitXor: rop = .xor
            case .div, .rem, .shl, .shr, .halfOpenRange, .closedRange, .eq, .ne, .lt, .le, .gt, .ge,
                .and, .or:
                return nil
            }
            if local(l) == id {
                exempt.insert(checker.stripParens(l))
                return rop
            }
            if bop != .sub, local(r) == id {
                exempt.insert(checker.stripParens(r))
                return rop
            }
            return nil
        case .call(_, let arguments):
            guard arguments.count == 2, let call = checker.calls[v] else { return nil }
            let rop: ReductionOp
            switch call {
            case .math(.min): rop = .min
            case .math(.max): rop = .max
            default: return nil
            }
            for argument in arguments where local(argument.value) == id {
                exempt.insert(checker.stripParens(argument.value))
                return rop
            }
            return nil
        default:
            return nil
        }
    }

    mutating func scanExpr(_ e: ExprID, depth: Int = 0) {
        guard depth < 1_000 else { return }
        let d = depth + 1
        switch checker.kind(e) {
        case .name:
            if !exempt.contains(e), case .local(let id)? = checker.references[e], isOutside(id) {
                reads[id, default: []].append(checker.range(e))
            }
        case .inoutRef(let inner):
            if let id = local(inner) { recordWrite(id, nil, checker.range(e)) }
            scanExpr(inner, depth: d)
        case .unary, .binary, .ternary, .member, .tupleElement, .paren, .tuple:
            scanOperands(of: e, depth: d)
        case .call(let callee, let arguments):
            scanExpr(callee, depth: d)
            for argument in arguments { scanExpr(argument.value, depth: d) }
        case .subscriptAccess(let base, let indices):
            scanExpr(base, depth: d)
            for index in indices { scanExpr(index, depth: d) }
        case .integerLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .arrayType, .error,
            .implicitMember:
            break
        }
    }

    // MARK: Index analysis

    /// The shape of an array declared before the loop never changes (its elements may,
    /// and passing it as `&a` counts as a write of `a`).
    func isInvariantShape(_ e: ExprID, depth: Int) -> Bool {
        if let id = local(e), case .array = checker.locals[id].type { return isOutside(id) }
        return isInvariant(e, depth: depth)
    }

    /// Same value in every iteration: literals, outside locals not written in the loop,
    /// and pure operations on them.
    func isInvariant(_ e: ExprID, depth: Int = 0) -> Bool {
        guard depth < 200 else { return false }
        let e = checker.stripParens(e)
        switch checker.kind(e) {
        case .integerLiteral, .floatLiteral, .boolLiteral:
            return true
        case .name:
            if checker.constants[e] != nil { return true }  // a file-scope constant
            guard let id = local(e) else { return false }
            return isOutside(id) && !written.contains(id)
        case .unary(_, let x, _):
            return isInvariant(x, depth: depth + 1)
        case .binary(_, let l, let r, _):
            return isInvariant(l, depth: depth + 1) && isInvariant(r, depth: depth + 1)
        case .member(let base, _, _):
            switch checker.members[e] {
            case .constant?: return true
            case .count?: return isInvariantShape(base, depth: depth + 1)
            default: return false
            }
        case .call(let callee, let arguments):
            switch checker.calls[e] {
            case .conversion?, .math?:
                return arguments.allSatisfy { isInvariant($0.value, depth: depth + 1) }
            case .shape?:
                if case .member(let base, _, _) = checker.kind(callee) {
                    return isInvariantShape(base, depth: depth + 1)
                        && arguments.allSatisfy { isInvariant($0.value, depth: depth + 1) }
                }
                return false
            default:
                return false
            }
        default:
            return false
        }
    }
}
