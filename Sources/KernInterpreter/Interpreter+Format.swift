import KernBasics
import KernIR
import KernRuntime

/// `String(format:)` conversions in the interpreter: the runtime's C routine
/// (`kern_rt_format_scalar`, kern_rt_printf.c), which compiled code calls too, so the
/// interpreter and the JIT print the same characters.
extension Scalar {
    /// The text of this value under one conversion (Sema and the verifier ensure an
    /// integer for `d i u o x X` and a floating value otherwise).
    func formatted(with conversion: FormatConversion) -> String {
        let (kind, bits) = formatArgument(conversion)
        return conversion.spec.withCString { spec in
            let length = Int(kern_rt_format_scalar(nil, 0, spec, kind, bits))
            guard length > 0 else { return "" }
            var buffer = [CChar](repeating: 0, count: length + 1)
            _ = kern_rt_format_scalar(&buffer, length + 1, spec, kind, bits)
            return String(
                decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// How the runtime receives the value: the same widening codegen does
    /// (Codegen+Print.swift) — signed integers sign-extended, unsigned ones and the bits
    /// `u o x X` print zero-extended from the type's width, floating values as a double.
    private func formatArgument(_ conversion: FormatConversion) -> (Int32, UInt64) {
        if kind.isFloating { return (Int32(KERN_FORMAT_FLOATING), double.bitPattern) }
        if kind.isSigned && !conversion.letter.isUnsigned {
            return (Int32(KERN_FORMAT_SIGNED), UInt64(bitPattern: int64))
        }
        return (Int32(KERN_FORMAT_UNSIGNED), bits)
    }
}
