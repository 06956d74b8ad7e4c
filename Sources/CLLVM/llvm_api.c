/* What llvm_api.h's list of functions (KERN_LLVM_FUNCTIONS) expands to besides their
 * declarations: the names kern_llvm_load resolves with dlsym, which of them may be
 * absent, their indices in kern_llvm_functions, and one trampoline per function that
 * calls the loaded libLLVM's. Written once here, so a new function is one row of the
 * generated list (scripts/gen-llvm-api.py). */
#include "llvm_api_table.h"

#define KERN_LLVM_NAME(result, name, parameters, arguments, optional) #name,
#define KERN_LLVM_NAME_VOID(name, parameters, arguments, optional) #name,
const char *const kern_llvm_function_names[KERN_LLVM_FUNCTION_COUNT] = {
    KERN_LLVM_FUNCTIONS(KERN_LLVM_NAME, KERN_LLVM_NAME_VOID)
};

#define KERN_LLVM_OPTIONAL(result, name, parameters, arguments, optional) optional,
#define KERN_LLVM_OPTIONAL_VOID(name, parameters, arguments, optional) optional,
const unsigned char kern_llvm_function_optional[KERN_LLVM_FUNCTION_COUNT] = {
    KERN_LLVM_FUNCTIONS(KERN_LLVM_OPTIONAL, KERN_LLVM_OPTIONAL_VOID)
};

#define KERN_LLVM_INDEX(result, name, parameters, arguments, optional) KERN_LLVM_INDEX_##name,
#define KERN_LLVM_INDEX_VOID(name, parameters, arguments, optional) KERN_LLVM_INDEX_##name,
enum { KERN_LLVM_FUNCTIONS(KERN_LLVM_INDEX, KERN_LLVM_INDEX_VOID) };

/* A void trampoline has no `return`: C does not allow returning a void expression. */
#define KERN_LLVM_TRAMPOLINE(result, name, parameters, arguments, optional) \
    result name parameters { return KERN_LLVM_FN(name) arguments; }
#define KERN_LLVM_TRAMPOLINE_VOID(name, parameters, arguments, optional) \
    void name parameters { KERN_LLVM_FN(name) arguments; }
KERN_LLVM_FUNCTIONS(KERN_LLVM_TRAMPOLINE, KERN_LLVM_TRAMPOLINE_VOID)
