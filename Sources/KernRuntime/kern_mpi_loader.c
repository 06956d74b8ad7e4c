/*
 * Kern runtime: opening Open MPI at run time (LANGUAGE.md §12). The only file that knows
 * libmpi's names. In: the environment (launcher variables, KERN_MPI, KERN_MPI_LIBRARY).
 * Out: kern_mpi_fn filled by dlsym, MPI_Init called once (MPI_Finalize at exit), the
 * state, rank and size (kern_mpi_internal.h); kern_mpi.h's host functions.
 *
 * Nothing links libmpi. On the first MPI built-in of a process started by an MPI
 * launcher, libmpi is opened with dlopen (KERN_MPI_LIBRARY when set, the only
 * candidate; else the usual names of Open MPI's libmpi), its functions and predefined
 * handles (MPI_COMM_WORLD and MPI_BYTE are the global objects ompi_mpi_comm_world and
 * ompi_mpi_byte) are resolved with dlsym. Without a launcher the process is rank 0 of 1
 * and loads nothing.
 */
#define _GNU_SOURCE
#include "kern_mpi.h"
#include "kern_mpi_internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

KernMPIFunctions kern_mpi_fn;
#define mpi kern_mpi_fn

static int state = KERN_MPI_UNTRIED;
static int ownsInit; /* we called MPI_Init, so we finalize */
static int worldRank, worldSize = 1;
static char loadError[512];
static pthread_mutex_t initLock = PTHREAD_MUTEX_INITIALIZER;

static const char *envRank(void) {
    const char *names[] = {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        if (v != NULL && *v != '\0') return v;
    }
    return NULL;
}

/* Started by a launcher (or forced with KERN_MPI=1; KERN_MPI=0 forces a single rank). */
static int launched(void) {
    const char *force = getenv("KERN_MPI");
    if (force != NULL && strcmp(force, "1") == 0) return 1;
    if (force != NULL && strcmp(force, "0") == 0) return 0;
    return getenv("OMPI_COMM_WORLD_SIZE") != NULL || envRank() != NULL;
}

static void finalizeAtExit(void) {
    int finalized = 1;
    if (state == KERN_MPI_LOADED && ownsInit && mpi.Finalized(&finalized) == 0 && !finalized) {
        mpi.Finalize();
    }
    state = KERN_MPI_SINGLE;
}

#define RESOLVE(field, name)                                                   \
    do {                                                                       \
        *(void **)&mpi.field = dlsym(lib, name);                               \
        if (mpi.field == NULL) {                                               \
            snprintf(loadError, sizeof loadError, "%s lacks %s", path, name); \
            return 0;                                                          \
        }                                                                      \
    } while (0)

static int resolve(void *lib, const char *path) {
    RESOLVE(Init, "MPI_Init");
    RESOLVE(Initialized, "MPI_Initialized");
    RESOLVE(Finalized, "MPI_Finalized");
    RESOLVE(Finalize, "MPI_Finalize");
    RESOLVE(Comm_rank, "MPI_Comm_rank");
    RESOLVE(Comm_size, "MPI_Comm_size");
    RESOLVE(Barrier, "MPI_Barrier");
    RESOLVE(Allgather, "MPI_Allgather");
    RESOLVE(Allgatherv, "MPI_Allgatherv");
    RESOLVE(Bcast, "MPI_Bcast");
    RESOLVE(Send, "MPI_Send");
    RESOLVE(Recv, "MPI_Recv");
    RESOLVE(Probe, "MPI_Probe");
    RESOLVE(Get_count, "MPI_Get_count");
    RESOLVE(Sendrecv, "MPI_Sendrecv");
    RESOLVE(Abort, "MPI_Abort");
    RESOLVE(world, "ompi_mpi_comm_world");
    RESOLVE(byte, "ompi_mpi_byte");
    return 1;
}

/* Opens libmpi and initializes MPI. Returns 1 on success, else fills loadError. */
static int loadMPI(void) {
    const char *only = getenv("KERN_MPI_LIBRARY");
    const char *defaults[] = {
        "libmpi.so.40", "libmpi.so", "/usr/lib/x86_64-linux-gnu/openmpi/lib/libmpi.so",
        "/usr/lib/aarch64-linux-gnu/openmpi/lib/libmpi.so", "/usr/lib64/openmpi/lib/libmpi.so",
        "/opt/homebrew/lib/libmpi.dylib", "/usr/local/lib/libmpi.dylib"};
    const char *single[] = {only};
    const char **candidates = (only != NULL && *only != '\0') ? single : defaults;
    size_t count = (only != NULL && *only != '\0') ? 1 : sizeof defaults / sizeof defaults[0];
    char tried[400] = "";
    for (size_t i = 0; i < count; i++) {
        /* RTLD_GLOBAL: Open MPI's own plug-ins resolve libmpi's symbols through it. */
        void *lib = dlopen(candidates[i], RTLD_NOW | RTLD_GLOBAL);
        if (lib == NULL) {
            size_t used = strlen(tried);
            snprintf(tried + used, sizeof tried - used, "%s%s", used ? ", " : "", candidates[i]);
            continue;
        }
        if (!resolve(lib, candidates[i])) return 0;
        int initialized = 0;
        mpi.Initialized(&initialized);
        if (!initialized) {
            if (mpi.Init(NULL, NULL) != 0) {
                snprintf(loadError, sizeof loadError, "MPI_Init failed (%s)", candidates[i]);
                return 0;
            }
            ownsInit = 1;
            atexit(finalizeAtExit);
        }
        mpi.Comm_rank(mpi.world, &worldRank);
        mpi.Comm_size(mpi.world, &worldSize);
        return 1;
    }
    snprintf(loadError, sizeof loadError,
             "no MPI library could be opened (tried %s); install Open MPI (apt-get install "
             "libopenmpi-dev openmpi-bin) or set KERN_MPI_LIBRARY=/path/to/libmpi.so",
             tried);
    return 0;
}

int kern_mpi_state(void) {
    pthread_mutex_lock(&initLock);
    if (state == KERN_MPI_UNTRIED) {
        state = !launched() ? KERN_MPI_SINGLE : (loadMPI() ? KERN_MPI_LOADED : KERN_MPI_FAILED);
    }
    int s = state;
    pthread_mutex_unlock(&initLock);
    return s;
}

int32_t kern_mpi_active(void) { return state == KERN_MPI_LOADED; }

int32_t kern_mpi_launch_rank(void) {
    if (state == KERN_MPI_LOADED) return worldRank;
    const char *r = envRank();
    return r != NULL ? (int32_t)atoi(r) : -1;
}

void kern_mpi_abort(int32_t code) {
    if (state == KERN_MPI_LOADED) mpi.Abort(mpi.world, code);
}

const char *kern_mpi_load_error(void) { return loadError; }

int32_t kern_mpi_world_rank(void) { return state == KERN_MPI_LOADED ? worldRank : 0; }
int32_t kern_mpi_world_size(void) { return state == KERN_MPI_LOADED ? worldSize : 1; }
