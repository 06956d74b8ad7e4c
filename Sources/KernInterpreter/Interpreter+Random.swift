import Foundation
import KernBasics
import KernIR

/// The interpreter's per-call state beyond frames (call depth and the random stream),
/// and the instructions that use it: `random`, `rng.iteration`, `atomic.add`, and the
/// entry into parallel loops (`parallel_for`, or a `parallel` loop before outlining).
/// In: instructions and the state. Out: drawn values, an updated stream, array writes.
struct ExecState {
    var depth = 0
    var random: RandomStream
}

extension ExecState {
    /// What `leaveParallel` restores.
    struct SavedStream {
        var iteration: UInt64
        var ordinal: UInt64
    }

    /// Entering a parallel loop, as the runtime's `kern_parallel_for` does: an outermost
    /// one starts a new region, whose iterations start their own streams
    /// (`rng.iteration`); a nested one keeps drawing from the enclosing stream.
    mutating func enterParallel() -> SavedStream {
        let saved = SavedStream(iteration: random.iteration, ordinal: random.ordinal)
        if random.parallelDepth == 0 { random.regions &+= 1 }
        random.parallelDepth += 1
        return saved
    }

    /// Leaving it: serial code continues its own stream after an outermost loop; after a
    /// nested one the enclosing iteration's stream has advanced by the draws inside.
    mutating func leaveParallel(_ saved: SavedStream) {
        random.parallelDepth -= 1
        if random.parallelDepth == 0 {
            random.iteration = saved.iteration
            random.ordinal = saved.ordinal
        }
    }
}

extension RandomStream {
    /// `rng.iteration`: only the outermost parallel level owns per-iteration streams.
    mutating func startIteration(_ i: Scalar) {
        guard parallelDepth == 1 else { return }
        iteration = i.kind.isSigned ? UInt64(bitPattern: i.int64) : i.uint64
        ordinal = regions << RandomStream.regionShift
    }
}

extension Interpreter {
    func draw(
        _ distribution: RandomDistribution, _ args: [ValueID], _ instr: Instr, _ frame: Frame,
        _ stream: inout RandomStream
    ) throws(IRRuntimeError) -> Scalar {
        switch distribution {
        case .normal:
            return .double(
                RandomValues.normal(stream.next(), log: Foundation.log, cos: Foundation.cos))
        case .uniform:
            let lo = scalar(args[0], frame)
            let hi = scalar(args[1], frame)
            let bits = stream.next().0
            switch lo.kind {
            case .double: return .double(RandomValues.uniform(lo.double, hi.double, bits))
            case .float: return .float(RandomValues.uniform(lo.float, hi.float, bits))
            case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
                let span = Scalar(kind: lo.kind, bits: hi.bits &- lo.bits).bits
                return Scalar(
                    kind: lo.kind, bits: RandomValues.uniformInteger(lo: lo.bits, span: span, bits))
            }
        }
    }

    func atomicAdd(_ a: ValueID, _ indices: [ValueID], _ v: ValueID, _ instr: Instr, _ frame: Frame)
        throws(IRRuntimeError)
    {
        let view = array(a, frame)
        let address = try elementAddress(view, indices.map { scalar($0, frame).int64 }, instr.pos)
        let old = Scalar(kind: view.kind, bits: view.storage.elements[address])
        let sum = try binary(.add, old, scalar(v, frame), instr.pos)
        view.storage.elements[address] = sum.bits
    }
}
