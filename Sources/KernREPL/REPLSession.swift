/// `REPLSession`: the REPL's logic, with no terminal in sight.
///
/// In: one complete input at a time (a definition, statements, an expression or a
/// `:command`). Out: `REPLMessage`s — results, information and diagnostics — which the
/// driver prints (tests compare them as transcripts). State persists between inputs:
/// function definitions (compiled together into the *library* module, recompiled when
/// one changes, which recompiles its dependents) and variables (stored host-side, see
/// StoredValue.swift). An input is checked on its own in the scope of both
/// (`SessionScope`); its statements and expressions are then lowered directly into a
/// function that calls the library's compiled definitions (no generated source); see
/// REPLSession+Statements.swift.
import Foundation
import Kern
import KernBasics
import KernSema

/// One piece of REPL output.
public struct REPLMessage: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case result, info, error }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
    public var description: String { text }
}

public final class REPLSession {
    /// Compile options of definitions and wrappers.
    public private(set) var options: CompileOptions
    /// Options of every call (`:seed`, `:threads`).
    public private(set) var callOptions = CallOptions()
    /// Set by `:quit`.
    public private(set) var shouldQuit = false
    /// ANSI colours in diagnostics (the terminal driver turns them on).
    public var useColor = false

    /// Function definitions by name, and their order of first definition.
    var definitions: [String: Definition] = [:]
    var definitionOrder: [String] = []
    /// All definitions compiled together (for direct calls and `:kir`/`:llvm`/`:asm`).
    var library: KernModule?
    /// The library's checked signatures: inputs are checked against them (SessionScope).
    var sessionFunctions: [FunctionSignature] = []
    /// File-scope constants of the definitions (`let K = 3` in a loaded file): their
    /// source text (kept in the library's text) and their values (in inputs' scope).
    var constantTexts: [String: String] = [:]
    var constantOrder: [String] = []
    var sessionConstants: [SessionScope.Constant] = []
    var variables: [String: Variable] = [:]
    var variableOrder: [String] = []
    /// Compiled inputs: re-running an input (history, `:time`) compiles nothing.
    var inputCache = ModuleCache<InputKey>(capacity: 64)
    /// Closures of definitions compiled for `:kir`/`:llvm`/`:asm`, by source.
    var showCache = ModuleCache<String>(capacity: 16)
    /// Counts library compiles: compiled inputs are bound to one library's code.
    var libraryGeneration = 0

    public init(options: CompileOptions = CompileOptions()) {
        self.options = options
    }

    /// Evaluates one complete input.
    public func evaluate(_ input: String) -> [REPLMessage] {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [] }
        if trimmed.hasPrefix(":") { return runCommand(trimmed) }
        if startsWithDefinition(trimmed) { return define(source: input, fileName: "<input>") }
        return runStatements(input)
    }

    /// Names for tab completion: definitions, variables, built-ins and keywords.
    public var completionNames: [String] {
        definitionOrder + variableOrder + Self.builtinNames
    }

    /// Keywords, then every built-in name from the built-in table (math functions, other
    /// built-ins, type names), then the labels of array allocation.
    static let builtinNames =
        [
            "func", "let", "var", "if", "else", "while", "repeat", "for", "in", "return",
            "break", "continue", "true", "false",
        ] + BuiltinFunction.bareNames + ["repeating", "count"]

    /// Whether the input is `func …` or `@attribute func …`.
    func startsWithDefinition(_ text: String) -> Bool {
        text.hasPrefix("@") || text.hasPrefix("func ") || text.hasPrefix("func\t")
    }

    // MARK: - Settings used by commands

    func setSeed(_ seed: UInt64) { callOptions.seed = seed }
    func setThreads(_ threads: Int?) { callOptions.threads = threads }
    func quit() { shouldQuit = true }

    /// Forgets every definition and variable (`:reset`).
    func reset() {
        definitions = [:]
        definitionOrder = []
        library = nil
        sessionFunctions = []
        constantTexts = [:]
        constantOrder = []
        sessionConstants = []
        variables = [:]
        variableOrder = []
        inputCache = ModuleCache(capacity: 64)
        showCache = ModuleCache(capacity: 16)
        libraryGeneration += 1
    }

    func render(_ error: Error) -> REPLMessage {
        if let kern = error as? KernError {
            return REPLMessage(.error, kern.rendered(useColor: useColor))
        }
        if let e = error as? REPLError { return REPLMessage(.error, e.description) }
        return REPLMessage(.error, "error: \(error)")
    }
}

/// A small least-recently-inserted cache of compiled modules.
struct ModuleCache<Key: Hashable> {
    let capacity: Int
    private var modules: [Key: KernModule] = [:]
    private var order: [Key] = []
    init(capacity: Int) { self.capacity = capacity }

    subscript(key: Key) -> KernModule? {
        get { modules[key] }
        set {
            guard let newValue else { return }
            if modules[key] == nil {
                order.append(key)
                if order.count > capacity { modules[order.removeFirst()] = nil }
            }
            modules[key] = newValue
        }
    }
}
