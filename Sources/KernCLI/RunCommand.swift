import ArgumentParser
import Foundation
import Kern
internal import KernRuntime

/// `kernelc run FILE`: compiles the file and calls its `func main()` (LANGUAGE.md §11).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Compile a .kern file and run its main().",
        discussion:
            "If main returns a value it is printed as print would. Compile and runtime errors go to standard error with exit status 1."
    )

    @Argument(help: "The .kern file to run.")
    var file: String

    @Option(help: "Worker threads for prange loops (default: all cores).")
    var threads: Int?

    @Option(help: "Seed of the random numbers.")
    var seed: UInt64 = 0

    @Flag(help: "Print the time of each compile stage on standard error (also KERN_TIME=1).")
    var time = false

    @OptionGroup var flags: CompileFlags

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// Under an MPI launcher (LANGUAGE.md §12) every rank runs main; a failure is printed
    /// with the rank and ends the whole job (MPI_Abort), so no rank waits forever for one
    /// that stopped.
    func run() throws {
        let rank = kern_mpi_launch_rank()
        do {
            try runMain()
        } catch let exit as ExitCode {
            if exit.rawValue != 0 { kern_mpi_abort(exit.rawValue) }
            throw exit
        } catch {
            Console.printError((rank >= 0 ? "rank \(kern_mpi_launch_rank()): " : "") + "\(error)")
            kern_mpi_abort(1)
            throw ExitCode(1)
        }
    }

    private func runMain() throws {
        // Lazy compilation (issue 14.2): only main and what it calls is compiled.
        var options = flags.options
        options.entryPoints = ["main"]
        let module = try Console.compile(file, options: options)
        if CompileTimeTable.wanted(time) {
            Console.printError(CompileTimeTable.render(module.timings, file: file))
        }
        // Only main was compiled, so the module's function list would say nothing useful.
        guard let main = module["main"] else {
            Console.printError("error: \(file): no 'func main()' to run")
            throw ExitCode(1)
        }
        guard main.signature.parameters.isEmpty else {
            Console.printError(
                "error: \(file): main() must take no parameters to be run by kernelc")
            throw ExitCode(1)
        }
        let result = try main.with(seed: seed, threads: threads).call([])
        if case .void = result {
        } else {
            // write(2) after stdio's buffer, so a failure keeps its errno (EPIPE).
            try Console.write(Array("\(result)\n".utf8), to: nil)
        }
    }
}
