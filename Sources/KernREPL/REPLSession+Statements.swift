/// Statements, declarations and expressions typed at the prompt.
///
/// In: one input that is not a definition or command. Out: its printed value (if it
/// ends with an expression), the variables it declared, or diagnostics at the input's own
/// positions. Steps:
/// 1. *Probe*: the input is type-checked as a compilation unit of its own in the
///    session's scope (`StagedCompiler.session`: the definitions' signatures and the
///    variables) — the front end only, no code generation. This finds mistakes, the
///    types of new variables and of the final expression.
/// 2. A call of a definition with variables and literals as arguments (`dot(x, x)`)
///    calls the compiled library directly: nothing is compiled.
/// 3. Otherwise the staged compiler lowers the checked input itself (no source text is
///    generated): its statements become the body of a function `input` whose calls of
///    definitions are extern calls into the compiled library (`IRGen.lowerInput`,
///    `KernModule.compileInput`); compiled inputs are cached. Runtime errors carry the
///    input's own positions. A top-level array declaration
///    (`var x = [Double](repeating: 1, count: n)`) splits the input: the host allocates
///    the array, so it outlives the call.
import Foundation
import Kern
import KernBasics
import KernCompiler
import KernIRGen
import KernSema
import KernSyntax

extension REPLSession {
    func runStatements(_ input: String) -> [REPLMessage] {
        switch probe(input) {
        case .failure(let problem): return [problem.message]
        case .success(let probed):
            if let messages = directCall(probed.plan, probed.program) { return messages }
            return execute(probed)
        }
    }

    struct Probed {
        var program: CheckedProgram
        var plan: InputPlan
        var inputFile: SourceFile
        /// The session as the input was checked in (every segment compiles against it).
        var scope: SessionScope
    }

    struct ProbeFailure: Error { var message: REPLMessage }

    /// Checks the input as a compilation unit of its own, in the session's scope (its
    /// definitions' signatures and its variables; the front end only), and plans its
    /// steps. Diagnostics carry the input's own positions.
    func probe(_ input: String) -> Result<Probed, ProbeFailure> {
        let inputFile = SourceFile(name: "<input>", text: input)
        func failure(_ diagnostics: [Diagnostic]) -> Result<Probed, ProbeFailure> {
            .failure(
                ProbeFailure(
                    message: REPLMessage(.error, renderDiagnostics(diagnostics, inputFile))))
        }
        if let offset = InputScanner.unmatchedCloser(in: input) {
            let closer = Character(UnicodeScalar(Array(input.utf8)[offset]))
            return failure([
                .error(
                    at: SourceRange(SourceLoc(offset), SourceLoc(offset + 1)),
                    "unexpected '\(closer)' that closes nothing",
                    help: "remove it, or check the brackets before it")
            ])
        }
        let scope = sessionScope
        var compiler = StagedCompiler(stopAfter: .check)
        compiler.session = scope
        let program: CheckedProgram
        do {
            guard let checked = try compiler.compile(inputFile).program else {
                preconditionFailure("a checked compilation has a program")
            }
            program = checked
        } catch {
            guard case .diagnostics(let diagnostics) = error else {
                return .failure(ProbeFailure(message: render(error)))
            }
            return failure(diagnostics)
        }
        do {
            return .success(
                Probed(
                    program: program, plan: try InputPlan(program: program), inputFile: inputFile,
                    scope: scope))
        } catch {
            return failure([error.diagnostic])
        }
    }

    /// The session as Sema sees it: every definition's signature and every variable.
    var sessionScope: SessionScope {
        SessionScope(
            functions: sessionFunctions,
            variables: variableOrder.compactMap { variables[$0] }.map {
                SessionScope.Variable(
                    name: $0.name,
                    type: $0.rank > 0
                        ? .array($0.elementType, rank: $0.rank) : .scalar($0.elementType),
                    isMutable: $0.isMutable)
            }, constants: sessionConstants)
    }

    /// Runs the planned steps in order; stops at the first error.
    private func execute(_ probed: Probed) -> [REPLMessage] {
        var messages: [REPLMessage] = []
        for step in probed.plan.steps {
            switch step {
            case .statements(let statements, let newScalars, let hasResult):
                let value: KernValue
                let outputs: [String: any StoredValue]
                do {
                    let segment = try prepare(
                        InputSegment(
                            statements: statements, result: hasResult ? .lastExpression : .none),
                        newScalars: newScalars.map(\.name), probed)
                    outputs = segment.outputs
                    value = try segment.function.call(segment.arguments)
                } catch {
                    messages.append(rendered(runtime: error))
                    return messages
                }
                for scalar in newScalars {
                    guard let storage = outputs[scalar.name] else {
                        messages.append(
                            REPLMessage(
                                .error, "error: internal error: no value for '\(scalar.name)'"))
                        return messages
                    }
                    let v = Variable(
                        name: scalar.name, isMutable: scalar.isMutable, rank: 0, storage: storage)
                    store(v)
                    messages.append(
                        REPLMessage(.result, "\(v.name): \(v.typeName) = \(storage.element(0))"))
                }
                if hasResult {
                    messages.append(REPLMessage(.result, ValueFormatter.format(value)))
                }
            case .array(let decl):
                do {
                    let v = try allocate(decl, probed)
                    store(v)
                    messages.append(
                        REPLMessage(
                            .result,
                            "\(v.name): \(v.typeName) = \(ValueFormatter.format(array: v.storage, rank: v.rank))"
                        ))
                } catch {
                    messages.append(rendered(runtime: error))
                    return messages
                }
            case .show(let name):
                if let v = variables[name] {
                    messages.append(
                        REPLMessage(
                            .result,
                            v.rank > 0
                                ? ValueFormatter.format(array: v.storage, rank: v.rank)
                                : v.storage.element(0).description))
                }
            }
        }
        return messages
    }

    struct PreparedSegment {
        var function: KernFunction
        var arguments: [any KernArgument]
        /// Storage of the scalars the segment declares, by name (written when it ends).
        var outputs: [String: any StoredValue]
        /// Bytes of the arrays passed (for `:time`'s throughput).
        var arrayBytes: Int
    }

    /// Compiles (or finds in the cache) one segment of a probed input, and its arguments:
    /// the entry function's parameters are named after the variables it reads
    /// (`IRGen.lowerInput`), then the scalars in `newScalars`, which get fresh storage.
    func prepare(_ segment: InputSegment, newScalars: [String], _ probed: Probed) throws
        -> PreparedSegment
    {
        let key = InputKey(
            text: probed.inputFile.text, segment: segment, scope: probed.scope,
            library: libraryGeneration)
        let module: KernModule
        if let cached = inputCache[key] {
            module = cached
        } else {
            module = try KernModule.compileInput(
                probed.inputFile, session: probed.scope, segment: segment, library: library,
                options: options)
            inputCache[key] = module
        }
        let function = try module.function(named: SessionScope.inputName)
            .with(seed: callOptions.seed, threads: callOptions.threads)
        var arguments: [any KernArgument] = []
        var outputs: [String: any StoredValue] = [:]
        var bytes = 0
        for parameter in function.signature.parameters {
            if newScalars.contains(parameter.name) {
                guard case .array(let scalar, _) = parameter.type else {
                    throw KernError.backend(
                        message: "internal error: new scalar '\(parameter.name)' is not a cell")
                }
                let storage = try makeStorage(scalar, shape: [1])
                outputs[parameter.name] = storage
                arguments.append(storage.argument)
            } else {
                // IRGen names parameters after variables the host keeps (lowerInput).
                guard let v = variables[parameter.name] else {
                    throw KernError.backend(
                        message:
                            "internal error: input parameter '\(parameter.name)' is no variable")
                }
                if v.rank > 0 { bytes += v.storage.shape.reduce(1, *) * v.elementType.byteSize }
                arguments.append(v.storage.argument)
            }
        }
        return PreparedSegment(
            function: function, arguments: arguments, outputs: outputs, arrayBytes: bytes)
    }

    func store(_ v: Variable) {
        if variables[v.name] == nil { variableOrder.append(v.name) }
        variables[v.name] = v
    }

    /// Evaluates an array declaration's value and sizes (compiled from the input like any
    /// segment), then allocates the array on the host and fills it.
    private func allocate(_ decl: ArrayDeclaration, _ probed: Probed) throws -> Variable {
        let segment = try prepare(
            InputSegment(
                statements: decl.statement..<decl.statement,
                result: .allocation(value: decl.value, sizes: decl.sizes)),
            newScalars: [], probed)
        let value = try segment.function.call(segment.arguments)
        guard case .tuple(let parts) = value, parts.count == decl.sizes.count + 1 else {
            throw KernError.backend(
                message: "internal error: an array's sizes came back as \(value)")
        }
        var shape: [Int] = []
        for part in parts.dropFirst() {
            guard case .int64(let n) = part else {
                throw KernError.backend(message: "internal error: size \(part)")
            }
            shape.append(Int(n))
        }
        if let negative = shape.first(where: { $0 < 0 }) {
            throw REPLError("cannot create an array with negative count \(negative)")
        }
        let elements = shape.reduce(1) {
            $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1
        }
        // Allocation failure would end the process: refuse what cannot fit in memory.
        let limit = Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: decl.elementType.byteSize)
        if overflow || bytes > limit {
            throw REPLError(
                "an array of \(elements) elements does not fit in memory (the REPL allows up to half of it, \(limit >> 20) MB)"
            )
        }
        let storage = try makeStorage(decl.elementType, shape: shape)
        storage.fill(with: parts[0])
        return Variable(
            name: decl.name, isMutable: decl.isMutable, rank: decl.sizes.count, storage: storage)
    }

    /// Renders an error of running an input: a runtime error in the input itself carries
    /// the input's positions already; one inside a definition (`file` nil: it happened in
    /// the library, `KernFunction.externFunctions`) is shown against that definition.
    func rendered(runtime error: Error) -> REPLMessage {
        if case .runtime(_, _, _, _, nil)? = error as? KernError {
            return mappedLibraryError(error)
        }
        return render(error)
    }
}

/// What a compiled input is cached by: the same text, segment and session scope against
/// the same library compile to the same code.
struct InputKey: Hashable {
    var text: String
    var segment: InputSegment
    var scope: SessionScope
    var library: Int
}

/// A REPL-level error with a plain message.
struct REPLError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = "error: " + description }
}
