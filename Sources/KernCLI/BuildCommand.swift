import ArgumentParser
import Foundation
import Kern

/// `kernelc build FILE --emit kir|llvm|asm|obj|header|c-target|lib -o OUT`: shows what a
/// file compiles to, or writes the ahead-of-time form an app links without LLVM.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract:
            "Compile a .kern file and write Kern IR, LLVM IR, assembly, an object file, or a C header / C target / static library for ahead-of-time use."
    )

    enum Emit: String, ExpressibleByArgument, CaseIterable {
        case kir, llvm, asm, obj, header
        case cTarget = "c-target"
        case lib

        /// Output an app links ahead of time: entry points carry the module's prefix.
        var isAheadOfTime: Bool {
            self == .obj || self == .header || self == .cTarget || self == .lib
        }
    }

    /// The CPU ahead-of-time output is compiled for unless `--target-cpu` or
    /// `--target-features` say otherwise: x86-64-v3 (AVX2, FMA, BMI2; Intel since 2013,
    /// AMD since 2015), so a shipped app runs on the machines it will meet; README,
    /// "Ahead-of-time kernels".
    static let portableCPU = "x86-64-v3"

    @Argument(help: "The .kern file to compile.")
    var file: String

    @Option(
        help:
            "What to write: kir (Kern IR), llvm (optimized LLVM IR), asm, obj, header (the C declarations of the entry points), c-target (a folder with the assembly and the header, for a SwiftPM C target) or lib (a folder with lib<name>.a, include/<name>.h and include/module.modulemap). header, c-target and lib are compiled for \(BuildCommand.portableCPU) unless --target-cpu/--target-features are given ('--target-cpu native': this machine's CPU)."
    )
    var emit: Emit = .llvm

    @Option(
        name: .shortAndLong,
        help:
            "Output file ('-' or omitted: standard output; required for obj), or the folder for c-target and lib."
    )
    var output: String?

    @Option(
        help:
            "Ahead-of-time output (obj, header, c-target, lib): function f's entry point is <prefix>_f (default: the file's base name, e.g. diffusion_step), so several modules link into one app. 'kern_entry' gives the JIT's own names."
    )
    var prefix: String?

    @Flag(
        help:
            "With --emit lib or c-target: compile for x86-64-v4 (AVX-512), x86-64-v3 (AVX2) and x86-64 into one library, which picks the best variant this CPU runs when the program loads (<prefix>_cpu_level() says which)."
    )
    var multiversion = false

    @Flag(help: "Print the time of each compile stage on standard error (also KERN_TIME=1).")
    var time = false

    @OptionGroup var flags: CompileFlags

    func validate() throws {
        if emit == .obj, output == nil || output == "-" {
            throw ValidationError("--emit obj needs an output file: -o FILE.o")
        }
        if emit == .cTarget, output == nil || output == "-" {
            throw ValidationError("--emit c-target needs an output folder: -o Sources/MyKernels")
        }
        if emit == .lib, output == nil || output == "-" {
            throw ValidationError("--emit lib needs an output folder: -o lib/kernels")
        }
        if multiversion, emit != .lib && emit != .cTarget {
            throw ValidationError("--multiversion works with --emit lib or c-target")
        }
        if multiversion, flags.targetCPU != nil || flags.targetFeatures != nil {
            throw ValidationError(
                "--multiversion chooses the CPUs itself (x86-64-v4, x86-64-v3, x86-64): drop --target-cpu/--target-features"
            )
        }
        if let prefix, AOTHeader.identifier(prefix) != prefix {
            throw ValidationError(
                "--prefix must be a C identifier (letters, digits, '_'; not starting with a digit): '\(prefix)'"
            )
        }
    }

    func run() throws {
        if multiversion { return try runMultiVersion() }
        try Console.reportingFailures {
            // Not loaded into the JIT: the output may be for another CPU.
            var options = flags.options
            let aheadOfTime = emit == .cTarget || emit == .header || emit == .lib
            // `--target-cpu native` asks for this machine's CPU (stored as nil) instead.
            if aheadOfTime, flags.targetCPU == nil, options.targetFeatures == nil {
                options.targetCPU = Self.portableCPU
            }
            let module = try Console.compile(file, options: options, forEmission: true)
            let moduleName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            // asm shows the module as the JIT names it unless a prefix is asked for.
            let entryPrefix =
                prefix ?? (emit.isAheadOfTime ? AOTHeader.identifier(moduleName) : nil)
            let target = options.targetCPU ?? "this machine's CPU"
            let bytes: [UInt8]
            var emitTime = Duration.zero
            switch emit {
            case .kir: bytes = Array(module.kirText.utf8)
            case .llvm: bytes = Array(module.llvmIR.utf8)
            case .asm: bytes = Array(try module.assembly(entryPrefix: entryPrefix).utf8)
            case .obj:
                let clock = ContinuousClock()
                let start = clock.now
                bytes = try module.objectCode(entryPrefix: entryPrefix)
                emitTime = clock.now - start
            case .header:
                bytes = Array(
                    try module.cHeader(
                        moduleName: moduleName, target: target,
                        entryPrefix: entryPrefix ?? "kern_entry"
                    ).utf8)
            case .cTarget:
                let files = try module.cTargetFiles(
                    moduleName: moduleName, target: target, entryPrefix: entryPrefix ?? "kern_entry"
                )
                try Self.writeFolder(files, to: output ?? ".")
                bytes = []
            case .lib:
                let files = try module.staticLibraryFiles(
                    moduleName: moduleName, target: target, entryPrefix: entryPrefix ?? "kern_entry"
                )
                try Self.writeFolder(files, to: output ?? ".")
                bytes = []
            }
            if CompileTimeTable.wanted(time) {
                var timings = module.timings
                timings.objectCode = emitTime
                Console.printError(CompileTimeTable.render(timings, file: file))
            }
            if emit == .obj || emit == .asm || emit == .cTarget || emit == .lib,
                module.callsVectorMathLibrary
            {
                // docs/vector-math.md: the SIMD math variants live in glibc's libmvec.
                Console.printError(
                    "note: the code calls libmvec's SIMD math functions: link with -lmvec -lm (or build with --no-vector-math)"
                )
            }
            if emit != .cTarget && emit != .lib { try Console.write(bytes, to: output) }
        }
    }

    /// `--multiversion`: the file compiled once per CPU level, written as one library.
    private func runMultiVersion() throws {
        try Console.reportingFailures {
            var variants: [AOTMultiVersion.Level: KernModule] = [:]
            for level in AOTMultiVersion.Level.allCases {
                var options = flags.options
                options.targetCPU = level.cpu
                variants[level] = try Console.compile(file, options: options, forEmission: true)
            }
            let moduleName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let entryPrefix = prefix ?? AOTHeader.identifier(moduleName)
            let files =
                emit == .lib
                ? try AOTMultiVersion.staticLibraryFiles(
                    variants: variants, moduleName: moduleName, entryPrefix: entryPrefix)
                : try AOTMultiVersion.cTargetFiles(
                    variants: variants, moduleName: moduleName, entryPrefix: entryPrefix)
            try Self.writeFolder(files, to: output ?? ".")
            if variants.values.contains(where: { $0.callsVectorMathLibrary }) {
                Console.printError(
                    "note: the code calls libmvec's SIMD math functions: link with -lmvec -lm (or build with --no-vector-math)"
                )
            }
        }
    }

    /// Writes `files` (paths relative to `folder`), creating the folders they need.
    static func writeFolder(_ files: [String: [UInt8]], to folder: String) throws {
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let full = URL(fileURLWithPath: folder).appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(
                    at: full.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                Console.printError(
                    "error: cannot create the folder '\(full.deletingLastPathComponent().path)': \(error.localizedDescription)"
                )
                throw ExitCode(1)
            }
            try Console.write(bytes, to: full.path)
        }
    }
}
