import ArgumentParser
import Foundation
import KernREPL

/// `kernelc repl`: the interactive Kern session (logic in KernREPL's `REPLSession`).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract:
            "Start an interactive session: define functions, keep variables, time and inspect kernels.",
        discussion:
            "Without a terminal (piped input) it prints no prompts, only results and diagnostics. History is kept in $KERN_HISTORY or ~/.kern_history."
    )

    @OptionGroup var flags: CompileFlags

    func run() throws {
        let session = REPLSession(options: flags.options)
        let status = REPLDriver(session: session).run()
        if status != 0 { throw ExitCode(status) }
    }
}
