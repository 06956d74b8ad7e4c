/// LLVM's optimization remarks about loops, as plain values.
/// In: a Context about to be optimized. Out: every remark the loop vectorizer and loop
/// unroller emitted while the collector was installed, with the source line:column of
/// the loop (from DebugLocations) and the LLVM function it is in.
import CLLVM
import Foundation

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

/// Where one context's diagnostics go. LLVM calls the handler on the compiling thread.
/// Remarks are kept only while a `RemarkCollector` collects (once remarks were enabled for
/// a report, LLVM builds them for every later compile of the process too); errors are
/// kept, and printed like LLVM's default handler does, as are warnings and notes.
final class DiagnosticSink {
    fileprivate var collecting = false
    fileprivate var remarks: [OptimizationRemark] = []
    /// Errors LLVM reported through the handler (its default handler would exit(1)).
    private(set) var errors: [String] = []
    /// The Kern source and the debug-info file of each function (named after it,
    /// DIBuilder.subprogram): remark texts that cite a location get the source name back.
    var sourceName = ""
    var functionFiles: Set<String> = []

    func install(on context: LLVMContextRef) {
        LLVMContextSetDiagnosticHandler(
            context, handleDiagnostic, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Keeps the handler (so remarks are still dropped) without a sink.
    static func uninstall(from context: LLVMContextRef) {
        LLVMContextSetDiagnosticHandler(context, handleDiagnostic, nil)
    }

    fileprivate func record(error text: String) { errors.append(text) }

    /// `text` with `kern_fn_f.prange0:11:13` (a location LLVM cites inside a message, in
    /// the per-function file) turned into `source.kern:11:13`.
    fileprivate func sourceLocations(in text: String) -> String {
        var text = text
        for file in functionFiles where text.contains(file + ":") {
            text = text.replacingOccurrences(of: file + ":", with: sourceName + ":")
        }
        return text
    }
}

private let handleDiagnostic: LLVMDiagnosticHandler = { info, user in
    guard let info else { return }
    let severity = LLVMGetDiagInfoSeverity(info)
    let sink = user.map { Unmanaged<DiagnosticSink>.fromOpaque($0).takeUnretainedValue() }
    if severity == LLVMDSRemark {
        guard let sink, sink.collecting else { return }
        let text = takeMessage(LLVMGetDiagInfoDescription(info))
        if var remark = OptimizationRemark(description: text) {
            remark.message = sink.sourceLocations(in: remark.message)
            sink.remarks.append(remark)
        }
        return
    }
    let text = takeMessage(LLVMGetDiagInfoDescription(info))
    let prefix =
        severity == LLVMDSError ? "error" : severity == LLVMDSWarning ? "warning" : "note"
    FileHandle.standardError.write(Data("LLVM \(prefix): \(text)\n".utf8))
    if severity == LLVMDSError { sink?.record(error: text) }
}

/// Collects the loop vectorizer's and unroller's remarks of one context while alive.
final class RemarkCollector {
    private let sink: DiagnosticSink

    init(_ context: Context) {
        LoopRemarks.enable()
        sink = context.diagnostics
        sink.remarks = []
        sink.collecting = true
    }

    /// Everything collected, in order, without exact repeats; stops collecting.
    ///
    /// A remark's function comes from its location's file, which for code inlined from
    /// another function names that function. The vectorizer analyses a loop and then
    /// gives its verdict (passed or missed) at the loop, in the loop's function: the
    /// analysis remarks before a verdict are about that loop, so they get its function.
    var remarks: [OptimizationRemark] {
        sink.collecting = false
        var remarks = sink.remarks
        var pending: [Int] = []
        for i in remarks.indices where remarks[i].pass == "loop-vectorize" {
            if remarks[i].kind == .analysis {
                pending.append(i)
            } else {
                for j in pending { remarks[j].function = remarks[i].function }
                pending = []
            }
        }
        var seen = Set<OptimizationRemark>()
        return remarks.filter { seen.insert($0).inserted }
    }

    deinit { sink.collecting = false }
}

/// LLVM builds remarks only when its `-pass-remarks*` options ask for some; the C API
/// has no other switch. They are process-wide, so they are set once, on the first report.
private enum LoopRemarks {
    static let enabled: Void = {
        let pattern = "^(loop-vectorize|loop-unroll)$"
        let arguments = [
            "kern", "-pass-remarks=" + pattern, "-pass-remarks-missed=" + pattern,
            "-pass-remarks-analysis=" + pattern,
        ]
        let copies = arguments.map { strdup($0) }
        defer { for c in copies { free(c) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        LLVMParseCommandLineOptions(Int32(pointers.count), pointers, nil)
    }()

    static func enable() { _ = enabled }
}

extension OptimizationRemark {
    /// Parses `LLVMGetDiagInfoDescription` of a remark: `FILE:LINE:COLUMN: MESSAGE`, where
    /// FILE is the LLVM function (DebugLocations names each function's file after it).
    /// The C API gives neither the pass nor the kind, so both come from the message; nil
    /// for remarks of other passes (LLVM hands every remark to a C handler).
    init?(description: String) {
        let parts = description.split(
            separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let line = Int(parts[1]), let column = Int(parts[2]) else {
            return nil
        }
        let function = parts[0] == "<unknown>" ? "" : String(parts[0])
        let message = String(parts[3].drop { $0 == " " })
        guard let (pass, kind, name) = Self.classify(message) else { return nil }
        self.init(
            kind: kind, pass: pass, name: name, function: function, message: message, line: line,
            column: column)
    }

    /// The pass, kind and remark name of a loop vectorizer or unroller message
    /// (LoopVectorize.cpp, LoopUnrollPass.cpp; the same in LLVM 19 and 22).
    static func classify(_ message: String) -> (String, Kind, String)? {
        let vectorize = "loop-vectorize"
        let unroll = "loop-unroll"
        if message.hasPrefix("vectorized loop") || message.hasPrefix("vectorized epilogue") {
            return (vectorize, .passed, "Vectorized")
        }
        if message.hasPrefix("interleaved loop") { return (vectorize, .passed, "Interleaved") }
        if message == "loop not vectorized" || message.hasPrefix("loop not vectorized (") {
            return (vectorize, .missed, "MissedDetails")
        }
        // "…vectorization is not beneficial" is the verdict when neither vectorizing nor
        // interleaving pays; "…interleaving is not beneficial" mostly accompanies a
        // vectorized loop, where LLVM makes it an analysis remark.
        if message.hasPrefix("the cost-model indicates that vectorization") {
            return (vectorize, .missed, "VectorizationNotBeneficial")
        }
        if message.hasPrefix("the cost-model indicates that interleaving") {
            return (vectorize, .analysis, "InterleavingNotBeneficial")
        }
        if message.hasPrefix("loop not vectorized") { return (vectorize, .analysis, "Analysis") }
        if message.hasPrefix("completely unrolled loop") {
            return (unroll, .passed, "FullyUnrolled")
        }
        if message.hasPrefix("unrolled loop by") || message.hasPrefix("runtime unrolled") {
            return (unroll, .passed, "PartialUnrolled")
        }
        if message.hasPrefix("peeled loop by") { return (unroll, .passed, "Peeled") }
        return nil
    }
}
