/*
 * The test process's compile cache (README "Compile cache"): unless the caller chose one,
 * tests compile with a cache under the temporary directory, never the user's
 * ~/.cache/kern. Runs before main (single-threaded, so setenv is safe); kernelc processes
 * the tests start inherit it. Entries of different builds never mix: the cache key holds
 * the executable's identity.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void kern_test_cache_dir(void) {
    if (getenv("KERN_CACHE_DIR") != NULL) return;
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/kern-test-cache-%ld", tmp && *tmp ? tmp : "/tmp",
             (long)getuid());
    setenv("KERN_CACHE_DIR", path, 1);
    if (getenv("KERN_CACHE_MAX_SIZE") == NULL) setenv("KERN_CACHE_MAX_SIZE", "64M", 1);
}
