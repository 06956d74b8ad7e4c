/// The REPL's `:commands`.
///
/// In: a line starting with `:`. Out: messages; some commands change session settings
/// (`:seed`, `:threads`, `:reset`, `:quit`). Each command is one small method; the table
/// below is also what `:help` prints and what tab completion offers.
import Foundation
import Kern

/// A `:command`: what `:help` prints and tab completion offers, and what it does.
public struct REPLCommand: Sendable {
    /// The name, colon included (`:load`).
    public let name: String
    /// The argument's placeholder (`FILE`, `EXPR`), or empty when it takes none.
    public let argument: String
    /// One line of help.
    public let help: String
    /// Runs the command on the session with its argument (trimmed, maybe empty).
    let run: @Sendable (REPLSession, String) -> [REPLMessage]

    init(
        _ name: String, _ argument: String, _ help: String,
        run: @escaping @Sendable (REPLSession, String) -> [REPLMessage]
    ) {
        (self.name, self.argument, self.help, self.run) = (name, argument, help, run)
    }
}

extension REPLSession {
    /// Every command, in `:help` order: the one place that names a command, its help and
    /// the method that runs it.
    public static let commands: [REPLCommand] = [
        REPLCommand(":help", "", "show this help") { s, _ in [REPLMessage(.info, s.helpText)] },
        REPLCommand(":load", "FILE", "define the functions in a .kern file") { $0.load($1) },
        REPLCommand(":list", "", "list definitions and variables") { s, _ in s.list() },
        REPLCommand(":type", "EXPR", "show the type of an expression") { $0.typeOf($1) },
        REPLCommand(":kir", "F", "show the optimized Kern IR of function F (and what it calls)") {
            $0.show(":kir", $1)
        },
        REPLCommand(":llvm", "F", "show the optimized LLVM IR of F") { $0.show(":llvm", $1) },
        REPLCommand(":asm", "F", "show the assembly of F") { $0.show(":asm", $1) },
        REPLCommand(":report", "F", "show the optimization report of F") { $0.report($1) },
        REPLCommand(":time", "EXPR", "run EXPR repeatedly: median, minimum, throughput") {
            $0.time($1)
        },
        REPLCommand(":threads", "N", "worker threads for prange loops (no N: show)") {
            $0.threads($1)
        },
        REPLCommand(":seed", "S", "seed of the random numbers (no S: show)") { $0.seed($1) },
        REPLCommand(":reset", "", "forget all definitions and variables") { s, _ in
            s.reset()
            return [REPLMessage(.info, "all definitions and variables forgotten")]
        },
        REPLCommand(":quit", "", "leave (also Ctrl-D)") { s, _ in
            s.quit()
            return []
        },
    ]

    func runCommand(_ line: String) -> [REPLMessage] {
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let name = String(parts[0])
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let matches = Self.commands.filter { $0.name.hasPrefix(name) }
        // Unambiguous prefixes work (`:q`, `:l` is ambiguous between :load and :list).
        if let command = matches.first(where: { $0.name == name })
            ?? (matches.count == 1 ? matches[0] : nil)
        {
            return command.run(self, argument)
        }
        let hint =
            matches.count > 1
            ? " (did you mean \(matches.map(\.name).joined(separator: " or "))?)" : ""
        return [
            REPLMessage(.error, "error: unknown command '\(name)'\(hint); :help lists the commands")
        ]
    }

    var helpText: String {
        var lines = [
            "Type a func definition, a let/var declaration, statements, or an expression to see its value.",
            "Input continues on the next line while a bracket is open. Commands:",
        ]
        for c in Self.commands {
            let head = c.argument.isEmpty ? c.name : "\(c.name) \(c.argument)"
            lines.append("  " + head.padding(toLength: 14, withPad: " ", startingAt: 0) + c.help)
        }
        return lines.joined(separator: "\n")
    }

    private func load(_ path: String) -> [REPLMessage] {
        guard !path.isEmpty else { return [REPLMessage(.error, "error: :load needs a file name")] }
        guard let data = FileManager.default.contents(atPath: path) else {
            return [
                REPLMessage(.error, "error: cannot read '\(path)': no such file or not readable")
            ]
        }
        return define(source: String(decoding: data, as: UTF8.self), fileName: path)
    }

    private func list() -> [REPLMessage] {
        if definitionOrder.isEmpty && variableOrder.isEmpty && constantOrder.isEmpty {
            return [REPLMessage(.info, "no definitions or variables yet")]
        }
        var lines = definitionOrder.compactMap { definitions[$0]?.signature }
        lines += constantOrder.compactMap { constantTexts[$0] }
        for name in variableOrder {
            guard let v = variables[name] else { continue }
            let value =
                v.rank > 0
                ? ValueFormatter.format(array: v.storage, rank: v.rank)
                : v.storage.element(0).description
            lines.append("\(v.isMutable ? "var" : "let") \(v.name): \(v.typeName) = \(value)")
        }
        return [REPLMessage(.info, lines.joined(separator: "\n"))]
    }

    private func typeOf(_ expression: String) -> [REPLMessage] {
        guard !expression.isEmpty else {
            return [REPLMessage(.error, "error: :type needs an expression")]
        }
        switch probe(expression) {
        case .failure(let f): return [f.message]
        case .success(let probed):
            let program = probed.program
            guard let last = program.ast.functions.first?.body.stmts.last,
                case .expr(let e) = program.ast.stmts[last].kind
            else {
                return [REPLMessage(.error, "error: :type needs an expression, not a statement")]
            }
            return [REPLMessage(.result, program.type(of: e).description)]
        }
    }

    private func show(_ command: String, _ function: String) -> [REPLMessage] {
        guard !function.isEmpty else {
            return [REPLMessage(.error, "error: \(command) needs a function name")]
        }
        guard definitions[function] != nil else {
            return [REPLMessage(.error, "error: no function named '\(function)' (\(definedNames))")]
        }
        let closure = definitionClosure(of: [function])
        let source = closure.map(\.text).joined(separator: "\n")
        do {
            let module: KernModule
            if let cached = showCache[source] {
                module = cached
            } else {
                module = try KernModule.compile(
                    source: source, fileName: "func \(function)", options: options)
                showCache[source] = module
            }
            let text: String
            switch command {
            case ":kir": text = module.kirText
            case ":llvm": text = module.llvmIR
            default: text = try module.assembly()
            }
            return [REPLMessage(.result, text.hasSuffix("\n") ? String(text.dropLast()) : text)]
        } catch {
            return [render(error)]
        }
    }

    /// `:report F`: what the compiler did with each loop of F (docs/report.md). Positions
    /// are lines of F's definition as entered (the source of its closure, F last).
    private func report(_ function: String) -> [REPLMessage] {
        guard !function.isEmpty else {
            return [REPLMessage(.error, "error: :report needs a function name")]
        }
        guard definitions[function] != nil else {
            return [REPLMessage(.error, "error: no function named '\(function)' (\(definedNames))")]
        }
        let source = definitionClosure(of: [function]).map(\.text).joined(separator: "\n")
        do {
            let report = try KernModule.report(
                source: source, fileName: "func \(function)", options: options)
            guard let f = report.function(named: function) else {
                return [REPLMessage(.error, "error: no report for '\(function)'")]
            }
            let text = f.text()
            return [REPLMessage(.result, text.hasSuffix("\n") ? String(text.dropLast()) : text)]
        } catch {
            return [render(error)]
        }
    }

    /// "defined: f, g" or "no functions are defined yet", for errors naming a function.
    private var definedNames: String {
        definitionOrder.isEmpty
            ? "no functions are defined yet" : "defined: " + definitionOrder.joined(separator: ", ")
    }

    private func threads(_ argument: String) -> [REPLMessage] {
        if argument.isEmpty {
            let current = callOptions.threads.map(String.init) ?? "all cores (default)"
            return [REPLMessage(.info, "threads: \(current)")]
        }
        guard let n = Int(argument), (1...256).contains(n) else {
            return [REPLMessage(.error, "error: :threads takes a number from 1 to 256")]
        }
        setThreads(n)
        return [REPLMessage(.info, "prange loops use \(n) thread\(n == 1 ? "" : "s")")]
    }

    private func seed(_ argument: String) -> [REPLMessage] {
        if argument.isEmpty { return [REPLMessage(.info, "seed: \(callOptions.seed)")] }
        guard let s = UInt64(argument) else {
            return [REPLMessage(.error, "error: :seed takes a non-negative integer")]
        }
        setSeed(s)
        return [REPLMessage(.info, "random numbers use seed \(s)")]
    }
}
