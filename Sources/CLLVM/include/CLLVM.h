/* LLVM for Kern, loaded at run time: the C API Kern uses (llvm_api.h, generated, declared
 * by Kern itself so building needs no LLVM), the loader that opens a libLLVM and resolves
 * it, small shims that hide differences between LLVM 19 and 22, and the ORC plumbing that
 * is awkward from Swift (synchronous lookups, absolute symbols, the error reporter).
 * Only KernLLVM/Bindings and KernJIT import this. */
#ifndef KERN_CLLVM_H
#define KERN_CLLVM_H
#include <stddef.h>
#include <stdint.h>

#include "llvm_api.h"

/* ---- loading (loader.c) ---- */

/* Opens the libLLVM at `path` (dlopen, local symbols) and checks it: its version
 * (LLVMGetVersion, stored in version[0..2]) is within min_major...max_major, it has every
 * required function of llvm_api.h and the host's target. With `commit`, the functions are
 * then resolved for the trampolines and the host target initialized; without, the library
 * is closed again (a probe). Returns 0 on success (with `commit` also when an LLVM is
 * already loaded: the first one stays, its version is returned), else 1 with a reason in
 * `error`. Thread-safe. Before a committed load, calling any LLVM function stops the
 * process with a message (a bug: every entry into LLVM loads first). */
int kern_llvm_load(const char *path, unsigned min_major, unsigned max_major, int commit,
                   unsigned version[3], char *error, size_t error_size);

/* The loaded LLVM's version; returns 0 (and zeros) when none is loaded. */
int kern_llvm_loaded_version(unsigned *major, unsigned *minor, unsigned *patch);

/* Runs `tool --libfiles --link-shared` (an llvm-config) and stores the first path it
 * prints in `out`. Returns 0 on success, 1 when it cannot run or fails. */
int kern_llvm_config_library(const char *tool, char *out, size_t size);

/* Whether the loaded LLVM provides `name` (for functions marked optional in
 * scripts/llvm-api.txt). */
int kern_llvm_has_function(const char *name);

/* ---- the host CPU without LLVM (host_cpu.c) ---- */

/* The CPUID and XGETBV values LLVM's host detection (LLVMGetHostCPUName/Features) reads on
 * x86-64, minus what differs between cores of one machine (leaf 1's APIC id): written to
 * out[0..<capacity]; returns how many words there are (call again with a larger buffer
 * when that exceeds capacity). 0 on other architectures: nothing to key on. */
size_t kern_host_cpuid_words(uint32_t *out, size_t capacity);

/* ---- version shims and ORC helpers (shim.c) ---- */

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

/* The enum attribute saying a pointer parameter is not captured:
 * `nocapture` before LLVM 21, `captures(none)` after. */
LLVMAttributeRef kern_llvm_nocapture_attribute(LLVMContextRef ctx);

/* Gives the loop whose latch branch is `latch` a distinct, self-referencing loop ID
 * carrying `location` (a DILocation, or NULL), so LLVM's loop passes report the loop
 * there, and with `disable_unroll` the property `llvm.loop.unroll.disable`. */
void kern_llvm_set_loop_id(LLVMContextRef ctx, LLVMValueRef latch, LLVMMetadataRef location,
                           int disable_unroll);

#endif
