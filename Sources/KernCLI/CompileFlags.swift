import ArgumentParser
import Foundation
import Kern
import KernBasics

/// Compile options shared by the subcommands (LANGUAGE.md §10).
struct CompileFlags: ParsableArguments {
    @Flag(help: "Remove array bounds checks (out-of-bounds access is then undefined).")
    var unchecked = false

    @Flag(
        help:
            "Allow reassociation and contraction of floating-point arithmetic (NaN and infinity keep working; same as --fast-math-level balanced)."
    )
    var fastMath = false

    @Option(
        help:
            "strict (default), balanced (= --fast-math) or aggressive (also assumes no NaN/infinity; warns at isNaN/isInfinite/isFinite)."
    )
    var fastMathLevel: FastMathLevel?

    @Flag(help: "Keep exp, log, sin, … scalar libm calls instead of SIMD variants from libmvec.")
    var noVectorMath = false

    @Flag(
        help:
            "Keep branchy prange bodies scalar instead of running iterations as SIMD lanes (SPMD).")
    var noSPMD = false

    @Flag(
        help:
            "Keep loops like matmul's k loop as written instead of running 4 iterations per pass of the inner loop (same results)."
    )
    var noUnrollJam = false

    @Option(help: "Preferred SIMD width in bits: 256 or 512 (default: 512, measured faster here).")
    var preferVectorWidth: Int?

    @Option(name: .customShort("O"), help: "Optimization level, 0–3.")
    var optimizationLevel: Int = 3

    @Option(
        help:
            "Target CPU name, or 'native' for this machine's (the default, except for kernelc build's header, c-target and lib)."
    )
    var targetCPU: String?

    @Option(help: "Target features, e.g. +avx2,-avx512f (default: this machine's).")
    var targetFeatures: String?

    @Flag(help: "Run the Kern IR verifier on the pipeline's input and after every pass.")
    var verifyEach = false

    @Option(
        help: ArgumentHelp(
            "Print the Kern IR after a pass to standard output: \(CompileOptions.passNames.joined(separator: ", ")) or all.",
            valueName: "pass"))
    var dumpAfter: String?

    @Option(
        help: ArgumentHelp(
            "A shared library for @extern(c) functions (a path or a name the loader finds); repeatable.",
            valueName: "library"))
    var link: [String] = []

    func validate() throws {
        if let pass = dumpAfter, pass != "all", !CompileOptions.passNames.contains(pass) {
            throw ValidationError(
                "--dump-after takes one of \(CompileOptions.passNames.joined(separator: ", ")) or all"
            )
        }
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
        o.spmd = !noSPMD
        o.unrollAndJam = !noUnrollJam
        o.preferredVectorWidth = preferVectorWidth
        o.targetCPU = targetCPU
        o.targetFeatures = targetFeatures
        // Without the flag: the default (on in debug builds of Kern, off in release).
        o.verifyEach = verifyEach ? true : nil
        o.dumpAfter = dumpAfter
        o.libraries = link
        // A command compiles what it runs or prints now (`--time` shows the whole compile).
        o.lazyCompile = false
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

    /// Writes to stderr; a failed write is remembered and turns into exit status 1
    /// (`Kernelc.checkStreamsAtExit`).
    static func printError(_ text: String) { StandardStreams.writeError(text) }

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
    /// `forEmission`: not loaded into the JIT (`build`), so the target may be another CPU.
    static func compile(_ file: String, options: CompileOptions, forEmission: Bool = false) throws
        -> KernModule
    {
        let source = try readSource(file)
        let module =
            forEmission
            ? try KernModule.compileForEmission(source: source, fileName: file, options: options)
            : try KernModule.compile(source: source, fileName: file, options: options)
        if !module.warnings.isEmpty { printError(module.renderedWarnings) }
        return module
    }

    /// Writes a command's result to `-o OUTPUT` (nil or `-`: standard output) with
    /// `OutputFile`'s rules (devices and FIFOs written in place, links followed, regular
    /// files replaced atomically).
    /// - Throws: `ExitCode(1)` after printing the reason.
    static func write(_ bytes: [UInt8], to output: String?) throws {
        do {
            if let output, output != "-" {
                try OutputFile.write(bytes, to: output)
            } else {
                try StandardStreams.writeOutput(bytes)
            }
        } catch let error as OutputFileError {
            // A stdout failure is reported once, at exit (EPIPE quietly).
            if let output, output != "-" { printError("error: \(error)") }
            throw ExitCode(1)
        }
    }
}

extension FastMathLevel: ExpressibleByArgument {}
