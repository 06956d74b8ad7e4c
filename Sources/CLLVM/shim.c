/* Version shims and ORC helpers for Kern (see CLLVM.h). */
#define _GNU_SOURCE
#include "CLLVM.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

LLVMContextRef kern_llvm_create_context(LLVMOrcThreadSafeContextRef *tsc) {
    /* LLVM 21 replaced "a ThreadSafeContext owning a new context, which hands it out"
     * by "a ThreadSafeContext wrapping a context you created". */
    if (kern_llvm_has_function("LLVMOrcCreateNewThreadSafeContextFromLLVMContext")) {
        LLVMContextRef ctx = LLVMContextCreate();
        *tsc = LLVMOrcCreateNewThreadSafeContextFromLLVMContext(ctx);
        return ctx;
    }
    *tsc = LLVMOrcCreateNewThreadSafeContext();
    return LLVMOrcThreadSafeContextGetContext(*tsc);
}

/* ---- session error reporter ---- */
static pthread_mutex_t error_lock = PTHREAD_MUTEX_INITIALIZER;
static char *last_session_error = NULL;

static void report_error(void *ctx, LLVMErrorRef err) {
    (void)ctx;
    char *msg = LLVMGetErrorMessage(err);
    pthread_mutex_lock(&error_lock);
    free(last_session_error);
    last_session_error = strdup(msg ? msg : "unknown JIT error");
    pthread_mutex_unlock(&error_lock);
    LLVMDisposeErrorMessage(msg);
}

void kern_jit_install_error_reporter(LLVMOrcExecutionSessionRef es) {
    LLVMOrcExecutionSessionSetErrorReporter(es, report_error, NULL);
}

char *kern_jit_take_session_error(void) {
    pthread_mutex_lock(&error_lock);
    char *msg = last_session_error;
    last_session_error = NULL;
    pthread_mutex_unlock(&error_lock);
    return msg;
}

/* ---- absolute symbols ---- */
LLVMErrorRef kern_jit_define_absolute(LLVMOrcLLJITRef jit, LLVMOrcJITDylibRef jd,
                                      const char *const *names, const void *const *addrs,
                                      size_t count) {
    LLVMOrcCSymbolMapPair *pairs = calloc(count ? count : 1, sizeof *pairs);
    if (!pairs) return LLVMCreateStringError("out of memory");
    for (size_t i = 0; i < count; i++) {
        pairs[i].Name = LLVMOrcLLJITMangleAndIntern(jit, names[i]);
        pairs[i].Sym.Address = (LLVMOrcExecutorAddress)(uintptr_t)addrs[i];
        pairs[i].Sym.Flags.GenericFlags =
            LLVMJITSymbolGenericFlagsExported | LLVMJITSymbolGenericFlagsCallable;
        pairs[i].Sym.Flags.TargetFlags = 0;
    }
    /* Takes ownership of the (retained) names; Define takes the unit either way. */
    LLVMOrcMaterializationUnitRef mu = LLVMOrcAbsoluteSymbols(pairs, count);
    free(pairs);
    return LLVMOrcJITDylibDefine(jd, mu);
}

/* ---- synchronous lookup in one JITDylib ---- */
typedef struct LookupState {
    pthread_mutex_t lock;
    pthread_cond_t done_cond;
    int done;
    LLVMErrorRef error;
    LLVMOrcSymbolStringPoolEntryRef *names;
    uint64_t *addrs;
    size_t count;
} LookupState;

static void lookup_done(LLVMErrorRef err, LLVMOrcCSymbolMapPairs result, size_t n, void *ctx) {
    LookupState *st = ctx;
    pthread_mutex_lock(&st->lock);
    st->error = err;
    if (!err) {
        for (size_t k = 0; k < n; k++)
            for (size_t i = 0; i < st->count; i++)
                if (result[k].Name == st->names[i]) st->addrs[i] = result[k].Sym.Address;
    }
    st->done = 1;
    pthread_cond_signal(&st->done_cond);
    pthread_mutex_unlock(&st->lock);
}

LLVMErrorRef kern_jit_lookup(LLVMOrcLLJITRef jit, LLVMOrcJITDylibRef jd,
                             const char *const *names, uint64_t *addrs, size_t count) {
    if (count == 0) return LLVMErrorSuccess;
    LookupState st;
    pthread_mutex_init(&st.lock, NULL);
    pthread_cond_init(&st.done_cond, NULL);
    st.done = 0;
    st.error = NULL;
    st.count = count;
    st.addrs = addrs;
    st.names = calloc(count, sizeof *st.names);
    LLVMOrcCLookupSetElement *set = calloc(count, sizeof *set);
    if (!st.names || !set) {
        free(st.names);
        free(set);
        return LLVMCreateStringError("out of memory");
    }
    for (size_t i = 0; i < count; i++) {
        addrs[i] = 0;
        st.names[i] = LLVMOrcLLJITMangleAndIntern(jit, names[i]);
        LLVMOrcRetainSymbolStringPoolEntry(st.names[i]); /* one reference goes to the lookup */
        set[i].Name = st.names[i];
        set[i].LookupFlags = LLVMOrcSymbolLookupFlagsRequiredSymbol;
    }
    LLVMOrcCJITDylibSearchOrderElement order = {jd, LLVMOrcJITDylibLookupFlagsMatchAllSymbols};
    LLVMOrcExecutionSessionLookup(LLVMOrcLLJITGetExecutionSession(jit), LLVMOrcLookupKindStatic,
                                  &order, 1, set, count, lookup_done, &st);
    pthread_mutex_lock(&st.lock);
    while (!st.done) pthread_cond_wait(&st.done_cond, &st.lock);
    pthread_mutex_unlock(&st.lock);
    for (size_t i = 0; i < count; i++) LLVMOrcReleaseSymbolStringPoolEntry(st.names[i]);
    free(st.names);
    free(set);
    pthread_cond_destroy(&st.done_cond);
    pthread_mutex_destroy(&st.lock);
    return st.error;
}

LLVMAttributeRef kern_llvm_nocapture_attribute(LLVMContextRef ctx) {
    unsigned major = 0, minor = 0, patch = 0;
    kern_llvm_loaded_version(&major, &minor, &patch);
    if (major >= 21) {
        unsigned kind = LLVMGetEnumAttributeKindForName("captures", 8);
        return LLVMCreateEnumAttribute(ctx, kind, 0); /* CaptureInfo::none() */
    }
    unsigned kind = LLVMGetEnumAttributeKindForName("nocapture", 9);
    return LLVMCreateEnumAttribute(ctx, kind, 0);
}

void kern_llvm_set_loop_id(LLVMContextRef ctx, LLVMValueRef latch, LLVMMetadataRef location,
                           int disable_unroll) {
    /* A loop ID is a node whose first operand is itself (LangRef "llvm.loop"). Built
     * around a temporary placeholder; replacing it with the node closes the cycle, and
     * LLVM makes a self-referencing node distinct (MDNode::handleChangedOperand). The
     * replacement also deletes the temporary. */
    LLVMMetadataRef placeholder = LLVMTemporaryMDNode(ctx, NULL, 0);
    LLVMMetadataRef operands[3];
    size_t count = 0;
    operands[count++] = placeholder;
    if (location) operands[count++] = location;
    if (disable_unroll) {
        LLVMMetadataRef name = LLVMMDStringInContext2(ctx, "llvm.loop.unroll.disable", 24);
        operands[count++] = LLVMMDNodeInContext2(ctx, &name, 1);
    }
    LLVMMetadataRef id = LLVMMDNodeInContext2(ctx, operands, count);
    LLVMMetadataReplaceAllUsesWith(placeholder, id);
    unsigned kind = LLVMGetMDKindIDInContext(ctx, "llvm.loop", 9);
    LLVMSetMetadata(latch, kind, LLVMMetadataAsValue(ctx, id));
}
