#!/usr/bin/env bash
# Fails when a public symbol of the Kern module (or a type it re-exports) has no doc
# comment: dumps the symbol graphs with SwiftPM (which builds the package first) and
# counts the symbols without one (scripts/check-doc-comments.py). `make check-docs`.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "$SWIFT" package dump-symbol-graph --skip-synthesized-members \
    --minimum-access-level public >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
# SwiftPM ends with "Files written to <folder>".
folder=$(sed -n 's/^Files written to //p' "$log" | tail -1)
if [ -z "$folder" ] || [ ! -d "$folder" ]; then
  cat "$log" >&2
  echo "error: could not find the symbol graph folder in SwiftPM's output" >&2
  exit 1
fi
python3 scripts/check-doc-comments.py "$folder" Sources/Kern
