/// Diagnostics are data: a severity, a range, a message, and a plain-English fix.
///
/// The wording sits next to the check that produces it (lexer, parser, Sema); line and
/// column are computed only when rendering. One renderer serves the CLI, the REPL and
/// the library's `KernError`.

/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable {
    /// The source does not compile.
    case error
    /// The source compiles, but probably does not mean what it says.
    case warning
    /// More about another diagnostic (where something was declared).
    case note
}

/// One message of the compiler about the source: severity, where, what, and how to fix it.
/// `DiagnosticRenderer` shows it as `file:line:col: error: …` with the source line.
public struct Diagnostic: Sendable, Hashable {
    /// A secondary position with its own message (`'x' declared here`).
    public struct Note: Sendable, Hashable {
        /// Where in the source text.
        public var range: SourceRange
        /// What the note says.
        public var message: String
        /// A note saying `message` about `range`.
        public init(_ message: String, at range: SourceRange) {
            self.message = message
            self.range = range
        }
    }

    /// Error, warning or note.
    public var severity: Severity
    /// Where in the source text (byte offsets; `SourceFile` turns them into lines).
    public var range: SourceRange
    /// What is wrong, e.g. "cannot convert value of type 'Int' to 'Double'".
    public var message: String
    /// How to fix it, e.g. "convert explicitly: Double(n)". Optional but encouraged.
    public var help: String?
    /// Further positions that explain the diagnostic.
    public var notes: [Note]

    /// A diagnostic with these fields.
    public init(
        _ severity: Severity, at range: SourceRange, _ message: String, help: String? = nil,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.range = range
        self.message = message
        self.help = help
        self.notes = notes
    }

    /// An error diagnostic.
    public static func error(
        at range: SourceRange, _ message: String, help: String? = nil, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.error, at: range, message, help: help, notes: notes)
    }
}

/// An ordered collection of diagnostics produced by a phase.
public struct DiagnosticBag: Sendable {
    public private(set) var items: [Diagnostic] = []
    public init() {}
    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func error(_ message: String, at range: SourceRange, help: String? = nil) {
        items.append(.error(at: range, message, help: help))
    }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var isEmpty: Bool { items.isEmpty }
}

/// Renders diagnostics the way every Kern tool shows them:
///
///     file.kern:3:12: error: cannot convert value of type 'Int' to 'Double'
///         let y: Double = n
///                         ^
///     help: convert explicitly: Double(n)
public struct DiagnosticRenderer: Sendable {
    /// Paint with ANSI colours (for a terminal).
    public var useColor: Bool
    /// A renderer, without colours unless asked.
    public init(useColor: Bool = false) { self.useColor = useColor }

    /// One diagnostic and its notes, each with the source line and a caret; ends with a
    /// newline.
    public func render(_ d: Diagnostic, in file: SourceFile) -> String {
        var out = ""
        let pos = file.displayPosition(of: d.range.start)
        out += header("\(file.name):\(pos.line):\(pos.column): ", d.severity, d.message)
        out += snippet(d.range, in: file)
        if let help = d.help { out += paint("help", .bold) + ": " + help + "\n" }
        for note in d.notes {
            let p = file.displayPosition(of: note.range.start)
            out += header("\(file.name):\(p.line):\(p.column): ", .note, note.message)
            out += snippet(note.range, in: file)
        }
        return out
    }

    /// Every diagnostic, one after another.
    public func render(_ ds: [Diagnostic], in file: SourceFile) -> String {
        ds.map { render($0, in: file) }.joined()
    }

    private func header(_ location: String, _ severity: Severity, _ message: String) -> String {
        let color: Style = severity == .error ? .red : (severity == .warning ? .yellow : .cyan)
        return paint(location, .bold) + paint(severity.rawValue + ":", color) + " " + message + "\n"
    }

    /// The source line with a caret under the start and tildes to the end of the range
    /// (on the same line).
    private func snippet(_ range: SourceRange, in file: SourceFile) -> String {
        let start = file.position(of: range.start)
        guard start.line >= 1 else { return "" }
        let line = file.lineText(start.line)
        let end = file.position(of: range.end)
        let width: Int
        if end.line == start.line, end.column > start.column {
            width = Int(end.column - start.column)
        } else {
            width = 1
        }
        // Keep tabs so the caret lines up under tab-indented code.
        var pad = ""
        for (i, ch) in line.unicodeScalars.enumerated() where i < Int(start.column) - 1 {
            pad.append(ch == "\t" ? "\t" : " ")
        }
        let marker = "^" + String(repeating: "~", count: max(0, width - 1))
        return "    " + line + "\n" + "    " + pad + paint(marker, .green) + "\n"
    }

    private enum Style: String {
        case bold = "1"
        case red = "1;31"
        case yellow = "1;33"
        case cyan = "1;36"
        case green = "1;32"
    }

    private func paint(_ s: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m" : s
    }
}
