"""Draws each implementation's ratio to the best serial C per kernel (log scale).

usage: plot.py results/latest.csv results/latest.svg
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(csv_path, out_path):
    rows = [r for r in csv.DictReader(open(csv_path)) if r["status"] == "ok" and r["ratio_to_best_serial_c"]]
    kernels = list(dict.fromkeys(r["kernel"] for r in rows))
    impls = list(dict.fromkeys(r["implementation"] for r in rows))
    ratio = {(r["kernel"], r["implementation"]): float(r["ratio_to_best_serial_c"]) for r in rows}
    width = 0.8 / max(1, len(impls))
    fig, ax = plt.subplots(figsize=(max(8, 1.4 * len(kernels) + 2), 5.5))
    cmap = plt.get_cmap("tab20")
    for n, impl in enumerate(impls):
        xs = [i + (n - (len(impls) - 1) / 2) * width for i, k in enumerate(kernels) if (k, impl) in ratio]
        ys = [ratio[(k, impl)] for k in kernels if (k, impl) in ratio]
        ax.bar(xs, ys, width, label=impl, color=cmap(n % 20))
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_xticks(range(len(kernels)), kernels, rotation=20)
    ax.set_ylabel("median time ÷ best serial C (log; lower is better)")
    ax.set_title("Kern benchmark: ratio to the best serial C")
    ax.legend(fontsize=8, ncol=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    fig.savefig(out_path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
