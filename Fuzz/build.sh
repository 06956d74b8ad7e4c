#!/usr/bin/env bash
# Builds the libFuzzer harness Fuzz/kern-fuzz from the sources of KernBasics,
# KernSyntax and (unless FUZZ_NO_SEMA=1, or one does not compile) the middle end:
# KernSema, KernIR, KernIRGen and KernCompiler (the staged compiler, run up to the
# passes), each compiled as its own module with coverage + ASan, linked into one binary.
# The middle end is taken from the commit FUZZ_SEMA_REF (default HEAD) so code being
# edited in the same worktree does not break the build; FUZZ_SEMA_REF=worktree uses the files.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/Fuzz/.build"
mkdir -p "$out"
flags=(-parse-as-library -package-name kern -sanitize=fuzzer,address -O -g -swift-version 6 -I "$out" -L "$out")

module() { # name [source root]
    local name="$1" src="${2:-$root}"
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$out/lib$name.a" $(find "$src/Sources/$name" -name '*.swift' | sort)
}

module KernBasics
module KernSyntax
libs=(-lKernSyntax -lKernBasics)
defines=()
# The middle end: Sema, KernIR (with the ABI table it reads), IRGen and the staged
# compiler (no LLVM).
middle=(KernABI KernSema KernIR KernIRGen KernCompiler)
if [[ "${FUZZ_NO_SEMA:-0}" != 1 ]]; then
    sema_root="$root"
    if [[ "${FUZZ_SEMA_REF:-HEAD}" != worktree ]]; then
        sema_root="$out/sema-src"
        rm -rf "$sema_root" && mkdir -p "$sema_root"
        git -C "$root" archive "${FUZZ_SEMA_REF:-HEAD}" "${middle[@]/#/Sources/}" | tar -x -C "$sema_root"
    fi
    built=()
    for m in "${middle[@]}"; do
        if module "$m" "$sema_root"; then built=(-l"$m" "${built[@]}"); else
            echo "warning: $m does not compile; building the harness without the middle end" >&2
            built=()
            break
        fi
    done
    if ((${#built[@]})); then
        libs=("${built[@]}" "${libs[@]}")
        defines=(-D KERN_FUZZ_PIPELINE)
    fi
fi
swiftc "${flags[@]}" "${defines[@]}" -module-name KernFuzz "$root/Fuzz/FuzzMain.swift" \
    "${libs[@]}" -o "$root/Fuzz/kern-fuzz"
echo "built $root/Fuzz/kern-fuzz${defines:+ (with Sema, IRGen and the passes)}"
