import Foundation
import Kern
import Testing

/// Every example kernel can be reported on, and every loop the report lists points at
/// its keyword in the source.
struct ReportKernelsTests {
    static let kernelsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Kernels")

    static var kernels: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: kernelsDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".kern") }.sorted()
    }

    @Test func thereAreKernels() {
        #expect(Self.kernels.count >= 10)
    }

    @Test(arguments: kernels)
    func loopsPointAtTheirKeyword(_ name: String) throws {
        let text = try String(
            contentsOf: Self.kernelsDirectory.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        let report = try KernModule.report(source: text, fileName: name)
        #expect(!report.loops.isEmpty || !text.contains("for "))
        for loop in report.loops {
            let line = lines[loop.line - 1]
            let keyword = String(line.dropFirst(loop.column - 1).prefix { $0.isLetter })
            #expect(
                keyword == (loop.kind == .prange ? "for" : loop.kind.rawValue),
                "\(name) \(loop.position)")
            if loop.vectorization.status == .vectorized {
                #expect((loop.vectorization.width ?? 0) > 1)
            } else if loop.vectorization.status == .notVectorized {
                #expect(!loop.vectorization.reasons.isEmpty, "\(name) \(loop.position)")
            }
        }
    }
}
