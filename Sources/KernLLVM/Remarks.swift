/// LLVM's optimization remarks about loops, as plain values.
/// In: a Context about to be optimized. Out: every remark the loop vectorizer and loop
/// unroller emitted while the collector was installed, with the source line:column of
/// the loop (from DebugLocations) and the LLVM function it is in.
import CLLVM

public struct OptimizationRemark: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The transformation happened.
        case passed
        /// It did not.
        case missed
        /// Why, or a detail.
        case analysis
    }
    public var kind: Kind
    /// e.g. `loop-vectorize`.
    public var pass: String
    /// e.g. `Vectorized`, `MissedDetails`.
    public var name: String
    /// The LLVM function the loop is in (after inlining).
    public var function: String
    public var message: String
    /// 0 when LLVM knew no location.
    public var line: Int
    public var column: Int

    public init(
        kind: Kind, pass: String, name: String, function: String, message: String, line: Int,
        column: Int
    ) {
        self.kind = kind
        self.pass = pass
        self.name = name
        self.function = function
        self.message = message
        self.line = line
        self.column = column
    }
}

/// Receives remarks from the C++ handler while alive; `remarks` uninstalls it.
final class RemarkCollector {
    private let context: Context
    private var collected: [OptimizationRemark] = []
    private var installed = true

    init(_ context: Context) {
        self.context = context
        kern_llvm_collect_remarks(
            context.ref,
            { user, remark in
                guard let user, let r = remark?.pointee else { return }
                let collector = Unmanaged<RemarkCollector>.fromOpaque(user).takeUnretainedValue()
                collector.collected.append(OptimizationRemark(r))
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Everything collected; stops collecting (the handler must not outlive `self`).
    var remarks: [OptimizationRemark] {
        stop()
        return collected
    }

    private func stop() {
        if installed { kern_llvm_stop_remarks(context.ref) }
        installed = false
    }

    deinit { stop() }
}

extension OptimizationRemark {
    init(_ r: KernRemark) {
        let kind: Kind =
            switch r.kind {
            case KERN_REMARK_PASSED: .passed
            case KERN_REMARK_MISSED: .missed
            default: .analysis
            }
        self.init(
            kind: kind, pass: String(cString: r.pass), name: String(cString: r.name),
            function: String(cString: r.function), message: String(cString: r.message),
            line: Int(r.line), column: Int(r.column))
    }
}
