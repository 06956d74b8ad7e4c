/// Source positions in LLVM IR, for optimization remarks (`kernelc report`).
///
/// In: the module being lowered and the Kern source name. Out: a minimal debug-info
/// skeleton — one compile unit, one `DISubprogram` per defined function — and a
/// `DILocation` (line:column of Kern source) on every instruction Codegen emits, plus an
/// `llvm.loop` node on every loop's back edge whose location carries the loop's `LoopID`
/// (`LoopIdentityLine`). LLVM's loop passes report each
/// loop at that location, so a remark names the loop it is about even when two loops
/// share a source position (versions, inlined copies, hand-written IR).
///
/// Only built when `CompileOptions.optimizationRemarks` is on: normal compiles carry no
/// debug info, so their compile latency and code are exactly what they were
/// (docs/decisions.md, "Optimization report").
import KernBasics
import KernIR

/// How a loop's `LoopID` travels through LLVM in report compiles: as the line of its
/// `llvm.loop` location, far above any source line. LLVM remarks about the loop come
/// back at that line.
public enum LoopIdentityLine {
    public static let base: UInt32 = 1 << 24

    /// The line that stands for `loop`.
    static func line(of loop: LoopID) -> UInt32 { base + loop.raw }

    /// The loop an LLVM remark reported at `line` is about, or nil for an ordinary line.
    public static func loop(atLine line: Int) -> LoopID? {
        guard line >= Int(base), let raw = UInt32(exactly: line - Int(base)) else { return nil }
        return LoopID(raw: raw)
    }
}

final class DebugLocations {
    private let builder: Builder
    private let di: DIBuilder
    /// The subprogram of the function being emitted.
    private var scope: LLVMMetadata?
    /// The loop whose instruction is being emitted (its back edge gets the loop's ID).
    private var loop: LoopID?

    init(module: Module, builder: Builder, sourceName: String) {
        self.builder = builder
        di = DIBuilder(module: module, sourceName: sourceName)
    }

    /// Resolves the debug-info nodes; call once after the last function.
    func finalize() { di.finalize() }

    /// Where emission is: the function's subprogram and the current location.
    struct State {
        fileprivate var scope: LLVMMetadata?
        fileprivate var location: LLVMMetadata?
        fileprivate var loop: LoopID?
    }

    var state: State { State(scope: scope, location: builder.debugLocation, loop: loop) }

    func restore(_ saved: State) {
        scope = saved.scope
        loop = saved.loop
        builder.debugLocation = saved.location
    }

    /// Gives `fn` a subprogram named `name` and makes `pos` the current location.
    func beginFunction(_ fn: LLVMValue, name: String, pos: SourcePos) {
        scope = di.subprogram(for: fn, name: name, line: UInt32(max(pos.line, 1)))
        loop = nil
        setLocation(pos)
    }

    /// Makes `pos` the current location and `loop` (the instruction's `LoopID`, if it is
    /// a loop) the current loop; returns the state to restore after the instruction.
    /// Positions IRGen did not know keep the enclosing instruction's. Loops codegen makes
    /// inside a non-loop instruction (filling an array, …) get no identity: their
    /// remarks are not about any source loop.
    func enter(_ pos: SourcePos, loop: LoopID?) -> State {
        let saved = state
        if pos != .unknown { setLocation(pos) }
        self.loop = loop
        return saved
    }

    /// Marks `backEdge` (a loop's latch branch) as the current loop's (`loopLocation`).
    func markLoop(_ backEdge: LLVMValue) {
        guard let location = loopLocation() else { return }
        builder.context.setLoopID(backEdge, location: location)
    }

    /// The location the current loop's `llvm.loop` ID carries: a line encoding its
    /// `LoopID` (or, outside any IR loop, the current location); nil when instructions
    /// carry no location.
    func loopLocation() -> LLVMMetadata? {
        guard let location = builder.debugLocation else { return nil }
        guard let loop, let scope else { return location }
        return di.location(line: LoopIdentityLine.line(of: loop), column: 0, scope: scope)
    }

    private func setLocation(_ pos: SourcePos) {
        guard let scope else { return }
        builder.debugLocation = di.location(
            line: UInt32(max(pos.line, 1)), column: pos.column, scope: scope)
    }
}
