/* DO NOT EDIT: written by scripts/gen-llvm-api.py from LLVM 22.1.8's llvm-c
 * headers and scripts/llvm-api.txt. Edit those and run the script again. */

/* The part of LLVM's C API Kern uses, declared by Kern so that building it
 * needs no LLVM. Every function is hidden and named kern_llvm_<name> in the
 * object file: a trampoline (llvm_api.c) calls the function of the libLLVM that
 * kern_llvm_load opened. Types and enums are identical in LLVM 19-22
 * (`scripts/gen-llvm-api.py llvm-config-19 --check`). */
#ifndef KERN_LLVM_API_H
#define KERN_LLVM_API_H
#include <stddef.h>
#include <stdint.h>

#define KERN_LLVM_STR2(x) #x
#define KERN_LLVM_STR(x) KERN_LLVM_STR2(x)
#define KERN_LLVM_API(name) __attribute__((visibility("hidden"))) \
    __asm__(KERN_LLVM_STR(__USER_LABEL_PREFIX__) "kern_llvm_" #name)

#define LLVMErrorSuccess 0

typedef int LLVMBool;
typedef struct LLVMOpaqueMemoryBuffer *LLVMMemoryBufferRef;
typedef struct LLVMOpaqueContext *LLVMContextRef;
typedef struct LLVMOpaqueModule *LLVMModuleRef;
typedef struct LLVMOpaqueType *LLVMTypeRef;
typedef struct LLVMOpaqueValue *LLVMValueRef;
typedef struct LLVMOpaqueBasicBlock *LLVMBasicBlockRef;
typedef struct LLVMOpaqueMetadata *LLVMMetadataRef;
typedef struct LLVMOpaqueBuilder *LLVMBuilderRef;
typedef struct LLVMOpaqueDIBuilder *LLVMDIBuilderRef;
typedef struct LLVMOpaqueAttributeRef *LLVMAttributeRef;
typedef struct LLVMOpaqueDiagnosticInfo *LLVMDiagnosticInfoRef;
typedef enum { LLVMVoidTypeKind = 0, LLVMHalfTypeKind = 1, LLVMFloatTypeKind = 2, LLVMDoubleTypeKind = 3, LLVMX86_FP80TypeKind = 4, LLVMFP128TypeKind = 5, LLVMPPC_FP128TypeKind = 6, LLVMLabelTypeKind = 7, LLVMIntegerTypeKind = 8, LLVMFunctionTypeKind = 9, LLVMStructTypeKind = 10, LLVMArrayTypeKind = 11, LLVMPointerTypeKind = 12, LLVMVectorTypeKind = 13, LLVMMetadataTypeKind = 14, LLVMTokenTypeKind = 16, LLVMScalableVectorTypeKind = 17, LLVMBFloatTypeKind = 18, LLVMX86_AMXTypeKind = 19, LLVMTargetExtTypeKind = 20, } LLVMTypeKind;
typedef enum { LLVMExternalLinkage, LLVMAvailableExternallyLinkage, LLVMLinkOnceAnyLinkage, LLVMLinkOnceODRLinkage, LLVMLinkOnceODRAutoHideLinkage, LLVMWeakAnyLinkage, LLVMWeakODRLinkage, LLVMAppendingLinkage, LLVMInternalLinkage, LLVMPrivateLinkage, LLVMDLLImportLinkage, LLVMDLLExportLinkage, LLVMExternalWeakLinkage, LLVMGhostLinkage, LLVMCommonLinkage, LLVMLinkerPrivateLinkage, LLVMLinkerPrivateWeakLinkage } LLVMLinkage;
typedef enum { LLVMDefaultVisibility, LLVMHiddenVisibility, LLVMProtectedVisibility } LLVMVisibility;
typedef enum { LLVMNoUnnamedAddr, LLVMLocalUnnamedAddr, LLVMGlobalUnnamedAddr } LLVMUnnamedAddr;
typedef enum { LLVMIntEQ = 32, LLVMIntNE, LLVMIntUGT, LLVMIntUGE, LLVMIntULT, LLVMIntULE, LLVMIntSGT, LLVMIntSGE, LLVMIntSLT, LLVMIntSLE } LLVMIntPredicate;
typedef enum { LLVMRealPredicateFalse, LLVMRealOEQ, LLVMRealOGT, LLVMRealOGE, LLVMRealOLT, LLVMRealOLE, LLVMRealONE, LLVMRealORD, LLVMRealUNO, LLVMRealUEQ, LLVMRealUGT, LLVMRealUGE, LLVMRealULT, LLVMRealULE, LLVMRealUNE, LLVMRealPredicateTrue } LLVMRealPredicate;
typedef enum { LLVMAtomicOrderingNotAtomic = 0, LLVMAtomicOrderingUnordered = 1, LLVMAtomicOrderingMonotonic = 2, LLVMAtomicOrderingAcquire = 4, LLVMAtomicOrderingRelease = 5, LLVMAtomicOrderingAcquireRelease = 6, LLVMAtomicOrderingSequentiallyConsistent = 7 } LLVMAtomicOrdering;
typedef enum { LLVMAtomicRMWBinOpXchg, LLVMAtomicRMWBinOpAdd, LLVMAtomicRMWBinOpSub, LLVMAtomicRMWBinOpAnd, LLVMAtomicRMWBinOpNand, LLVMAtomicRMWBinOpOr, LLVMAtomicRMWBinOpXor, LLVMAtomicRMWBinOpMax, LLVMAtomicRMWBinOpMin, LLVMAtomicRMWBinOpUMax, LLVMAtomicRMWBinOpUMin, LLVMAtomicRMWBinOpFAdd, LLVMAtomicRMWBinOpFSub, LLVMAtomicRMWBinOpFMax, LLVMAtomicRMWBinOpFMin, LLVMAtomicRMWBinOpUIncWrap, LLVMAtomicRMWBinOpUDecWrap, LLVMAtomicRMWBinOpUSubCond, LLVMAtomicRMWBinOpUSubSat, LLVMAtomicRMWBinOpFMaximum, LLVMAtomicRMWBinOpFMinimum, } LLVMAtomicRMWBinOp;
typedef enum { LLVMDSError, LLVMDSWarning, LLVMDSRemark, LLVMDSNote } LLVMDiagnosticSeverity;
typedef enum { LLVMModuleFlagBehaviorError, LLVMModuleFlagBehaviorWarning, LLVMModuleFlagBehaviorRequire, LLVMModuleFlagBehaviorOverride, LLVMModuleFlagBehaviorAppend, LLVMModuleFlagBehaviorAppendUnique, } LLVMModuleFlagBehavior;
enum { LLVMAttributeReturnIndex = 0U, LLVMAttributeFunctionIndex = -1, };
typedef unsigned LLVMAttributeIndex;
enum { LLVMFastMathAllowReassoc =(1 << 0), LLVMFastMathNoNaNs =(1 << 1), LLVMFastMathNoInfs =(1 << 2), LLVMFastMathNoSignedZeros =(1 << 3), LLVMFastMathAllowReciprocal =(1 << 4), LLVMFastMathAllowContract =(1 << 5), LLVMFastMathApproxFunc =(1 << 6), LLVMFastMathNone = 0, LLVMFastMathAll = LLVMFastMathAllowReassoc | LLVMFastMathNoNaNs | LLVMFastMathNoInfs | LLVMFastMathNoSignedZeros | LLVMFastMathAllowReciprocal | LLVMFastMathAllowContract | LLVMFastMathApproxFunc, };
typedef unsigned LLVMFastMathFlags;
typedef void(*LLVMDiagnosticHandler)(LLVMDiagnosticInfoRef, void *);
typedef enum { LLVMAbortProcessAction, LLVMPrintMessageAction, LLVMReturnStatusAction } LLVMVerifierFailureAction;
typedef enum { LLVMDIFlagZero = 0, LLVMDIFlagPrivate = 1, LLVMDIFlagProtected = 2, LLVMDIFlagPublic = 3, LLVMDIFlagFwdDecl = 1 << 2, LLVMDIFlagAppleBlock = 1 << 3, LLVMDIFlagReservedBit4 = 1 << 4, LLVMDIFlagVirtual = 1 << 5, LLVMDIFlagArtificial = 1 << 6, LLVMDIFlagExplicit = 1 << 7, LLVMDIFlagPrototyped = 1 << 8, LLVMDIFlagObjcClassComplete = 1 << 9, LLVMDIFlagObjectPointer = 1 << 10, LLVMDIFlagVector = 1 << 11, LLVMDIFlagStaticMember = 1 << 12, LLVMDIFlagLValueReference = 1 << 13, LLVMDIFlagRValueReference = 1 << 14, LLVMDIFlagReserved = 1 << 15, LLVMDIFlagSingleInheritance = 1 << 16, LLVMDIFlagMultipleInheritance = 2 << 16, LLVMDIFlagVirtualInheritance = 3 << 16, LLVMDIFlagIntroducedVirtual = 1 << 18, LLVMDIFlagBitField = 1 << 19, LLVMDIFlagNoReturn = 1 << 20, LLVMDIFlagTypePassByValue = 1 << 22, LLVMDIFlagTypePassByReference = 1 << 23, LLVMDIFlagEnumClass = 1 << 24, LLVMDIFlagFixedEnum = LLVMDIFlagEnumClass, LLVMDIFlagThunk = 1 << 25, LLVMDIFlagNonTrivial = 1 << 26, LLVMDIFlagBigEndian = 1 << 27, LLVMDIFlagLittleEndian = 1 << 28, LLVMDIFlagIndirectVirtualBase =(1 << 2) |(1 << 5), LLVMDIFlagAccessibility = LLVMDIFlagPrivate | LLVMDIFlagProtected | LLVMDIFlagPublic, LLVMDIFlagPtrToMemberRep = LLVMDIFlagSingleInheritance | LLVMDIFlagMultipleInheritance | LLVMDIFlagVirtualInheritance } LLVMDIFlags;
typedef enum { LLVMDWARFSourceLanguageC89, LLVMDWARFSourceLanguageC, LLVMDWARFSourceLanguageAda83, LLVMDWARFSourceLanguageC_plus_plus, LLVMDWARFSourceLanguageCobol74, LLVMDWARFSourceLanguageCobol85, LLVMDWARFSourceLanguageFortran77, LLVMDWARFSourceLanguageFortran90, LLVMDWARFSourceLanguagePascal83, LLVMDWARFSourceLanguageModula2, LLVMDWARFSourceLanguageJava, LLVMDWARFSourceLanguageC99, LLVMDWARFSourceLanguageAda95, LLVMDWARFSourceLanguageFortran95, LLVMDWARFSourceLanguagePLI, LLVMDWARFSourceLanguageObjC, LLVMDWARFSourceLanguageObjC_plus_plus, LLVMDWARFSourceLanguageUPC, LLVMDWARFSourceLanguageD, LLVMDWARFSourceLanguagePython, LLVMDWARFSourceLanguageOpenCL, LLVMDWARFSourceLanguageGo, LLVMDWARFSourceLanguageModula3, LLVMDWARFSourceLanguageHaskell, LLVMDWARFSourceLanguageC_plus_plus_03, LLVMDWARFSourceLanguageC_plus_plus_11, LLVMDWARFSourceLanguageOCaml, LLVMDWARFSourceLanguageRust, LLVMDWARFSourceLanguageC11, LLVMDWARFSourceLanguageSwift, LLVMDWARFSourceLanguageJulia, LLVMDWARFSourceLanguageDylan, LLVMDWARFSourceLanguageC_plus_plus_14, LLVMDWARFSourceLanguageFortran03, LLVMDWARFSourceLanguageFortran08, LLVMDWARFSourceLanguageRenderScript, LLVMDWARFSourceLanguageBLISS, LLVMDWARFSourceLanguageKotlin, LLVMDWARFSourceLanguageZig, LLVMDWARFSourceLanguageCrystal, LLVMDWARFSourceLanguageC_plus_plus_17, LLVMDWARFSourceLanguageC_plus_plus_20, LLVMDWARFSourceLanguageC17, LLVMDWARFSourceLanguageFortran18, LLVMDWARFSourceLanguageAda2005, LLVMDWARFSourceLanguageAda2012, LLVMDWARFSourceLanguageHIP, LLVMDWARFSourceLanguageAssembly, LLVMDWARFSourceLanguageC_sharp, LLVMDWARFSourceLanguageMojo, LLVMDWARFSourceLanguageGLSL, LLVMDWARFSourceLanguageGLSL_ES, LLVMDWARFSourceLanguageHLSL, LLVMDWARFSourceLanguageOpenCL_CPP, LLVMDWARFSourceLanguageCPP_for_OpenCL, LLVMDWARFSourceLanguageSYCL, LLVMDWARFSourceLanguageRuby, LLVMDWARFSourceLanguageMove, LLVMDWARFSourceLanguageHylo, LLVMDWARFSourceLanguageMetal, LLVMDWARFSourceLanguageMips_Assembler, LLVMDWARFSourceLanguageGOOGLE_RenderScript, LLVMDWARFSourceLanguageBORLAND_Delphi } LLVMDWARFSourceLanguage;
typedef enum { LLVMDWARFEmissionNone = 0, LLVMDWARFEmissionFull, LLVMDWARFEmissionLineTablesOnly } LLVMDWARFEmissionKind;
typedef struct LLVMOpaqueError *LLVMErrorRef;
typedef struct LLVMOpaqueTargetData *LLVMTargetDataRef;
typedef struct LLVMOpaqueTargetMachine *LLVMTargetMachineRef;
typedef struct LLVMTarget *LLVMTargetRef;
typedef enum { LLVMCodeGenLevelNone, LLVMCodeGenLevelLess, LLVMCodeGenLevelDefault, LLVMCodeGenLevelAggressive } LLVMCodeGenOptLevel;
typedef enum { LLVMRelocDefault, LLVMRelocStatic, LLVMRelocPIC, LLVMRelocDynamicNoPic, LLVMRelocROPI, LLVMRelocRWPI, LLVMRelocROPI_RWPI } LLVMRelocMode;
typedef enum { LLVMCodeModelDefault, LLVMCodeModelJITDefault, LLVMCodeModelTiny, LLVMCodeModelSmall, LLVMCodeModelKernel, LLVMCodeModelMedium, LLVMCodeModelLarge } LLVMCodeModel;
typedef enum { LLVMAssemblyFile, LLVMObjectFile } LLVMCodeGenFileType;
typedef uint64_t LLVMOrcExecutorAddress;
typedef enum { LLVMJITSymbolGenericFlagsNone = 0, LLVMJITSymbolGenericFlagsExported = 1U << 0, LLVMJITSymbolGenericFlagsWeak = 1U << 1, LLVMJITSymbolGenericFlagsCallable = 1U << 2, LLVMJITSymbolGenericFlagsMaterializationSideEffectsOnly = 1U << 3 } LLVMJITSymbolGenericFlags;
typedef struct { uint8_t GenericFlags; uint8_t TargetFlags; } LLVMJITSymbolFlags;
typedef struct { LLVMOrcExecutorAddress Address; LLVMJITSymbolFlags Flags; } LLVMJITEvaluatedSymbol;
typedef struct LLVMOrcOpaqueExecutionSession *LLVMOrcExecutionSessionRef;
typedef void(*LLVMOrcErrorReporterFunction)(void *Ctx, LLVMErrorRef Err);
typedef struct LLVMOrcOpaqueSymbolStringPoolEntry *LLVMOrcSymbolStringPoolEntryRef;
typedef struct { LLVMOrcSymbolStringPoolEntryRef Name; LLVMJITEvaluatedSymbol Sym; } LLVMOrcCSymbolMapPair;
typedef LLVMOrcCSymbolMapPair *LLVMOrcCSymbolMapPairs;
typedef struct LLVMOrcOpaqueJITDylib *LLVMOrcJITDylibRef;
typedef enum { LLVMOrcLookupKindStatic, LLVMOrcLookupKindDLSym } LLVMOrcLookupKind;
typedef enum { LLVMOrcJITDylibLookupFlagsMatchExportedSymbolsOnly, LLVMOrcJITDylibLookupFlagsMatchAllSymbols } LLVMOrcJITDylibLookupFlags;
typedef struct { LLVMOrcJITDylibRef JD; LLVMOrcJITDylibLookupFlags JDLookupFlags; } LLVMOrcCJITDylibSearchOrderElement;
typedef LLVMOrcCJITDylibSearchOrderElement *LLVMOrcCJITDylibSearchOrder;
typedef enum { LLVMOrcSymbolLookupFlagsRequiredSymbol, LLVMOrcSymbolLookupFlagsWeaklyReferencedSymbol } LLVMOrcSymbolLookupFlags;
typedef struct { LLVMOrcSymbolStringPoolEntryRef Name; LLVMOrcSymbolLookupFlags LookupFlags; } LLVMOrcCLookupSetElement;
typedef LLVMOrcCLookupSetElement *LLVMOrcCLookupSet;
typedef struct LLVMOrcOpaqueMaterializationUnit *LLVMOrcMaterializationUnitRef;
typedef struct LLVMOrcOpaqueDefinitionGenerator *LLVMOrcDefinitionGeneratorRef;
typedef int(*LLVMOrcSymbolPredicate)(void *Ctx, LLVMOrcSymbolStringPoolEntryRef Sym);
typedef struct LLVMOrcOpaqueThreadSafeContext *LLVMOrcThreadSafeContextRef;
typedef struct LLVMOrcOpaqueThreadSafeModule *LLVMOrcThreadSafeModuleRef;
typedef struct LLVMOrcOpaqueJITTargetMachineBuilder *LLVMOrcJITTargetMachineBuilderRef;
typedef void(*LLVMOrcExecutionSessionLookupHandleResultFunction)(LLVMErrorRef Err, LLVMOrcCSymbolMapPairs Result, size_t NumPairs, void *Ctx);
typedef struct LLVMOrcOpaqueLLJITBuilder *LLVMOrcLLJITBuilderRef;
typedef struct LLVMOrcOpaqueLLJIT *LLVMOrcLLJITRef;
typedef struct LLVMOpaquePassBuilderOptions *LLVMPassBuilderOptionsRef;

/* Every function Kern calls, once: F(result, name, (parameters), (arguments),
 * optional) or, for a void one, V(name, (parameters), (arguments), optional);
 * optional ones may be absent from a libLLVM. Below, the declarations; in
 * llvm_api.c, the name table kern_llvm_load resolves and the trampolines. */
#define KERN_LLVM_FUNCTIONS(F, V) \
    V(LLVMGetVersion, (unsigned *Major, unsigned *Minor, unsigned *Patch), (Major, Minor, Patch), 0) \
    V(LLVMParseCommandLineOptions, (int argc, const char *const *argv, const char *Overview), (argc, argv, Overview), 0) \
    V(LLVMInitializeX86TargetInfo, (void), (), 1) \
    V(LLVMInitializeX86Target, (void), (), 1) \
    V(LLVMInitializeX86TargetMC, (void), (), 1) \
    V(LLVMInitializeX86AsmPrinter, (void), (), 1) \
    V(LLVMInitializeX86AsmParser, (void), (), 1) \
    V(LLVMInitializeAArch64TargetInfo, (void), (), 1) \
    V(LLVMInitializeAArch64Target, (void), (), 1) \
    V(LLVMInitializeAArch64TargetMC, (void), (), 1) \
    V(LLVMInitializeAArch64AsmPrinter, (void), (), 1) \
    V(LLVMInitializeAArch64AsmParser, (void), (), 1) \
    F(LLVMContextRef, LLVMContextCreate, (void), (), 0) \
    V(LLVMContextSetDiagnosticHandler, (LLVMContextRef C, LLVMDiagnosticHandler Handler, void *DiagnosticContext), (C, Handler, DiagnosticContext), 0) \
    F(char *, LLVMGetDiagInfoDescription, (LLVMDiagnosticInfoRef DI), (DI), 0) \
    F(LLVMDiagnosticSeverity, LLVMGetDiagInfoSeverity, (LLVMDiagnosticInfoRef DI), (DI), 0) \
    V(LLVMDisposeMessage, (char *Message), (Message), 0) \
    F(LLVMErrorRef, LLVMCreateStringError, (const char *ErrMsg), (ErrMsg), 0) \
    F(char *, LLVMGetErrorMessage, (LLVMErrorRef Err), (Err), 0) \
    V(LLVMDisposeErrorMessage, (char *ErrMsg), (ErrMsg), 0) \
    V(LLVMDisposeMemoryBuffer, (LLVMMemoryBufferRef MemBuf), (MemBuf), 0) \
    F(size_t, LLVMGetBufferSize, (LLVMMemoryBufferRef MemBuf), (MemBuf), 0) \
    F(const char *, LLVMGetBufferStart, (LLVMMemoryBufferRef MemBuf), (MemBuf), 0) \
    F(LLVMMemoryBufferRef, LLVMCreateMemoryBufferWithMemoryRangeCopy, (const char *InputData, size_t InputDataLength, const char *BufferName), (InputData, InputDataLength, BufferName), 0) \
    F(LLVMTypeRef, LLVMVoidTypeInContext, (LLVMContextRef C), (C), 0) \
    F(LLVMTypeRef, LLVMInt1TypeInContext, (LLVMContextRef C), (C), 0) \
    F(LLVMTypeRef, LLVMInt8TypeInContext, (LLVMContextRef C), (C), 0) \
    F(LLVMTypeRef, LLVMInt32TypeInContext, (LLVMContextRef C), (C), 0) \
    F(LLVMTypeRef, LLVMInt64TypeInContext, (LLVMContextRef C), (C), 0) \
    F(LLVMTypeRef, LLVMIntTypeInContext, (LLVMContextRef C, unsigned NumBits), (C, NumBits), 0) \
    F(LLVMTypeRef, LLVMPointerTypeInContext, (LLVMContextRef C, unsigned AddressSpace), (C, AddressSpace), 0) \
    F(LLVMTypeRef, LLVMFloatTypeInContext, (LLVMContextRef C), (C), 0) \
    F(LLVMTypeRef, LLVMDoubleTypeInContext, (LLVMContextRef C), (C), 0) \
    F(LLVMTypeRef, LLVMStructTypeInContext, (LLVMContextRef C, LLVMTypeRef *ElementTypes, unsigned ElementCount, LLVMBool Packed), (C, ElementTypes, ElementCount, Packed), 0) \
    F(LLVMTypeRef, LLVMStructGetTypeAtIndex, (LLVMTypeRef StructTy, unsigned i), (StructTy, i), 0) \
    F(LLVMTypeRef, LLVMFunctionType, (LLVMTypeRef ReturnType, LLVMTypeRef *ParamTypes, unsigned ParamCount, LLVMBool IsVarArg), (ReturnType, ParamTypes, ParamCount, IsVarArg), 0) \
    F(LLVMTypeRef, LLVMArrayType2, (LLVMTypeRef ElementType, uint64_t ElementCount), (ElementType, ElementCount), 0) \
    F(LLVMTypeRef, LLVMVectorType, (LLVMTypeRef ElementType, unsigned ElementCount), (ElementType, ElementCount), 0) \
    F(LLVMTypeKind, LLVMGetTypeKind, (LLVMTypeRef Ty), (Ty), 0) \
    F(unsigned, LLVMGetIntTypeWidth, (LLVMTypeRef IntegerTy), (IntegerTy), 0) \
    F(LLVMTypeRef, LLVMTypeOf, (LLVMValueRef Val), (Val), 0) \
    F(LLVMValueRef, LLVMConstInt, (LLVMTypeRef IntTy, unsigned long long N, LLVMBool SignExtend), (IntTy, N, SignExtend), 0) \
    F(LLVMValueRef, LLVMConstReal, (LLVMTypeRef RealTy, double N), (RealTy, N), 0) \
    F(LLVMValueRef, LLVMConstNull, (LLVMTypeRef Ty), (Ty), 0) \
    F(LLVMValueRef, LLVMConstAllOnes, (LLVMTypeRef Ty), (Ty), 0) \
    F(LLVMValueRef, LLVMConstArray2, (LLVMTypeRef ElementTy, LLVMValueRef *ConstantVals, uint64_t Length), (ElementTy, ConstantVals, Length), 0) \
    F(LLVMValueRef, LLVMConstVector, (LLVMValueRef *ScalarConstantVals, unsigned Size), (ScalarConstantVals, Size), 0) \
    F(LLVMValueRef, LLVMConstStringInContext2, (LLVMContextRef C, const char *Str, size_t Length, LLVMBool DontNullTerminate), (C, Str, Length, DontNullTerminate), 0) \
    F(long long, LLVMConstIntGetSExtValue, (LLVMValueRef ConstantVal), (ConstantVal), 0) \
    F(LLVMValueRef, LLVMGetPoison, (LLVMTypeRef Ty), (Ty), 0) \
    F(LLVMValueRef, LLVMIsAConstantInt, (LLVMValueRef Val), (Val), 0) \
    F(LLVMValueRef, LLVMIsAInstruction, (LLVMValueRef Val), (Val), 0) \
    F(const char *, LLVMGetValueName2, (LLVMValueRef Val, size_t *Length), (Val, Length), 0) \
    V(LLVMSetValueName2, (LLVMValueRef Val, const char *Name, size_t NameLen), (Val, Name, NameLen), 0) \
    F(unsigned, LLVMGetEnumAttributeKindForName, (const char *Name, size_t SLen), (Name, SLen), 0) \
    F(LLVMAttributeRef, LLVMCreateEnumAttribute, (LLVMContextRef C, unsigned KindID, uint64_t Val), (C, KindID, Val), 0) \
    F(LLVMAttributeRef, LLVMCreateStringAttribute, (LLVMContextRef C, const char *K, unsigned KLength, const char *V, unsigned VLength), (C, K, KLength, V, VLength), 0) \
    V(LLVMAddAttributeAtIndex, (LLVMValueRef F, LLVMAttributeIndex Idx, LLVMAttributeRef A), (F, Idx, A), 0) \
    V(LLVMAddCallSiteAttribute, (LLVMValueRef C, LLVMAttributeIndex Idx, LLVMAttributeRef A), (C, Idx, A), 0) \
    F(unsigned, LLVMGetMDKindIDInContext, (LLVMContextRef C, const char *Name, unsigned SLen), (C, Name, SLen), 0) \
    F(LLVMMetadataRef, LLVMMDStringInContext2, (LLVMContextRef C, const char *Str, size_t SLen), (C, Str, SLen), 0) \
    F(LLVMMetadataRef, LLVMMDNodeInContext2, (LLVMContextRef C, LLVMMetadataRef *MDs, size_t Count), (C, MDs, Count), 0) \
    F(LLVMMetadataRef, LLVMTemporaryMDNode, (LLVMContextRef Ctx, LLVMMetadataRef *Data, size_t NumElements), (Ctx, Data, NumElements), 0) \
    V(LLVMMetadataReplaceAllUsesWith, (LLVMMetadataRef TempTargetMetadata, LLVMMetadataRef Replacement), (TempTargetMetadata, Replacement), 0) \
    F(LLVMMetadataRef, LLVMValueAsMetadata, (LLVMValueRef Val), (Val), 0) \
    F(LLVMValueRef, LLVMMetadataAsValue, (LLVMContextRef C, LLVMMetadataRef MD), (C, MD), 0) \
    V(LLVMSetMetadata, (LLVMValueRef Val, unsigned KindID, LLVMValueRef Node), (Val, KindID, Node), 0) \
    F(LLVMModuleRef, LLVMModuleCreateWithNameInContext, (const char *ModuleID, LLVMContextRef C), (ModuleID, C), 0) \
    F(LLVMModuleRef, LLVMCloneModule, (LLVMModuleRef M), (M), 0) \
    V(LLVMDisposeModule, (LLVMModuleRef M), (M), 0) \
    V(LLVMSetTarget, (LLVMModuleRef M, const char *Triple), (M, Triple), 0) \
    V(LLVMSetModuleInlineAsm2, (LLVMModuleRef M, const char *Asm, size_t Len), (M, Asm, Len), 0) \
    V(LLVMSetModuleDataLayout, (LLVMModuleRef M, LLVMTargetDataRef DL), (M, DL), 0) \
    V(LLVMAddModuleFlag, (LLVMModuleRef M, LLVMModuleFlagBehavior Behavior, const char *Key, size_t KeyLen, LLVMMetadataRef Val), (M, Behavior, Key, KeyLen, Val), 0) \
    F(char *, LLVMPrintModuleToString, (LLVMModuleRef M), (M), 0) \
    F(LLVMBool, LLVMVerifyModule, (LLVMModuleRef M, LLVMVerifierFailureAction Action, char **OutMessage), (M, Action, OutMessage), 0) \
    F(LLVMValueRef, LLVMAddFunction, (LLVMModuleRef M, const char *Name, LLVMTypeRef FunctionTy), (M, Name, FunctionTy), 0) \
    F(LLVMValueRef, LLVMGetNamedFunction, (LLVMModuleRef M, const char *Name), (M, Name), 0) \
    F(LLVMValueRef, LLVMGetFirstFunction, (LLVMModuleRef M), (M), 0) \
    F(LLVMValueRef, LLVMGetNextFunction, (LLVMValueRef Fn), (Fn), 0) \
    F(LLVMValueRef, LLVMGetParam, (LLVMValueRef Fn, unsigned Index), (Fn, Index), 0) \
    V(LLVMSetLinkage, (LLVMValueRef Global, LLVMLinkage Linkage), (Global, Linkage), 0) \
    V(LLVMSetVisibility, (LLVMValueRef Global, LLVMVisibility Viz), (Global, Viz), 0) \
    V(LLVMDeleteFunction, (LLVMValueRef Fn), (Fn), 0) \
    V(LLVMSetSection, (LLVMValueRef Global, const char *Section), (Global, Section), 0) \
    F(LLVMValueRef, LLVMAddGlobal, (LLVMModuleRef M, LLVMTypeRef Ty, const char *Name), (M, Ty, Name), 0) \
    V(LLVMSetInitializer, (LLVMValueRef GlobalVar, LLVMValueRef ConstantVal), (GlobalVar, ConstantVal), 0) \
    V(LLVMSetGlobalConstant, (LLVMValueRef GlobalVar, LLVMBool IsConstant), (GlobalVar, IsConstant), 0) \
    V(LLVMSetUnnamedAddress, (LLVMValueRef Global, LLVMUnnamedAddr UnnamedAddr), (Global, UnnamedAddr), 0) \
    V(LLVMSetAlignment, (LLVMValueRef V, unsigned Bytes), (V, Bytes), 0) \
    F(unsigned, LLVMLookupIntrinsicID, (const char *Name, size_t NameLen), (Name, NameLen), 0) \
    F(LLVMValueRef, LLVMGetIntrinsicDeclaration, (LLVMModuleRef Mod, unsigned ID, LLVMTypeRef *ParamTypes, size_t ParamCount), (Mod, ID, ParamTypes, ParamCount), 0) \
    F(LLVMTypeRef, LLVMIntrinsicGetType, (LLVMContextRef Ctx, unsigned ID, LLVMTypeRef *ParamTypes, size_t ParamCount), (Ctx, ID, ParamTypes, ParamCount), 0) \
    F(LLVMBasicBlockRef, LLVMAppendBasicBlockInContext, (LLVMContextRef C, LLVMValueRef Fn, const char *Name), (C, Fn, Name), 0) \
    F(LLVMValueRef, LLVMGetBasicBlockParent, (LLVMBasicBlockRef BB), (BB), 0) \
    F(LLVMValueRef, LLVMGetBasicBlockTerminator, (LLVMBasicBlockRef BB), (BB), 0) \
    F(LLVMBasicBlockRef, LLVMGetEntryBasicBlock, (LLVMValueRef Fn), (Fn), 0) \
    F(LLVMValueRef, LLVMGetFirstInstruction, (LLVMBasicBlockRef BB), (BB), 0) \
    F(LLVMBuilderRef, LLVMCreateBuilderInContext, (LLVMContextRef C), (C), 0) \
    V(LLVMDisposeBuilder, (LLVMBuilderRef Builder), (Builder), 0) \
    V(LLVMPositionBuilderAtEnd, (LLVMBuilderRef Builder, LLVMBasicBlockRef Block), (Builder, Block), 0) \
    V(LLVMPositionBuilderBefore, (LLVMBuilderRef Builder, LLVMValueRef Instr), (Builder, Instr), 0) \
    F(LLVMBasicBlockRef, LLVMGetInsertBlock, (LLVMBuilderRef Builder), (Builder), 0) \
    F(LLVMBool, LLVMCanValueUseFastMathFlags, (LLVMValueRef Inst), (Inst), 0) \
    V(LLVMSetFastMathFlags, (LLVMValueRef FPMathInst, LLVMFastMathFlags FMF), (FPMathInst, FMF), 0) \
    F(LLVMValueRef, LLVMBuildAdd, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildNSWAdd, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildSub, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildMul, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildNSWMul, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildSDiv, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildUDiv, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildSRem, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildURem, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildAnd, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildOr, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildXor, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildShl, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildLShr, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildAShr, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildNeg, (LLVMBuilderRef a0, LLVMValueRef V, const char *Name), (a0, V, Name), 0) \
    F(LLVMValueRef, LLVMBuildNot, (LLVMBuilderRef a0, LLVMValueRef V, const char *Name), (a0, V, Name), 0) \
    F(LLVMValueRef, LLVMBuildFAdd, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildFSub, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildFMul, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildFDiv, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildFRem, (LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildFNeg, (LLVMBuilderRef a0, LLVMValueRef V, const char *Name), (a0, V, Name), 0) \
    F(LLVMValueRef, LLVMBuildICmp, (LLVMBuilderRef a0, LLVMIntPredicate Op, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, Op, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildFCmp, (LLVMBuilderRef a0, LLVMRealPredicate Op, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name), (a0, Op, LHS, RHS, Name), 0) \
    F(LLVMValueRef, LLVMBuildSelect, (LLVMBuilderRef a0, LLVMValueRef If, LLVMValueRef Then, LLVMValueRef Else, const char *Name), (a0, If, Then, Else, Name), 0) \
    F(LLVMValueRef, LLVMBuildTrunc, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildZExt, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildSExt, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildFPExt, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildFPTrunc, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildFPToSI, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildSIToFP, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildUIToFP, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildBitCast, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name), (a0, Val, DestTy, Name), 0) \
    F(LLVMValueRef, LLVMBuildAlloca, (LLVMBuilderRef a0, LLVMTypeRef Ty, const char *Name), (a0, Ty, Name), 0) \
    F(LLVMValueRef, LLVMBuildLoad2, (LLVMBuilderRef a0, LLVMTypeRef Ty, LLVMValueRef PointerVal, const char *Name), (a0, Ty, PointerVal, Name), 0) \
    F(LLVMValueRef, LLVMBuildStore, (LLVMBuilderRef a0, LLVMValueRef Val, LLVMValueRef Ptr), (a0, Val, Ptr), 0) \
    F(LLVMValueRef, LLVMBuildInBoundsGEP2, (LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, LLVMValueRef *Indices, unsigned NumIndices, const char *Name), (B, Ty, Pointer, Indices, NumIndices, Name), 0) \
    F(LLVMValueRef, LLVMBuildStructGEP2, (LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, unsigned Idx, const char *Name), (B, Ty, Pointer, Idx, Name), 0) \
    F(LLVMValueRef, LLVMBuildExtractElement, (LLVMBuilderRef a0, LLVMValueRef VecVal, LLVMValueRef Index, const char *Name), (a0, VecVal, Index, Name), 0) \
    F(LLVMValueRef, LLVMBuildInsertElement, (LLVMBuilderRef a0, LLVMValueRef VecVal, LLVMValueRef EltVal, LLVMValueRef Index, const char *Name), (a0, VecVal, EltVal, Index, Name), 0) \
    F(LLVMValueRef, LLVMBuildShuffleVector, (LLVMBuilderRef a0, LLVMValueRef V1, LLVMValueRef V2, LLVMValueRef Mask, const char *Name), (a0, V1, V2, Mask, Name), 0) \
    F(LLVMValueRef, LLVMBuildExtractValue, (LLVMBuilderRef a0, LLVMValueRef AggVal, unsigned Index, const char *Name), (a0, AggVal, Index, Name), 0) \
    F(LLVMValueRef, LLVMBuildInsertValue, (LLVMBuilderRef a0, LLVMValueRef AggVal, LLVMValueRef EltVal, unsigned Index, const char *Name), (a0, AggVal, EltVal, Index, Name), 0) \
    F(LLVMValueRef, LLVMBuildAtomicRMW, (LLVMBuilderRef B, LLVMAtomicRMWBinOp op, LLVMValueRef PTR, LLVMValueRef Val, LLVMAtomicOrdering ordering, LLVMBool singleThread), (B, op, PTR, Val, ordering, singleThread), 0) \
    F(LLVMValueRef, LLVMBuildCall2, (LLVMBuilderRef a0, LLVMTypeRef a1, LLVMValueRef Fn, LLVMValueRef *Args, unsigned NumArgs, const char *Name), (a0, a1, Fn, Args, NumArgs, Name), 0) \
    F(LLVMValueRef, LLVMBuildPhi, (LLVMBuilderRef a0, LLVMTypeRef Ty, const char *Name), (a0, Ty, Name), 0) \
    V(LLVMAddIncoming, (LLVMValueRef PhiNode, LLVMValueRef *IncomingValues, LLVMBasicBlockRef *IncomingBlocks, unsigned Count), (PhiNode, IncomingValues, IncomingBlocks, Count), 0) \
    F(LLVMValueRef, LLVMBuildBr, (LLVMBuilderRef a0, LLVMBasicBlockRef Dest), (a0, Dest), 0) \
    F(LLVMValueRef, LLVMBuildCondBr, (LLVMBuilderRef a0, LLVMValueRef If, LLVMBasicBlockRef Then, LLVMBasicBlockRef Else), (a0, If, Then, Else), 0) \
    F(LLVMValueRef, LLVMBuildRet, (LLVMBuilderRef a0, LLVMValueRef V), (a0, V), 0) \
    F(LLVMValueRef, LLVMBuildRetVoid, (LLVMBuilderRef a0), (a0), 0) \
    F(LLVMValueRef, LLVMBuildUnreachable, (LLVMBuilderRef a0), (a0), 0) \
    F(LLVMDIBuilderRef, LLVMCreateDIBuilder, (LLVMModuleRef M), (M), 0) \
    V(LLVMDisposeDIBuilder, (LLVMDIBuilderRef Builder), (Builder), 0) \
    V(LLVMDIBuilderFinalize, (LLVMDIBuilderRef Builder), (Builder), 0) \
    F(LLVMMetadataRef, LLVMDIBuilderCreateFile, (LLVMDIBuilderRef Builder, const char *Filename, size_t FilenameLen, const char *Directory, size_t DirectoryLen), (Builder, Filename, FilenameLen, Directory, DirectoryLen), 0) \
    F(LLVMMetadataRef, LLVMDIBuilderCreateCompileUnit, (LLVMDIBuilderRef Builder, LLVMDWARFSourceLanguage Lang, LLVMMetadataRef FileRef, const char *Producer, size_t ProducerLen, LLVMBool isOptimized, const char *Flags, size_t FlagsLen, unsigned RuntimeVer, const char *SplitName, size_t SplitNameLen, LLVMDWARFEmissionKind Kind, unsigned DWOId, LLVMBool SplitDebugInlining, LLVMBool DebugInfoForProfiling, const char *SysRoot, size_t SysRootLen, const char *SDK, size_t SDKLen), (Builder, Lang, FileRef, Producer, ProducerLen, isOptimized, Flags, FlagsLen, RuntimeVer, SplitName, SplitNameLen, Kind, DWOId, SplitDebugInlining, DebugInfoForProfiling, SysRoot, SysRootLen, SDK, SDKLen), 0) \
    F(LLVMMetadataRef, LLVMDIBuilderCreateSubroutineType, (LLVMDIBuilderRef Builder, LLVMMetadataRef File, LLVMMetadataRef *ParameterTypes, unsigned NumParameterTypes, LLVMDIFlags Flags), (Builder, File, ParameterTypes, NumParameterTypes, Flags), 0) \
    F(LLVMMetadataRef, LLVMDIBuilderCreateFunction, (LLVMDIBuilderRef Builder, LLVMMetadataRef Scope, const char *Name, size_t NameLen, const char *LinkageName, size_t LinkageNameLen, LLVMMetadataRef File, unsigned LineNo, LLVMMetadataRef Ty, LLVMBool IsLocalToUnit, LLVMBool IsDefinition, unsigned ScopeLine, LLVMDIFlags Flags, LLVMBool IsOptimized), (Builder, Scope, Name, NameLen, LinkageName, LinkageNameLen, File, LineNo, Ty, IsLocalToUnit, IsDefinition, ScopeLine, Flags, IsOptimized), 0) \
    F(LLVMMetadataRef, LLVMDIBuilderCreateDebugLocation, (LLVMContextRef Ctx, unsigned Line, unsigned Column, LLVMMetadataRef Scope, LLVMMetadataRef InlinedAt), (Ctx, Line, Column, Scope, InlinedAt), 0) \
    V(LLVMSetSubprogram, (LLVMValueRef Func, LLVMMetadataRef SP), (Func, SP), 0) \
    F(LLVMMetadataRef, LLVMGetCurrentDebugLocation2, (LLVMBuilderRef Builder), (Builder), 0) \
    V(LLVMSetCurrentDebugLocation2, (LLVMBuilderRef Builder, LLVMMetadataRef Loc), (Builder, Loc), 0) \
    F(unsigned, LLVMDebugMetadataVersion, (void), (), 0) \
    F(char *, LLVMGetDefaultTargetTriple, (void), (), 0) \
    F(char *, LLVMGetHostCPUName, (void), (), 0) \
    F(char *, LLVMGetHostCPUFeatures, (void), (), 0) \
    F(LLVMBool, LLVMGetTargetFromTriple, (const char *Triple, LLVMTargetRef *T, char **ErrorMessage), (Triple, T, ErrorMessage), 0) \
    F(LLVMTargetMachineRef, LLVMCreateTargetMachine, (LLVMTargetRef T, const char *Triple, const char *CPU, const char *Features, LLVMCodeGenOptLevel Level, LLVMRelocMode Reloc, LLVMCodeModel CodeModel), (T, Triple, CPU, Features, Level, Reloc, CodeModel), 0) \
    V(LLVMDisposeTargetMachine, (LLVMTargetMachineRef T), (T), 0) \
    F(LLVMTargetDataRef, LLVMCreateTargetDataLayout, (LLVMTargetMachineRef T), (T), 0) \
    V(LLVMDisposeTargetData, (LLVMTargetDataRef TD), (TD), 0) \
    F(LLVMBool, LLVMTargetMachineEmitToMemoryBuffer, (LLVMTargetMachineRef T, LLVMModuleRef M, LLVMCodeGenFileType codegen, char **ErrorMessage, LLVMMemoryBufferRef *OutMemBuf), (T, M, codegen, ErrorMessage, OutMemBuf), 0) \
    F(LLVMPassBuilderOptionsRef, LLVMCreatePassBuilderOptions, (void), (), 0) \
    V(LLVMDisposePassBuilderOptions, (LLVMPassBuilderOptionsRef Options), (Options), 0) \
    V(LLVMPassBuilderOptionsSetLoopVectorization, (LLVMPassBuilderOptionsRef Options, LLVMBool LoopVectorization), (Options, LoopVectorization), 0) \
    V(LLVMPassBuilderOptionsSetSLPVectorization, (LLVMPassBuilderOptionsRef Options, LLVMBool SLPVectorization), (Options, SLPVectorization), 0) \
    V(LLVMPassBuilderOptionsSetLoopUnrolling, (LLVMPassBuilderOptionsRef Options, LLVMBool LoopUnrolling), (Options, LoopUnrolling), 0) \
    V(LLVMPassBuilderOptionsSetLoopInterleaving, (LLVMPassBuilderOptionsRef Options, LLVMBool LoopInterleaving), (Options, LoopInterleaving), 0) \
    F(LLVMErrorRef, LLVMRunPasses, (LLVMModuleRef M, const char *Passes, LLVMTargetMachineRef TM, LLVMPassBuilderOptionsRef Options), (M, Passes, TM, Options), 0) \
    F(LLVMOrcThreadSafeContextRef, LLVMOrcCreateNewThreadSafeContext, (void), (), 0) \
    F(LLVMOrcThreadSafeContextRef, LLVMOrcCreateNewThreadSafeContextFromLLVMContext, (LLVMContextRef Ctx), (Ctx), 1) \
    F(LLVMContextRef, LLVMOrcThreadSafeContextGetContext, (LLVMOrcThreadSafeContextRef TSCtx), (TSCtx), 1) \
    V(LLVMOrcDisposeThreadSafeContext, (LLVMOrcThreadSafeContextRef TSCtx), (TSCtx), 0) \
    F(LLVMOrcThreadSafeModuleRef, LLVMOrcCreateNewThreadSafeModule, (LLVMModuleRef M, LLVMOrcThreadSafeContextRef TSCtx), (M, TSCtx), 0) \
    F(LLVMOrcLLJITBuilderRef, LLVMOrcCreateLLJITBuilder, (void), (), 0) \
    F(LLVMOrcJITTargetMachineBuilderRef, LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine, (LLVMTargetMachineRef TM), (TM), 0) \
    V(LLVMOrcLLJITBuilderSetJITTargetMachineBuilder, (LLVMOrcLLJITBuilderRef Builder, LLVMOrcJITTargetMachineBuilderRef JTMB), (Builder, JTMB), 0) \
    F(LLVMErrorRef, LLVMOrcCreateLLJIT, (LLVMOrcLLJITRef *Result, LLVMOrcLLJITBuilderRef Builder), (Result, Builder), 0) \
    F(LLVMErrorRef, LLVMOrcDisposeLLJIT, (LLVMOrcLLJITRef J), (J), 0) \
    F(LLVMOrcExecutionSessionRef, LLVMOrcLLJITGetExecutionSession, (LLVMOrcLLJITRef J), (J), 0) \
    F(char, LLVMOrcLLJITGetGlobalPrefix, (LLVMOrcLLJITRef J), (J), 0) \
    F(LLVMOrcSymbolStringPoolEntryRef, LLVMOrcLLJITMangleAndIntern, (LLVMOrcLLJITRef J, const char *UnmangledName), (J, UnmangledName), 0) \
    F(LLVMErrorRef, LLVMOrcLLJITAddLLVMIRModule, (LLVMOrcLLJITRef J, LLVMOrcJITDylibRef JD, LLVMOrcThreadSafeModuleRef TSM), (J, JD, TSM), 0) \
    F(LLVMErrorRef, LLVMOrcLLJITAddObjectFile, (LLVMOrcLLJITRef J, LLVMOrcJITDylibRef JD, LLVMMemoryBufferRef ObjBuffer), (J, JD, ObjBuffer), 0) \
    F(LLVMErrorRef, LLVMOrcExecutionSessionCreateJITDylib, (LLVMOrcExecutionSessionRef ES, LLVMOrcJITDylibRef *Result, const char *Name), (ES, Result, Name), 0) \
    V(LLVMOrcExecutionSessionSetErrorReporter, (LLVMOrcExecutionSessionRef ES, LLVMOrcErrorReporterFunction ReportError, void *Ctx), (ES, ReportError, Ctx), 0) \
    V(LLVMOrcExecutionSessionLookup, (LLVMOrcExecutionSessionRef ES, LLVMOrcLookupKind K, LLVMOrcCJITDylibSearchOrder SearchOrder, size_t SearchOrderSize, LLVMOrcCLookupSet Symbols, size_t SymbolsSize, LLVMOrcExecutionSessionLookupHandleResultFunction HandleResult, void *Ctx), (ES, K, SearchOrder, SearchOrderSize, Symbols, SymbolsSize, HandleResult, Ctx), 0) \
    F(LLVMErrorRef, LLVMOrcJITDylibDefine, (LLVMOrcJITDylibRef JD, LLVMOrcMaterializationUnitRef MU), (JD, MU), 0) \
    F(LLVMErrorRef, LLVMOrcJITDylibClear, (LLVMOrcJITDylibRef JD), (JD), 0) \
    V(LLVMOrcJITDylibAddGenerator, (LLVMOrcJITDylibRef JD, LLVMOrcDefinitionGeneratorRef DG), (JD, DG), 0) \
    F(LLVMErrorRef, LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess, (LLVMOrcDefinitionGeneratorRef *Result, char GlobalPrefx, LLVMOrcSymbolPredicate Filter, void *FilterCtx), (Result, GlobalPrefx, Filter, FilterCtx), 0) \
    F(LLVMOrcMaterializationUnitRef, LLVMOrcAbsoluteSymbols, (LLVMOrcCSymbolMapPairs Syms, size_t NumPairs), (Syms, NumPairs), 0) \
    V(LLVMOrcRetainSymbolStringPoolEntry, (LLVMOrcSymbolStringPoolEntryRef S), (S), 0) \
    V(LLVMOrcReleaseSymbolStringPoolEntry, (LLVMOrcSymbolStringPoolEntryRef S), (S), 0)

#define KERN_LLVM_DECLARE(result, name, parameters, arguments, optional) \
    result name parameters KERN_LLVM_API(name);
#define KERN_LLVM_DECLARE_VOID(name, parameters, arguments, optional) \
    void name parameters KERN_LLVM_API(name);
KERN_LLVM_FUNCTIONS(KERN_LLVM_DECLARE, KERN_LLVM_DECLARE_VOID)

#define KERN_LLVM_FUNCTION_COUNT 212

#endif
