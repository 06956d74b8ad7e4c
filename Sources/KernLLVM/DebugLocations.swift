/// Source positions in LLVM IR, for optimization remarks (`kernelc report`).
///
/// In: the module being lowered and the Kern source name. Out: a minimal debug-info
/// skeleton — one compile unit, one `DISubprogram` per defined function — and a
/// `DILocation` (line:column of Kern source) on every instruction Codegen emits, plus a
/// loop ID carrying the `for`/`while`/`repeat` position on every loop's back edge. LLVM's
/// loop passes then report each loop at the position of its keyword.
///
/// Only built when `CodegenOptions.optimizationRemarks` is on: normal compiles carry no
/// debug info, so their compile latency and code are exactly what they were
/// (docs/decisions.md, "Optimization report").
import KernBasics

final class DebugLocations {
    private let builder: Builder
    private let di: DIBuilder
    /// The subprogram of the function being emitted.
    private var scope: LLVMMetadata?

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
    }

    var state: State { State(scope: scope, location: builder.debugLocation) }

    func restore(_ saved: State) {
        scope = saved.scope
        builder.debugLocation = saved.location
    }

    /// Gives `fn` a subprogram named `name` and makes `pos` the current location.
    func beginFunction(_ fn: LLVMValue, name: String, pos: SourcePos) {
        scope = di.subprogram(for: fn, name: name, line: UInt32(max(pos.line, 1)))
        setLocation(pos)
    }

    /// Makes `pos` the current location; returns the state to restore after the
    /// instruction. Positions IRGen did not know keep the enclosing instruction's.
    func enter(_ pos: SourcePos) -> State {
        let saved = state
        if pos != .unknown { setLocation(pos) }
        return saved
    }

    /// Marks `backEdge` (a loop's latch branch) with the current location as the loop's.
    func markLoop(_ backEdge: LLVMValue) {
        guard let location = builder.debugLocation else { return }
        di.markLoop(backEdge, at: location)
    }

    private func setLocation(_ pos: SourcePos) {
        guard let scope else { return }
        builder.debugLocation = di.location(
            line: UInt32(max(pos.line, 1)), column: pos.column, scope: scope)
    }
}
