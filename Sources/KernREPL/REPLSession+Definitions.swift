/// Top-level `func` definitions.
///
/// In: source holding one or more functions (typed, or read by `:load`). Out: the
/// definitions replace any of the same name and the whole library is recompiled, so
/// dependents of a changed function pick up the new one (or report why they no longer
/// compile; then nothing changes). The new source goes first in the compiled text, so
/// diagnostics in it carry the input's own line numbers.
import Kern
import KernBasics
import KernCompiler
import KernSema
import KernSyntax

/// One function's source and the names it mentions (for dependency closures).
struct Definition {
    var name: String
    var text: String
    var signature: String
    var mentions: Set<String>
}

extension REPLSession {
    func define(source: String, fileName: String) -> [REPLMessage] {
        let file = SourceFile(name: fileName, text: source)
        let ast: AST
        do {
            ast = try StagedCompiler(stopAfter: .parse).compile(file).ast
        } catch {
            guard case .diagnostics(let diagnostics) = error else { return [render(error)] }
            return [REPLMessage(.error, renderDiagnostics(diagnostics, file))]
        }
        let utf8 = Array(source.utf8)
        var new: [Definition] = []
        for function in ast.functions {
            let range = Int(function.range.start.offset)..<Int(function.range.end.offset)
            let text = String(decoding: utf8[range], as: UTF8.self)
            let bodyStart = Int(function.body.range.start.offset)
            let head = String(decoding: utf8[range.lowerBound..<bodyStart], as: UTF8.self)
            new.append(
                Definition(
                    name: function.name, text: text,
                    signature: head.trimmingCharacters(in: .whitespacesAndNewlines),
                    mentions: InputScanner.identifiers(in: text)))
        }
        // File-scope constants (`let K = 3`): kept with the definitions, in scope in inputs.
        var newConstants: [(name: String, text: String)] = []
        for id in ast.fileConstants {
            let r = ast.stmts[id].range
            let text = String(
                decoding: utf8[Int(r.start.offset)..<Int(r.end.offset)], as: UTF8.self)
            if case .binding(_, .name(let name, _), _, _) = ast.stmts[id].kind {
                newConstants.append((name, text))
            }
        }
        if new.isEmpty && newConstants.isEmpty {
            return [REPLMessage(.info, "no functions in \(fileName)")]
        }
        let newNames = Set(new.map(\.name))
        let kept = definitionOrder.filter { !newNames.contains($0) }.compactMap { definitions[$0] }
        let newConstantNames = Set(newConstants.map(\.name))
        let keptConstants = constantOrder.filter { !newConstantNames.contains($0) }
            .compactMap { constantTexts[$0] }
        let text =
            source + "\n" + (kept.map(\.text) + keptConstants).joined(separator: "\n")
        let module: KernModule
        let signatures: [FunctionSignature]
        let constants: [SessionScope.Constant]
        do {
            module = try KernModule.compile(source: text, fileName: fileName, options: options)
            // The signatures inputs are checked against (the front end again: ~1 ms).
            let libraryFile = SourceFile(name: fileName, text: text)
            guard let checked = try StagedCompiler(stopAfter: .check).compile(libraryFile).program
            else { preconditionFailure("a checked compilation has a program") }
            signatures = checked.functions
            constants = checked.fileConstants
        } catch {
            return [render(error)]
        }
        library = module
        libraryGeneration += 1
        sessionFunctions = signatures
        sessionConstants = constants
        var messages: [REPLMessage] = []
        for c in newConstants {
            let replaced = constantTexts[c.name] != nil
            if !replaced { constantOrder.append(c.name) }
            constantTexts[c.name] = c.text
            messages.append(REPLMessage(.info, "\(replaced ? "redefined" : "defined") \(c.text)"))
        }
        for d in new {
            let replaced = definitions[d.name] != nil
            if !replaced { definitionOrder.append(d.name) }
            definitions[d.name] = d
            messages.append(
                REPLMessage(.info, "\(replaced ? "redefined" : "defined") \(d.signature)"))
        }
        let dependents = kept.filter { !$0.mentions.isDisjoint(with: newNames) }.map(\.name)
        let anyRedefined = messages.contains { $0.text.hasPrefix("redefined") }
        if anyRedefined, !dependents.isEmpty {
            messages.append(REPLMessage(.info, "recompiled \(dependents.joined(separator: ", "))"))
        }
        return messages
    }

    /// The definitions `names` mention, directly or through other definitions.
    func definitionClosure(of names: Set<String>) -> [Definition] {
        var seen: Set<String> = []
        var stack = Array(names.filter { definitions[$0] != nil })
        while let name = stack.popLast() {
            guard !seen.contains(name), let d = definitions[name] else { continue }
            seen.insert(name)
            stack.append(
                contentsOf: d.mentions.filter { definitions[$0] != nil && !seen.contains($0) })
        }
        return definitionOrder.filter(seen.contains).compactMap { definitions[$0] }
    }

    func renderDiagnostics(_ diagnostics: [Diagnostic], _ file: SourceFile) -> String {
        let text = DiagnosticRenderer(useColor: useColor).render(
            diagnostics.filter { $0.severity == .error }, in: file)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
