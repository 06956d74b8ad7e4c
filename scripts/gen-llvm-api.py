#!/usr/bin/env python3
"""Writes Kern's own declaration of the LLVM C API it uses.

    scripts/gen-llvm-api.py [llvm-config]      (default: llvm-config-22)

Reads the names in scripts/llvm-api.txt, preprocesses LLVM's llvm-c headers with clang,
and writes Sources/CLLVM/include/llvm_api.h: the types and enums Kern uses, and each
function once, as a row of the list KERN_LLVM_FUNCTIONS (result, name, parameters,
arguments, optional). The header expands that list into the declarations, each hidden
and with an assembler name `kern_llvm_<name>` (so neither a libLLVM loaded later nor one
a client links can bind to them); Sources/CLLVM/llvm_api.c expands it into the name
table kern_llvm_load resolves with dlsym and one trampoline per function.
Run it again (and commit the result) when Kern starts using another LLVM function.
With another llvm-config (e.g. llvm-config-19) and `--check`, it prints the declarations
that differ from the committed header instead of writing: a quick ABI comparison.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADERS = ["Core.h", "Analysis.h", "DebugInfo.h", "Error.h", "LLJIT.h", "Orc.h", "Target.h",
           "TargetMachine.h", "Support.h", "Transforms/PassBuilder.h"]
# Functions the supported range has but LLVM 22's headers no longer declare.
EXTRA_DECLS = {
    # Removed in LLVM 21 (a ThreadSafeContext no longer hands out its context).
    "LLVMOrcThreadSafeContextGetContext":
        "LLVMContextRef LLVMOrcThreadSafeContextGetContext(LLVMOrcThreadSafeContextRef TSCtx);",
}
# Macros (lost by preprocessing) that Kern's C code uses.
EXTRA_MACROS = ["#define LLVMErrorSuccess 0"]
C_WORDS = {"const", "void", "char", "int", "unsigned", "signed", "long", "short", "double",
           "float", "struct", "enum", "union", "typedef", "extern", "static", "inline",
           "volatile", "restrict", "_Bool"}


def read_manifest():
    names, optional = [], set()
    with open(os.path.join(ROOT, "scripts", "llvm-api.txt")) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.endswith("?"):
                line = line[:-1]
                optional.add(line)
            names.append(line)
    return names, optional


def preprocess(llvm_config):
    include = subprocess.check_output([llvm_config, "--includedir"], text=True).strip()
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as tu:
        tu.write("".join(f"#include <llvm-c/{h}>\n" for h in HEADERS))
    try:
        return subprocess.check_output(["clang", "-E", "-I", include, tu.name], text=True)
    finally:
        os.unlink(tu.name)


def llvm_declarations(text):
    """Top-level declarations (comments and attributes removed) from llvm-c headers only."""
    current, chunks = "", []
    for line in text.splitlines():
        m = re.match(r'#\s*\d+\s+"([^"]*)"', line)
        if m:
            current = m.group(1)
            continue
        if ("/llvm-c/" in current or "/llvm/Config/" in current) and not line.startswith("#"):
            chunks.append(line)
    source = "\n".join(chunks)
    source = strip_attributes(source)
    decls, depth, start = [], 0, 0
    for i, c in enumerate(source):
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        elif c == ";" and depth == 0:
            decl = " ".join(source[start:i + 1].split())
            decl = re.sub(r"\s*\(\s*", "(", decl)
            if decl != ";":
                decls.append(decl)
            start = i + 1
    return decls


def strip_attributes(source):
    out, i = [], 0
    while True:
        j = source.find("__attribute__", i)
        if j < 0:
            out.append(source[i:])
            return "".join(out)
        out.append(source[i:j])
        k = source.index("(", j)
        depth = 0
        while True:
            if source[k] == "(":
                depth += 1
            elif source[k] == ")":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        i = k + 1


def declared_names(decl):
    """(function name or None, names of types/tags/constants this declares)."""
    names = set()
    body = re.search(r"\{(.*)\}", decl)
    head = decl
    if decl.startswith("typedef") or decl.startswith("enum") or decl.startswith("struct"):
        if body and re.match(r"(typedef\s+)?enum\b", decl):
            for item in body.group(1).split(","):
                m = re.match(r"\s*(\w+)", item)
                if m:
                    names.add(m.group(1))
        tag = re.match(r"(?:typedef\s+)?(?:struct|enum|union)\s+(\w+)", decl)
        if tag:
            names.add(tag.group(1))
        if decl.startswith("typedef"):
            head = re.sub(r"\{.*\}", "", decl)
            fnptr = re.search(r"\(\s*\*\s*(\w+)\s*\)", head)
            if fnptr:
                names.add(fnptr.group(1))
            else:
                names.add(re.findall(r"\w+", head)[-1])
        return None, names
    m = re.match(r"[^()]*?(\w+)\(", decl)
    return (m.group(1) if m else None), names


def identifiers(decl):
    return set(re.findall(r"[A-Za-z_]\w*", decl))


def split_params(params):
    out, depth, start = [], 0, 0
    for i, c in enumerate(params):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(params[start:i].strip())
            start = i + 1
    last = params[start:].strip()
    if last:
        out.append(last)
    return out


def function_row(decl, name, type_names, optional):
    """`F(RET, name, (T a, U b), (a, b), optional)` for one function declaration, `V(...)`
    without RET for a void one: what the header declares and llvm_api.c forwards."""
    open_paren = decl.index(name + "(") + len(name)
    ret = decl[:open_paren - len(name)].strip()
    params = split_params(decl[open_paren + 1:decl.rindex(")")])
    if params == ["void"] or not params:
        params = []
    named, args = [], []
    for i, p in enumerate(params):
        words = re.findall(r"\w+", p)
        last = words[-1] if words else ""
        if "(" in p:  # a function-pointer parameter: name inside (*name)
            m = re.search(r"\(\s*\*\s*(\w+)\s*\)", p)
            arg = m.group(1)
            named.append(p)
        elif last in type_names or last in C_WORDS or len(words) == 1 or p.endswith("*"):
            arg = f"a{i}"
            named.append(f"{p} {arg}")
        else:
            arg = last
            named.append(p)
        args.append(arg)
    rest = f"{name}, ({', '.join(named) or 'void'}), ({', '.join(args)}), {int(optional)}"
    return f"V({rest})" if ret == "void" else f"F({ret}, {rest})"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv
    llvm_config = args[0] if args else "llvm-config-22"
    version = subprocess.check_output([llvm_config, "--version"], text=True).strip()
    names, optional = read_manifest()
    decls = llvm_declarations(preprocess(llvm_config))

    by_name, functions = {}, {}
    for index, decl in enumerate(decls):
        fn, declared = declared_names(decl)
        if fn:
            functions.setdefault(fn, decl)
        for n in declared:
            by_name.setdefault(n, index)
    for fn, decl in EXTRA_DECLS.items():
        if fn not in functions:
            functions[fn] = decl

    wanted_fns = [n for n in names if n in functions]
    absent = [n for n in names if n in optional and n not in functions]
    missing = [n for n in names if n not in functions and n not in by_name and n not in optional]
    if missing:
        sys.exit(f"not in LLVM {version}'s headers: {', '.join(missing)}")

    # The types, enums and constants the functions and the manifest need, transitively.
    needed, todo = set(), [n for n in names if n not in functions]
    for fn in wanted_fns:
        todo += identifiers(functions[fn])
    while todo:
        n = todo.pop()
        index = by_name.get(n)
        if index is None or index in needed:
            continue
        needed.add(index)
        todo += identifiers(decls[index])
    type_names = set(by_name) | {"size_t", "uint8_t", "uint32_t", "uint64_t", "int64_t",
                                 "uintptr_t"}

    if check:
        committed = open(os.path.join(ROOT, "Sources/CLLVM/include/llvm_api.h")).read()
        differ = [decls[i] for i in sorted(needed) if decls[i] not in committed]
        differ += [functions[f] for f in wanted_fns if f not in EXTRA_DECLS
                   and function_row(functions[f][:-1], f, type_names, f in optional) not in committed]
        if absent:
            print(f"LLVM {version} lacks the optional: {', '.join(absent)}")
        print("\n".join(differ) if differ else f"LLVM {version}: same declarations")
        return

    banner = (f"/* DO NOT EDIT: written by scripts/gen-llvm-api.py from LLVM {version}'s llvm-c\n"
              " * headers and scripts/llvm-api.txt. Edit those and run the script again. */\n")
    header = [banner,
              "/* The part of LLVM's C API Kern uses, declared by Kern so that building it",
              " * needs no LLVM. Every function is hidden and named kern_llvm_<name> in the",
              " * object file: a trampoline (llvm_api.c) calls the function of the libLLVM that",
              " * kern_llvm_load opened. Types and enums are identical in LLVM 19-22",
              " * (`scripts/gen-llvm-api.py llvm-config-19 --check`). */",
              "#ifndef KERN_LLVM_API_H", "#define KERN_LLVM_API_H",
              "#include <stddef.h>", "#include <stdint.h>", "",
              "#define KERN_LLVM_STR2(x) #x", "#define KERN_LLVM_STR(x) KERN_LLVM_STR2(x)",
              "#define KERN_LLVM_API(name) __attribute__((visibility(\"hidden\"))) \\",
              "    __asm__(KERN_LLVM_STR(__USER_LABEL_PREFIX__) \"kern_llvm_\" #name)", ""]
    header += EXTRA_MACROS + [""]
    header += [decls[i] for i in sorted(needed)]
    rows = [function_row(functions[fn][:-1], fn, type_names, fn in optional)
            for fn in wanted_fns]
    header += ["",
               "/* Every function Kern calls, once: F(result, name, (parameters), (arguments),",
               " * optional) or, for a void one, V(name, (parameters), (arguments), optional);",
               " * optional ones may be absent from a libLLVM. Below, the declarations; in",
               " * llvm_api.c, the name table kern_llvm_load resolves and the trampolines. */",
               "#define KERN_LLVM_FUNCTIONS(F, V) \\"]
    header += [f"    {row} \\" for row in rows[:-1]] + [f"    {rows[-1]}", ""]
    header += ["#define KERN_LLVM_DECLARE(result, name, parameters, arguments, optional) \\",
               "    result name parameters KERN_LLVM_API(name);",
               "#define KERN_LLVM_DECLARE_VOID(name, parameters, arguments, optional) \\",
               "    void name parameters KERN_LLVM_API(name);",
               "KERN_LLVM_FUNCTIONS(KERN_LLVM_DECLARE, KERN_LLVM_DECLARE_VOID)", ""]
    header += [f"#define KERN_LLVM_FUNCTION_COUNT {len(wanted_fns)}", "", "#endif", ""]

    with open(os.path.join(ROOT, "Sources/CLLVM/include/llvm_api.h"), "w") as f:
        f.write("\n".join(header))
    print(f"wrote llvm_api.h: {len(wanted_fns)} functions, "
          f"{len(needed)} type declarations (LLVM {version})")


if __name__ == "__main__":
    main()
