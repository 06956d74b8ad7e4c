#!/usr/bin/env bash
# Kern as a versioned dependency (issue 12): copies the current tree into a fresh git repo
# at $work/kern (a fresh `mktemp -d` folder, removed on exit, so runs at the same time do
# not collide) tagged with Kern's version (KernInfo.version), builds a copy of
# IntegrationTests/Client (which depends on it with `from: "0.1.0"`; its manifest's URL
# is pointed at $work/kern) in release from scratch, and checks that
#   - the client compiles a prange kernel from a string and gets the right result;
#   - the same binary without LLVM (KERN_LLVM_LIBRARY=/nonexistent, no llvm-config on
#     PATH) prints the clear error and exits 1;
#   - the binary links neither libLLVM nor swift-argument-parser.
#   - the build plugin (KernPlugin) turns the second target's heat.kern into typed Swift
#     functions that compute the right results and report a run-time error at heat.kern's
#     own line; a kernel with an error fails the build with `heat.kern:LINE:COL: error:`,
#     and a call with a wrong label or type is a Swift compile error.
# Prints the clean build time, the binary's size and its `ldd`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/kern-integration.XXXXXX")"
trap 'rm -rf "$work"' EXIT
version="$(sed -n 's/.*public static let version = "\(.*\)".*/\1/p' "$root/Sources/Kern/KernInfo.swift")"
fail() { echo "integration test FAILED: $*" >&2; exit 1; }
[ -n "$version" ] || fail "no version in Sources/Kern/KernInfo.swift"

mkdir -p "$work/kern"
# The working tree as it is (tracked and new files, not ignored ones), as one commit.
(cd "$root" && git ls-files -z -co --exclude-standard) |
    while IFS= read -r -d '' f; do
        [ -f "$root/$f" ] && [[ "$f" != IntegrationTests/* ]] && printf '%s\0' "$f"
    done | (cd "$root" && tar --null -T - -cf -) | tar -x -C "$work/kern"
git -C "$work/kern" init -q
git -C "$work/kern" add -A
git -C "$work/kern" -c user.name=kern -c user.email=kern@localhost commit -q -m "Kern $version"
git -C "$work/kern" tag "$version"

cp -R "$root/IntegrationTests/Client" "$work/client"
rm -rf "$work/client/.build" "$work/client/Package.resolved"
sed -i "s|file:///tmp/kern-integration/kern|file://$work/kern|" "$work/client/Package.swift"
grep -q "file://$work/kern" "$work/client/Package.swift" || fail "the client's manifest names no Kern URL to point at $work/kern"
cd "$work/client"
start=$(date +%s.%N)
swift build -c release 2>&1 | tail -3
end=$(date +%s.%N)
bin="$(swift build -c release --show-bin-path)/kern-client"
printf 'clean release build of the client: %.1f s\n' "$(echo "$end - $start" | bc)"

out="$("$bin")" || fail "the client failed: $out"
echo "$out"
[[ "$out" == "ok: Kern $version, total 10000000000.0" ]] || fail "unexpected output: $out"

set +e
err="$(env -i HOME="$HOME" KERN_LLVM_LIBRARY=/nonexistent PATH=/nonexistent "$bin" 2>&1)"
status=$?
set -e
[ "$status" -eq 1 ] || fail "without LLVM the client exited with $status, not 1: $err"
grep -q "Kern needs LLVM 19 to 22" <<<"$err" || fail "no clear error without LLVM: $err"
grep -q "KERN_LLVM_LIBRARY=/nonexistent" <<<"$err" || fail "the error does not say what was tried: $err"
echo "without LLVM: exit 1 with: $(head -1 <<<"$err")"

if ldd "$bin" | grep -qi llvm; then fail "the client links libLLVM"; fi
if ldd "$bin" | grep -qi argument; then fail "the client links swift-argument-parser"; fi
if nm "$bin" | grep -q 'ArgumentParser'; then fail "the client contains swift-argument-parser code"; fi
echo "client binary: $(stat -c %s "$bin") bytes; ldd:"
ldd "$bin"

# The build plugin (issue 13, items 1 and 2).
plugin_bin="$(swift build -c release --show-bin-path)/kern-plugin-client"
out="$("$plugin_bin")" || fail "the plugin client failed: $out"
echo "$out"
expected="typed kernels agree with Swift: total 99.99842111593682, hottest 32 5.634847900925643
grid [[2.0, 4.0, 6.0], [2.0, 4.0, 6.0]] tensor [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]
error: $work/client/Sources/kern-plugin-client/heat.kern:6:5: error: runtime error in 'step': precondition failed: u and next differ in length"
[[ "$out" == "$expected"* ]] || fail "unexpected plugin client output:
$out
expected (start):
$expected"
kern="$work/client/Sources/kern-plugin-client/heat.kern"
swift_main="$work/client/Sources/kern-plugin-client/main.swift"
cp "$kern" "$kern.orig" && cp "$swift_main" "$swift_main.orig"
# A kernel error fails the build at the kernel's own file, line and column.
sed -i 's/^    return s$/    return u.count/' "$kern"
if log="$(swift build -c release 2>&1)"; then fail "a kernel with an error built"; fi
grep -q "heat.kern:19:12: error: cannot convert return expression of type 'Int' to return type 'Double'" <<<"$log" ||
    fail "the kernel error was not reported at heat.kern:19:12:
$log"
echo "a kernel error fails the build: $(grep -m1 'heat.kern:19:12' <<<"$log")"
cp "$kern.orig" "$kern"
# A call with a wrong type is a Swift compile error at the call.
sed -i 's/Kernels.total(u)/Kernels.total(3)/' "$swift_main"
if log="$(swift build -c release 2>&1)"; then fail "a wrongly typed call built"; fi
grep -q "main.swift:[0-9]*:[0-9]*: error:" <<<"$log" || fail "no Swift error for a wrong call:
$log"
echo "a wrongly typed call fails the build: $(grep -m1 'main.swift:[0-9]*:[0-9]*: error:' <<<"$log")"
cp "$swift_main.orig" "$swift_main"
swift build -c release 2>&1 | tail -1

echo "integration test passed"
