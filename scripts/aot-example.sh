#!/usr/bin/env bash
# Ahead-of-time kernels (issue 13, item 4): compiles Examples/AOTDiffusion/Kernels/diffusion.kern
# with `kernelc build --emit c-target` into the example's C target, builds the example app
# (release) against the KernRuntime product, then runs it with LLVM unavailable
# (KERN_LLVM_LIBRARY=/nonexistent, no llvm-config on PATH) and checks that
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

rm -rf "$example/Sources/DiffusionKernels"
"$kernelc" build --emit c-target "$example/Kernels/diffusion.kern" \
    -o "$example/Sources/DiffusionKernels"
echo "generated: $(cd "$example/Sources/DiffusionKernels" && find . -type f | sort | tr '\n' ' ')"

cd "$example"
rm -rf .build Package.resolved
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
cat "$example/Kernels/diffusion.kern" - >"$reference" <<'KERN'
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
[ "$(head -2 <<<"$out")" == "$jit" ] || fail "AOT and JIT differ:
AOT: $(head -2 <<<"$out")
JIT: $jit"
echo "AOT results equal the JIT's"
grep -q "expected failure: diffusion.kern:[0-9]*:[0-9]*: u and next differ in length" <<<"$out" ||
    fail "the failing precondition was not reported with its position"

if ldd "$bin" | grep -qi llvm; then fail "the app links libLLVM"; fi
if nm "$bin" | grep -qiE 'LLVMCreate|kern_llvm_|StagedCompiler'; then
    fail "the app contains LLVM or compiler code"
fi
echo "app binary: $(stat -c %s "$bin") bytes, no LLVM; ldd:"
ldd "$bin"
echo "AOT example passed"
