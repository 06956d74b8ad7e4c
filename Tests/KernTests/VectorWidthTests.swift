import Foundation
import Kern
import Testing

/// The per-function `prefer-vector-width` (KernLLVM/Codegen+VectorWidth.swift): 256 bits
/// for functions that only move, add and multiply data (misaligned 512-bit accesses
/// split cache lines; 512 on AMD Zen 4), the target's width where floating math, division or SPMD lanes
/// make the loop compute-bound, and the option whenever it is given.
struct VectorWidthTests {
    static let source = """
        func stencil(src: [Double], dst: inout [Double]) {
            for j in 1..<src.count - 1 { dst[j] = 0.25 * (src[j - 1] + src[j + 1]) }
        }

        func ratios(x: [Double], y: inout [Double]) {
            for i in 0..<x.count { y[i] = x[i] / 3.0 }
        }

        func caller(x: [Double], y: inout [Double]) {
            ratios(x: x, y: &y)
        }
        """

    /// The `prefer-vector-width` of the attribute group of `<name>`'s entry point.
    static func width(_ ir: String, _ name: String) -> String? {
        let lines = ir.split(separator: "\n")
        guard
            let define = lines.first(where: {
                $0.hasPrefix("define") && $0.contains("@kern_entry_\(name)(")
            }),
            let group = define.split(separator: " ").last(where: { $0.hasPrefix("#") })
        else { return nil }
        guard let attributes = lines.first(where: { $0.hasPrefix("attributes \(group) ") }),
            let range = attributes.range(of: "\"prefer-vector-width\"=\"")
        else { return nil }
        return String(attributes[range.upperBound...].prefix { $0 != "\"" })
    }

    /// 256 bits for data-moving code, except on AMD Zen 4 (512: its 512-bit operations
    /// are two 256-bit halves, and the stencils ran faster with them).
    @Test func dataMovingFunctionsPrefer256BitsExceptOnZen4() throws {
        guard HostCPUHasAVX512.value else { return }  // elsewhere every width is ≤ 256
        for (cpu, stencilWidth) in [("icelake-server", "256"), ("znver4", "512")] {
            let module = try KernModule.compile(
                source: Self.source, options: .init(targetCPU: cpu))
            let ir = module.llvmIR
            #expect(Self.width(ir, "stencil") == stencilWidth, "\(cpu)")
            #expect(Self.width(ir, "ratios") == "512", "\(cpu)")
            // A caller inherits its callee's loops when inlining: it gets their width.
            #expect(Self.width(ir, "caller") == "512", "\(cpu)")
        }
    }

    @Test func theOptionWins() throws {
        let module = try KernModule.compile(
            source: Self.source, options: .init(preferredVectorWidth: 512))
        #expect(Self.width(module.llvmIR, "stencil") == "512")
    }
}

/// Whether this machine has AVX-512 (the default width is 512 bits only there).
enum HostCPUHasAVX512 {
    static let value: Bool = {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            return false
        }
        return info.contains("avx512f")
    }()
}
