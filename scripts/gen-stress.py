#!/usr/bin/env python3
"""Generates the stress programs of issue 14's superlinear cases (docs/compile-time.md).

    scripts/gen-stress.py inout N   > f.kern   one function with N `inout [Double]` parameters,
                                              each read and written in one loop, called by main
    scripts/gen-stress.py prange N  > f.kern   N functions with one `prange` loop each, all
                                              called by main

Both print a checksum so that the program is a runnable test as well as a compile load.
"""
import sys


def inout_program(n: int) -> str:
    params = ", ".join(f"a{k}: inout [Double]" for k in range(n))
    body = "\n".join(f"        a{k}[i] = a{k}[i] + Double(i + {k})" for k in range(n))
    decls = "\n".join(f"    var a{k} = [Double](repeating: 1, count: m)" for k in range(n))
    args = ", ".join(f"a{k}: &a{k}" for k in range(n))
    sums = "\n".join(f"    s += a{k}[m - 1]" for k in range(n))
    return f"""// {n} inout array parameters (scripts/gen-stress.py inout {n})
func touch({params}) {{
    for i in 0..<a0.count {{
{body}
    }}
}}

func main() {{
    let m = 4
{decls}
    touch({args})
    var s = 0.0
{sums}
    print("checksum", s)
}}
"""


def prange_program(n: int) -> str:
    funcs = "\n".join(
        f"""func k{k}(x: inout [Double]) {{
    for i in prange(x.count) {{
        x[i] = x[i] * 0.5 + {k}.0
    }}
}}
""" for k in range(n))
    calls = "\n".join(f"    k{k}(x: &x)" for k in range(n))
    return f"""// {n} functions with a prange each (scripts/gen-stress.py prange {n})
{funcs}
func main() {{
    var x = [Double](repeating: 1, count: 16)
{calls}
    print("checksum", x[0] + x[15])
}}
"""


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("inout", "prange"):
        sys.exit(__doc__)
    n = int(sys.argv[2])
    print(inout_program(n) if sys.argv[1] == "inout" else prange_program(n), end="")


if __name__ == "__main__":
    main()
