// Optimization-remark capture and loop locations for `kernelc report` (see CLLVM.h).
// C++ because remark filtering (which passes may emit remarks at all) and distinct
// self-referential loop IDs are not reachable from the C API. Uses only interfaces that
// are the same in LLVM 19 and 22.
#include "CLLVM.h"

#include <llvm/IR/DiagnosticHandler.h>
#include <llvm/IR/DiagnosticInfo.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/Instruction.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Metadata.h>
#include <llvm/Support/Casting.h>

#include <memory>
#include <string>

using namespace llvm;

namespace {

/// Passes whose remarks a report shows.
bool wanted(StringRef pass) { return pass == "loop-vectorize" || pass == "loop-unroll"; }

struct RemarkHandler final : DiagnosticHandler {
    KernRemarkCallback callback;
    void *user;
    RemarkHandler(KernRemarkCallback callback, void *user) : callback(callback), user(user) {}

    bool isAnalysisRemarkEnabled(StringRef pass) const override { return wanted(pass); }
    bool isMissedOptRemarkEnabled(StringRef pass) const override { return wanted(pass); }
    bool isPassedOptRemarkEnabled(StringRef pass) const override { return wanted(pass); }
    bool isAnyRemarkEnabled() const override { return true; }

    bool handleDiagnostics(const DiagnosticInfo &info) override {
        auto *remark = dyn_cast<DiagnosticInfoOptimizationBase>(&info);
        if (!remark) return false;  // errors and warnings: LLVM's default handling
        KernRemark r{};
        if (isa<OptimizationRemark>(remark)) {
            r.kind = KERN_REMARK_PASSED;
        } else if (isa<OptimizationRemarkMissed>(remark)) {
            r.kind = KERN_REMARK_MISSED;
        } else {
            r.kind = KERN_REMARK_ANALYSIS;
        }
        std::string pass = remark->getPassName().str();
        std::string name = remark->getRemarkName().str();
        std::string function = remark->getFunction().getName().str();
        std::string message = remark->getMsg();
        r.pass = pass.c_str();
        r.name = name.c_str();
        r.function = function.c_str();
        r.message = message.c_str();
        if (auto *located = dyn_cast<DiagnosticInfoWithLocationBase>(remark);
            located && located->isLocationAvailable()) {
            r.line = located->getLocation().getLine();
            r.column = located->getLocation().getColumn();
        }
        callback(user, &r);
        return true;
    }
};

}  // namespace

extern "C" void kern_llvm_collect_remarks(LLVMContextRef ctx, KernRemarkCallback callback, void *user) {
    unwrap(ctx)->setDiagnosticHandler(std::make_unique<RemarkHandler>(callback, user), true);
}

extern "C" void kern_llvm_stop_remarks(LLVMContextRef ctx) {
    unwrap(ctx)->setDiagnosticHandler(std::make_unique<DiagnosticHandler>());
}

extern "C" void kern_llvm_set_loop_location(LLVMValueRef latch, LLVMMetadataRef location) {
    auto *branch = unwrap<Instruction>(latch);
    LLVMContext &ctx = branch->getContext();
    // A loop ID is a distinct node whose first operand is itself (LangRef "llvm.loop").
    auto placeholder = MDNode::getTemporary(ctx, {});
    Metadata *operands[] = {placeholder.get(), unwrap(location)};
    MDNode *id = MDNode::getDistinct(ctx, operands);
    id->replaceOperandWith(0, id);
    branch->setMetadata(LLVMContext::MD_loop, id);
}
