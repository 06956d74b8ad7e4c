import ArgumentParser
import Foundation
import KernCLITestSupport
import Testing

@testable import KernCLI

/// The vector-math and fast-math options of `kernelc` (docs/vector-math.md), and an
/// object file with libmvec calls linked into a C program.
@Suite(.serialized)
struct VectorMathCLITests: KernelcSuite {
    static let kernel = """
        func run(x: [Double], y: inout [Double]) {
            for i in 0..<x.count { y[i] = exp(x[i]) + sin(x[i]) }
        }
        """

    let harness = KernelcHarness(label: "vecmath")

    func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test func flagsReachTheCompiler() throws {
        let source = try temporaryFile("k.kern", Self.kernel)
        let ll = source + ".ll"
        #expect(kernelc(["build", source, "--fast-math", "-o", ll]) == 0)
        #expect(read(ll).contains("@_ZGVeN8v_sin"))
        #expect(kernelc(["build", source, "--fast-math", "--no-vector-math", "-o", ll]) == 0)
        #expect(!read(ll).contains("_ZGV"))
        #expect(
            kernelc(["build", source, "--fast-math", "--prefer-vector-width", "256", "-o", ll]) == 0
        )
        #expect(read(ll).contains("@_ZGVdN4v_sin") && !read(ll).contains("_ZGVe"))
        #expect(kernelc(["build", source, "--fast-math-level", "aggressive", "-o", ll]) == 0)
        #expect(read(ll).contains("fadd fast <8 x double>"))  // all flags, nnan ninf included
    }

    @Test func badValuesAreValidationErrors() throws {
        let source = try temporaryFile("k.kern", Self.kernel)
        #expect(kernelc(["build", source, "--prefer-vector-width", "100"]) != 0)
        #expect(kernelc(["build", source, "--fast-math-level", "fastest"]) != 0)
        #expect(kernelc(["build", source, "--fast-math", "--fast-math-level", "aggressive"]) != 0)
        #expect(
            kernelc([
                "build", source, "--fast-math", "--fast-math-level", "balanced", "-o",
                source + ".ll",
            ]) == 0)
    }

    /// `kernelc build --emit obj` with libmvec calls links with plain `-lm` (glibc's
    /// libm.so linker script pulls in libmvec as needed) and computes what libm does. The
    /// entry point carries the file's base name (`aot_run`).
    @Test func objectFileLinksAgainstLibmvec() throws {
        let source = try temporaryFile("aot.kern", Self.kernel)
        let object = source + ".o"
        #expect(
            kernelc(["build", source, "--fast-math", "--unchecked", "--emit", "obj", "-o", object])
                == 0)
        let main = try temporaryFile(
            "main.c",
            """
            #include <math.h>
            #include <stdint.h>
            #include <string.h>
            int aot_run(void *, const double *, int64_t, int64_t, double *, int64_t, int64_t, void *);
            int main(void) {
                static double x[1000], y[1000];
                char ctx[256];
                memset(ctx, 0, sizeof ctx);
                for (int i = 0; i < 1000; i++) x[i] = i * 0.01 - 5;
                if (aot_run(ctx, x, 1000, 1, y, 1000, 1, 0) != 0) return 2;
                for (int i = 0; i < 1000; i++) {
                    double e = exp(x[i]), s = sin(x[i]);
                    if (fabs(y[i] - (e + s)) > 1e-15 * (fabs(e) + fabs(s)) * 8) return 3;
                }
                return 0;
            }
            """)
        let binary = source + ".bin"
        #expect(try run("/usr/bin/cc", [main, object, "-o", binary, "-lm"]) == 0)
        #expect(try run(binary, []) == 0)
    }

    func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        try ChildProcess.run(tool, arguments).status
    }
}
