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
    private var atoms: [AffineAtom: ValueID] = [:]
    private var conditions: [ValueID] = []

    init(_ e: InstrEmitter) { self.e = e }

    /// Adds `lower <= x` / `x <= upper` guards for the loop bounds.
    mutating func guardLoopBounds(lower: ValueID, upper: ValueID) {
        guardMagnitude(lower)
        guardMagnitude(upper)
    }

    /// Requires `0 <= index < bound` for every induction value in `[first, last]`.
    mutating func require(index: AffineForm, bound: AffineForm, first: ValueID, last: ValueID) {
        let k = materialize(index.offset)
        let b = materialize(bound)
        let lowIndex: ValueID
        let highIndex: ValueID
        switch index.coefficient {
        case 0:
            (lowIndex, highIndex) = (k, k)
        default:
            let c = e.i64(index.coefficient)
            let scaledFirst = e.binary(.mul, c, first)
            let atFirst = e.binary(.add, scaledFirst, k)
            let scaledLast = e.binary(.mul, c, last)
            let atLast = e.binary(.add, scaledLast, k)
            (lowIndex, highIndex) = index.coefficient > 0 ? (atFirst, atLast) : (atLast, atFirst)
        }
        let zero = e.i64(0)
        conditions.append(e.emit(.compare(.ge, lowIndex, zero), .scalar(.bool)))
        conditions.append(e.emit(.compare(.lt, highIndex, b), .scalar(.bool)))
    }

    /// The conjunction of everything required so far.
    mutating func result() -> ValueID {
        guard var all = conditions.first else { return e.constant(.bool(true), .bool) }
        for c in conditions.dropFirst() {
            all = e.emit(.binary(.and, all, c), .scalar(.bool))
        }
        return all
    }

    private mutating func materialize(_ f: AffineForm) -> ValueID {
        var sum = e.i64(f.constant)
        for (atom, c) in f.terms.sorted(by: { $0.key < $1.key }) {
            let v = atomValue(atom)
            var term = v
            if c != 1 {
                let factor = e.i64(c)
                term = e.binary(.mul, factor, v)
            }
            sum = e.binary(.add, sum, term)
        }
        return sum
    }

    private mutating func atomValue(_ atom: AffineAtom) -> ValueID {
        if let v = atoms[atom] { return v }
        let v: ValueID
        switch atom {
        case .value(let x): v = x
        case .dim(let a, let axis): v = e.emit(.dim(a, axis: axis), .scalar(.i64))
        }
        atoms[atom] = v
        guardMagnitude(v)
        return v
    }

    private mutating func guardMagnitude(_ v: ValueID) {
        let limit = AffineForm.maxMagnitude
        let low = e.i64(-limit)
        let high = e.i64(limit)
        conditions.append(e.emit(.compare(.ge, v, low), .scalar(.bool)))
        conditions.append(e.emit(.compare(.le, v, high), .scalar(.bool)))
    }
}
