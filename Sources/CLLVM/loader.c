/* Opens a libLLVM at run time and fills the table behind the generated trampolines
 * (see CLLVM.h, kern_llvm_load). */
#define _GNU_SOURCE
#include "CLLVM.h"
#include "llvm_api_table.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

void *kern_llvm_functions[KERN_LLVM_FUNCTION_COUNT];

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static void *loaded_handle;
static unsigned loaded_major, loaded_minor, loaded_patch;

_Noreturn void kern_llvm_unresolved(const char *name) {
    fprintf(stderr,
            "kern: internal error: %s was called before LLVM was loaded, or the loaded LLVM "
            "lacks it\n",
            name);
    abort();
}

static int fail(char *error, size_t size, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(error, size, format, args);
    va_end(args);
    return 1;
}

/* The native target's initializers: LLVMInitializeNativeTarget & co. are inline functions
 * in LLVM's headers, so the per-target functions they call are looked up instead. */
#if defined(__x86_64__) || defined(__i386__)
#define KERN_NATIVE(part) "LLVMInitializeX86" part
#elif defined(__aarch64__)
#define KERN_NATIVE(part) "LLVMInitializeAArch64" part
#else
#error "Kern supports x86-64 and AArch64 hosts"
#endif
static const char *const native_initializers[] = {
    KERN_NATIVE("TargetInfo"), KERN_NATIVE("Target"), KERN_NATIVE("TargetMC"),
    KERN_NATIVE("AsmPrinter"), KERN_NATIVE("AsmParser"),
};

int kern_llvm_load(const char *path, unsigned min_major, unsigned max_major, int commit,
                   unsigned version[3], char *error, size_t error_size) {
    pthread_mutex_lock(&load_lock);
    int result = 0;
    if (commit && loaded_handle) {
        version[0] = loaded_major;
        version[1] = loaded_minor;
        version[2] = loaded_patch;
        goto done;
    }
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        result = fail(error, error_size, "%s", why ? why : "dlopen failed");
        goto done;
    }
    void (*get_version)(unsigned *, unsigned *, unsigned *) =
        (void (*)(unsigned *, unsigned *, unsigned *))dlsym(handle, "LLVMGetVersion");
    if (!get_version) {
        dlclose(handle);
        result = fail(error, error_size, "not a libLLVM of LLVM 16 or later (it has no LLVMGetVersion)");
        goto done;
    }
    unsigned major = 0, minor = 0, patch = 0;
    get_version(&major, &minor, &patch);
    version[0] = major;
    version[1] = minor;
    version[2] = patch;
    if (major < min_major || major > max_major) {
        dlclose(handle);
        result = fail(error, error_size, "LLVM %u.%u.%u, but Kern supports LLVM %u to %u", major,
                      minor, patch, min_major, max_major);
        goto done;
    }
    void *found[KERN_LLVM_FUNCTION_COUNT];
    for (size_t i = 0; i < KERN_LLVM_FUNCTION_COUNT; i++) {
        found[i] = dlsym(handle, kern_llvm_function_names[i]);
        if (!found[i] && !kern_llvm_function_optional[i]) {
            dlclose(handle);
            result = fail(error, error_size, "LLVM %u.%u.%u lacks %s", major, minor, patch,
                          kern_llvm_function_names[i]);
            goto done;
        }
    }
    void (*initializers[5])(void);
    for (size_t i = 0; i < 5; i++) {
        initializers[i] = (void (*)(void))dlsym(handle, native_initializers[i]);
        if (!initializers[i]) {
            dlclose(handle);
            result = fail(error, error_size, "LLVM %u.%u.%u was built without this CPU's target (%s)",
                          major, minor, patch, native_initializers[i]);
            goto done;
        }
    }
    if (!commit) { /* a probe: the library is usable; keep nothing */
        dlclose(handle);
        goto done;
    }
    memcpy(kern_llvm_functions, found, sizeof found);
    for (size_t i = 0; i < 5; i++) initializers[i]();
    loaded_major = major;
    loaded_minor = minor;
    loaded_patch = patch;
    loaded_handle = handle;
done:
    pthread_mutex_unlock(&load_lock);
    return result;
}

int kern_llvm_loaded_version(unsigned *major, unsigned *minor, unsigned *patch) {
    pthread_mutex_lock(&load_lock);
    int loaded = loaded_handle != NULL;
    *major = loaded_major;
    *minor = loaded_minor;
    *patch = loaded_patch;
    pthread_mutex_unlock(&load_lock);
    return loaded;
}

int kern_llvm_has_function(const char *name) {
    for (size_t i = 0; i < KERN_LLVM_FUNCTION_COUNT; i++)
        if (strcmp(kern_llvm_function_names[i], name) == 0) return kern_llvm_functions[i] != NULL;
    return 0;
}

int kern_llvm_config_library(const char *tool, char *out, size_t size) {
    /* posix_spawn rather than Foundation's Process: this runs inside the first compile,
     * and Process costs tens of milliseconds more on Linux. */
    int pipefd[2];
    if (size == 0 || pipe(pipefd) != 0) return 1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipefd[0]);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    char *const argv[] = {(char *)tool, "--libfiles", "--link-shared", NULL};
    pid_t pid;
    int spawned = posix_spawn(&pid, tool, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipefd[1]);
    if (spawned != 0) {
        close(pipefd[0]);
        return 1;
    }
    size_t used = 0;
    ssize_t n;
    while ((n = read(pipefd[0], out + used, size - 1 - used)) > 0) used += (size_t)n;
    close(pipefd[0]);
    out[used] = 0;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
    /* The first word is the library's path. */
    size_t end = 0;
    while (end < used && out[end] != ' ' && out[end] != '\n') end++;
    out[end] = 0;
    return end == 0;
}
