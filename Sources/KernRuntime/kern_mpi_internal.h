/*
 * Kern runtime, internal: the loaded MPI functions and the process's MPI state, shared
 * by kern_mpi_loader.c (which fills them) and kern_mpi.c (the built-ins).
 */
#ifndef KERN_MPI_INTERNAL_H
#define KERN_MPI_INTERNAL_H

#include <stdint.h>

typedef void *Handle; /* MPI_Comm, MPI_Datatype: pointers in Open MPI */

typedef struct KernMPIFunctions {
    int (*Init)(int *, char ***);
    int (*Initialized)(int *);
    int (*Finalized)(int *);
    int (*Finalize)(void);
    int (*Comm_rank)(Handle, int *);
    int (*Comm_size)(Handle, int *);
    int (*Barrier)(Handle);
    int (*Allgather)(const void *, int, Handle, void *, int, Handle, Handle);
    int (*Allgatherv)(const void *, int, Handle, void *, const int *, const int *, Handle, Handle);
    int (*Bcast)(void *, int, Handle, int, Handle);
    int (*Send)(const void *, int, Handle, int, int, Handle);
    int (*Recv)(void *, int, Handle, int, int, Handle, void *);
    int (*Probe)(int, int, Handle, void *);
    int (*Get_count)(const void *, Handle, int *);
    int (*Sendrecv)(const void *, int, Handle, int, int, void *, int, Handle, int, int, Handle,
                    void *);
    int (*Abort)(Handle, int);
    Handle world, byte;
} KernMPIFunctions;

/* Filled by kern_mpi_state() when it returns KERN_MPI_LOADED. */
extern KernMPIFunctions kern_mpi_fn;

/* Open MPI's MPI_PROC_NULL (mpi.h): a send to or receive from it does nothing. */
#define KERN_MPI_PROC_NULL (-2)
/* Room for Open MPI's MPI_Status (24 bytes) with margin. */
typedef struct { _Alignas(16) unsigned char bytes[64]; } Status;

enum { KERN_MPI_UNTRIED, KERN_MPI_SINGLE, KERN_MPI_LOADED, KERN_MPI_FAILED };

/* The process's state; the first call decides it (loading MPI under a launcher). */
int kern_mpi_state(void);
/* MPI's rank and size when loaded, else 0 and 1. */
int32_t kern_mpi_world_rank(void);
int32_t kern_mpi_world_size(void);

#endif
