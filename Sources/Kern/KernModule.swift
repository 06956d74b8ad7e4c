/// `KernModule`: a compiled Kern source file and its callable functions.
///
/// In: Kern source text (or a file) and `CompileOptions`. Out: the exported functions as
/// `KernFunction`s, compile warnings, and the intermediate texts tools show (Kern IR,
/// LLVM IR, assembly). Compile errors are thrown as `KernError.compile` with every
/// diagnostic. The pipeline itself lives in Compiler.swift.
import Foundation
import KernIR

/// Wall-clock time of each compile phase.
public struct CompileTimings: Sendable, Hashable, CustomStringConvertible {
    /// Parsing and type checking.
    public var frontEnd: Duration = .zero
    /// Lowering to Kern IR and its passes.
    public var kernIR: Duration = .zero
    /// LLVM IR generation, verification and optimization (and, with the compile cache,
    /// the cache lookup and object code generation).
    public var llvm: Duration = .zero
    /// Machine-code generation and linking in the JIT, up to callable entry points.
    public var jit: Duration = .zero

    /// The same time, stage by stage (`kernelc build --time`, `kernelc run --time`):
    /// parsing.
    public var parse: Duration = .zero
    /// Type checking (Sema, fast-math warnings).
    public var check: Duration = .zero
    /// IRGen: checked program → Kern IR.
    public var irgen: Duration = .zero
    /// The Kern IR pass pipeline.
    public var passes: Duration = .zero
    /// Loading libLLVM (the process's first compile only; with the compile cache off it is
    /// part of `llvmLowering`).
    public var llvmLoad: Duration = .zero
    /// Kern IR → LLVM IR.
    public var llvmLowering: Duration = .zero
    /// LLVM's verifier and `default<On>` pipeline.
    public var llvmOptimization: Duration = .zero
    /// Machine code as an object file (compile cache on, or `objectCode()`); zero when the
    /// JIT generates the machine code itself (then it is part of `jitLink`).
    public var objectCode: Duration = .zero
    /// Looking the key up in, and storing to, the compile cache.
    public var cache: Duration = .zero
    /// Adding the code to the JIT and resolving the entry points.
    public var jitLink: Duration = .zero
    /// Whether the object code came from the compile cache (nil: the cache was not used).
    public var cacheHit: Bool?
    /// How many LLVM modules the code was compiled as: more than 1 when a large module
    /// was split to compile on several threads (then the LLVM columns are the slowest
    /// partition's). 0 when nothing went through LLVM yet (a lazy module at load).
    public var partitions: Int = 1

    /// All phases at zero.
    public init() {}

    /// The sum of the phases.
    public var total: Duration { frontEnd + kernIR + llvm + jit }

    /// The stages in order, named as `--time` prints them.
    public var stages: [(name: String, time: Duration)] {
        [
            ("parse", parse), ("sema", check), ("irgen", irgen), ("passes", passes),
            ("LLVM load", llvmLoad), ("LLVM lowering", llvmLowering),
            ("LLVM optimization", llvmOptimization),
            ("codegen (object)", objectCode), ("cache", cache), ("JIT link", jitLink),
        ]
    }

    /// Each phase and the total in milliseconds, e.g. `front end 0.31 ms, …; total 9.80 ms`.
    public var description: String {
        func ms(_ d: Duration) -> String {
            let (s, atto) = d.components
            return String(format: "%.2f ms", Double(s) * 1e3 + Double(atto) / 1e15)
        }
        return
            "front end \(ms(frontEnd)), Kern IR \(ms(kernIR)), LLVM \(ms(llvm)), JIT \(ms(jit)); total \(ms(total))"
    }
}

/// A compiled Kern source: its functions, ready to call, and what the compiler made.
///
/// Compile one with `compile(source:fileName:options:file:line:column:)`,
/// `compile(_:options:)` (a `KernSource`), `compile(path:options:)` or
/// `compile(resource:withExtension:in:options:file:)`; then get a function with
/// `function(named:)`. A module is `Sendable`: compile once and
/// call its functions from any thread. Its machine code lives as long as the module or any
/// of its functions.
public final class KernModule: Sendable {
    /// The source the module was compiled from.
    public let file: SourceFile
    /// The options the module was compiled with.
    public let options: CompileOptions
    /// Every host-callable function, in source order.
    public let functions: [KernFunction]
    /// Warnings from the front end (errors are thrown instead).
    public let warnings: [Diagnostic]
    /// Where the compile time went.
    public let timings: CompileTimings
    let kernIR: KernIR.Module
    let code: any CompiledCode

    init(
        file: SourceFile, options: CompileOptions, functions: [KernFunction],
        warnings: [Diagnostic], kernIR: KernIR.Module, code: any CompiledCode,
        timings: CompileTimings = CompileTimings()
    ) {
        self.file = file
        self.options = options
        self.functions = functions
        self.warnings = warnings
        self.kernIR = kernIR
        self.code = code
        self.timings = timings
    }

    /// The optimized Kern IR, as the IR printer writes it (printed on demand).
    public var kirText: String { printModule(kernIR) }

    /// The optimized LLVM IR of the module.
    public var llvmIR: String { code.llvmIR }

    /// Whether the machine code calls glibc's libmvec (SIMD math), so linking it needs
    /// `-lmvec -lm`; asks the LLVM module instead of printing and searching `llvmIR`.
    package var callsVectorMathLibrary: Bool { code.callsVectorMathLibrary }

    /// The module's machine code as assembly for the target. `entryPrefix`: the entry
    /// point of function `f` is `<entryPrefix>_f` instead of `kern_entry_f` (every other
    /// symbol is internal, so modules with different prefixes link into one program).
    public func assembly(entryPrefix: String? = nil) throws -> String {
        try code.assembly(entryPrefix: entryPrefix)
    }

    /// The module as an ELF object file (links against KernRuntime and libm);
    /// `entryPrefix` as for `assembly(entryPrefix:)`.
    public func objectCode(entryPrefix: String? = nil) throws -> [UInt8] {
        try code.objectCode(entryPrefix: entryPrefix)
    }

    /// Parses and type-checks source without compiling it (`kernelc check`). Diagnostics
    /// are placed as `compile(source:fileName:options:file:line:column:)` places them.
    /// - Throws: `KernError.compile` with every diagnostic when there is an error.
    /// - Returns: warnings.
    @discardableResult
    public static func check(
        source: String, fileName: String? = nil, file: String = #filePath, line: Int = #line,
        column: Int = #column
    ) throws -> [Diagnostic] {
        try Compiler.check(sourceFile(source, fileName, file, line, column))
    }

    /// Parses and type-checks source without compiling it.
    /// - Throws: `KernError.compile` with every diagnostic when there is an error.
    /// - Returns: warnings.
    @discardableResult
    public static func check(_ source: KernSource) throws -> [Diagnostic] {
        try Compiler.check(source.sourceFile)
    }

    /// The function with that name.
    /// - Throws: `KernError.functionNotFound` listing the available names.
    public func function(named name: String) throws -> KernFunction {
        guard let f = functions.first(where: { $0.name == name }) else {
            throw KernError.functionNotFound(name: name, available: functions.map(\.name))
        }
        return f
    }

    /// `module["saxpy"]`: the function with that name, or nil.
    public subscript(name: String) -> KernFunction? { functions.first { $0.name == name } }

    // MARK: - Compiling

    /// Compiles Kern source text.
    ///
    /// Errors name the Swift file and line where the kernel is (`file`, `line`, `column`:
    /// the caller's, by default), not positions inside the string:
    /// - a multi-line literal (`compile(source: """`) starts on the line after `"""`; its
    ///   columns are the Swift file's (the indentation Swift strips is added back);
    /// - a single-line literal (`compile(source: "func f() …")`) is on the call's line, at
    ///   its column in the Swift file;
    /// - a literal assigned to a variable elsewhere in the same file is found there.
    ///
    /// Kern finds the literal by reading the Swift file when it can (while developing);
    /// when it cannot (an app run elsewhere), lines follow the rule above and columns count
    /// within the string's line. A text that is in no literal of that file (read at run
    /// time, or built by code) is named `<source>` with its own lines. Pass `fileName` for
    /// text that is a whole file of its own (errors then say `fileName:line:col`), or use
    /// `KernSource` to record the literal's own line where it is written.
    /// - Throws: `KernError.compile` with every diagnostic, or `KernError.backend`.
    public static func compile(
        source: String, fileName: String? = nil, options: CompileOptions = .init(),
        file: String = #filePath, line: Int = #line, column: Int = #column
    ) throws -> KernModule {
        try Compiler.compile(sourceFile(source, fileName, file, line, column), options: options)
    }

    /// Compiles Kern source that records where it is (`KernSource("""…""")`), so errors
    /// name that Swift file and line.
    /// - Throws: `KernError.compile` with every diagnostic, or `KernError.backend`.
    public static func compile(_ source: KernSource, options: CompileOptions = .init()) throws
        -> KernModule
    {
        try Compiler.compile(source.sourceFile, options: options)
    }

    /// The text as a whole file named `fileName`, or as a literal at the caller's place.
    private static func sourceFile(
        _ text: String, _ fileName: String?, _ file: String, _ line: Int, _ column: Int
    ) -> SourceFile {
        if let fileName { return SourceFile(name: fileName, text: text) }
        return KernSource(text, file: file, line: line, column: column).sourceFile
    }

    /// Compiles Kern source text for its Kern IR, LLVM IR, assembly or object code only
    /// (`kernelc build`): nothing is loaded into the JIT, so `options.targetCPU` and
    /// `targetFeatures` may name a CPU other than this machine's. The module has no
    /// callable `functions`.
    /// - Throws: `KernError.compile` with every diagnostic, or `KernError.backend`.
    public static func compileForEmission(
        source: String, fileName: String = "<source>", options: CompileOptions = .init()
    ) throws -> KernModule {
        KernInfo.loadLLVMInBackground()  // opens while the front end runs
        return try Compiler.compile(
            SourceFile(name: fileName, text: source), options: options,
            backend: LLVMEmitOnlyBackend())
    }

    /// Compiles a `.kern` file; diagnostics name it by its path as given.
    public static func compile(file url: URL, options: CompileOptions = .init()) throws
        -> KernModule
    {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw KernError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        let name = url.isFileURL ? url.relativePath : url.absoluteString
        return try Compiler.compile(SourceFile(name: name, text: text), options: options)
    }

    /// Compiles the `.kern` file at `path`.
    public static func compile(path: String, options: CompileOptions = .init()) throws -> KernModule
    {
        try compile(file: URL(fileURLWithPath: path), options: options)
    }
}

extension KernModule {
    /// The compile warnings as the CLI prints them (position, caret, help); "" if none.
    public var renderedWarnings: String { DiagnosticRenderer().render(warnings, in: file) }
}
