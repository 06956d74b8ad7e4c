/// The one range test before a versioned loop. In: the loop's bounds and the affine
/// forms of the hoisted checks' indices and bounds. Out: instructions (appended to an
/// `InstrEmitter`) computing a bool that is true only if every hoisted check passes on
/// every iteration of the loop, so the loop may run without them.
///
/// For a check `c*i + k < B` over `i` in `lo ... last` the test is
/// `min(c*lo, c*last) + k >= 0 && max(c*lo, c*last) + k < B`; with guards that every
/// atom and loop bound lies within ±2^40, so the i64 arithmetic of the test and of the
/// loop's own index computations cannot wrap (see `AffineForm`). A false test only
/// means "run the checked loop": it never changes what the program does.
struct RangeTest {
    var e: InstrEmitter
    /// Atoms and constants, one instruction each (the test stays short and readable).
    private var values = AffineValues()
    private var conditions: [ValueID] = []

    init(_ e: InstrEmitter) { self.e = e }

    /// Adds `lower <= x` / `x <= upper` guards for the loop bounds.
    mutating func guardLoopBounds(lower: ValueID, upper: ValueID) {
        guardMagnitude(lower)
        guardMagnitude(upper)
    }

    /// Requires `0 <= index < bound` for every induction value in `[first, last]`.
    mutating func require(index: AffineForm, bound: AffineForm, first: ValueID, last: ValueID) {
        let b = materialize(bound)
        let lowIndex: ValueID
        let highIndex: ValueID
        switch index.coefficient {
        case 0:
            let k = materialize(index.offset)
            (lowIndex, highIndex) = (k, k)
        default:
            let atFirst = materialize(index.offset, plus: scaled(first, by: index.coefficient))
            let atLast = materialize(index.offset, plus: scaled(last, by: index.coefficient))
            (lowIndex, highIndex) = index.coefficient > 0 ? (atFirst, atLast) : (atLast, atFirst)
        }
        let zero = constant(0)
        conditions.append(e.emit(.compare(.ge, lowIndex, zero), .scalar(.bool)))
        conditions.append(e.emit(.compare(.lt, highIndex, b), .scalar(.bool)))
    }

    /// The smallest and the largest value of a strided loop's induction variable
    /// (`lower`, `lower + step`, … while before `upper`, or up to it when inclusive),
    /// bounds included when the loop is empty — a false test then only runs the
    /// (empty) checked loop. The exact last value is
    /// `lower + ((upper - adjust - lower) / step) * step`, `adjust` being the step's sign
    /// for an exclusive loop and 0 otherwise; for a step whose sign is known only at run
    /// time, `select`s pick the order. The step is guarded to ±2^40 like the bounds, so
    /// nothing wraps (IRGen's `check.stride` before the loop has excluded 0).
    mutating func strideEnds(
        lower: ValueID, upper: ValueID, step: ValueID, stepConstant: Int64?, inclusive: Bool
    ) -> (first: ValueID, last: ValueID) {
        let positive: ValueID?
        let adjust: ValueID
        if let k = stepConstant {
            positive = nil
            adjust = constant(inclusive ? 0 : (k > 0 ? 1 : -1))
        } else {
            guardMagnitude(step)
            let zero = constant(0)
            let p = e.emit(.compare(.gt, step, zero), .scalar(.bool))
            positive = p
            if inclusive {
                adjust = zero
            } else {
                let plus = constant(1)
                let minus = constant(-1)
                adjust = e.emit(.select(p, plus, minus), .scalar(.int64))
            }
        }
        let end = e.binary(.sub, upper, adjust)
        let span = e.binary(.sub, end, lower)
        let steps = e.binary(.div, span, step)
        let distance = e.binary(.mul, steps, step)
        let lastValue = e.binary(.add, lower, distance)
        if let k = stepConstant { return k > 0 ? (lower, lastValue) : (lastValue, lower) }
        guard let positive else { return (lower, lastValue) }
        return (
            e.emit(.select(positive, lower, lastValue), .scalar(.int64)),
            e.emit(.select(positive, lastValue, lower), .scalar(.int64))
        )
    }

    /// `upper - 1`: the last induction value of an exclusive loop.
    mutating func lastBeforeExclusive(_ upper: ValueID) -> ValueID {
        let one = constant(1)
        return e.binary(.sub, upper, one)
    }

    /// Conditions above which `result` counts them in groups instead of one `and` chain.
    static let longChain = 32

    /// The conjunction of everything required so far. A long one (many checked arrays)
    /// is the `and` of groups of 16, each "the number of true conditions is 16": LLVM's
    /// SLP vectorizer searches one long `and` chain as a single horizontal reduction, at
    /// a cost growing faster than its length (~0.3 s for 200 arrays), and SCEV splits it
    /// into its operands for every query. Short tests (every benchmark kernel's) stay
    /// one `and` chain, whose facts LLVM sees.
    mutating func result() -> ValueID {
        guard var all = conditions.first else { return e.constant(.bool(true), .bool) }
        if conditions.count <= Self.longChain {
            for c in conditions.dropFirst() {
                all = e.emit(.binary(.and, all, c), .scalar(.bool))
            }
            return all
        }
        var groups: [ValueID] = []
        for start in stride(from: 0, to: conditions.count, by: 16) {
            let group = conditions[start..<min(start + 16, conditions.count)]
            var count: ValueID?
            for c in group {
                let one = e.emit(.convert(c), .scalar(.int64))
                count = count.map { e.binary(.add, $0, one) } ?? one
            }
            guard let count else { preconditionFailure("an empty group of conditions") }
            let size = constant(Int64(group.count))
            groups.append(e.emit(.compare(.eq, count, size), .scalar(.bool)))
        }
        all = groups[0]
        for g in groups.dropFirst() {
            all = e.emit(.binary(.and, all, g), .scalar(.bool))
        }
        return all
    }

    /// The value of `f` (plus `extra`); every atom it uses for the first time gets its
    /// magnitude guard.
    private mutating func materialize(_ f: AffineForm, plus extra: ValueID? = nil) -> ValueID {
        let v = values.value(of: f, plus: extra, &e)
        for atom in values.takeNewAtoms() { guardMagnitude(atom) }
        return v
    }

    private mutating func scaled(_ v: ValueID, by c: Int64) -> ValueID {
        values.scaled(v, by: c, &e)
    }

    private mutating func constant(_ k: Int64) -> ValueID { values.constant(k, &e) }

    private mutating func guardMagnitude(_ v: ValueID) {
        let limit = AffineForm.maxMagnitude
        let low = constant(-limit)
        let high = constant(limit)
        conditions.append(e.emit(.compare(.ge, v, low), .scalar(.bool)))
        conditions.append(e.emit(.compare(.le, v, high), .scalar(.bool)))
    }
}
