/* The table the trampolines (llvm_api.c) call through; filled by
 * kern_llvm_load (loader.c). Private to CLLVM. */
#ifndef KERN_LLVM_API_TABLE_H
#define KERN_LLVM_API_TABLE_H
#include "llvm_api.h"

/* Addresses of the functions of the loaded libLLVM, in the order of
 * kern_llvm_function_names; NULL before loading and for absent optional ones. */
extern void *kern_llvm_functions[KERN_LLVM_FUNCTION_COUNT];
extern const char *const kern_llvm_function_names[KERN_LLVM_FUNCTION_COUNT];
extern const unsigned char kern_llvm_function_optional[KERN_LLVM_FUNCTION_COUNT];

/* Stops the process with a message naming `name`: a call reached LLVM before
 * kern_llvm_load succeeded, or an optional function was called without checking. Both are
 * bugs in Kern (every entry into LLVM goes through LLVMLibrary.load first). */
_Noreturn void kern_llvm_unresolved(const char *name);

static inline void *kern_llvm_checked(void *fn, const char *name) {
    if (__builtin_expect(fn == NULL, 0)) kern_llvm_unresolved(name);
    return fn;
}

#define KERN_LLVM_FN(name) \
    ((__typeof__(&name))kern_llvm_checked(kern_llvm_functions[KERN_LLVM_INDEX_##name], #name))
#endif
