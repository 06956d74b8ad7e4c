#!/usr/bin/env bash
# Jacobi 1026 x 1026 on 1 and 2 ranks against prange threads and a C+MPI twin
# (docs/scale-out.md, "What was measured here"). Prints the minimum wall time of REPS runs
# of each configuration; for kernelc the same program with 0 sweeps (start-up + JIT) is
# subtracted. Needs openmpi-bin, libopenmpi-dev (mpicc) and a built kernelc.
set -euo pipefail
cd "$(dirname "$0")"
STEPS=${STEPS:-300}
REPS=${REPS:-3}
kernelc=${KERNELC:-$(cd ../.. && swift build --show-bin-path)/kernelc}
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=(mpirun --allow-run-as-root --oversubscribe)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s/STEPS/$STEPS/" jacobi.kern.in >"$tmp/run.kern"
sed "s/STEPS/0/" jacobi.kern.in >"$tmp/zero.kern"
mpicc -O2 -march=native jacobi_mpi.c -o "$tmp/jacobi_mpi" -lm
best() {  # min wall seconds of REPS runs of "$@"
  local b=999
  for _ in $(seq "$REPS"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    b=$(echo "$e - $s" | bc -l | awk -v b="$b" '{ print ($1 < b) ? $1 : b }')
  done
  echo "$b"
}
kern() {  # label, command prefix...
  local label=$1; shift
  local full zero
  full=$(best "$@" "$kernelc" run "$tmp/run.kern" "${extra[@]}")
  zero=$(best "$@" "$kernelc" run "$tmp/zero.kern" "${extra[@]}")
  printf "%-34s %7.3f s  (%.3f s total, %.3f s start-up)\n" "$label" "$(echo "$full - $zero" | bc -l)" "$full" "$zero"
}
echo "Jacobi 1026 x 1026, $STEPS sweeps, min of $REPS runs"
extra=(--threads 1); kern "Kern, 1 process, 1 thread"
extra=(--threads 2); kern "Kern, 1 process, prange 2 threads"
extra=(--threads 1); kern "Kern, mpirun -np 2, 1 thread each" "${mpirun[@]}" -np 2
printf "%-34s %7.3f s\n" "C+MPI -O2, 1 rank" "$(best "${mpirun[@]}" -np 1 "$tmp/jacobi_mpi" "$STEPS")"
printf "%-34s %7.3f s\n" "C+MPI -O2, 2 ranks" "$(best "${mpirun[@]}" -np 2 "$tmp/jacobi_mpi" "$STEPS")"
