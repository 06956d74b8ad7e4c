import ArgumentParser
import Kern

/// The `kernelc` command: subcommands only; each lives in its own file and calls the
/// `Kern` library (DESIGN.md example 12).
public struct Kernelc: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kernelc",
        abstract:
            "The Kern kernel compiler: run, build, check and report on .kern files, or try kernels in a REPL.",
        subcommands: [
            RunCommand.self, BuildCommand.self, CheckCommand.self, ReportCommand.self,
            ReplCommand.self, CacheCommand.self,
        ])

    @Flag(
        name: .long,
        help: "Print Kern's version and the LLVM it would load (path and version), or why none.")
    var version = false

    public init() {}

    public mutating func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print("kernelc (Kern) \(KernInfo.version)")
        print(KernInfo.llvmDescription())
    }
}
