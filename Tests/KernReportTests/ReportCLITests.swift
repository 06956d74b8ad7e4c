import ArgumentParser
import Foundation
import Kern
import KernCLITestSupport
import Testing

@testable import KernCLI

/// `kernelc report` as a user drives it: text and JSON output, filters, exit statuses.
@Suite(.serialized)
struct ReportCLITests: KernelcSuite {
    let harness = KernelcHarness(label: "report")

    @Test func textReportNamesEveryLoop() throws {
        let source = try temporaryFile("kernels.kern", ReportTests.kernels)
        let out = source + ".txt"
        #expect(kernelc(["report", source, "-o", out]) == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix(source + ": loop report (-O3, bounds checks on)"))
        for function in ["saxpy", "dot", "recurrence", "histogram", "extremes", "rows"] {
            #expect(text.contains("func \(function) ("), "\(function) missing")
        }
        #expect(text.contains("  9:5   prange  yes       yes: width"))
        #expect(text.contains("unsafe dependent memory operations"))
        #expect(!text.contains("#pragma"))  // C advice is dropped
    }

    @Test func jsonOutputDecodesToTheSameReportAsTheAPI() throws {
        let source = try temporaryFile("kernels.kern", ReportTests.kernels)
        let out = source + ".json"
        #expect(kernelc(["report", source, "--json", "-o", out, "--unchecked"]) == 0)
        let decoded = try JSONDecoder().decode(
            KernReport.self, from: Data(contentsOf: URL(fileURLWithPath: out)))
        let api = try KernModule.report(
            source: ReportTests.kernels, fileName: source, options: CompileOptions(checked: false))
        #expect(decoded == api)
        #expect(!decoded.checked)
    }

    @Test func functionFilterAndRemarks() throws {
        let source = try temporaryFile("kernels.kern", ReportTests.kernels)
        let out = source + ".dot.txt"
        #expect(kernelc(["report", source, "--function", "dot", "--remarks", "-o", out]) == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("func dot ("))
        #expect(!text.contains("func saxpy"))
        #expect(
            text.contains("[loop-vectorize passed at 9:5 in kern_tramp_dot.prange0]")
                || text.contains("[loop-vectorize passed at 9:5 in kern_fn_dot.prange0]"))
        #expect(kernelc(["report", source, "--function", "nope"]) == 1)
    }

    @Test func spmdDecisionPerPrangeAndTheSwitchToTurnItOff() throws {
        let source = try temporaryFile(
            "escape.kern",
            """
            func escape(x: [Double], n: inout [Int], s: inout Double) {
                for i in prange(x.count) {
                    var v = x[i]
                    var k = 0
                    while v > 1.0 {
                        v = v * 0.5
                        k += 1
                    }
                    n[i] = k
                }
                for i in prange(x.count) {
                    s += x[i]
                }
            }

            """)
        let on = source + ".on.txt"
        #expect(kernelc(["report", source, "-o", on]) == 0)
        let text = try String(contentsOfFile: on, encoding: .utf8)
        #expect(text.contains(" lanes, masked while"), "\(text)")
        #expect(text.contains("- SPMD: "))
        #expect(text.contains("- not SPMD: no branchy code"))
        let off = source + ".off.txt"
        #expect(kernelc(["report", source, "--no-spmd", "-o", off]) == 0)
        let offText = try String(contentsOfFile: off, encoding: .utf8)
        #expect(offText.contains("- not SPMD: SPMD off (--no-spmd)"))
        #expect(!offText.contains("- SPMD: "))
    }

    @Test func O0ReportSaysNotOptimized() throws {
        let source = try temporaryFile("kernels.kern", ReportTests.kernels)
        let out = source + ".O0.txt"
        #expect(kernelc(["report", source, "-O", "0", "-o", out]) == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("not optimized"))
        #expect(!text.contains("yes: width"))
    }

    @Test func badInputFailsWithStatus1() throws {
        let bad = try temporaryFile("bad.kern", "func f() -> Int {\n    return 1.5\n}\n")
        #expect(kernelc(["report", bad]) == 1)
        #expect(kernelc(["report", "/nonexistent/file.kern"]) == 1)
    }
}
