import ArgumentParser
import Foundation
import Kern

/// `kernelc report FILE [--json] [--remarks] [--function F] [-o OUT]`: for every loop,
/// whether it was vectorized (or why not), parallelized, its reductions and bounds checks.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show, for every loop of a .kern file, what the compiler did with it.",
        discussion: """
            Per loop (at the position of its keyword): vectorized (width, interleave) or \
            LLVM's reasons why not, parallel (prange on the thread pool), reductions, and \
            bounds checks removed / hoisted / kept. Vectorization is reported from -O2.
            """)

    @Argument(help: "The .kern file to report on.")
    var file: String

    @Flag(help: "Write the report as JSON.")
    var json = false

    @Flag(help: "Also list LLVM's optimization remarks for each loop.")
    var remarks = false

    @Option(help: "Report only this function.")
    var function: String?

    @Option(name: .shortAndLong, help: "Output file ('-' or omitted: standard output).")
    var output: String?

    @OptionGroup var flags: CompileFlags

    func run() throws {
        let source = try Console.readSource(file)
        try Console.reportingFailures {
            var report = try KernModule.report(
                source: source, fileName: file, options: flags.options)
            if let function {
                guard let f = report.function(named: function) else {
                    throw KernError.functionNotFound(
                        name: function, available: report.functions.map(\.name))
                }
                report.functions = [f]
            }
            let text: String
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                text = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            } else {
                text = report.text(remarks: remarks)
            }
            try Console.write(Array(text.utf8), to: output)
        }
    }
}
