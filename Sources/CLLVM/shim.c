#include "CLLVM.h"

int kern_llvm_major_version(void) { return KERN_LLVM_MAJOR; }
