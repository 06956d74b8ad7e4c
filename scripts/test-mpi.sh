#!/usr/bin/env bash
# Kern on MPI ranks (LANGUAGE.md §12, issue 19): runs Examples/mpi/*.kern under
# `mpirun --oversubscribe -np 1..4` and compares each with the single-process run
# (`kernelc run` without a launcher), byte for byte; runs Tests/MPI/collectives.kern
# (broadcast, element-wise allreduce, send/receive) on 1-4 ranks; runs the Swift example
# Examples/KernMPIDot (KernMPI) on 1-4 ranks against its run without a launcher; checks
# that a runtime error on one rank ends the job with status 1 and names the rank and
# position; that a missing MPI library is a clear error; and that kernelc does not link
# libmpi (MPI is opened with dlopen). Needs openmpi-bin (make test-mpi installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
export LLVM_CONFIG="${LLVM_CONFIG:-llvm-config-22}"
swift build --product kernelc >/dev/null
kernelc="$(swift build --show-bin-path)/kernelc"
# In containers Open MPI's shared-memory single copy (CMA) is often not permitted.
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=(mpirun --allow-run-as-root --oversubscribe)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

if ldd "$kernelc" | grep -q 'libmpi'; then
  echo "FAIL: kernelc links libmpi:"; ldd "$kernelc" | grep libmpi; failures=$((failures + 1))
else
  echo "ok   kernelc does not link libmpi"
fi

# same_on_ranks NAME TAG COMMAND...: runs COMMAND without a launcher, then on 1-4 ranks,
# and counts a failure for each rank count that errs or prints anything else.
same_on_ranks() {
  local name=$1 tag=$2
  shift 2
  "$@" >"$tmp/$tag-single.txt"
  for np in 1 2 3 4; do
    if ! timeout 120 "${mpirun[@]}" -np "$np" "$@" >"$tmp/$tag$np.txt" 2>"$tmp/$tag$np.err"; then
      echo "FAIL: $name on $np ranks exited with an error:"; cat "$tmp/$tag$np.err"
      failures=$((failures + 1))
    elif ! cmp -s "$tmp/$tag-single.txt" "$tmp/$tag$np.txt"; then
      echo "FAIL: $name on $np ranks differs from the single process:"
      diff "$tmp/$tag-single.txt" "$tmp/$tag$np.txt" || true
      failures=$((failures + 1))
    else
      echo "ok   $name on $np rank(s) = single process ($(head -c 60 "$tmp/$tag-single.txt" | head -1))"
    fi
  done
}

for example in Examples/mpi/*.kern; do
  same_on_ranks "$example" example "$kernelc" run "$example"
done

# broadcast, element-wise allreduce, send/receive of arrays and rows, on 1-4 ranks.
for np in 0 1 2 3 4; do
  if [ "$np" -eq 0 ]; then
    out=$("$kernelc" run Tests/MPI/collectives.kern 2>&1 || true)
  else
    out=$(timeout 120 "${mpirun[@]}" -np "$np" "$kernelc" run Tests/MPI/collectives.kern 2>&1 || true)
  fi
  if [ "$out" = "collectives ok: true" ]; then
    echo "ok   Tests/MPI/collectives.kern on $np rank(s) (0: no launcher)"
  else
    echo "FAIL: Tests/MPI/collectives.kern on $np rank(s):"; echo "$out"; failures=$((failures + 1))
  fi
done

# A Swift program (KernMPI): a Kern kernel on each rank's shard, combined with allreduce.
swift build --product kern-mpi-dot >/dev/null
dotexample="$(swift build --show-bin-path)/kern-mpi-dot"
same_on_ranks "kern-mpi-dot (Swift + KernMPI)" dot "$dotexample"

# A runtime error on rank 1 while the others wait in a barrier.
set +e
timeout 120 "${mpirun[@]}" -np 3 "$kernelc" run Tests/MPI/fail_on_rank1.kern >"$tmp/fail.out" 2>"$tmp/fail.err"
status=$?
set -e
if [ "$status" -eq 1 ] && grep -q 'rank 1: .*fail_on_rank1.kern:7:11' "$tmp/fail.err" \
  && grep -q 'index 7 is out of bounds' "$tmp/fail.err"; then
  echo "ok   an out-of-bounds read on rank 1 ends the job with status 1"
else
  echo "FAIL: rank 1's error: status $status (expected 1), stderr:"; cat "$tmp/fail.err"
  failures=$((failures + 1))
fi

# Under a launcher without a usable libmpi: a clear error, status 1.
set +e
KERN_MPI=1 KERN_MPI_LIBRARY=/nonexistent/libmpi.so "$kernelc" run Examples/mpi/pi.kern >/dev/null 2>"$tmp/nolib.err"
status=$?
set -e
if [ "$status" -eq 1 ] && grep -q 'no MPI library could be opened' "$tmp/nolib.err"; then
  echo "ok   a missing MPI library is a clear error"
else
  echo "FAIL: missing MPI library: status $status, stderr:"; cat "$tmp/nolib.err"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] && echo "test-mpi passed" || { echo "test-mpi: $failures failure(s)"; exit 1; }
