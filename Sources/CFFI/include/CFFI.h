/* libffi for Swift: the header, plus accessors for the global ffi_type objects, which
 * Swift 6 cannot reference directly (they are mutable globals). */
#ifndef KERN_CFFI_H
#define KERN_CFFI_H
#include <ffi.h>

ffi_type *kern_ffi_type_void(void);
ffi_type *kern_ffi_type_uint8(void);
ffi_type *kern_ffi_type_sint8(void);
ffi_type *kern_ffi_type_uint16(void);
ffi_type *kern_ffi_type_sint16(void);
ffi_type *kern_ffi_type_uint32(void);
ffi_type *kern_ffi_type_sint32(void);
ffi_type *kern_ffi_type_uint64(void);
ffi_type *kern_ffi_type_sint64(void);
ffi_type *kern_ffi_type_float(void);
ffi_type *kern_ffi_type_double(void);
ffi_type *kern_ffi_type_pointer(void);

#endif
