#!/usr/bin/env bash
# Kern as a versioned dependency (issue 12): copies the current tree into a fresh git repo
# at /tmp/kern-integration/kern tagged with Kern's version (KernInfo.version), builds
# IntegrationTests/Client (which depends on it with `from: "0.1.0"`) in release from
# scratch, and checks that
#   - the client compiles a prange kernel from a string and gets the right result;
#   - the same binary without LLVM (KERN_LLVM_LIBRARY=/nonexistent, no llvm-config on
#     PATH) prints the clear error and exits 1;
#   - the binary links neither libLLVM nor swift-argument-parser.
# Prints the clean build time, the binary's size and its `ldd`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=/tmp/kern-integration
version="$(sed -n 's/.*public static let version = "\(.*\)".*/\1/p' "$root/Sources/Kern/KernInfo.swift")"
fail() { echo "integration test FAILED: $*" >&2; exit 1; }
[ -n "$version" ] || fail "no version in Sources/Kern/KernInfo.swift"

rm -rf "$work" && mkdir -p "$work/kern"
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
echo "integration test passed"
