/// Building a `KernReport`: the staged compiler up to `.codegen` (no JIT), with source
/// locations in the LLVM IR so LLVM's loop remarks name Kern source positions.
///
/// In: a source file and options. Out: the report, joining three sources by the
/// position of each loop's keyword: the loops of the IR before the passes (kind,
/// reductions, parallel), the bounds-check summary of the Kern IR pipeline, and LLVM's
/// remarks. A report compiles separately from `KernModule.compile`, so normal compiles
/// never pay for debug locations (docs/decisions.md, "Optimization report").
import Foundation
import KernBasics
import KernCompiler
import KernIR
internal import KernLLVM

extension KernModule {
    /// What the compiler did with every loop of this module (a second compile, with the
    /// same options, that keeps LLVM's remarks).
    public func report() throws -> KernReport {
        try ReportBuilder.build(file, options: options)
    }

    /// The report of one function.
    /// - Throws: `KernError.functionNotFound` listing the functions.
    public func report(function name: String) throws -> FunctionReport {
        let full = try report()
        guard let f = full.function(named: name) else {
            throw KernError.functionNotFound(name: name, available: full.functions.map(\.name))
        }
        return f
    }

    /// The report of Kern source, without JIT-compiling it (`kernelc report`).
    /// - Throws: `KernError.compile` with every diagnostic, or `KernError.backend`.
    public static func report(
        source: String, fileName: String = "<source>", options: CompileOptions = .init()
    ) throws -> KernReport {
        try ReportBuilder.build(SourceFile(name: fileName, text: source), options: options)
    }
}

enum ReportBuilder {
    static func build(_ file: SourceFile, options: CompileOptions) throws -> KernReport {
        var withRemarks = options
        withRemarks.optimizationRemarks = true
        // Emitted only, never run here: the target may be another CPU.
        let compilation = try Compiler.run(
            file, options: withRemarks, backend: LLVMEmitOnlyBackend(), stopAfter: .codegen)
        guard let lowered = compilation.lowered, let pipeline = compilation.pipelineReport,
            let compiled = compilation.code?.0
        else {
            preconditionFailure("a compilation that reached .codegen has all its artifacts")
        }
        // The loops as IRGen wrote them: before outlining moves prange bodies away.
        let inventory = LoopInventory.sites(of: lowered)
        let optimized = options.optimizationLevel >= 2
        let remarks = RemarkIndex(
            compiled.remarks, positions: inventory.flatMap { $0.loops.map { ($0.id, $0.pos) } })
        // One summary per loop: the pipeline keys them by LoopID.
        let checks = Dictionary(uniqueKeysWithValues: pipeline.loopChecks.map { ($0.id, $0) })

        let functions = inventory.map { f, sites in
            FunctionReport(
                name: f.name, line: Int(f.pos.line), column: Int(f.pos.column),
                loops: sites.map { site in
                    let loopRemarks = remarks.remarks(for: site)
                    let summary = checks[site.id]
                    return LoopReport(
                        line: Int(site.pos.line), column: Int(site.pos.column), kind: site.kind,
                        depth: site.depth, parallel: site.parallel, reductions: site.reductions,
                        vectorization: optimized
                            ? Verdict.vectorization(site, loopRemarks)
                            : VectorizationReport(
                                status: .notOptimized,
                                reasons: [
                                    "compiled at -O\(options.optimizationLevel); the vectorizers run from -O2"
                                ]),
                        boundsChecks: summary.map {
                            BoundsCheckReport(
                                removed: $0.removed, hoisted: $0.hoisted, kept: $0.kept)
                        }
                            ?? (site.kind == .for || site.kind == .prange
                                ? BoundsCheckReport(removed: 0, hoisted: 0, kept: 0) : nil),
                        remarks: loopRemarks.map {
                            LoopRemark(
                                kind: $0.kind.rawValue, pass: $0.pass, message: $0.message,
                                llvmFunction: $0.function,
                                // The loop's own remarks come at its encoded identity.
                                line: RemarkIndex.loop(of: $0) == nil
                                    ? $0.line : Int(site.pos.line),
                                column: RemarkIndex.loop(of: $0) == nil
                                    ? $0.column : Int(site.pos.column))
                        },
                        spmd: site.kind == .prange ? compiled.spmd[site.id] : nil,
                        // A `prange`'s ID also names the loops combining its array
                        // reductions, which the pass may jam: not the source loop.
                        unrollAndJam: site.kind == .for ? pipeline.unrollAndJam[site.id] : nil)
                })
        }
        return KernReport(
            file: file.name, optimizationLevel: options.optimizationLevel, checked: options.checked,
            fastMath: options.fastMath, optimized: optimized, functions: functions)
    }
}

/// LLVM's remarks by loop, and which of them belong to a given loop.
struct RemarkIndex {
    private var byLoop: [LoopID: [OptimizationRemark]] = [:]

    /// The loop a remark is about, when LLVM reported it at a loop's identity (the
    /// location codegen gives the loop's `llvm.loop` node, DebugLocations.swift).
    static func loop(of remark: OptimizationRemark) -> LoopID? {
        LoopIdentityLine.loop(atLine: remark.line)
    }

    /// LLVM reports a loop's verdict at the loop's identity, but the reason often at the
    /// instruction that caused it (a load in the body) or nowhere: such a remark belongs
    /// to the next loop the same LLVM function reports on (LLVM analyses a loop, then
    /// gives its verdict), or to the last one when none follows. Loops LLVM makes from a
    /// loop (the vectorizer's remainder, say) lose the identity but keep the loop's
    /// position (`positions`: each loop's keyword): a remark there belongs to the one loop
    /// at that position or, when several share it, to the one this LLVM function
    /// reported on last, if it is one of them.
    init(_ remarks: [OptimizationRemark], positions: [(LoopID, SourcePos)]) {
        var loopsAt: [SourcePos: Set<LoopID>] = [:]
        for (id, pos) in positions { loopsAt[pos, default: []].insert(id) }
        var pending: [String: [OptimizationRemark]] = [:]
        var last: [String: LoopID] = [:]
        for r in remarks {
            let pos = SourcePos(line: UInt32(max(r.line, 0)), column: UInt32(max(r.column, 0)))
            let sharing = loopsAt[pos] ?? []
            let derived =
                sharing.count == 1
                ? sharing.first : last[r.function].flatMap { sharing.contains($0) ? $0 : nil }
            if let loop = Self.loop(of: r) ?? derived {
                byLoop[loop, default: []] += pending.removeValue(forKey: r.function) ?? []
                byLoop[loop, default: []].append(r)
                last[r.function] = loop
            } else {
                pending[r.function, default: []].append(r)
            }
        }
        for (function, rest) in pending {
            if let loop = last[function] { byLoop[loop, default: []] += rest }
        }
    }

    /// The remarks about `site` from one LLVM function. A loop can appear in several
    /// LLVM functions (inlined into callers) and, for a `prange`, its identity is shared
    /// with the loop combining the partial results: the outlined body (`….prangeN`)
    /// speaks for a parallel loop, the loop's own function for others.
    func remarks(for site: LoopSite) -> [OptimizationRemark] {
        var candidates = byLoop[site.id] ?? []
        if site.parallel {
            candidates = candidates.filter { $0.function.contains(".prange") }
        }
        let own = candidates.filter { Self.kernFunction(ofLLVM: $0.function) == site.function }
        if !own.isEmpty { candidates = own }
        // One LLVM function's view: the first that has a vectorizer verdict.
        guard
            let chosen = candidates.first(where: { $0.pass == "loop-vectorize" })?.function
                ?? candidates.first?.function
        else { return [] }
        return candidates.filter { $0.function == chosen }
    }

    /// `kern_entry_f`, `kern_fn_f`, `kern_fn_f.prange0`, `kern_tramp_f.prange0` → `f`.
    static func kernFunction(ofLLVM name: String) -> String {
        var base = Substring(name)
        for prefix in ["kern_entry_", "kern_fn_", "kern_tramp_"] where base.hasPrefix(prefix) {
            base = base.dropFirst(prefix.count)
            break
        }
        if let dot = base.range(of: ".prange") { base = base[..<dot.lowerBound] }
        return String(base)
    }
}

/// Turns a loop's remarks into a verdict.
enum Verdict {
    static func vectorization(_ site: LoopSite, _ remarks: [OptimizationRemark])
        -> VectorizationReport
    {
        let vectorizer = remarks.filter { $0.pass == "loop-vectorize" }
        if let passed = vectorizer.first(where: { $0.kind == .passed }) {
            let width = number(after: "vectorization width: ", in: passed.message) ?? 1
            let interleave = number(after: "interleaved count: ", in: passed.message) ?? 1
            if width > 1 {
                return VectorizationReport(
                    status: .vectorized, width: width, interleave: interleave)
            }
            return VectorizationReport(
                status: .notVectorized, width: 1, interleave: interleave,
                reasons: ["interleaved \(interleave)× without vectors: " + passed.message])
        }
        if !vectorizer.isEmpty {
            var reasons: [String] = []
            // Analysis remarks say why; the missed remark alone only says "not vectorized".
            let details = vectorizer.filter { $0.kind == .analysis }
            for r in details.isEmpty ? vectorizer : details {
                let reason = stripPrefix(r.message)
                if !reason.isEmpty, !reasons.contains(reason) { reasons.append(reason) }
            }
            return VectorizationReport(status: .notVectorized, reasons: reasons)
        }
        if let unrolled = remarks.first(where: {
            $0.pass == "loop-unroll" && $0.kind == .passed
                && $0.message.contains("completely unrolled")
        }) {
            return VectorizationReport(status: .fullyUnrolled, reasons: [unrolled.message])
        }
        let reason =
            site.hasInnerLoop
            ? "outer loop (it contains a loop, or calls a function that does): LLVM vectorizes innermost loops only"
            : "LLVM said nothing about this loop (optimized away, or not a countable loop)"
        return VectorizationReport(status: .noRemark, reasons: [reason])
    }

    /// LLVM's reason without its "loop not vectorized: " prefix and without advice
    /// about C pragmas, which Kern has not.
    static func stripPrefix(_ message: String) -> String {
        var text = Substring(message)
        for prefix in ["loop not vectorized: ", "loop not vectorized"] where text.hasPrefix(prefix)
        {
            text = text.dropFirst(prefix.count)
            break
        }
        if let pragma = text.range(of: ". Use #pragma") {
            let end = text[pragma.upperBound...].firstIndex(of: "\n") ?? text.endIndex
            text = text[..<pragma.lowerBound] + text[end...]
        }
        return String(text)
    }

    /// The decimal number right after `label` in `text`.
    static func number(after label: String, in text: String) -> Int? {
        guard let range = text.range(of: label) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
