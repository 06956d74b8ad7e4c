import KernBasics

/// Which `prange` blocks run as SIMD lanes (SPMD, issue 16), and what in their body is
/// uniform (one scalar for every lane) or varying (one value per lane).
///
/// Why an analysis and not a rewriting pass: Kern IR has no vector types, and giving it
/// some would touch every stage (verifier, printer, parser, interpreter). The decision
/// is made here, on Kern IR, as a pure function of the module (so `kernelc report` and
/// codegen agree), and LLVM lowering (KernLLVM/Codegen+SPMD.swift) emits the lanes.
/// docs/decisions.md, "SPMD prange bodies".
///
/// A `.blocked` loop (one block of an outlined `prange`) runs as lanes when
/// - its body has branchy control flow LLVM's loop vectorizer leaves scalar: a `while`
///   or `repeat` loop, or an `if` on a varying condition (the cost model: anything else
///   LLVM vectorizes itself, or it does not pay);
/// - it gathers or scatters no element in an innermost loop (contiguous accesses are
///   fine), except `a[i, j]` with `i` the loop variable, `j` uniform and `a` a read-only
///   rank-2 array no written array overlaps: those rows are copied once per group into a
///   lane-major buffer ("cached rows", the k-means point coordinates), where every later
///   read is one contiguous vector load;
/// - every operation in it has a lane form: arithmetic, comparisons, conversions, math
///   (computed lane by lane with the scalar functions, so results are bitwise those of
///   scalar code), selects, slots, element loads and stores (gathers and scatters with
///   the lane mask), checks, `if`, `while`, `repeat`, `break`, `continue`, and serial
///   `for` loops with uniform integer bounds and step 1;
/// - every element write has an index affine in the loop variable (which the race rule
///   guarantees for plain writes), or is the store of an array reduction's
///   read-modify-write `local[b] += e`, which runs lane after lane (SPMDSerialUpdates.swift;
///   scalar reductions keep one partial per lane, combined in lane order after the loop);
///   `atomicAdd` also runs lane after lane;
/// - it has no calls, random numbers, prints, clocks, MPI, local arrays, nested `prange`s
///   or tuples that vary by lane.
/// Lane-ordered updates also make a body worth running as lanes without branches: LLVM
/// vectorizes no loop with a histogram update. So does an inner `for` loop that carries a
/// floating-point value in a slot from one trip to the next (nbody's `ax += f * dx`):
/// under strict FP LLVM may not reassociate that sum, so the inner loop stays scalar,
/// while as lanes every iteration keeps its own sum in its own order.
///
/// Uniform: values computed only from values defined outside the loop, constants,
/// array extents, inner `for` loops' induction variables and slots the body never
/// writes, and element loads at uniform indices. Varying: the induction variable, every
/// slot the body writes (kept per lane), and everything computed from a varying value.
public struct SPMDDecision: Sendable, Hashable {
    /// Why a blocked loop stays scalar, or `nil` when it runs as lanes.
    public var reason: String?
    /// The scalar type that fixes the lane count: the widest varying floating type, else
    /// the widest varying type (lanes = vector bits / its width).
    public var laneType: ScalarType
    /// Masked constructs in the body, for reports: "while", "repeat", "if".
    public var masked: [String]
    /// Values that differ by lane.
    public var varying: Set<ValueID>
    /// Slots the body writes (one vector per slot).
    public var varyingSlots: Set<SlotID>
    /// Varying values whose lanes are consecutive integers (`i`, `i + k`, `i - k` with
    /// `k` uniform): an element access indexed by one in the last dimension is contiguous.
    public var consecutive: Set<ValueID>
    /// Serial regions (SPMDSerialUpdates.swift): the result of each region's first
    /// instruction (its element load) and the region's instruction count.
    public var serialRegions: [ValueID: Int] = [:]
    /// The body has `atomicAdd`s (run lane after lane).
    public var hasAtomics = false
    /// An inner `for` loop writes a floating-point slot (a per-iteration sum the loop
    /// carries, which LLVM's vectorizer leaves scalar under strict FP), and nothing else
    /// (branches, lane-ordered updates) made the body worth lanes.
    public var hasInnerSums = false
    /// Rank-2 arrays whose rows `a[i, …]` (`i` the loop variable) each group copies once
    /// into a lane-major buffer, so reads `a[i, j]` with `j` uniform are vector loads
    /// instead of gathers. Only arrays the loop never writes and no written array
    /// overlaps (`unaliased`).
    public var cachedRows: Set<ValueID> = []
    /// Each block runs as two interleaved streams of groups — one from each half of its
    /// iterations, alternating — so a body streaming a large array (a histogram) keeps
    /// two memory streams in flight (docs/decisions.md, "SPMD prange bodies"). Only when
    /// the order of the block's iterations cannot show: lane-ordered updates, atomics and
    /// reductions all on integers (wrapping, so exact in any order) and no check left in
    /// the body (the error would not be the lowest failing iteration's).
    public var twoStreams = false

    public var isSPMD: Bool { reason == nil }

    /// Lanes for varying values of `vectorBits` bits (at least 2, at most 16); twice as
    /// many (at most 32) when rows are cached: such a body is a loop nest whose inner loop
    /// carries a per-lane sum (k-means: `dist += diff * diff`), a dependency chain as long
    /// as the loop, so more independent lanes per instruction hide its latency (measured
    /// in docs/decisions.md, "SPMD prange bodies").
    public func lanes(vectorBits: Int) -> Int {
        let (bits, cap) = cachedRows.isEmpty ? (vectorBits, 16) : (2 * vectorBits, 32)
        return min(cap, max(2, bits / max(laneType.bitWidth, 8)))
    }

    /// "SPMD: 8 lanes, masked while, if" or "scalar: <reason>".
    public func summary(vectorBits: Int) -> String {
        if let reason { return "not SPMD: \(reason)" }
        let what = masked.isEmpty ? "" : ", masked " + masked.joined(separator: ", ")
        let serial = serialRegions.isEmpty && !hasAtomics ? "" : ", updates in lane order"
        let sums = hasInnerSums ? ", sums per lane in an inner loop" : ""
        let count = cachedRows.count
        let rows =
            count == 0 ? "" : ", rows of \(count) array\(count == 1 ? "" : "s") cached per group"
        let streams = twoStreams ? ", two streams per block" : ""
        return
            "SPMD: \(lanes(vectorBits: vectorBits)) lanes\(what)\(serial)\(sums)\(rows)\(streams)"
    }
}

/// The SPMD decision for one blocked loop of `f`. `unaliased`: array values of `f` that
/// share no memory with any array `f` may write (the `noalias` parameters of
/// ArrayAliasing.swift); only those may have their rows cached per group.
public func spmdDecision(_ loop: ForLoop, in f: Function, unaliased: Set<ValueID> = [])
    -> SPMDDecision
{
    var scan = SPMDScan(function: f, unaliased: unaliased)
    scan.run(loop)
    return SPMDDecision(
        reason: scan.reason, laneType: scan.laneType, masked: scan.maskedKinds,
        varying: scan.varying, varyingSlots: scan.writtenSlots, consecutive: scan.consecutive,
        serialRegions: scan.serialRegions, hasAtomics: scan.hasAtomics,
        hasInnerSums: scan.hasInnerSums,
        cachedRows: scan.reason == nil ? scan.cachedRows : [],
        twoStreams: scan.reason == nil && scan.cachedRows.isEmpty && scan.orderFree(loop))
}

/// One walk over a blocked loop's body: uniformity, eligibility, cost model.
struct SPMDScan {
    let function: Function
    var varying = Set<ValueID>()
    var writtenSlots = Set<SlotID>()
    var reason: String?
    var masked = Set<String>()
    /// Constants defined in the function (to recognise step 1).
    var constants: [ValueID: Constant] = [:]
    /// The induction variable and values affine in it (`i`, `i + k`, `n - 1 - i`,
    /// `i * m + j` with `k`, `n`, `m`, `j` uniform).
    var affine = Set<ValueID>()
    /// Values whose lanes are consecutive (`SPMDDecision.consecutive`).
    var consecutive = Set<ValueID>()
    /// Lane-ordered updates found (SPMDDecision.serialRegions, hasAtomics).
    var serialRegions: [ValueID: Int] = [:]
    var hasAtomics = false
    /// `SPMDDecision.hasInnerSums`.
    var hasInnerSums = false
    /// How many `for` loops of the body the walk is inside.
    var loopDepth = 0
    /// Instructions using each value in the loop body (for serial regions).
    var uses: [ValueID: Int] = [:]
    /// Arrays that share no memory with a written array (`spmdDecision`'s `unaliased`).
    let unaliased: Set<ValueID>
    /// Arrays the loop body writes elements of.
    var writtenArrays = Set<ValueID>()
    /// The blocked loop's induction variable.
    var induction: ValueID?
    /// The array each row view in the body was taken from.
    var viewOf: [ValueID: ValueID] = [:]
    /// `SPMDDecision.cachedRows`.
    var cachedRows = Set<ValueID>()
    /// A check (bounds, divisor, precondition, stride) is left in the body.
    var hasChecks = false
    /// A lane-ordered update or `atomicAdd` on floating-point elements (its order shows).
    var hasFloatingUpdates = false

    init(function: Function, unaliased: Set<ValueID>) {
        self.function = function
        self.unaliased = unaliased
        func collect(_ block: Block) {
            for instr in block.instrs {
                if case .constant(let c) = instr.op, let r = instr.result { constants[r] = c }
                if case .subview(let a, _) = instr.op, let r = instr.result { viewOf[r] = a }
                instr.op.nestedBlocks.forEach(collect)
            }
        }
        collect(function.body)
    }

    var maskedKinds: [String] { ["while", "repeat", "if"].filter { masked.contains($0) } }

    /// The lane type: the widest varying floating type, else the widest varying type.
    var laneType: ScalarType {
        let types = varying.compactMap { function.values[$0].scalar }
        let floats = types.filter(\.isFloating)
        let pool = floats.isEmpty ? types : floats
        return pool.max { $0.bitWidth < $1.bitWidth } ?? .int64
    }

    mutating func reject(_ why: String) { if reason == nil { reason = why } }

    mutating func run(_ loop: ForLoop) {
        guard case .blocked = loop.kind else { return reject("not a prange block") }
        guard function.values[loop.induction].scalar == .int64, !loop.inclusive,
            isOne(loop.step)
        else { return reject("not a unit-step integer loop") }
        collectWrittenSlots(loop.body)
        uses = spmdValueUses(loop.body)
        induction = loop.induction
        varying.insert(loop.induction)
        affine.insert(loop.induction)
        consecutive.insert(loop.induction)
        block(loop.body)
        // Inner sums count only where nothing else makes the body worth lanes (so the
        // report names the reason that decided).
        if !masked.isEmpty || !serialRegions.isEmpty { hasInnerSums = false }
        if masked.isEmpty && serialRegions.isEmpty && !hasInnerSums {
            reject("no branchy code (LLVM's vectorizer handles the rest)")
        }
    }

    private func isOne(_ v: ValueID) -> Bool {
        if case .integer(1)? = constants[v] { return true }
        return false
    }

    /// The array `v` is a row (of a row …) of.
    private func root(_ v: ValueID) -> ValueID {
        var v = v
        while let source = viewOf[v] { v = source }
        return v
    }

    private mutating func collectWrittenSlots(_ b: Block) {
        for instr in b.instrs {
            if case .store(let s, _) = instr.op { writtenSlots.insert(s) }
            if case .storeElement(let a, _, _) = instr.op { writtenArrays.insert(root(a)) }
            if case .atomicAdd(let a, _, _) = instr.op { writtenArrays.insert(root(a)) }
            for nested in instr.op.nestedBlocks { collectWrittenSlots(nested) }
        }
    }

    /// Inside how many innermost loops (0 or 1) the walk is: a gather or scatter there
    /// runs on every trip of the hottest loop, where it costs more than the lanes gain
    /// (measured: a k-means assignment, 16 lanes gathering a point's coordinates, ran
    /// 2× slower than scalar code).
    var innermostLoopDepth = 0

    private mutating func inLoop(_ blocks: [Block]) {
        let innermost = !blocks.contains { $0.instrs.contains(where: \.op.containsLoop) }
        if innermost { innermostLoopDepth += 1 }
        for b in blocks { block(b) }
        if innermost { innermostLoopDepth -= 1 }
    }

    /// Every index uniform but the last, which has consecutive lanes (a masked vector
    /// access when the last stride is 1 at run time).
    private func mayBeContiguous(_ indices: [ValueID]) -> Bool {
        guard let last = indices.last, consecutive.contains(last) else { return false }
        return !indices.dropLast().contains(where: varying.contains)
    }

    /// `a[i, j]` with `i` the loop variable and `j` uniform, `a` never written in the loop
    /// and overlapping no written array: its rows can be read once per group (a gather
    /// per column) and kept, since nothing changes them while the loop runs.
    private func mayCacheRows(_ a: ValueID, _ indices: [ValueID]) -> Bool {
        indices.count == 2 && indices[0] == induction && !varying.contains(indices[1])
            && unaliased.contains(a) && !writtenArrays.contains(a)
    }

    private mutating func block(_ b: Block) {
        var k = 0
        while k < b.instrs.count && reason == nil {
            if let region = serialRegion(b, at: k) {
                k = region.upperBound + 1
            } else {
                instr(b.instrs[k])
                k += 1
            }
        }
    }

    /// An array reduction's update starting at `b.instrs[k]`, recorded when found: it runs
    /// lane after lane, so none of its instructions needs a lane form.
    private mutating func serialRegion(_ b: Block, at k: Int) -> ClosedRange<Int>? {
        let affine = self.affine
        let region = spmdSerialRegion(in: b, at: k, uses: uses) { store in
            guard case .storeElement(_, let indices, _) = store.op else { return false }
            return !indices.contains(where: affine.contains)
        }
        if let region, let loaded = b.instrs[k].result {
            serialRegions[loaded] = region.count
            if function.values[loaded].scalar?.isFloating != false { hasFloatingUpdates = true }
        }
        return region
    }

    private mutating func instr(_ instr: Instr) {
        let anyVarying = instr.op.operands.contains { varying.contains($0) }
        func defineVarying(_ yes: Bool) {
            if yes, let r = instr.result { varying.insert(r) }
        }
        switch instr.op {
        case .constant, .dim:
            break
        case .binary(let op, let x, let y) where op == .add || op == .sub || op == .mul:
            let (ax, ay) = (affine.contains(x), affine.contains(y))
            let (ux, uy) = (!varying.contains(x), !varying.contains(y))
            let isAffine =
                op == .mul ? (ax && uy) || (ux && ay) : (ax && (ay || uy)) || (ay && ux)
            if isAffine, let r = instr.result { affine.insert(r) }
            let (cx, cy) = (consecutive.contains(x), consecutive.contains(y))
            if (op == .add && ((cx && uy) || (ux && cy))) || (op == .sub && cx && uy),
                let r = instr.result
            {
                consecutive.insert(r)
            }
            defineVarying(anyVarying)
        case .unary, .binary, .compare, .convert, .math, .select:
            if case .array = instr.result.map({ function.values[$0] }) ?? .void, anyVarying {
                return reject("selects an array view by lane")
            }
            defineVarying(anyVarying)
        case .load(let s):
            defineVarying(writtenSlots.contains(s))
        case .store(let s, _):
            if function.slots[s].type.scalar == nil { reject("keeps a tuple per lane") }
            if loopDepth > 0, function.slots[s].type.scalar?.isFloating == true {
                hasInnerSums = true
            }
        case .makeTuple, .extract:
            if anyVarying { reject("a tuple varies by lane") }
        case .loadElement(let a, let indices):
            // The same element for every lane is one scalar: no other iteration writes an
            // element two iterations read (the race rule).
            defineVarying(anyVarying)
            if anyVarying && innermostLoopDepth > 0 && !mayBeContiguous(indices) {
                if mayCacheRows(a, indices) {
                    cachedRows.insert(a)
                } else {
                    reject("gathers elements in an inner loop (slower than scalar code)")
                }
            }
        case .storeElement(_, let indices, _):
            if innermostLoopDepth > 0 && !mayBeContiguous(indices) {
                reject("scatters elements in an inner loop (slower than scalar code)")
            }
            // The race rule keeps iterations' plain writes apart by an index affine in
            // the loop variable; a write without one is an array reduction's private
            // copy, where lanes would update one element at once.
            if !indices.contains(where: affine.contains) {
                reject("writes an element not indexed by the loop variable (array reduction)")
            }
        case .subview(_, let index):
            if varying.contains(index) { return reject("takes a row view by lane") }
        case .checkBounds, .checkDivisor, .precondition, .checkStride:
            hasChecks = true
        case .ifElse(let c, let then, let otherwise):
            if varying.contains(c) { masked.insert("if") }
            block(then)
            block(otherwise)
        case .whileLoop(let cond, _, let body):
            masked.insert("while")
            inLoop([cond, body])
        case .repeatLoop(let body, let cond, _):
            masked.insert("repeat")
            inLoop([body, cond])
        case .forLoop(let inner):
            guard case .serial = inner.kind else { return reject("has a nested prange") }
            guard function.values[inner.induction].scalar?.isInteger == true,
                !varying.contains(inner.lower), !varying.contains(inner.upper),
                isOne(inner.step)
            else { return reject("has an inner loop whose bounds vary by lane or step is not 1") }
            loopDepth += 1
            inLoop([inner.body])
            loopDepth -= 1
        case .breakLoop, .continueLoop:
            break
        case .call: reject("calls a function")
        case .atomicAdd(_, _, let v):
            hasAtomics = true
            if function.values[v].scalar?.isFloating != false { hasFloatingUpdates = true }
        case .random, .rngIteration: reject("draws random numbers")
        case .print: reject("prints")
        case .clock: reject("reads the clock")
        case .callC: reject("calls a C function")
        case .mpi: reject("calls MPI")
        case .allocArray: reject("allocates a local array")
        case .parallelFor: reject("has a nested prange")
        case .returnValue: reject("returns")
        }
    }
}

extension SPMDScan {
    /// Whether the block's iterations may run as two interleaved streams (`twoStreams`):
    /// the body has lane-ordered updates or atomics (the streaming histogram the layout
    /// was measured on), all of them and every reduction on integers, and no check.
    func orderFree(_ loop: ForLoop) -> Bool {
        guard !serialRegions.isEmpty || hasAtomics, !hasChecks, !hasFloatingUpdates,
            case .blocked(let reductions) = loop.kind
        else { return false }
        return reductions.allSatisfy { function.slots[$0.slot].type.scalar?.isFloating == false }
    }
}

extension Op {
    /// A loop, or an instruction with a loop nested in it.
    var containsLoop: Bool {
        switch self {
        case .forLoop, .whileLoop, .repeatLoop: return true
        default: return nestedBlocks.contains { $0.instrs.contains(where: \.op.containsLoop) }
        }
    }
}
