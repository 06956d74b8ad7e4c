/// `KernSource`: Kern source text with the place it comes from, so that compile and
/// runtime errors name the user's own file and line — the Swift file holding a string
/// literal, or the `.kern` path the user gave — rather than a position inside the string.
///
/// In: the text, a path, and the line and column of the call or initializer that took the
/// literal (`#filePath`, `#line`, `#column`). Out: a `SourceFile` whose positions map to
/// that file (`SourceFile.displayPosition`). How the literal is found: SourcePlacement.swift.
import Foundation

/// Kern source text and where it is.
///
/// Written as `KernSource("""…""")`, it records the Swift file and line of the literal
/// itself, so errors point into that file even when the module is compiled elsewhere:
///
/// ```swift
/// let kernels = KernSource("""
///     func scale(x: inout [Float], by a: Float) {
///         for i in 0..<x.count { x[i] *= a }
///     }
///     """)
/// let module = try KernModule.compile(kernels)
/// ```
///
/// A compile error in `scale` then reads `Kernels.swift:12:9: error: …` (the Swift file's
/// line and column), not `2:5`. See `KernModule.compile(source:fileName:options:file:line:column:)`
/// for how the literal is placed and what the column means.
public struct KernSource: Sendable, Hashable {
    /// The Kern source text.
    public var text: String
    /// The file errors name: the Swift file of the literal, or a `.kern` file's path.
    public var path: String
    /// For a literal: the line of the call that took it (`#line`: the line of its opening
    /// parenthesis). For a whole file: 1.
    public var line: Int
    /// For a literal: the column of that parenthesis (`#column`). For a whole file: 1.
    public var column: Int
    /// Whether `text` is a literal in the Swift file `path` (true) or the whole of `path`.
    public var isLiteral: Bool

    /// Kern source in a Swift string literal, located at the caller's file and line.
    public init(
        _ text: String, file: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.text = text
        self.path = file
        self.line = line
        self.column = column
        self.isLiteral = true
    }

    /// The whole text of a `.kern` file, named by `path` as the user gave it.
    public init(fileText text: String, path: String) {
        self.text = text
        self.path = path
        self.line = 1
        self.column = 1
        self.isLiteral = false
    }

    /// The text placed in its file: what the compiler reads and errors show.
    public var sourceFile: SourceFile {
        guard isLiteral else { return SourceFile(name: path, text: text) }
        return SourcePlacement.place(text, inSwiftFile: path, line: line, column: column)
    }
}
