// kern-bench: times Kern against C, Swift, Numba and NumPy on the same inputs and writes
// results/latest.{md,csv,svg}. Run from Benchmarks/ (see README.md): `make bench`.
import BenchCore
import Foundation
import KernPeer
import SwiftPeers
import SwiftUnsafeNativePeers
import SwiftUnsafePeers

var options = Options()
var only: [String] = []
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--quick": options.quick = true
    case "--reps": options.plan.repetitions = Int(args.popFirst() ?? "") ?? options.plan.repetitions
    case "--rounds": options.rounds = max(1, Int(args.popFirst() ?? "") ?? options.rounds)
    case "--warmups": options.plan.warmups = Int(args.popFirst() ?? "") ?? options.plan.warmups
    case "--results": options.resultsDirectory = args.popFirst() ?? options.resultsDirectory
    case "--no-python": options.runPython = false
    case "--wait-idle": options.waitForQuietSeconds = Double(args.popFirst() ?? "") ?? 0
    // Only the named in-process implementations (comma-separated, e.g. "C clang no FMA,Kern checked").
    case "--kernels":
        options.kernels = (args.popFirst() ?? "").split(separator: ",").compactMap {
            Kernel(rawValue: String($0))
        }
    case "--chain-only": options.chainOnly = true
    case "--no-chain": options.runChain = false
    case "--only": only = (args.popFirst() ?? "").split(separator: ",").map(String.init)
    default:
        print(
            "usage: kern-bench [--quick] [--reps N] [--rounds N] [--warmups N] [--results DIR] [--no-python] [--wait-idle SECONDS] [--only NAME,NAME] [--kernels K,K] [--chain-only | --no-chain]"
        )
        exit(2)
    }
}
if options.quick { options.plan = TimingPlan(warmups: 1, repetitions: 2) }

let cores = ProcessInfo.processInfo.activeProcessorCount
let lib = options.cLibraryDirectory
let gccOMP = CLibrarySuite(
    name: "C gcc OpenMP", path: "\(lib)/libpeers-gcc-omp.so", threads: cores,
    serialCounterpart: "C gcc")
let allSuites: [KernelSuite] = [
    CLibrarySuite(name: "C gcc", path: "\(lib)/libpeers-gcc.so", threads: 1),  // the reference
    CLibrarySuite(name: "C clang", path: "\(lib)/libpeers-clang.so", threads: 1),
    CLibrarySuite(name: "C clang no FMA", path: "\(lib)/libpeers-clang-nofma.so", threads: 1),
    gccOMP,
    CLibrarySuite(
        name: "C clang OpenMP", path: "\(lib)/libpeers-clang-omp.so", threads: cores,
        serialCounterpart: "C clang"),
    SwiftArraySuite(),
    SwiftUnsafePeers.SwiftUnsafeSuite(),
    SwiftUnsafeNativePeers.SwiftUnsafeSuite(),
    KernSuite(mode: .checked, threads: cores),
    KernSuite(mode: .unchecked, threads: cores, serialCounterpart: "Kern unchecked 1 thread"),
    KernSuite(mode: .unchecked, threads: 1),
    // Issue 16's 1-thread targets are with bounds checks on.
    KernSuite(mode: .checked, threads: 1),
]
let onRequest: [KernelSuite] = []
// The reference (C gcc) always runs: every output is verified against it.
let suites =
    only.isEmpty
    ? allSuites : (allSuites + onRequest).filter { $0.name == "C gcc" || only.contains($0.name) }
var driver = Driver(options: options, suites: suites, streamLibrary: gccOMP)
driver.chainSuites = [KernChainSuite()]
let ok = try driver.run()
exit(ok ? 0 : 1)
