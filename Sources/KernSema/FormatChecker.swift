import KernBasics
import KernSyntax

/// `String(format: "…", args…)` (LANGUAGE.md §8, "Formatted output").
///
/// In: a call of `String` with a `format:` label, written as an argument of `print` (the
/// only place a `String` value may go). Out: `calls[e] = .format(pieces)` and the
/// arguments' types; the format must be a string literal whose conversions match the
/// arguments in number and kind (an integer for `d i u o x X`, `Float`/`Double` for
/// `f F e E g G a A`), so a mismatch that Foundation would misprint is a compile error
/// at the argument.
extension Checker {
    /// Whether `e` is written `String(...)` (a format call, well-formed or not).
    func isStringCall(_ e: ExprID) -> Bool {
        if case .call(let callee, _) = kind(e), case .name("String") = kind(callee) { return true }
        return false
    }

    /// A `String(...)` call outside `print`'s argument list.
    func rejectStringCall(_ e: ExprID, callee: ExprID, arguments: [Argument]) -> SemaType {
        setType(callee, .void)
        error(
            "'String(format:)' can only be an argument of 'print'", at: range(callee),
            help: "write print(String(format: ...)); Kern has no String values")
        checkArgumentsLoosely(arguments)
        return .error
    }

    /// Checks `String(format: literal, args…)` as a `print` argument; returns `.string`.
    @discardableResult
    func checkFormatCall(_ e: ExprID, callee: ExprID, arguments: [Argument]) -> SemaType {
        setType(callee, .void)
        guard let first = arguments.first, first.label == "format" else {
            error(
                "'String' is only available as String(format:) in Kern", at: range(callee),
                help: "write String(format: \"%d\", n)")
            checkArgumentsLoosely(arguments)
            return .error
        }
        let values = Array(arguments.dropFirst())
        for argument in values {
            if let label = argument.label {
                error(
                    "extraneous argument label '\(label):' in call to 'String(format:)'",
                    at: argument.labelRange ?? range(argument.value), help: "remove the label")
            }
        }
        guard case .stringLiteral(let text) = kind(first.value) else {
            error(
                "the format of 'String(format:)' must be a string literal",
                at: range(first.value),
                help: "Kern checks formats when it compiles: write the format in quotes")
            checkArgumentsLoosely(values)
            return .error
        }
        setType(first.value, .string)
        let pieces: [FormatPiece]
        switch FormatPiece.parse(text) {
        case .failure(let problem):
            error(
                problem.message, at: formatRange(first.value, text, problem.offset),
                help: problem.help)
            checkArgumentsLoosely(values)
            return .error
        case .success(let p):
            pieces = p
        }
        let conversions = pieces.compactMap { piece -> FormatConversion? in
            if case .conversion(let c) = piece { c } else { nil }
        }
        var ok = true
        for (k, argument) in values.enumerated() {
            guard k < conversions.count else {
                error(
                    "extra argument for the format: it has \(conversions.count) conversion\(conversions.count == 1 ? "" : "s")",
                    at: range(argument.value),
                    help: "add a conversion such as '%d' or remove the argument")
                checkArgumentsLoosely([argument])
                ok = false
                continue
            }
            ok = checkFormatArgument(argument.value, conversions[k]) && ok
        }
        if values.count < conversions.count {
            let missing = conversions[values.count]
            error(
                "missing argument for conversion '\(missing.spec)' of the format",
                at: range(first.value),
                help:
                    "the format has \(conversions.count) conversion\(conversions.count == 1 ? "" : "s") but \(values.count) argument\(values.count == 1 ? " follows" : "s follow") it"
            )
            ok = false
        }
        guard ok else { return .error }
        calls[e] = .format(pieces)
        return setType(e, .string)
    }

    /// One argument against its conversion; false after reporting a mismatch.
    private func checkFormatArgument(_ e: ExprID, _ c: FormatConversion) -> Bool {
        // Literals take the conversion's kind, as `let x: Double = 1` would.
        let expected: SemaType? = c.letter.takesInteger ? nil : .scalar(.double)
        let t = checkExpr(e, expected: expected)
        let spec = "%" + c.letter.rawValue
        switch t {
        case .error:
            return false
        case .scalar(let s) where s.isInteger && c.letter.takesInteger:
            return true
        case .scalar(let s) where s.isFloating && !c.letter.takesInteger:
            return true
        case .scalar(.bool):
            error(
                "'\(spec)' cannot format a 'Bool'", at: range(e),
                help: "print the Bool on its own, or choose a number: b ? 1 : 0")
        case .scalar(let s) where s.isFloating:
            error(
                "'\(spec)' expects an integer, but the argument is '\(t)'", at: range(e),
                help: "use '%f', '%e' or '%g' for '\(s.name)', or convert with Int(...)")
        case .scalar:
            error(
                "'\(spec)' expects a 'Float' or 'Double', but the argument is '\(t)'", at: range(e),
                help: "use '%d' for an integer, or convert with Double(...)")
        case .tuple, .array, .void, .range, .metatype, .string:
            error("'\(spec)' cannot format a value of type '\(t)'", at: range(e))
        }
        return false
    }

    /// The range of the format character at `offset` when the literal has no escapes (its
    /// source is then its text in quotes); otherwise the whole literal.
    private func formatRange(_ literal: ExprID, _ text: String, _ offset: Int) -> SourceRange {
        let whole = range(literal)
        let length = Int(whole.end.offset) - Int(whole.start.offset)
        guard length == text.utf8.count + 2 else { return whole }
        let prefix = text.prefix(offset).utf8.count
        let start = SourceLoc(Int(whole.start.offset) + 1 + prefix)
        return SourceRange(start, SourceLoc(start.offset + 1))
    }
}
