/*
 * Kern runtime: the host's side of MPI (LANGUAGE.md §12). The functions generated code
 * calls (kern_rt_mpi_*) are in kern_runtime.h; these are for the process that runs
 * Kern code (kernelc run, a Swift host): is MPI in use, which rank is this, end the job.
 *
 * MPI is never linked: kern_mpi.c opens Open MPI's libmpi with dlopen on the first MPI
 * built-in, and only when the process was started by an MPI launcher (mpirun sets
 * OMPI_COMM_WORLD_SIZE / PMIX_RANK). A process started any other way is a single rank
 * (rank 0 of 1) and needs no MPI library.
 */
#ifndef KERN_MPI_H
#define KERN_MPI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 when MPI_Init has been called by the runtime (and MPI_Finalize not yet), else 0. */
int32_t kern_mpi_active(void);

/* This process's rank in the launcher's job: MPI's when active, else the launcher's
 * environment (OMPI_COMM_WORLD_RANK, PMIX_RANK), else -1 (not started by a launcher). */
int32_t kern_mpi_launch_rank(void);

/* Ends the whole MPI job with `code` (MPI_Abort on MPI_COMM_WORLD) when MPI is active;
 * otherwise returns (the caller exits by itself, and the launcher notices). */
void kern_mpi_abort(int32_t code);

/* The library kern_mpi.c tried to open last and why it failed ("" when none failed),
 * for diagnostics. */
const char *kern_mpi_load_error(void);

#ifdef __cplusplus
}
#endif
#endif
