import CFFI
import KernBasics

/// libffi's view of Kern's scalar types: the one mapping that the host call path
/// (`Kern`'s CallInterface) and the interpreter's calls of C functions both use.
extension ScalarType {
    /// The libffi type passing a value of this type to or from C (`Bool` is C's
    /// one-byte `bool`, passed as `uint8`).
    public var ffiType: UnsafeMutablePointer<ffi_type> {
        switch self {
        case .bool, .uint8: kern_ffi_type_uint8()
        case .int8: kern_ffi_type_sint8()
        case .int16: kern_ffi_type_sint16()
        case .uint16: kern_ffi_type_uint16()
        case .int32: kern_ffi_type_sint32()
        case .uint32: kern_ffi_type_uint32()
        case .int64: kern_ffi_type_sint64()
        case .uint64: kern_ffi_type_uint64()
        case .float: kern_ffi_type_float()
        case .double: kern_ffi_type_double()
        }
    }
}
