/* C + MPI twin of Benchmarks/mpi/jacobi.kern.in: the same rows distribution, ghost
 * rows, sweep, copy and final max-change allreduce (no deterministic checksum: it
 * prints the same probe value). Build: mpicc -O2 -march=native jacobi_mpi.c -o jacobi_mpi */
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const long n = 1026, steps = argc > 1 ? atol(argv[1]) : 300, interior = n - 2;
    long first = 1 + interior * rank / size, own = 1 + interior * (rank + 1) / size - first;
    double *u = calloc((own + 2) * n, sizeof(double)), *v = calloc((own + 2) * n, sizeof(double));
    if (rank == 0) for (long j = 0; j < n; j++) u[j] = v[j] = 1;
    int up = rank > 0 ? rank - 1 : MPI_PROC_NULL, down = rank + 1 < size ? rank + 1 : MPI_PROC_NULL;
    double change = 0;
    for (long step = 0; step < steps; step++) {
        MPI_Sendrecv(u + n, n, MPI_DOUBLE, up, 1, u + (own + 1) * n, n, MPI_DOUBLE, down, 1,
                     MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Sendrecv(u + own * n, n, MPI_DOUBLE, down, 2, u, n, MPI_DOUBLE, up, 2, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE);
        for (long k = 1; k <= own; k++)
            for (long j = 1; j < n - 1; j++)
                v[k * n + j] = 0.25 * (u[(k - 1) * n + j] + u[(k + 1) * n + j] + u[k * n + j - 1] +
                                       u[k * n + j + 1]);
        double local = 0;
        for (long k = 1; k <= own; k++)
            for (long j = 1; j < n - 1; j++) {
                double d = fabs(v[k * n + j] - u[k * n + j]);
                local = d > local ? d : local;
                u[k * n + j] = v[k * n + j];
            }
        if (step == steps - 1) MPI_Allreduce(&local, &change, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    }
    double mine = -1, probe;
    if (8 >= first && 8 < first + own) mine = u[(8 - first + 1) * n + n / 2];
    MPI_Allreduce(&mine, &probe, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    if (rank == 0) printf("u[8, n/2]: %.17g\nlast change: %.17g\n", probe, change);
    free(u);
    free(v);
    MPI_Finalize();
    return 0;
}
