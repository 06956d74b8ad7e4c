#!/usr/bin/env bash
# Runs the fuzz harness for SECONDS (default 60) with a seed corpus made of
# Tests/Cases/**/*.kern, Kernels/*.kern and Tests/FuzzCorpus/*; new crashers are
# written to Tests/FuzzCorpus/ (commit them: Tests/KernSyntaxTests replays them).
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
[[ -x "$root/Fuzz/kern-fuzz" ]] || "$root/Fuzz/build.sh"
seeds="$root/Fuzz/.build/seeds"
work="$root/Fuzz/.build/corpus"
mkdir -p "$seeds" "$work" "$root/Tests/FuzzCorpus"
shopt -s globstar nullglob
for f in "$root"/Tests/Cases/**/*.kern "$root"/Kernels/*.kern "$root"/Fuzz/seeds/*.kern; do
    cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-12).kern"
done
"$root/Fuzz/kern-fuzz" "$work" "$seeds" "$root/Tests/FuzzCorpus" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$root/Tests/FuzzCorpus/" -print_final_stats=1 \
    -dict="$root/Fuzz/kern.dict"
