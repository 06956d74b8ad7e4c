/* The LLVM C API, plus small shims that hide differences between LLVM versions
 * (19 and 22 are supported) and the ORC plumbing that is awkward from Swift
 * (synchronous lookups, absolute symbols, the error reporter).
 * Only KernLLVM/Bindings and KernJIT import this. */
#ifndef KERN_CLLVM_H
#define KERN_CLLVM_H
#include <stddef.h>
#include <stdint.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

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
LLVMErrorRef kern_jit_lookup(LLVMOrcLLJITRef jit, LLVMOrcJITDylibRef jd,
                             const char *const *names, uint64_t *addrs, size_t count);

/* The C library functions generated code may call (libm, memset, ...), with their
 * addresses in this process. Returns the count. */
size_t kern_llvm_libc_symbols(const char *const **names, const void *const **addrs);

/* The enum attribute saying a pointer parameter is not captured:
 * `nocapture` before LLVM 21, `captures(none)` after. */
LLVMAttributeRef kern_llvm_nocapture_attribute(LLVMContextRef ctx);

#endif
