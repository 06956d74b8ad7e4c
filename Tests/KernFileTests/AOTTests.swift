import Foundation
import KernCLITestSupport
import Testing

/// Ahead-of-time kernels (`kernelc build --emit header|c-target`): the header declares the
/// entry ABI, and a C program linking the emitted assembly with the C runtime (no LLVM,
/// no Swift) gets the same results as the JIT.
@Suite(.serialized)
struct AOTTests: KernelcSuite {
    let harness = KernelcHarness(label: "aot")

    static let kernels = """
        func saxpy(a: Float, x: [Float], y: inout [Float]) {
            for i in prange(x.count) { y[i] = a * x[i] + y[i] }
        }

        func stats(m: [[Double]], scale: inout Double) -> (Int, Double) {
            var s = 0.0
            for i in 0..<m.shape(0) {
                for j in 0..<m.shape(1) { s += m[i, j] }
            }
            scale = scale * 2.0
            return (m.shape(0) * m.shape(1), s)
        }

        func checked(x: [Int], k: Int) -> Int {
            return x[k]
        }
        """

    @Test func headerDeclaresTheEntryABI() throws {
        let source = try temporaryFile("k.kern", Self.kernels)
        let header = source + ".h"
        #expect(kernelc(["build", source, "--emit", "header", "-o", header]) == 0)
        let text = try String(contentsOfFile: header, encoding: .utf8)
        #expect(
            text.contains(
                "int32_t k_saxpy(KernCallContext *ctx, float a, const float *x, int64_t x_extent0, int64_t x_stride0, float *y, int64_t y_extent0, int64_t y_stride0, void *result /* NULL: no result */);"
            ))
        #expect(
            text.contains(
                "int32_t k_stats(KernCallContext *ctx, const double *m, int64_t m_extent0, int64_t m_extent1, int64_t m_stride0, int64_t m_stride1, double *scale, void *result /* 2 slots: int64_t, double */);"
            ))
        #expect(text.contains("for x86-64-v3"))  // the portable default
        #expect(text.contains("#include \"kern_runtime.h\""))
    }

    @Test func cTargetNeedsAFolderAndHonoursTheTargetCPU() throws {
        let source = try temporaryFile("k2.kern", Self.kernels)
        #expect(kernelc(["build", source, "--emit", "c-target"]) != 0)
        let folder = source + ".target"
        #expect(
            kernelc([
                "build", source, "--emit", "c-target", "-o", folder, "--target-cpu", "x86-64-v4",
            ]) == 0)
        let assembly = try String(contentsOfFile: folder + "/k2.S", encoding: .utf8)
        let header = try String(contentsOfFile: folder + "/include/k2.h", encoding: .utf8)
        #expect(header.contains("for x86-64-v4"))
        #expect(assembly.contains("k2_saxpy:"))
        #expect(!assembly.contains("kern_entry_"))
        // Emitted code uses the small code model: runtime calls go through the PLT.
        #expect(assembly.contains("kern_parallel_for_ranges@PLT"))  // a prange without reductions
        #expect(!assembly.contains("@GOT"))
        // The default target is portable: AVX2 at most, no AVX-512 registers.
        let portable = source + ".portable"
        #expect(kernelc(["build", source, "--emit", "c-target", "-o", portable]) == 0)
        let portableAssembly = try String(contentsOfFile: portable + "/k2.S", encoding: .utf8)
        #expect(!portableAssembly.contains("zmm"))
        // `--target-cpu native`: this machine's CPU rather than the portable default.
        let native = source + ".native"
        #expect(
            kernelc(["build", source, "--emit", "c-target", "-o", native, "--target-cpu", "native"])
                == 0)
        let nativeHeader = try String(contentsOfFile: native + "/include/k2.h", encoding: .utf8)
        #expect(nativeHeader.contains("for this machine's CPU"), "\(nativeHeader)")
        #expect(
            kernelc([
                "build", source, "--emit", "lib", "-o", native + ".lib", "--multiversion",
                "--target-cpu", "native",
            ]) == 1, "--multiversion picks its own CPUs")
    }

    /// A C program calls the kernels through the header, linked with the emitted assembly
    /// and the runtime's C sources: no LLVM and no Swift in the process.
    @Test func aCProgramCallsTheKernelsWithoutLLVM() throws {
        let source = try temporaryFile("k3.kern", Self.kernels)
        let folder = source + ".target"
        #expect(kernelc(["build", source, "--emit", "c-target", "-o", folder]) == 0)
        let program = try temporaryFile(
            "caller.c",
            """
            #include <stdio.h>
            #include "k3.h"
            int main(void) {
                float x[5] = {1, 2, 3, 4, 5}, y[5] = {10, 10, 10, 10, 10};
                KernCallContext ctx = {0};
                if (k3_saxpy(&ctx, 2.0f, x, 5, 1, y, 5, 1, NULL) != 0) return 2;
                printf("%g %g %g %g %g\\n", y[0], y[1], y[2], y[3], y[4]);
                double m[6] = {1, 2, 3, 4, 5, 6.5}, scale = 1.5;
                union { int64_t i; double d; } slots[2];
                if (k3_stats(&ctx, m, 2, 3, 3, 1, &scale, slots) != 0) return 3;
                printf("%lld %g %g\\n", (long long)slots[0].i, slots[1].d, scale);
                int64_t v[3] = {7, 8, 9};
                int32_t status = k3_checked(&ctx, v, 3, 1, 3, slots);
                printf("status %d line %d index %lld bound %lld\\n", status, ctx.error.line,
                       (long long)ctx.error.value0, (long long)ctx.error.value1);
                return 0;
            }
            """)
        let result = try buildAndRunC(
            program, includes: [folder + "/include"],
            linking: [folder + "/k3.S", "-lmvec", "-lm", "-lpthread"], app: source + ".app")
        #expect(result.status == 0)
        #expect(
            result.output == """
                12 14 16 18 20
                6 21.5 3
                status 1 line 15 index 3 bound 3

                """)
    }

    /// `--emit lib` twice, two files defining the same function names: each library's
    /// entries carry its file's prefix (or `--prefix`), so one C program links both,
    /// with one runtime, and calls each.
    @Test func twoStaticLibrariesLinkIntoOneProgram() throws {
        let first = try temporaryFile(
            "heat.kern", "func f(x: Int) -> Int { x + 1 }\nfunc g(a: [Double]) -> Double { a[0] }\n"
        )
        let second = try temporaryFile(
            "blur.kern",
            "func f(x: Int) -> Int { x * 10 }\nfunc g(a: [Double]) -> Double { a[1] }\n")
        let lib1 = first + ".lib"
        let lib2 = second + ".lib"
        #expect(kernelc(["build", first, "--emit", "lib", "-o", lib1]) == 0)
        #expect(kernelc(["build", second, "--emit", "lib", "-o", lib2, "--prefix", "blurry"]) == 0)
        #expect(kernelc(["build", second, "--emit", "lib"]) != 0, "lib needs a folder")
        #expect(kernelc(["build", second, "--emit", "lib", "-o", lib2, "--prefix", "9x"]) != 0)
        let map = try String(contentsOfFile: lib1 + "/include/module.modulemap", encoding: .utf8)
        #expect(map.contains("module heat {") && map.contains("link \"heat\""))
        let header = try String(contentsOfFile: lib2 + "/include/blur.h", encoding: .utf8)
        #expect(header.contains("int32_t blurry_f(KernCallContext *ctx, int64_t x, void *result"))
        let program = try temporaryFile(
            "two.c",
            """
            #include <stdio.h>
            #include "heat.h"
            #include "blur.h"
            int main(void) {
                KernCallContext ctx = {0};
                int64_t r1 = 0, r2 = 0;
                double a[2] = {1.5, 2.5}, d1 = 0, d2 = 0;
                if (heat_f(&ctx, 4, &r1) || blurry_f(&ctx, 4, &r2)) return 2;
                if (heat_g(&ctx, a, 2, 1, &d1) || blurry_g(&ctx, a, 2, 1, &d2)) return 3;
                printf("%lld %lld %g %g\\n", (long long)r1, (long long)r2, d1, d2);
                return 0;
            }
            """)
        let result = try buildAndRunC(
            program, includes: [lib1 + "/include", lib2 + "/include"],
            linking: ["-L", lib1, "-L", lib2, "-lheat", "-lblur", "-lm", "-lpthread", "-ldl"],
            app: first + ".app")
        #expect(result.status == 0)
        #expect(result.output == "5 40 1.5 2.5\n")
    }

    /// `--multiversion`: one library with x86-64-v4, -v3 and baseline variants; the
    /// dispatcher picks, when the program loads, the level this CPU's flags allow
    /// (/proc/cpuinfo), and every variant computes the same result. Both forms: a C
    /// target (assembly files) and a static library (dispatcher assembled by LLVM).
    @Test(arguments: ["c-target", "lib"])
    func multiVersionedLibraryPicksTheCPUsLevel(form: String) throws {
        let name = form == "lib" ? "mvlib" : "mvsrc"
        let source = try temporaryFile("\(name).kern", Self.kernels)
        let folder = source + ".out"
        #expect(
            kernelc(["build", source, "--emit", form, "--multiversion", "--target-cpu", "x86-64"])
                != 0)
        #expect(kernelc(["build", source, "--emit", "obj", "--multiversion", "-o", folder]) != 0)
        #expect(kernelc(["build", source, "--emit", form, "--multiversion", "-o", folder]) == 0)
        let header = try String(contentsOfFile: folder + "/include/\(name).h", encoding: .utf8)
        #expect(header.contains("int32_t \(name)_cpu_level(void);"))
        #expect(header.contains("int32_t \(name)_saxpy(KernCallContext *ctx"))
        let program = try temporaryFile(
            "\(name).c",
            """
            #include <stdio.h>
            #include "\(name).h"
            int main(void) {
                float x[3] = {1, 2, 3}, y[3] = {10, 10, 10};
                KernCallContext ctx = {0};
                if (\(name)_saxpy(&ctx, 2.0f, x, 3, 1, y, 3, 1, NULL) != 0) return 2;
                int64_t v[2] = {7, 8};
                union { int64_t i; double d; } slots[2];
                int32_t status = \(name)_checked(&ctx, v, 2, 1, 5, slots);
                printf("level %d: %g %g %g status %d line %d\\n", \(name)_cpu_level(), y[0], y[1],
                       y[2], status, ctx.error.line);
                return 0;
            }
            """)
        let code =
            form == "lib"
            ? ["-L", folder, "-l\(name)"]
            : ["v1", "v3", "v4", "dispatch"].map { "\(folder)/\(name).\($0).S" }
        let result = try buildAndRunC(
            program, includes: [folder + "/include"],
            linking: code + ["-lmvec", "-lm", "-lpthread", "-ldl"], app: source + ".app")
        #expect(result.status == 0)
        #expect(result.output == "level \(try Self.expectedLevel()): 12 14 16 status 1 line 15\n")
    }

    /// The x86-64 level /proc/cpuinfo's flags allow (4, 3 or 1), as the dispatcher decides.
    static func expectedLevel() throws -> Int {
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(line.split(separator: " ").map(String.init))
        let v3 = ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"]
        let v4 = ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"]
        guard v3.allSatisfy(flags.contains) else { return 1 }
        return v4.allSatisfy(flags.contains) ? 4 : 3
    }

    /// Compiles a C program with the C runtime's sources (no LLVM, no Swift), `-I` each of
    /// `includes` and the runtime's headers, then `linking` (kernels' code and libraries),
    /// and runs it. The build must succeed; returns the program's status and output.
    private func buildAndRunC(
        _ program: String, includes: [String], linking: [String], app: String
    ) throws -> (status: Int32, output: String) {
        let cc = try #require(
            ["/usr/bin/cc", "/opt/swift/usr/bin/clang", "/usr/bin/clang"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }, "no C compiler (cc or clang) found")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let runtime = root.appendingPathComponent("Sources/KernRuntime")
        let runtimeSources = try FileManager.default.contentsOfDirectory(atPath: runtime.path)
            .filter { $0.hasSuffix(".c") }.map { runtime.appendingPathComponent($0).path }
        let headers = (includes + [runtime.path + "/include"]).flatMap { ["-I", $0] }
        let build = try run(cc, [program] + headers + ["-o", app] + runtimeSources + linking)
        try #require(build.status == 0, "\(build.output)")
        return try run(app, [])
    }

    private func run(_ path: String, _ arguments: [String]) throws -> (
        status: Int32, output: String
    ) {
        let r = try ChildProcess.run(path, arguments, mergingErrors: true)
        return (r.status, r.out)
    }
}
