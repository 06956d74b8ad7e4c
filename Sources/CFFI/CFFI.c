#include "CFFI.h"

#define KERN_FFI_DEFINE(name) \
    ffi_type *kern_ffi_type_##name(void) { return &ffi_type_##name; }
KERN_FFI_TYPES(KERN_FFI_DEFINE)
