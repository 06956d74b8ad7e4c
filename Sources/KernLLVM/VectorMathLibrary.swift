import KernBasics
import KernIR

/// The SIMD variants of the math built-ins that loops may call: glibc's libmvec
/// (`_ZGVdN4v_exp` = AVX2, 4 lanes; `_ZGVeN8v_exp` = AVX-512, 8 lanes), with the largest
/// error against libm measured on this machine (`MathEntry.vectorAccuracy` in the built-in
/// table; docs/vector-math.md, "Accuracy").
///
/// In: a math opcode, the element kind, the fast-math level and the target's vector
/// ISAs. Out: the variants the loop vectorizer may use for a scalar call, as the
/// `vector-function-abi-variant` strings LLVM reads from the call site.
///
/// Why a table and not `-vector-library`: on LLVM 22 that option has no effect with
/// `LLVMRunPasses`, and clang's own libmvec table has no `erf` (so Black-Scholes would
/// stay scalar). Annotated call sites work on LLVM 19 and 22 alike.
#if canImport(Glibc)
    import Glibc
#endif

/// A vector instruction set with a libmvec ABI (the letter in `_ZGV<isa>N…`).
package enum VectorISA: String, Sendable, CaseIterable {
    /// 256-bit ymm registers, AVX2 + FMA code.
    case avx2 = "d"
    /// 512-bit zmm registers.
    case avx512 = "e"

    var bits: Int { self == .avx2 ? 256 : 512 }
}

/// One SIMD implementation of a scalar libm function.
package struct VectorVariant: Sendable, Hashable {
    /// The scalar libm function it replaces (`exp`, `expf`, …).
    package var scalar: String
    package var isa: VectorISA
    package var lanes: Int
    package var arity: Int
    /// Largest error against libm measured over millions of inputs (incl. ±0, ±inf, NaN,
    /// subnormals, huge arguments), in units in the last place of libm's result.
    package var maxULP: Int

    /// `_ZGVdN4v_exp`, `_ZGVeN16vv_powf`.
    package var symbol: String {
        "_ZGV\(isa.rawValue)N\(lanes)\(String(repeating: "v", count: arity))_\(scalar)"
    }

    /// The VFABI mangling LLVM's VFDatabase reads: `_ZGV_LLVM_N8v_exp(_ZGVeN8v_exp)`.
    /// The `_LLVM_` ISA token is what both LLVM 19 and 22 accept for a named variant.
    var abiVariant: String {
        "_ZGV_LLVM_N\(lanes)\(String(repeating: "v", count: arity))_\(scalar)(\(symbol))"
    }
}

package enum VectorMathLibrary {
    /// In strict mode a variant is used only if it is this close to libm; with fast-math
    /// (`afn`) every libmvec variant is allowed (glibc documents ≤ 4 ulp).
    package static let strictMaxULP = 2

    /// Loads libmvec into the process once, globally, so the JIT's process-symbol search
    /// finds `_ZGV…` symbols. False when the system has no libmvec: Codegen then emits
    /// no variants (AOT objects would need it at link time too).
    package static let isAvailable: Bool = {
        #if canImport(Glibc)
            return dlopen("libmvec.so.1", RTLD_NOW | RTLD_GLOBAL) != nil
        #else
            return false
        #endif
    }()

    /// Whether `op` has libmvec variants at all.
    package static func hasVariants(_ op: MathFunction) -> Bool { op.entry.vectorAccuracy != nil }

    /// Every variant of `op` on `kind` usable on `isas` at accuracy bound `maxULP`.
    package static func variants(
        _ op: MathFunction, _ kind: ScalarType, isas: [VectorISA], maxULP: Int
    ) -> [VectorVariant] {
        let entry = op.entry
        guard kind.isFloating, let ulps = entry.vectorAccuracy, let symbol = entry.symbol(for: kind)
        else { return [] }
        return isas.compactMap { isa in
            let ulp: Int
            switch (isa, kind) {
            case (.avx2, .double): ulp = ulps.d64
            case (.avx512, .double): ulp = ulps.e64
            case (.avx2, _): ulp = ulps.d32
            case (.avx512, _): ulp = ulps.e32
            }
            guard ulp <= maxULP else { return nil }
            let lanes = isa.bits / (kind == .float ? 32 : 64)
            return VectorVariant(
                scalar: symbol, isa: isa, lanes: lanes, arity: entry.arity, maxULP: ulp)
        }
    }
}
