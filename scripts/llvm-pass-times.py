#!/usr/bin/env python3
"""Where LLVM's time goes, per pass, for Kern's IR (issue 14.3; docs/compile-time.md).

    scripts/llvm-pass-times.py [KERNELC] [FILE.kern ...]   (default: Kernels/*.kern)

For each file: `kernelc build -O 0 --emit llvm` gives Codegen's LLVM IR before
optimization (-O0 runs no optimization pass that changes it), then LLVM's own tools
replay what Kern does in process — `opt-22 -passes='default<O3>'` and `llc-22 -O3` —
with `-time-passes`. Prints, per file, the user-time total of each and the passes that
take 5 % or more of it. LLVM_TOOLS_SUFFIX (default -22) picks the tools' version.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

SUFFIX = os.environ.get("LLVM_TOOLS_SUFFIX", "-22")
PAIR = re.compile(r"([\d.]+) \(\s*([\d.]+)%\)")


def timing(stderr: str):
    """(total user seconds, [(seconds, percent, pass)]) of the first timing report."""
    report = stderr.split("Pass execution timing report", 1)[-1]
    total = re.search(r"Total Execution Time: ([\d.]+) seconds", report)
    rows = []
    for line in report.splitlines():
        pairs = PAIR.findall(line)  # user, [system], user+system, wall: the first is user
        if pairs:
            name = line[line.rindex("%)") + 2:].strip()
            if name != "Total":
                rows.append((float(pairs[0][0]), float(pairs[0][1]), name))
        elif rows and not line.strip():
            break
    return (float(total.group(1)) if total else 0.0), rows


def main() -> None:
    args = sys.argv[1:]
    kernelc = args.pop(0) if args and not args[0].endswith(".kern") else ".build/release/kernelc"
    files = args or sorted(glob.glob("Kernels/*.kern"))
    cpu = subprocess.run(["llc" + SUFFIX, "--version"], capture_output=True, text=True).stdout
    host = re.search(r"Host CPU: (\S+)", cpu)
    mcpu = ["-mcpu=" + host.group(1)] if host else []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            ll, bc, obj = (os.path.join(tmp, n) for n in ("in.ll", "out.bc", "out.o"))
            subprocess.run([kernelc, "build", "-O", "0", "--emit", "llvm", "-o", ll, f], check=True)
            opt = subprocess.run(
                ["opt" + SUFFIX, "-passes=default<O3>", *mcpu, "-time-passes", ll, "-o", bc],
                capture_output=True, text=True, check=True)
            llc = subprocess.run(
                ["llc" + SUFFIX, "-O3", *mcpu, "-filetype=obj", "-time-passes", bc, "-o", obj],
                capture_output=True, text=True, check=True)
            for stage, out in (("opt O3", opt.stderr), ("llc O3", llc.stderr)):
                total, rows = timing(out)
                rows.sort(key=lambda r: -r[1])
                top = ", ".join(f"{name} {pct:.0f}%" for _, pct, name in rows if pct >= 5)
                print(f"{os.path.basename(f)}\t{stage}\t{total * 1000:.1f} ms\t{top}")


if __name__ == "__main__":
    main()
