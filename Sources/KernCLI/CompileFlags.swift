import ArgumentParser
import Foundation
import Kern

/// Compile options shared by the subcommands (LANGUAGE.md §10).
struct CompileFlags: ParsableArguments {
    @Flag(help: "Remove array bounds checks (out-of-bounds access is then undefined).")
    var unchecked = false

    @Flag(name: .customLong("fast-math"), help: "Allow reassociation and contraction of floating-point arithmetic.")
    var fastMath = false

    @Option(name: .customShort("O"), help: "Optimization level, 0–3.")
    var optimizationLevel: Int = 3

    @Option(name: .customLong("target-cpu"), help: "Target CPU name (default: this machine's).")
    var targetCPU: String?

    @Option(name: .customLong("target-features"), help: "Target features, e.g. +avx2,-avx512f (default: this machine's).")
    var targetFeatures: String?

    func validate() throws {
        guard (0...3).contains(optimizationLevel) else {
            throw ValidationError("-O takes 0, 1, 2 or 3")
        }
    }

    var options: CompileOptions {
        var o = CompileOptions()
        o.optimizationLevel = optimizationLevel
        o.checked = !unchecked
        o.fastMath = fastMath
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
}
