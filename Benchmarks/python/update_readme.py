"""Copies the headline tables of results/latest.md into README.md, between the
`<!-- results:begin -->` and `<!-- results:end -->` markers (run after a full `make bench`).

usage: update_readme.py results/latest.md README.md
"""
import re
import sys

from readme_markers import replace_between_markers


def main(latest, readme):
    md = open(latest).read()
    if "quick run" in md:
        sys.exit("update_readme: refusing to publish a --quick run")
    header = md.split("## Median time")[0].replace("# Kern benchmark results\n\n", "")
    sections = re.split(r"(?m)^## ", md)
    keep = [s for s in sections if s.startswith(("Median time", "Ratio to the best", "Parallel speedup", "Memory-bound"))]
    body = header + "".join("### " + s for s in keep)
    body += "\n![Each implementation's median time ÷ the best serial C](results/latest.svg)\n"
    body += "\nFull results (overheads, compile latency, builds, verification): [results/latest.md](results/latest.md), "
    body += "[results/latest.csv](results/latest.csv); chart: [results/latest.svg](results/latest.svg).\n"
    replace_between_markers(readme, "results", body)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
