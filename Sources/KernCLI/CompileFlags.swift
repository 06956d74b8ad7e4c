import ArgumentParser
import Foundation
import Kern

/// Compile options shared by the subcommands (LANGUAGE.md §10).
struct CompileFlags: ParsableArguments {
    @Flag(help: "Remove array bounds checks (out-of-bounds access is then undefined).")
    var unchecked = false

    @Flag(
        name: .customLong("fast-math"),
        help:
            "Allow reassociation and contraction of floating-point arithmetic (NaN and infinity keep working; same as --fast-math-level balanced)."
    )
    var fastMath = false

    @Option(
        name: .customLong("fast-math-level"),
        help:
            "strict (default), balanced (= --fast-math) or aggressive (also assumes no NaN/infinity; warns at isNaN/isInfinite/isFinite)."
    )
    var fastMathLevel: FastMathLevel?

    @Flag(
        name: .customLong("no-vector-math"),
        help: "Keep exp, log, sin, … scalar libm calls instead of SIMD variants from libmvec.")
    var noVectorMath = false

    @Option(
        name: .customLong("prefer-vector-width"),
        help: "Preferred SIMD width in bits: 256 or 512 (default: 512, measured faster here).")
    var preferVectorWidth: Int?

    @Option(name: .customShort("O"), help: "Optimization level, 0–3.")
    var optimizationLevel: Int = 3

    @Option(name: .customLong("target-cpu"), help: "Target CPU name (default: this machine's).")
    var targetCPU: String?

    @Option(
        name: .customLong("target-features"),
        help: "Target features, e.g. +avx2,-avx512f (default: this machine's).")
    var targetFeatures: String?

    func validate() throws {
        guard (0...3).contains(optimizationLevel) else {
            throw ValidationError("-O takes 0, 1, 2 or 3")
        }
        if let width = preferVectorWidth, ![128, 256, 512].contains(width) {
            throw ValidationError("--prefer-vector-width takes 128, 256 or 512 (bits)")
        }
        if fastMath, let level = fastMathLevel, level != .balanced {
            throw ValidationError(
                "--fast-math means --fast-math-level balanced; give only one of them")
        }
    }

    var options: CompileOptions {
        var o = CompileOptions()
        o.optimizationLevel = optimizationLevel
        o.checked = !unchecked
        o.fastMathLevel = fastMathLevel ?? (fastMath ? .balanced : .strict)
        o.vectorMath = !noVectorMath
        o.preferredVectorWidth = preferVectorWidth
        o.targetCPU = targetCPU
        o.targetFeatures = targetFeatures
        return o
    }
}

/// Reading sources and reporting failures the same way in every subcommand.
enum Console {
    /// Reads a source file; bytes that are not UTF-8 become U+FFFD (the lexer reports them).
    static func readSource(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("error: cannot read '\(path)': no such file or not readable")
            throw ExitCode(1)
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func printError(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Prints a library error on stderr and exits with status 1.
    static func fail(_ error: Error) -> ExitCode {
        printError(String(describing: error))
        return ExitCode(1)
    }

    /// Runs a subcommand's body: an `ExitCode` passes through, any other error is printed
    /// and becomes exit status 1 (the contract of every subcommand).
    static func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail(error)
        }
    }

    /// Reads and compiles `file` and prints its warnings on stderr (`build` and `run`).
    static func compile(_ file: String, options: CompileOptions) throws -> KernModule {
        let source = try readSource(file)
        let module = try KernModule.compile(source: source, fileName: file, options: options)
        if !module.warnings.isEmpty { printError(module.renderedWarnings) }
        return module
    }

    /// Writes `bytes` to the file `output`, or to stdout when it is nil or `-`.
    static func write(_ bytes: [UInt8], to output: String?) throws {
        guard let output, output != "-" else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
            printError("error: cannot write '\(output)'")
            throw ExitCode(1)
        }
    }
}

extension FastMathLevel: ExpressibleByArgument {}
