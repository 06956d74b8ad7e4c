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
/// 3. Otherwise the statements run in a compiled wrapper (cached by source text). A
///    top-level array declaration (`var x = [Double](repeating: 1, count: n)`) splits
///    the input: the host allocates the array, so it outlives the call.
import Foundation
import Kern
import KernBasics
import KernCompiler
import KernSema
import KernSyntax

extension REPLSession {
    func runStatements(_ input: String) -> [REPLMessage] {
        switch probe(input) {
        case .failure(let problem): return [problem.message]
        case .success(let probed):
            if let messages = directCall(probed.plan, probed.program) { return messages }
            if let messages = hoistedEvaluation(probed, input: input) { return messages }
            return execute(probed.plan, input: input, inputFile: probed.inputFile)
        }
    }

    struct Probed {
        var program: CheckedProgram
        var plan: InputPlan
        var inputFile: SourceFile
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
        var compiler = StagedCompiler(stopAfter: .check)
        compiler.session = sessionScope
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
                    program: program, plan: try InputPlan(program: program), inputFile: inputFile))
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
            })
    }

    /// Runs the planned segments in order; stops at the first error.
    private func execute(_ plan: InputPlan, input: String, inputFile: SourceFile) -> [REPLMessage] {
        var messages: [REPLMessage] = []
        let utf8 = Array(input.utf8)
        for step in plan.steps {
            switch step {
            case .statements(let range, let newScalars, let result):
                let value: KernValue
                let outputs: [any StoredValue]
                var prepared: PreparedSegment?
                do {
                    let segment = try prepare(
                        range: range, newScalars: newScalars, result: result, input: utf8)
                    prepared = segment
                    outputs = segment.outputs
                    value = try segment.function.call(segment.arguments)
                } catch {
                    messages.append(
                        mapped(
                            error, wrapper: prepared?.wrapper, segmentOffset: range.lowerBound,
                            inputFile))
                    return messages
                }
                for (scalar, storage) in zip(newScalars, outputs) {
                    let v = Variable(
                        name: scalar.name, isMutable: scalar.isMutable, rank: 0, storage: storage)
                    store(v)
                    messages.append(
                        REPLMessage(.result, "\(v.name): \(v.typeName) = \(storage.element(0))"))
                }
                if result != nil {
                    messages.append(REPLMessage(.result, ValueFormatter.format(value)))
                }
            case .array(let decl):
                do {
                    let v = try allocate(decl, input: utf8)
                    store(v)
                    messages.append(
                        REPLMessage(
                            .result,
                            "\(v.name): \(v.typeName) = \(ValueFormatter.format(array: v.storage, rank: v.rank))"
                        ))
                } catch {
                    messages.append(mapped(error, wrapper: nil, segmentOffset: 0, inputFile))
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
        var outputs: [any StoredValue]
        var wrapper: WrapperSource
        /// Bytes of the arrays passed (for `:time`'s throughput).
        var arrayBytes: Int
    }

    /// Builds and compiles the wrapper of one statement segment, with its arguments.
    func prepare(
        range: Range<Int>, newScalars: [NewScalarDeclaration], result: ResultPlan?,
        input utf8: [UInt8]
    ) throws -> PreparedSegment {
        let text = String(decoding: utf8[range], as: UTF8.self)
        var resultText: String?
        var segmentText = text
        if let result {
            segmentText = String(
                decoding: utf8[range.lowerBound..<result.statementRange.lowerBound], as: UTF8.self)
            resultText = String(decoding: utf8[result.statementRange], as: UTF8.self)
        }
        let mentioned = InputScanner.identifiers(in: text)
        let declaredHere = Set(newScalars.map(\.name))
        let params = variableOrder.filter { mentioned.contains($0) && !declaredHere.contains($0) }
            .compactMap { variables[$0] }
        let wrapper = WrapperSource(
            segment: segmentText, resultExpression: resultText,
            returnType: result?.typeName, parameters: params,
            newScalars: newScalars.map { .init(name: $0.name, type: $0.type) },
            definitions: definitionClosure(of: mentioned),
            segmentOffset: range.lowerBound, resultOffset: result?.statementRange.lowerBound)
        let outputs = try newScalars.map { try makeStorage($0.type, shape: [1]) }
        let function = try compiledWrapper(wrapper)
            .with(seed: callOptions.seed, threads: callOptions.threads)
        let bytes = params.filter { $0.rank > 0 }.reduce(0) {
            $0 + $1.storage.shape.reduce(1, *) * $1.elementType.byteSize
        }
        return PreparedSegment(
            function: function, arguments: params.map(\.storage.argument) + outputs.map(\.argument),
            outputs: outputs, wrapper: wrapper, arrayBytes: bytes)
    }

    func store(_ v: Variable) {
        if variables[v.name] == nil { variableOrder.append(v.name) }
        variables[v.name] = v
    }

    /// Compiles (or finds in the cache) a wrapper and returns its entry function.
    func compiledWrapper(_ wrapper: WrapperSource) throws -> KernFunction {
        if let module = wrapperCache[wrapper.text] {
            return try module.function(named: WrapperSource.functionName)
        }
        // Not through the on-disk compile cache: a wrapper is one input's throwaway code
        // (kept in `wrapperCache` for repeats), and storing its object code cost more
        // than compiling it (measured: docs/repl.md, Latency).
        var wrapperOptions = options
        wrapperOptions.compileCache = false
        let module = try KernModule.compile(
            source: wrapper.text, fileName: "<input>", options: wrapperOptions)
        wrapperCache[wrapper.text] = module
        return try module.function(named: WrapperSource.functionName)
    }

    /// Evaluates an array declaration's value and sizes in a tiny wrapper, then allocates
    /// the array on the host and fills it.
    private func allocate(_ decl: ArrayDeclaration, input: [UInt8]) throws -> Variable {
        func text(_ r: Range<Int>) -> String { String(decoding: input[r], as: UTF8.self) }
        let t = decl.elementType.description
        var body = "let __repl_value: \(t) = (\(text(decl.value)))\n"
        for (k, size) in decl.sizes.enumerated() {
            body += "let __repl_size\(k) = Int(\(text(size)))\n"
        }
        let result =
            "(__repl_value, "
            + decl.sizes.indices.map { "__repl_size\($0)" }.joined(separator: ", ") + ")"
        let mentioned = InputScanner.identifiers(in: body)
        let params = variableOrder.filter(mentioned.contains).compactMap { variables[$0] }
        let wrapper = WrapperSource(
            segment: body, resultExpression: result,
            returnType: "(\(t), " + decl.sizes.map { _ in "Int" }.joined(separator: ", ") + ")",
            parameters: params, definitions: definitionClosure(of: mentioned))
        let function = try compiledWrapper(wrapper)
        let value = try function.with(seed: callOptions.seed, threads: callOptions.threads)
            .call(params.map(\.storage.argument))
        guard case .tuple(let parts) = value, parts.count == decl.sizes.count + 1 else {
            throw KernError.backend(message: "internal error: array size wrapper returned \(value)")
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

    // MARK: - Runtime errors back to the input

    /// Renders a thrown error; a runtime error inside the wrapper points into the input,
    /// one inside a definition into that definition's text.
    func mapped(_ error: Error, wrapper: WrapperSource?, segmentOffset: Int, _ input: SourceFile)
        -> REPLMessage
    {
        guard case .runtime(let kind, let message, let position, _, _)? = error as? KernError,
            let wrapper, position != .unknown
        else { return render(error) }
        let line = Int(position.line)
        // Inlined definitions report the wrapper as the function: go by line.
        if let (lines, definition) = wrapper.definitionLines.first(where: {
            $0.lines.contains(line)
        }) {
            let file = SourceFile(name: "func \(definition.name)", text: definition.text)
            return render(
                KernError.runtime(
                    kind: kind, message: message,
                    position: SourcePos(
                        line: UInt32(line - lines.lowerBound + 1), column: position.column),
                    function: definition.name, file: file))
        }
        if let anchor = wrapper.anchors.last(where: { $0.line <= line }) {
            let start = input.position(of: SourceLoc(anchor.inputOffset))
            let mappedLine = start.line + UInt32(line - anchor.line)
            let column =
                line == anchor.line
                ? position.column - UInt32(anchor.column - 1) + start.column - 1 : position.column
            if Int(mappedLine) <= input.lineCount {
                return render(
                    KernError.runtime(
                        kind: kind, message: message,
                        position: SourcePos(line: mappedLine, column: column),
                        function: "input", file: input))
            }
        }
        return render(error)
    }
}

/// A REPL-level error with a plain message.
struct REPLError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = "error: " + description }
}
