/// The loops of a module as the source wrote them, for `KernReport`.
/// In: the Kern IR module fresh from IRGen (before the passes: parallel loops are still
/// loops there, with their reductions). Out: one `LoopSite` per loop, in source order.
import KernBasics
import KernIR

struct LoopSite {
    /// The loop's identity: the report joins checks and LLVM remarks on it.
    var id: LoopID
    var function: String
    var pos: SourcePos
    var kind: LoopReport.Kind
    var depth: Int
    /// Outlined to the thread pool: an outermost `prange` of its function.
    var parallel: Bool
    var reductions: [ReductionReport]
    /// Contains another loop, directly or in a function it calls (LLVM vectorizes
    /// innermost loops only, after inlining).
    var hasInnerLoop: Bool
}

enum LoopInventory {
    /// Every loop with a known position, per function in source order.
    static func sites(of module: KernIR.Module) -> [(function: KernIR.Function, loops: [LoopSite])]
    {
        let looping = functionsWithLoops(module)
        return module.functions.elements.map { f in
            var sites: [LoopSite] = []
            collect(f.body, in: f, depth: 0, insideParallel: false, looping: looping, into: &sites)
            return (f, sites)
        }
    }

    /// Functions that run a loop, themselves or through a call.
    private static func functionsWithLoops(_ module: KernIR.Module) -> Set<FunctionID> {
        var result = Set<FunctionID>()
        var changed = true
        while changed {
            changed = false
            for id in module.functions.ids where !result.contains(id) {
                if runsLoop(module.functions[id].body, calling: result) {
                    result.insert(id)
                    changed = true
                }
            }
        }
        return result
    }

    /// Whether `block` has a loop or calls one of `looping`.
    private static func runsLoop(_ block: Block, calling looping: Set<FunctionID>) -> Bool {
        block.instrs.contains { instr in
            switch instr.op {
            case .forLoop, .whileLoop, .repeatLoop: return true
            case .call(let callee, _), .parallelFor(let callee, _, _, _, _):
                if looping.contains(callee) { return true }
            default: break
            }
            return instr.op.nestedBlocks.contains { runsLoop($0, calling: looping) }
        }
    }

    private static func collect(
        _ block: Block, in f: KernIR.Function, depth: Int, insideParallel: Bool,
        looping: Set<FunctionID>, into sites: inout [LoopSite]
    ) {
        for instr in block.instrs {
            // What kind of loop, if any: (kind, parallel, reductions).
            var shape: (LoopReport.Kind, Bool, [ReductionReport])?
            var nestedParallel = insideParallel
            switch instr.op {
            case .forLoop(let loop):
                switch loop.kind {
                case .serial:
                    shape = (.for, false, [])
                case .blocked(let reductions):
                    shape = (.prange, false, reductions.map { describe($0, in: f) })
                case .parallel(let reductions, let arrays):
                    shape = (
                        .prange, !insideParallel,
                        reductions.map { describe($0, in: f) }
                            + arrays.map { _ in
                                ReductionReport(variable: "array", op: "+", isArray: true)
                            }
                    )
                    nestedParallel = true
                }
            case .whileLoop: shape = (.while, false, [])
            case .repeatLoop: shape = (.repeat, false, [])
            default: break
            }
            let site = shape.map { kind, parallel, reductions in
                guard let id = instr.loop else {
                    preconditionFailure("IRGen gives every loop a LoopID")
                }
                return LoopSite(
                    id: id, function: f.name, pos: instr.pos, kind: kind, depth: depth,
                    parallel: parallel, reductions: reductions, hasInnerLoop: false)
            }
            // Loops without a position (hand-written IR) are not reported.
            guard var found = site, found.pos != .unknown else {
                for nested in instr.op.nestedBlocks {
                    collect(
                        nested, in: f, depth: depth, insideParallel: insideParallel,
                        looping: looping,
                        into: &sites)
                }
                continue
            }
            let index = sites.count
            sites.append(found)
            for nested in instr.op.nestedBlocks {
                collect(
                    nested, in: f, depth: depth + 1, insideParallel: nestedParallel,
                    looping: looping,
                    into: &sites)
            }
            found.hasInnerLoop =
                sites.count > index + 1
                || instr.op.nestedBlocks.contains { runsLoop($0, calling: looping) }
            sites[index] = found
        }
    }

    private static func describe(_ r: Reduction, in f: KernIR.Function) -> ReductionReport {
        let slot = f.slots[r.slot]
        let isBool = slot.type == .scalar(.bool)
        let op: String =
            switch r.op {
            case .add: "+"
            case .mul: "*"
            case .and: isBool ? "&&" : "&"
            case .or: isBool ? "||" : "|"
            case .xor: "^"
            case .min: "min"
            case .max: "max"
            }
        return ReductionReport(variable: slot.name, op: op)
    }
}
