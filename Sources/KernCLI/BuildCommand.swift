import ArgumentParser
import Foundation
import Kern

/// `kernelc build FILE --emit kir|llvm|asm|obj -o OUT`: shows what a file compiles to.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile a .kern file and write Kern IR, LLVM IR, assembly or an object file.")

    enum Emit: String, ExpressibleByArgument, CaseIterable {
        case kir, llvm, asm, obj
    }

    @Argument(help: "The .kern file to compile.")
    var file: String

    @Option(help: "What to write: kir (Kern IR), llvm (optimized LLVM IR), asm or obj.")
    var emit: Emit = .llvm

    @Option(
        name: .shortAndLong,
        help: "Output file ('-' or omitted: standard output; required for obj).")
    var output: String?

    @Flag(help: "Print the time of each compile stage on standard error (also KERN_TIME=1).")
    var time = false

    @OptionGroup var flags: CompileFlags

    func validate() throws {
        if emit == .obj, output == nil || output == "-" {
            throw ValidationError("--emit obj needs an output file: -o FILE.o")
        }
    }

    func run() throws {
        try Console.reportingFailures {
            // Not loaded into the JIT: the output may be for another CPU.
            let module = try Console.compile(file, options: flags.options, forEmission: true)
            let bytes: [UInt8]
            var emitTime = Duration.zero
            switch emit {
            case .kir: bytes = Array(module.kirText.utf8)
            case .llvm: bytes = Array(module.llvmIR.utf8)
            case .asm: bytes = Array(try module.assembly().utf8)
            case .obj:
                let clock = ContinuousClock()
                let start = clock.now
                bytes = try module.objectCode()
                emitTime = clock.now - start
            }
            if CompileTimeTable.wanted(time) {
                var timings = module.timings
                timings.objectCode = emitTime
                Console.printError(CompileTimeTable.render(timings, file: file))
            }
            if emit == .obj || emit == .asm, module.llvmIR.contains("@_ZGV") {
                // docs/vector-math.md: the SIMD math variants live in glibc's libmvec.
                Console.printError(
                    "note: the code calls libmvec's SIMD math functions: link with -lmvec -lm (or build with --no-vector-math)"
                )
            }
            try Console.write(bytes, to: output)
        }
    }
}
