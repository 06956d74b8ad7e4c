#!/usr/bin/env python3
"""Counts the public symbols of the `Kern` module without a doc comment (issue 13.5).

In: a folder of symbol graphs (`swift package dump-symbol-graph` writes one per module).
Out: one line per undocumented symbol (file:line, kind, name) and the count; exit status
1 when the count is not 0.

Counted: every public symbol of `Kern.symbols.json` and `Kern@*.symbols.json` (Kern's
extensions of other modules' types), and the symbols of the types Kern re-exports with
`@_exported import <kind> KernBasics.<Name>` (found in Sources/Kern), read from
KernBasics' graph: a user of `import Kern` sees those as Kern's own. A doc comment
inherited from a protocol requirement (`description`, `==`) counts as documented, as
DocC shows it.
"""
import glob
import json
import os
import re
import sys


def reexported_types(sources):
    """Names of the types `@_exported import` brings in from other Kern modules."""
    names = {}
    pattern = re.compile(r"^@_exported import (?:struct|class|enum|protocol|typealias) (\w+)\.(\w+)")
    for path in sorted(glob.glob(os.path.join(sources, "*.swift"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = pattern.match(line.strip())
                if m:
                    names.setdefault(m.group(1), set()).add(m.group(2))
    return names


def symbols(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f).get("symbols", [])


def undocumented(symbol_list, keep=lambda s: True):
    missing = []
    for s in symbol_list:
        if not keep(s):
            continue
        lines = (s.get("docComment") or {}).get("lines") or []
        if any(l.get("text", "").strip() for l in lines):
            continue
        missing.append(s)
    return missing


def where(symbol):
    loc = symbol.get("location") or {}
    uri = loc.get("uri", "?").replace("file://", "")
    uri = os.path.relpath(uri) if uri.startswith("/") else uri
    line = (loc.get("position") or {}).get("line")
    return f"{uri}:{line + 1}" if line is not None else uri


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check-doc-comments.py SYMBOL_GRAPH_FOLDER SOURCES_OF_KERN")
    folder, sources = sys.argv[1], sys.argv[2]
    kern = [os.path.join(folder, "Kern.symbols.json")] + sorted(
        glob.glob(os.path.join(folder, "Kern@*.symbols.json")))
    if not os.path.exists(kern[0]):
        sys.exit(f"error: no Kern.symbols.json in {folder}")
    missing, total = [], 0
    for path in kern:
        graph = symbols(path)
        total += len(graph)
        missing += undocumented(graph)
    for module, names in sorted(reexported_types(sources).items()):
        path = os.path.join(folder, f"{module}.symbols.json")
        if not os.path.exists(path):
            sys.exit(f"error: Kern re-exports {module} types but {path} is missing")
        graph = [s for s in symbols(path) if s["pathComponents"][0] in names]
        total += len(graph)
        missing += undocumented(graph)
    for s in sorted(missing, key=where):
        name = ".".join(s["pathComponents"])
        print(f"{where(s)}: {s['kind']['identifier']} {name}: no doc comment")
    print(f"{len(missing)} of {total} public symbols of Kern have no doc comment")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
