import CFFI
import KernBasics
import KernFFI
import KernIR

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `@extern(c)` calls in the interpreter: the symbol from the process (where the compile
/// step loaded the user's libraries, globally), called through libffi with the C types of
/// the declaration — the same function compiled code calls.
extension Interpreter {
    func callC(_ c: CFunction, _ args: [ValueID], _ instr: Instr, _ frame: Frame)
        throws(IRRuntimeError) -> InterpreterValue?
    {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), c.symbol) else {
            throw IRRuntimeError(
                kind: .badArgument, pos: instr.pos,
                message: "C function '\(c.symbol)' is not loaded in this process")
        }
        var argTypes: [UnsafeMutablePointer<ffi_type>?] = c.parameters.map(\.ffiType)
        let resultType = c.result?.ffiType ?? kern_ffi_type_void()
        // One 8-byte slot per argument, holding the value in its C type.
        var slots = [UInt64](repeating: 0, count: max(args.count, 1))
        for (k, (a, kind)) in zip(args, c.parameters).enumerated() {
            let s = scalar(a, frame)
            slots[k] = kind == .double ? s.double.bitPattern : s.bits
        }
        var result: UInt64 = 0
        var cif = ffi_cif()
        let status = argTypes.withUnsafeMutableBufferPointer { types in
            ffi_prep_cif(&cif, FFI_DEFAULT_ABI, UInt32(args.count), resultType, types.baseAddress)
        }
        guard status == FFI_OK else {
            throw IRRuntimeError(
                kind: .badArgument, pos: instr.pos,
                message: "libffi cannot call C function '\(c.symbol)'")
        }
        slots.withUnsafeMutableBufferPointer { values in
            var pointers: [UnsafeMutableRawPointer?] = (0..<args.count).map {
                UnsafeMutableRawPointer(values.baseAddress! + $0)
            }
            pointers.withUnsafeMutableBufferPointer { p in
                ffi_call(
                    &cif, unsafeBitCast(address, to: (@convention(c) () -> Void).self), &result,
                    p.baseAddress)
            }
        }
        guard let kind = c.result else { return nil }
        // libffi widens integer results to a full register (ffi_arg); the low bits are
        // the value, which `Scalar` keeps at the type's width.
        return .scalar(Scalar(kind: kind, bits: result))
    }
}
