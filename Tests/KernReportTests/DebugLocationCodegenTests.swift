import Foundation
import KernBasics
import KernCompiler
import KernIR
import KernLLVM
import Testing

/// Source locations (emitted for reports) must not change the generated code, and must
/// not make compiles much slower. Normal compiles do not emit them at all.
struct DebugLocationCodegenTests {
    static func lower(_ text: String, name: String = "k.kern") throws -> KernIR.Module {
        let compilation = try StagedCompiler(stopAfter: .passes)
            .compile(SourceFile(name: name, text: text))
        return try #require(compilation.module)
    }

    /// Machine instructions only: no directives (`.loc`, `.file`, sections), labels or
    /// comments, which debug info adds or renames.
    static func instructions(_ asm: String) -> [String] {
        asm.split(separator: "\n").compactMap { raw in
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix(".") || line.hasSuffix(":") { return nil }
            return line
        }
    }

    @Test(arguments: ["dot.kern", "saxpy.kern", "showcase.kern"])
    func assemblyIsUnchangedByDebugLocations(_ kernel: String) throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Kernels").appendingPathComponent(kernel)
        let module = try Self.lower(try String(contentsOf: url, encoding: .utf8), name: kernel)
        let plain = try LLVMBackend.compile(module, options: CompileOptions())
        let located = try LLVMBackend.compile(
            module, options: CompileOptions(optimizationRemarks: true))
        #expect(plain.remarks.isEmpty)
        #expect(!located.remarks.isEmpty)
        #expect(!plain.llvmIR().contains("!dbg"))
        #expect(located.llvmIR().contains("!dbg"))
        let a = Self.instructions(try plain.assembly())
        let b = Self.instructions(try located.assembly())
        #expect(a.count > 20)
        #expect(
            a == b,
            "\(kernel): \(zip(a, b).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "lengths \(a.count) vs \(b.count)")"
        )
    }

    /// KERN_MEASURE=1: compile time of showcase.kern with and without source locations.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"))
    func measureCompileTime() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Kernels/showcase.kern")
        let module = try Self.lower(
            try String(contentsOf: url, encoding: .utf8), name: "showcase.kern")
        let clock = ContinuousClock()
        func time(_ remarks: Bool) throws -> Duration {
            let start = clock.now
            let compiled = try LLVMBackend.compile(
                module, options: CompileOptions(optimizationRemarks: remarks))
            _ = try compiled.objectCode()
            return clock.now - start
        }
        _ = try time(false)  // warm up
        // Interleaved, so load from other processes hits both alike.
        var plainTimes: [Duration] = []
        var locatedTimes: [Duration] = []
        for _ in 0..<21 {
            plainTimes.append(try time(false))
            locatedTimes.append(try time(true))
        }
        let plain = plainTimes.sorted()[10]
        let located = locatedTimes.sorted()[10]
        print(
            "showcase.kern LLVM compile + codegen (median of 21, interleaved): plain \(plain), with locations + remarks \(located)"
        )
    }
}
