"""Writes the compact Kern-vs-peers table of the top-level README, between the
`<!-- bench-summary:begin -->` and `<!-- bench-summary:end -->` markers, from a full run.

usage: summary.py results/latest.csv results/latest.md ../README.md
"""
import csv
import sys

from readme_markers import replace_between_markers

COLUMNS = [
    ("Kern (all cores)", ["Kern checked"]),
    ("Kern, 1 thread, unchecked", ["Kern unchecked 1 thread"]),
    ("best serial C", ["C gcc", "C clang", "C clang no FMA"]),
    ("C clang, no FMA (Kern's FP rules)", ["C clang no FMA"]),
    ("best C OpenMP", ["C gcc OpenMP", "C clang OpenMP"]),
    ("Numba parallel", ["Numba parallel"]),
    ("Numba", ["Numba"]),
    ("Swift [T] -O", ["Swift [T] -O"]),
]


def main(csv_path, latest_md, readme):
    rows = [r for r in csv.DictReader(open(csv_path)) if r["status"] == "ok"]
    kernels = list(dict.fromkeys(r["kernel"] for r in rows))
    median = {(r["kernel"], r["implementation"]): float(r["median_ms"]) for r in rows}
    lines = ["| kernel | " + " | ".join(c for c, _ in COLUMNS) + " |",
             "|---|" + "---:|" * len(COLUMNS)]
    for k in kernels:
        cells = []
        for _, impls in COLUMNS:
            values = [median[(k, i)] for i in impls if (k, i) in median]
            cells.append(f"{min(values):.3g}" if values else "n/a")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    header = open(latest_md).read().split("\n")[2]  # "Measured … on <machine> …"
    body = (header + " Median ms of 11 runs, side by side in one process run; lower is better. "
            "Kern keeps bounds checks on and strict IEEE arithmetic.\n\n" + "\n".join(lines) +
            "\n\n![Median time ÷ best serial C](Benchmarks/results/latest.svg)\n\n"
            "Every number, with ratios, speedups, bandwidth, compile latency and call overhead: "
            "[Benchmarks/results/latest.md](Benchmarks/results/latest.md).\n")
    replace_between_markers(readme, "bench-summary", body)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
