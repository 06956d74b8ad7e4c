/* The LLVM C API, plus small shims that hide differences between LLVM versions
 * (19 and 22 are supported). Only KernLLVM/Bindings and KernJIT import this. */
#ifndef KERN_CLLVM_H
#define KERN_CLLVM_H
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

/* LLVM's major version the shim was compiled against. */
int kern_llvm_major_version(void);

#endif
