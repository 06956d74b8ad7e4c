// Removing a JITDylib from an ORC session (see CLLVM.h). C++ because the C API has
// JITDylibClear but no ExecutionSession::removeJITDylib, so every compiled-then-released
// module used to leave its empty dylib (symbol tables, generators: 4-12 kB) behind.
// The C API's opaque handles are the C++ objects themselves (OrcV2CBindings.cpp
// converts them with reinterpret_cast), in LLVM 19 and 22 alike.
#include "CLLVM.h"

#include <llvm/ExecutionEngine/Orc/Core.h>
#include <llvm/Support/Error.h>

using namespace llvm;

extern "C" LLVMErrorRef kern_jit_remove_dylib(LLVMOrcExecutionSessionRef es,
                                              LLVMOrcJITDylibRef jd) {
    auto *session = reinterpret_cast<orc::ExecutionSession *>(es);
    auto *dylib = reinterpret_cast<orc::JITDylib *>(jd);
    return wrap(session->removeJITDylib(*dylib));
}
