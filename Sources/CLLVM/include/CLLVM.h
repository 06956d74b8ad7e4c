/* The LLVM C API, plus small shims that hide differences between LLVM versions
 * (19 and 22 are supported) and the ORC plumbing that is awkward from Swift
 * (synchronous lookups, absolute symbols, the error reporter).
 * Only KernLLVM/Bindings and KernJIT import this. */
#ifndef KERN_CLLVM_H
#define KERN_CLLVM_H
#include <stddef.h>
#include <stdint.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

#ifdef __cplusplus
extern "C" {  /* remarks.cpp is C++ */
#endif

/* LLVM's major version the shim was compiled against. */
int kern_llvm_major_version(void);

/* Initializes the native target, asm printer and parser once (thread-safe). */
void kern_llvm_initialize(void);

/* A fresh LLVMContext wrapped in a ThreadSafeContext, so a module built in it can later
 * be handed to the JIT. The caller owns *tsc (dispose with LLVMOrcDisposeThreadSafeContext
 * after disposing every module of the context); the context belongs to *tsc.
 * (LLVM 19 offers ThreadSafeContextGetContext; LLVM 21+ only the reverse direction.) */
LLVMContextRef kern_llvm_create_context(LLVMOrcThreadSafeContextRef *tsc);

/* Routes the session's asynchronous errors into a buffer (kern_jit_take_session_error). */
void kern_jit_install_error_reporter(LLVMOrcExecutionSessionRef es);
/* The last error reported by the session, or NULL; the caller frees it with free(). */
char *kern_jit_take_session_error(void);

/* Defines names[i] -> addrs[i] as exported, callable absolute symbols in jd. */
LLVMErrorRef kern_jit_define_absolute(LLVMOrcLLJITRef jit, LLVMOrcJITDylibRef jd,
                                      const char *const *names, const void *const *addrs,
                                      size_t count);

/* Looks up names in jd only, blocking until done; addrs[i] receives names[i]'s address. */
/* Removes a JITDylib from its session, freeing its code, data and the dylib itself
 * (LLVMOrcJITDylibClear frees only the code; the C API cannot remove a dylib). The
 * dylib must not be used afterwards. jit_dylib.cpp. */
LLVMErrorRef kern_jit_remove_dylib(LLVMOrcExecutionSessionRef es, LLVMOrcJITDylibRef jd);

LLVMErrorRef kern_jit_lookup(LLVMOrcLLJITRef jit, LLVMOrcJITDylibRef jd,
                             const char *const *names, uint64_t *addrs, size_t count);

/* The enum attribute saying a pointer parameter is not captured:
 * `nocapture` before LLVM 21, `captures(none)` after. */
LLVMAttributeRef kern_llvm_nocapture_attribute(LLVMContextRef ctx);

/* Optimization remarks (remarks.cpp, C++): the vectorizer's and unroller's verdicts
 * per loop, which the C API's diagnostic handler cannot ask for (remarks are filtered
 * by pass name before they reach a handler). */
typedef enum {
    KERN_REMARK_PASSED = 0,   /* the transformation happened */
    KERN_REMARK_MISSED = 1,   /* it did not */
    KERN_REMARK_ANALYSIS = 2, /* why (or a detail) */
} KernRemarkKind;

typedef struct {
    KernRemarkKind kind;
    const char *pass;     /* e.g. "loop-vectorize" */
    const char *name;     /* e.g. "Vectorized", "MissedDetails" */
    const char *function; /* the LLVM function the remark is about */
    const char *message;
    unsigned line, column; /* 0 when the remark has no debug location */
} KernRemark;

/* Called once per remark; the strings live only during the call. */
typedef void (*KernRemarkCallback)(void *user, const KernRemark *remark);

/* From now on, remarks of the loop vectorizer and unroller in ctx go to callback
 * (other diagnostics keep their default handling). */
void kern_llvm_collect_remarks(LLVMContextRef ctx, KernRemarkCallback callback, void *user);
/* Restores LLVM's default diagnostic handler (no more callbacks). */
void kern_llvm_stop_remarks(LLVMContextRef ctx);

/* Gives the loop whose latch branch is `latch` a distinct loop ID carrying `location`
 * (a DILocation), so LLVM's loop passes report the loop at that source position. */
void kern_llvm_set_loop_location(LLVMValueRef latch, LLVMMetadataRef location);

#ifdef __cplusplus
}
#endif
#endif
