/* libffi for Swift: the header, plus accessors for the global ffi_type objects, which
 * Swift 6 cannot reference directly (they are mutable globals). */
#ifndef KERN_CFFI_H
#define KERN_CFFI_H
#include <ffi.h>

/* The libffi types Kern passes, once: each `name` gets `kern_ffi_type_<name>()`, which
 * returns `&ffi_type_<name>`, declared here and defined in CFFI.c from this list. */
#define KERN_FFI_TYPES(X) \
    X(void) X(uint8) X(sint8) X(uint16) X(sint16) X(uint32) X(sint32) X(uint64) X(sint64) \
    X(float) X(double) X(pointer)

#define KERN_FFI_DECLARE(name) ffi_type *kern_ffi_type_##name(void);
KERN_FFI_TYPES(KERN_FFI_DECLARE)

#endif
