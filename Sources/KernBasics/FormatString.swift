/// `String(format:)`'s format language (LANGUAGE.md §8, "Formatted output"): the part of
/// C's printf that Foundation users write for numbers.
///
/// In: the text of a format literal. Out: its pieces (text and conversions), or the first
/// problem with its offset in the text. Sema checks the arguments against the
/// conversions; the IR carries each conversion's C spec (`FormatConversion.spec`) to the
/// one C routine (`kern_rt_format_scalar`) the interpreter and compiled code share.
public enum FormatPiece: Sendable, Hashable {
    /// Literal text (`%%` already turned into `%`).
    case text(String)
    case conversion(FormatConversion)
}

/// One `%…` conversion of a format: flags, width, precision and conversion letter.
/// Length modifiers (`l`, `ll`, `h`, `hh`, `q`, `z`, `t`, `j`, `L`) are accepted and
/// dropped: the argument's Kern type gives its width.
public struct FormatConversion: Sendable, Hashable {
    /// The conversion letter (its raw value).
    public enum Letter: String, Sendable, Hashable, CaseIterable {
        case d, i, u, o, x, f, e, g, a
        case upperX = "X"
        case upperF = "F"
        case upperE = "E"
        case upperG = "G"
        case upperA = "A"

        /// `d i u o x X` take integers; the others floating-point values.
        public var takesInteger: Bool {
            switch self {
            case .d, .i, .u, .o, .x, .upperX: true
            case .f, .upperF, .e, .upperE, .g, .upperG, .a, .upperA: false
            }
        }

        /// `u o x X` print the value's bits as unsigned (C's behaviour at the type's width).
        public var isUnsigned: Bool {
            switch self {
            case .u, .o, .x, .upperX: true
            case .d, .i, .f, .upperF, .e, .upperE, .g, .upperG, .a, .upperA: false
            }
        }
    }

    /// Flag characters among `-+ 0#`, in the order written.
    public var flags: String
    /// The minimum field width, if written.
    public var width: Int?
    /// The precision after `.`, if written (`%.f` is precision 0).
    public var precision: Int?
    /// The conversion.
    public var letter: Letter

    /// A conversion with these parts.
    public init(flags: String, width: Int?, precision: Int?, letter: Letter) {
        self.flags = flags
        self.width = width
        self.precision = precision
        self.letter = letter
    }

    /// The C conversion spec without a length modifier, e.g. `%-08.3f`: what the IR prints
    /// and the runtime formats with (it adds the modifier for the value it gets).
    public var spec: String {
        var s = "%" + flags
        if let width { s += String(width) }
        if let precision { s += "." + String(precision) }
        s.append(letter.rawValue)
        return s
    }

    /// Parses a spec as `spec` writes it (the IR text's form).
    public init?(spec: String) {
        guard case .success(let pieces) = FormatPiece.parse(spec), pieces.count == 1,
            case .conversion(let c) = pieces[0]
        else { return nil }
        self = c
    }
}

/// A format literal that is not valid: what is wrong and where (a character offset into
/// the format's text).
public struct FormatError: Error, Sendable, Hashable {
    /// What is wrong, for the diagnostic.
    public var message: String
    /// How to fix it, if there is a simple way.
    public var help: String?
    /// Where, in characters from the start of the format's text.
    public var offset: Int
}

extension FormatPiece {
    /// Parses a whole format. Widths and precisions are literal numbers up to 4096
    /// (`*` is not supported: Kern's formats are compile-time literals).
    public static func parse(_ text: String) -> Result<[FormatPiece], FormatError> {
        let chars = Array(text)
        var pieces: [FormatPiece] = []
        var literal = ""
        var k = 0
        func number() -> Int? {
            var n: Int?
            while k < chars.count, let d = chars[k].wholeNumberValue, chars[k].isASCII {
                n = min((n ?? 0) * 10 + d, 1_000_000)
                k += 1
            }
            return n
        }
        /// A width or precision taken from an argument (`*`) at `k`: not supported.
        func starError() -> FormatError? {
            guard k < chars.count, chars[k] == "*" else { return nil }
            return FormatError(
                message: "'*' widths and precisions are not supported",
                help: "write the number into the format", offset: k)
        }
        while k < chars.count {
            guard chars[k] == "%" else {
                literal.append(chars[k])
                k += 1
                continue
            }
            let start = k
            k += 1
            if k < chars.count, chars[k] == "%" {
                literal.append("%")
                k += 1
                continue
            }
            var flags = ""
            while k < chars.count, "-+ 0#".contains(chars[k]) {
                flags.append(chars[k])
                k += 1
            }
            if let e = starError() { return .failure(e) }
            let width = number()
            var precision: Int?
            if k < chars.count, chars[k] == "." {
                k += 1
                if let e = starError() { return .failure(e) }
                precision = number() ?? 0
            }
            if k < chars.count, chars[k] == "$" {
                return .failure(
                    FormatError(
                        message: "positional arguments ('%n$') are not supported",
                        help: "write the arguments in the order of the conversions",
                        offset: start))
            }
            for value in [width, precision] where (value ?? 0) > 4096 {
                return .failure(
                    FormatError(
                        message: "width or precision \(value ?? 0) is too large (at most 4096)",
                        help: nil, offset: start))
            }
            while k < chars.count, "lhqztjL".contains(chars[k]) { k += 1 }
            guard k < chars.count else {
                return .failure(
                    FormatError(
                        message: "incomplete conversion at the end of the format",
                        help: "write '%%' for a percent sign", offset: start))
            }
            guard let letter = FormatConversion.Letter(rawValue: String(chars[k])) else {
                let c = chars[k]
                let help: String =
                    switch c {
                    case "s", "@", "c":
                        "Kern formats numbers only; put text into the format itself"
                    default: "use one of d i u o x X f F e E g G a A, or '%%' for a percent sign"
                    }
                return .failure(
                    FormatError(
                        message: "unsupported conversion '%\(c)' in format", help: help,
                        offset: k))
            }
            k += 1
            if !literal.isEmpty {
                pieces.append(.text(literal))
                literal = ""
            }
            pieces.append(
                .conversion(
                    FormatConversion(
                        flags: flags, width: width, precision: precision, letter: letter)))
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return .success(pieces)
    }
}
