/// The fast path for the most common input: a call of a definition whose arguments
/// are variables and literals (`dot(x, x)`, `norm(x)`, `f(3, 0.5)`). Such a call
/// needs no new code: it goes straight to the library's compiled function, with the
/// probe's types for the literals. Anything else returns nil and takes the wrapper path.
import Kern
import KernSema
import KernSyntax

extension REPLSession {
    func directCall(_ plan: InputPlan, _ program: CheckedProgram) -> [REPLMessage]? {
        guard let call = plan.soleExpression, let outcome = directValue(of: call, program) else {
            return nil
        }
        switch outcome {
        case .success(.void): return []
        case .success(let value): return [REPLMessage(.result, ValueFormatter.format(value))]
        case .failure(let error): return [mappedLibraryError(error)]
        }
    }

    /// Calls `call` on the library when it is a call of a definition whose arguments are
    /// variables and literals; nil when it is not such a call.
    func directValue(of call: ExprID, _ program: CheckedProgram) -> Result<KernValue, Error>? {
        guard let library, case .function(let index)? = program.calls[call],
            case .call(_, let arguments) = program.ast.exprs[call].kind
        else { return nil }
        let signature = program.functions[index]
        guard definitions[signature.name] != nil, let function = library[signature.name],
            arguments.count == signature.params.count
        else { return nil }
        var values: [any KernArgument] = []
        for (argument, parameter) in zip(arguments, signature.params) {
            var e = argument.value
            if case .inoutRef(let inner) = program.ast.exprs[e].kind { e = inner }
            if let constant = program.constants[e] {
                guard !parameter.isInout, let v = Self.argument(constant) else { return nil }
                values.append(v)
            } else if case .name(let name) = program.ast.exprs[e].kind, let v = variables[name] {
                if v.rank > 0 {
                    values.append(v.storage.argument)
                } else {
                    guard !parameter.isInout else { return nil }
                    values.append(v.storage.scalarArgument)
                }
            } else {
                return nil
            }
        }
        return Result {
            try function.with(seed: callOptions.seed, threads: callOptions.threads).call(values)
        }
    }

    /// A runtime error in the library module, shown against the definition it is in.
    func mappedLibraryError(_ error: Error) -> REPLMessage {
        guard
            case .runtime(let kind, let message, let position, let function, _)? = error
                as? KernError,
            let library, position != .unknown
        else { return render(error) }
        let text = library.file.text
        var lineStart = 1
        for name in libraryOrder {
            guard let d = definitions[name], let r = text.range(of: d.text) else { continue }
            lineStart = text[..<r.lowerBound].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            let lineCount = d.text.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            let line = Int(position.line)
            if line >= lineStart, line < lineStart + lineCount {
                return render(
                    KernError.runtime(
                        kind: kind, message: message,
                        position: SourcePos(
                            line: UInt32(line - lineStart + 1), column: position.column),
                        function: function, file: SourceFile(name: "func \(d.name)", text: d.text)))
            }
        }
        return render(error)
    }

    private var libraryOrder: [String] { definitionOrder }

    /// A literal's value as an argument of its checked type.
    static func argument(_ constant: ConstantValue) -> (any KernArgument)? {
        switch constant {
        case .bool(let b): return b
        case .integer(let type, let bits):
            switch type {
            case .int8: return Int8(truncatingIfNeeded: bits)
            case .int16: return Int16(truncatingIfNeeded: bits)
            case .int32: return Int32(truncatingIfNeeded: bits)
            case .int64: return Int(truncatingIfNeeded: bits)
            case .uint8: return UInt8(truncatingIfNeeded: bits)
            case .uint16: return UInt16(truncatingIfNeeded: bits)
            case .uint32: return UInt32(truncatingIfNeeded: bits)
            case .uint64: return UInt(bits)
            case .bool, .float, .double: return nil
            }
        case .floating(let type, let value):
            switch type {
            case .float: return Float(value)
            case .double: return value
            default: return nil
            }
        }
    }
}
