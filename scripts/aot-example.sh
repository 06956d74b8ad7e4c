#!/usr/bin/env bash
# Ahead-of-time kernels (issue 13, item 4): compiles the example's C target's diffusion.kern
# with Kern's command plugin, as an app author would (`swift package kern-aot --multiversion`:
# x86-64-v4/v3/baseline assembly, a load-time dispatcher and the header), builds the example
# app (release) against the KernRuntime product, then runs it with LLVM unavailable
# (KERN_LLVM_LIBRARY=/nonexistent, no llvm-config on PATH) and checks that
#   - the dispatcher picked the level this CPU supports (/proc/cpuinfo);
#   - its results equal the same computation JIT-compiled by `kernelc run`;
#   - a failing precondition comes back as a status with its position in diffusion.kern;
#   - the binary links no libLLVM and contains no LLVM or Kern-compiler code.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
example="$root/Examples/AOTDiffusion"
fail() { echo "AOT example FAILED: $*" >&2; exit 1; }
: "${LLVM_CONFIG:=llvm-config-22}"
export LLVM_CONFIG

cd "$root"
swift build -c release --product kernelc 2>&1 | tail -1
kernelc="$(swift build -c release --show-bin-path)/kernelc"

kernels="$example/Sources/DiffusionKernels"
cd "$example"
rm -rf .build Package.resolved "$kernels"/*.S "$kernels/include"
start=$(date +%s.%N)
swift package --allow-writing-to-package-directory kern-aot --multiversion 2>&1 | tail -3
printf 'kern-aot (builds kernelc for the plugin, compiles 3 variants): %.1f s\n' \
    "$(echo "$(date +%s.%N) - $start" | bc)"
echo "generated: $(cd "$kernels" && find . -type f ! -name '*.kern' | sort | tr '\n' ' ')"
[ -f "$kernels/diffusion.dispatch.S" ] && [ -f "$kernels/include/diffusion.h" ] ||
    fail "kern-aot did not write the C target"

start=$(date +%s.%N)
swift build -c release 2>&1 | tail -2
printf 'release build of the example: %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
bin="$(swift build -c release --show-bin-path)/aot-demo"

set +e
out="$(env -i HOME="$HOME" KERN_LLVM_LIBRARY=/nonexistent PATH=/nonexistent "$bin" 2>&1)"
status=$?
set -e
echo "$out"
[ "$status" -eq 0 ] || fail "the app exited with $status without LLVM"

# The same steps through the JIT, in Kern: the two must print the same numbers.
reference="$(mktemp --suffix .kern)"
trap 'rm -f "$reference"' EXIT
cat "$kernels/diffusion.kern" - >"$reference" <<'KERN'
func main() {
    let n = 1000
    var u = [Double](repeating: 0, count: n)
    var next = [Double](repeating: 0, count: n)
    u[n / 2] = 1000.0
    for s in 0..<500 {
        if s % 2 == 0 {
            step(u: u, next: &next, alpha: 0.25)
        } else {
            step(u: next, next: &u, alpha: 0.25)
        }
    }
    print("total heat:", total(u: u))
    let (at, value) = hottest(u: u)
    print("hottest point:", at, value)
}
KERN
jit="$("$kernelc" run "$reference")"
results="$(grep -E '^(total heat|hottest point):' <<<"$out")"
[ "$results" == "$jit" ] || fail "AOT and JIT differ:
AOT: $results
JIT: $jit"
echo "AOT results equal the JIT's"
flags="$(grep -m1 '^flags' /proc/cpuinfo)"
has() { for f in "$@"; do grep -qw "$f" <<<"$flags" || return 1; done; }
expected=x86-64
if has avx avx2 bmi1 bmi2 f16c fma abm movbe xsave; then
    expected=x86-64-v3
    if has avx512f avx512bw avx512cd avx512dq avx512vl; then expected=x86-64-v4; fi
fi
grep -qx "kernels compiled for: $expected" <<<"$out" ||
    fail "the dispatcher did not pick $expected"
grep -q "expected failure: diffusion.kern:[0-9]*:[0-9]*: u and next differ in length" <<<"$out" ||
    fail "the failing precondition was not reported with its position"

if ldd "$bin" | grep -qi llvm; then fail "the app links libLLVM"; fi
if nm "$bin" | grep -qiE 'LLVMCreate|kern_llvm_|StagedCompiler'; then
    fail "the app contains LLVM or compiler code"
fi
echo "app binary: $(stat -c %s "$bin") bytes, no LLVM; ldd:"
ldd "$bin"
echo "AOT example passed"
