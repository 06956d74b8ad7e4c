#!/usr/bin/env python3
"""Per-stage compile times of Kernels/*.kern (docs/compile-time.md).

Usage: scripts/compile-times.py [KERNELC] [RUNS]   (default .build/release/kernelc, 7)

Runs `kernelc build --emit obj --time` RUNS times per file and prints a Markdown table
of the median of each stage in milliseconds (the table `--time` prints on stderr).
"""
import glob, os, re, statistics, subprocess, sys, tempfile

kernelc = sys.argv[1] if len(sys.argv) > 1 else ".build/release/kernelc"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
stages = None
rows = []
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "k.o")
    for path in sorted(glob.glob("Kernels/*.kern")):
        samples = {}
        for _ in range(runs):
            r = subprocess.run([kernelc, "build", "--emit", "obj", "-o", out, "--time", path],
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"{path}: {r.stderr}")
            names = []
            for line in r.stderr.splitlines():
                m = re.match(r"^  (.+?)\s+(-?[0-9.]+)$", line)
                if m:
                    names.append(m.group(1))
                    samples.setdefault(m.group(1), []).append(float(m.group(2)))
            stages = stages or names
        rows.append((os.path.basename(path), {k: statistics.median(v) for k, v in samples.items()}))
shown = [s for s in stages if s not in ("cache", "JIT link")]
print("| file | " + " | ".join(shown) + " |")
print("|---|" + "---:|" * len(shown))
for name, medians in rows:
    print(f"| {name} | " + " | ".join(f"{medians[s]:.1f}" for s in shown) + " |")
