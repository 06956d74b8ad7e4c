/*
 * Kern runtime: the addresses of the runtime functions generated code calls, by name,
 * for the JIT (test binaries and apps do not export their symbols to dlsym).
 * In: a C name from KernABI's RuntimeFunction table. Out: its address, or NULL.
 * The list is checked against that table by RuntimeABITests (both directions).
 */
#include <string.h>

#include "kern_parallel.h"
#include "kern_runtime.h"

#define KERN_RT_SYMBOL(f) {#f, (const void *)&f}

static const struct {
    const char *name;
    const void *address;
} kern_rt_symbols[] = {
    KERN_RT_SYMBOL(kern_rt_fail),       KERN_RT_SYMBOL(kern_rt_alloc),
    KERN_RT_SYMBOL(kern_rt_free),       KERN_RT_SYMBOL(kern_parallel_for),
    KERN_RT_SYMBOL(kern_rt_print_text), KERN_RT_SYMBOL(kern_rt_print_i64),
    KERN_RT_SYMBOL(kern_rt_print_u64),  KERN_RT_SYMBOL(kern_rt_print_f64),
    KERN_RT_SYMBOL(kern_rt_print_f32),  KERN_RT_SYMBOL(kern_rt_print_bool),
    KERN_RT_SYMBOL(kern_rt_print_end),  KERN_RT_SYMBOL(kern_rt_clock_ns),
    KERN_RT_SYMBOL(kern_rt_print_formatted), KERN_RT_SYMBOL(kern_parallel_for_ranges),
    /* MPI built-ins (kern_mpi.c) */
    KERN_RT_SYMBOL(kern_rt_mpi_query),  KERN_RT_SYMBOL(kern_rt_mpi_allreduce_i64),
    KERN_RT_SYMBOL(kern_rt_mpi_allreduce_f64), KERN_RT_SYMBOL(kern_rt_mpi_array),
    KERN_RT_SYMBOL(kern_rt_mpi_reduce_i64), KERN_RT_SYMBOL(kern_rt_mpi_reduce_f64),
};

const void *kern_rt_symbol_address(const char *name) {
    if (name == NULL) return NULL;
    for (size_t i = 0; i < sizeof kern_rt_symbols / sizeof kern_rt_symbols[0]; i++) {
        if (strcmp(kern_rt_symbols[i].name, name) == 0) return kern_rt_symbols[i].address;
    }
    return NULL;
}

int32_t kern_rt_symbol_count(void) {
    return (int32_t)(sizeof kern_rt_symbols / sizeof kern_rt_symbols[0]);
}
