import Foundation
import KernBasics
import KernIR
import Testing

@testable import Kern
import KernLLVM

/// How a split compile would use free cores (issue 14.2): `gen-stress.py prange N`-like
/// programs compiled whole and in 2 partitions, with each partition's thread CPU time.
/// On a machine with a free core per partition, the LLVM part of the split compile takes
/// about the largest partition's time: that against the whole module's is the speedup
/// an idle machine would see (a loaded one shares its cores, docs/compile-time.md). Run
/// with `KERN_MEASURE=1 swift test --filter SplitCompileMeasurement`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"))
struct SplitCompileMeasurement {
    static func program(_ n: Int) -> String {
        var text = ""
        for k in 0..<n {
            text += "func k\(k)(x: inout [Double]) {\n"
            text += "    for i in prange(x.count) {\n        x[i] = x[i] * 0.5 + \(k).0\n    }\n}\n\n"
        }
        text += "func main() {\n    var x = [Double](repeating: 1.0, count: 64)\n"
        for k in 0..<n { text += "    k\(k)(x: &x)\n" }
        return text + "    print(\"checksum\", x[0] + x[15])\n}\n"
    }

    @Test func prangeFunctions() throws {
        let n = Int(ProcessInfo.processInfo.environment["KERN_MEASURE_N"] ?? "") ?? 250
        var options = CompileOptions()
        options.entryPoints = ["main"]
        let compilation = try Compiler.run(
            SourceFile(name: "split.kern", text: Self.program(n)), options: options,
            stopAfter: .passes)
        let module = try #require(compilation.module)
        func ms(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
        }
        for threads in [1, 2, 1, 2] {
            let parts = try LLVMBackend.compileToObjects(
                module, options: options, parallelism: .init(threads: threads))
            let cpu = parts.map { ms($0.cpuTime) }
            print(
                String(
                    format: "prange %d, %d partition(s): thread CPU ms %@; sum %.0f, max %.0f",
                    n, parts.count, cpu.map { String(format: "%.0f", $0) }.joined(separator: " + "),
                    cpu.reduce(0, +), cpu.max() ?? 0))
        }
    }
}
