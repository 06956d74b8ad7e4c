#!/usr/bin/env bash
# Builds the libFuzzer harness Fuzz/kern-fuzz from the sources of KernBasics,
# KernSyntax and (unless FUZZ_NO_SEMA=1, or it does not compile) KernSema,
# each compiled as its own module with coverage + ASan, linked into one binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/Fuzz/.build"
mkdir -p "$out"
flags=(-parse-as-library -sanitize=fuzzer,address -O -g -swift-version 6 -I "$out" -L "$out")

module() { # name
    local name="$1"
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$out/lib$name.a" "$root"/Sources/"$name"/*.swift
}

module KernBasics
module KernSyntax
libs=(-lKernSyntax -lKernBasics)
defines=()
if [[ "${FUZZ_NO_SEMA:-0}" != 1 ]]; then
    if module KernSema; then
        libs=(-lKernSema "${libs[@]}")
        defines=(-D KERN_FUZZ_SEMA)
    else
        echo "warning: KernSema does not compile; building the harness without Sema" >&2
    fi
fi
swiftc "${flags[@]}" "${defines[@]}" -module-name KernFuzz "$root/Fuzz/FuzzMain.swift" \
    "${libs[@]}" -o "$root/Fuzz/kern-fuzz"
echo "built $root/Fuzz/kern-fuzz${defines:+ (with Sema)}"
