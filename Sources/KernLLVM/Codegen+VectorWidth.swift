/// The `prefer-vector-width` of each generated function (issue 16.5; docs/vector-math.md,
/// "Vector width"). In: the IR module and the options. Out: 512 or 256 bits per function.
import KernBasics
import KernIR

extension Codegen {
    /// The width function `id` prefers: the option when given; else 512 bits when it or a
    /// function it calls computes enough per element to gain from them (floating math
    /// functions or divisions, or SPMD lane groups, whose vector types are 512-bit), and
    /// 256 bits for code that only moves, adds and multiplies data (512 on AMD Zen 4:
    /// `TargetSelection.dataMovingVectorWidth`). Why: 512-bit accesses
    /// to data that is not 64-byte aligned cross a cache line on *every* access (a Swift
    /// array's elements start 32 bytes into its allocation; a stencil's `a[j - 1]`,
    /// `a[j + 1]` are never aligned), 256-bit ones on a quarter of them. Measured (1
    /// thread, this 2-core AVX-512 VM): the suite's 250² stencil, 2000 steps, 185 ms per
    /// call with 512 bits, 85 ms with 256 (whole `kernelc run` CPU time minus the same
    /// program without steps); clang -O3's i-k-j matmul 512² on arrays 32 bytes past a
    /// 64-byte boundary 23.3 ms with 512 bits, 12.1 ms with 256 (10.3 ms with 512 bits
    /// when aligned). Per function, since one module mixes a stencil with a `main` that
    /// rounds and divides; a function's callees are inlined into it, and a `prange`
    /// body into its trampoline, which takes the body's width.
    func vectorWidth(_ id: FunctionID) -> Int {
        if let chosen = options.preferredVectorWidth { return chosen }
        return computesPerElement(id) ? target.preferredVectorWidth : target.dataMovingVectorWidth
    }

    /// True when function `id` or a function it calls has a floating-point math function or
    /// division, random draws, or an SPMD lane group (see `computesPerElement(_:in:)`).
    func computesPerElement(_ id: FunctionID) -> Bool {
        var seen: Set<FunctionID> = []
        var work = [id]
        while let next = work.popLast() {
            guard seen.insert(next).inserted else { continue }
            let f = ir.functions[next]
            if computesPerElement(f.body, in: f) { return true }
            work += callees(f.body)
        }
        return false
    }

    private func callees(_ block: Block) -> [FunctionID] {
        block.instrs.flatMap { instr -> [FunctionID] in
            var out: [FunctionID] = []
            if case .call(let callee, _) = instr.op { out.append(callee) }
            return out + instr.op.nestedBlocks.flatMap(callees)
        }
    }

    /// True when `block` (nested blocks included) has a floating-point math function or
    /// division, random draws, or a blocked loop that runs as SPMD lanes.
    private func computesPerElement(_ block: Block, in f: KernIR.Function) -> Bool {
        for instr in block.instrs {
            switch instr.op {
            case .math(_, let args):
                if args.contains(where: { f.values[$0].scalar?.isFloating == true }) {
                    return true
                }
            case .random:
                return true  // Philox rounds, and log/cos for normal draws
            case .binary(let op, let x, _) where op == .div || op == .rem:
                if f.values[x].scalar?.isFloating == true { return true }
            case .forLoop(let loop):
                if case .blocked = loop.kind, options.spmd, spmdDecision(loop, in: f).isSPMD {
                    return true
                }
            default:
                break
            }
            if instr.op.nestedBlocks.contains(where: { computesPerElement($0, in: f) }) {
                return true
            }
        }
        return false
    }
}
