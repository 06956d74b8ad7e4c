/// Compiling sources that declare C functions (`@extern(c)`, LANGUAGE.md §3).
extension KernModule {
    /// Compiles Kern source text whose `@extern(c)` functions may bind to symbols of
    /// `libraries` (paths or names `dlopen` finds) as well as the process's. The
    /// libraries are loaded globally and stay loaded.
    /// - Throws: `KernError.compile` (also for a library that cannot be loaded or a symbol
    ///   found nowhere), or `KernError.backend`.
    public static func compile(
        source: String, fileName: String? = nil, options: CompileOptions = .init(),
        libraries: [String], file: String = #filePath, line: Int = #line,
        column: Int = #column
    ) throws -> KernModule {
        var options = options
        options.libraries += libraries
        return try compile(
            source: source, fileName: fileName, options: options, file: file, line: line,
            column: column)
    }
}
