#!/bin/sh
# The ELF reader of the in-process linker (Sources/KernJIT/ELFObject.swift) under
# AddressSanitizer, on bad input: up to 60 objects from a compile cache directory (default
# $KERN_CACHE_DIR or ~/.cache/kern), each truncated at 64 lengths and damaged 400 times.
# Usage: scripts/asan-elf-object.sh [CACHE_DIR]
set -eu
cache=${1:-${KERN_CACHE_DIR:-$HOME/.cache/kern}}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
for entry in "$cache"/*.kobj; do
    [ -f "$entry" ] || continue
    # The payload follows the 88-byte entry header (CacheStore.swift); bundles are skipped.
    tail -c +89 "$entry" > "$work/$n.o"
    if [ "$(head -c 4 "$work/$n.o" | od -An -c | tr -d ' ')" != '177ELF' ]; then rm "$work/$n.o"; continue; fi
    n=$((n + 1))
    [ $n -lt 60 ] || break
done
[ $n -gt 0 ] || { echo "no objects in $cache (run some kernels first)"; exit 1; }
swiftc -sanitize=address -Onone "$root/Sources/KernJIT/ELFObject.swift" \
    "$root/scripts/asan-elf-object/main.swift" -o "$work/elf-asan"
ASAN_OPTIONS=detect_leaks=0 "$work/elf-asan" "$work"/*.o
