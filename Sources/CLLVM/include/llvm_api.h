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

/* Functions (KERN_LLVM_API: hidden, assembler name kern_llvm_<name>). */
void LLVMGetVersion(unsigned *Major, unsigned *Minor, unsigned *Patch) KERN_LLVM_API(LLVMGetVersion);
void LLVMParseCommandLineOptions(int argc, const char *const *argv, const char *Overview) KERN_LLVM_API(LLVMParseCommandLineOptions);
void LLVMInitializeX86TargetInfo(void) KERN_LLVM_API(LLVMInitializeX86TargetInfo);  /* optional: may be absent */
void LLVMInitializeX86Target(void) KERN_LLVM_API(LLVMInitializeX86Target);  /* optional: may be absent */
void LLVMInitializeX86TargetMC(void) KERN_LLVM_API(LLVMInitializeX86TargetMC);  /* optional: may be absent */
void LLVMInitializeX86AsmPrinter(void) KERN_LLVM_API(LLVMInitializeX86AsmPrinter);  /* optional: may be absent */
void LLVMInitializeX86AsmParser(void) KERN_LLVM_API(LLVMInitializeX86AsmParser);  /* optional: may be absent */
void LLVMInitializeAArch64TargetInfo(void) KERN_LLVM_API(LLVMInitializeAArch64TargetInfo);  /* optional: may be absent */
void LLVMInitializeAArch64Target(void) KERN_LLVM_API(LLVMInitializeAArch64Target);  /* optional: may be absent */
void LLVMInitializeAArch64TargetMC(void) KERN_LLVM_API(LLVMInitializeAArch64TargetMC);  /* optional: may be absent */
void LLVMInitializeAArch64AsmPrinter(void) KERN_LLVM_API(LLVMInitializeAArch64AsmPrinter);  /* optional: may be absent */
void LLVMInitializeAArch64AsmParser(void) KERN_LLVM_API(LLVMInitializeAArch64AsmParser);  /* optional: may be absent */
LLVMContextRef LLVMContextCreate(void) KERN_LLVM_API(LLVMContextCreate);
void LLVMContextSetDiagnosticHandler(LLVMContextRef C, LLVMDiagnosticHandler Handler, void *DiagnosticContext) KERN_LLVM_API(LLVMContextSetDiagnosticHandler);
char *LLVMGetDiagInfoDescription(LLVMDiagnosticInfoRef DI) KERN_LLVM_API(LLVMGetDiagInfoDescription);
LLVMDiagnosticSeverity LLVMGetDiagInfoSeverity(LLVMDiagnosticInfoRef DI) KERN_LLVM_API(LLVMGetDiagInfoSeverity);
void LLVMDisposeMessage(char *Message) KERN_LLVM_API(LLVMDisposeMessage);
LLVMErrorRef LLVMCreateStringError(const char *ErrMsg) KERN_LLVM_API(LLVMCreateStringError);
char *LLVMGetErrorMessage(LLVMErrorRef Err) KERN_LLVM_API(LLVMGetErrorMessage);
void LLVMDisposeErrorMessage(char *ErrMsg) KERN_LLVM_API(LLVMDisposeErrorMessage);
void LLVMDisposeMemoryBuffer(LLVMMemoryBufferRef MemBuf) KERN_LLVM_API(LLVMDisposeMemoryBuffer);
size_t LLVMGetBufferSize(LLVMMemoryBufferRef MemBuf) KERN_LLVM_API(LLVMGetBufferSize);
const char *LLVMGetBufferStart(LLVMMemoryBufferRef MemBuf) KERN_LLVM_API(LLVMGetBufferStart);
LLVMMemoryBufferRef LLVMCreateMemoryBufferWithMemoryRangeCopy(const char *InputData, size_t InputDataLength, const char *BufferName) KERN_LLVM_API(LLVMCreateMemoryBufferWithMemoryRangeCopy);
LLVMTypeRef LLVMVoidTypeInContext(LLVMContextRef C) KERN_LLVM_API(LLVMVoidTypeInContext);
LLVMTypeRef LLVMInt1TypeInContext(LLVMContextRef C) KERN_LLVM_API(LLVMInt1TypeInContext);
LLVMTypeRef LLVMInt8TypeInContext(LLVMContextRef C) KERN_LLVM_API(LLVMInt8TypeInContext);
LLVMTypeRef LLVMInt32TypeInContext(LLVMContextRef C) KERN_LLVM_API(LLVMInt32TypeInContext);
LLVMTypeRef LLVMInt64TypeInContext(LLVMContextRef C) KERN_LLVM_API(LLVMInt64TypeInContext);
LLVMTypeRef LLVMIntTypeInContext(LLVMContextRef C, unsigned NumBits) KERN_LLVM_API(LLVMIntTypeInContext);
LLVMTypeRef LLVMPointerTypeInContext(LLVMContextRef C, unsigned AddressSpace) KERN_LLVM_API(LLVMPointerTypeInContext);
LLVMTypeRef LLVMFloatTypeInContext(LLVMContextRef C) KERN_LLVM_API(LLVMFloatTypeInContext);
LLVMTypeRef LLVMDoubleTypeInContext(LLVMContextRef C) KERN_LLVM_API(LLVMDoubleTypeInContext);
LLVMTypeRef LLVMStructTypeInContext(LLVMContextRef C, LLVMTypeRef *ElementTypes, unsigned ElementCount, LLVMBool Packed) KERN_LLVM_API(LLVMStructTypeInContext);
LLVMTypeRef LLVMStructGetTypeAtIndex(LLVMTypeRef StructTy, unsigned i) KERN_LLVM_API(LLVMStructGetTypeAtIndex);
LLVMTypeRef LLVMFunctionType(LLVMTypeRef ReturnType, LLVMTypeRef *ParamTypes, unsigned ParamCount, LLVMBool IsVarArg) KERN_LLVM_API(LLVMFunctionType);
LLVMTypeRef LLVMArrayType2(LLVMTypeRef ElementType, uint64_t ElementCount) KERN_LLVM_API(LLVMArrayType2);
LLVMTypeRef LLVMVectorType(LLVMTypeRef ElementType, unsigned ElementCount) KERN_LLVM_API(LLVMVectorType);
LLVMTypeKind LLVMGetTypeKind(LLVMTypeRef Ty) KERN_LLVM_API(LLVMGetTypeKind);
unsigned LLVMGetIntTypeWidth(LLVMTypeRef IntegerTy) KERN_LLVM_API(LLVMGetIntTypeWidth);
LLVMTypeRef LLVMTypeOf(LLVMValueRef Val) KERN_LLVM_API(LLVMTypeOf);
LLVMValueRef LLVMConstInt(LLVMTypeRef IntTy, unsigned long long N, LLVMBool SignExtend) KERN_LLVM_API(LLVMConstInt);
LLVMValueRef LLVMConstReal(LLVMTypeRef RealTy, double N) KERN_LLVM_API(LLVMConstReal);
LLVMValueRef LLVMConstNull(LLVMTypeRef Ty) KERN_LLVM_API(LLVMConstNull);
LLVMValueRef LLVMConstAllOnes(LLVMTypeRef Ty) KERN_LLVM_API(LLVMConstAllOnes);
LLVMValueRef LLVMConstArray2(LLVMTypeRef ElementTy, LLVMValueRef *ConstantVals, uint64_t Length) KERN_LLVM_API(LLVMConstArray2);
LLVMValueRef LLVMConstVector(LLVMValueRef *ScalarConstantVals, unsigned Size) KERN_LLVM_API(LLVMConstVector);
LLVMValueRef LLVMConstStringInContext2(LLVMContextRef C, const char *Str, size_t Length, LLVMBool DontNullTerminate) KERN_LLVM_API(LLVMConstStringInContext2);
long long LLVMConstIntGetSExtValue(LLVMValueRef ConstantVal) KERN_LLVM_API(LLVMConstIntGetSExtValue);
LLVMValueRef LLVMGetPoison(LLVMTypeRef Ty) KERN_LLVM_API(LLVMGetPoison);
LLVMValueRef LLVMIsAConstantInt(LLVMValueRef Val) KERN_LLVM_API(LLVMIsAConstantInt);
LLVMValueRef LLVMIsAInstruction(LLVMValueRef Val) KERN_LLVM_API(LLVMIsAInstruction);
const char *LLVMGetValueName2(LLVMValueRef Val, size_t *Length) KERN_LLVM_API(LLVMGetValueName2);
void LLVMSetValueName2(LLVMValueRef Val, const char *Name, size_t NameLen) KERN_LLVM_API(LLVMSetValueName2);
unsigned LLVMGetEnumAttributeKindForName(const char *Name, size_t SLen) KERN_LLVM_API(LLVMGetEnumAttributeKindForName);
LLVMAttributeRef LLVMCreateEnumAttribute(LLVMContextRef C, unsigned KindID, uint64_t Val) KERN_LLVM_API(LLVMCreateEnumAttribute);
LLVMAttributeRef LLVMCreateStringAttribute(LLVMContextRef C, const char *K, unsigned KLength, const char *V, unsigned VLength) KERN_LLVM_API(LLVMCreateStringAttribute);
void LLVMAddAttributeAtIndex(LLVMValueRef F, LLVMAttributeIndex Idx, LLVMAttributeRef A) KERN_LLVM_API(LLVMAddAttributeAtIndex);
void LLVMAddCallSiteAttribute(LLVMValueRef C, LLVMAttributeIndex Idx, LLVMAttributeRef A) KERN_LLVM_API(LLVMAddCallSiteAttribute);
unsigned LLVMGetMDKindIDInContext(LLVMContextRef C, const char *Name, unsigned SLen) KERN_LLVM_API(LLVMGetMDKindIDInContext);
LLVMMetadataRef LLVMMDStringInContext2(LLVMContextRef C, const char *Str, size_t SLen) KERN_LLVM_API(LLVMMDStringInContext2);
LLVMMetadataRef LLVMMDNodeInContext2(LLVMContextRef C, LLVMMetadataRef *MDs, size_t Count) KERN_LLVM_API(LLVMMDNodeInContext2);
LLVMMetadataRef LLVMTemporaryMDNode(LLVMContextRef Ctx, LLVMMetadataRef *Data, size_t NumElements) KERN_LLVM_API(LLVMTemporaryMDNode);
void LLVMMetadataReplaceAllUsesWith(LLVMMetadataRef TempTargetMetadata, LLVMMetadataRef Replacement) KERN_LLVM_API(LLVMMetadataReplaceAllUsesWith);
LLVMMetadataRef LLVMValueAsMetadata(LLVMValueRef Val) KERN_LLVM_API(LLVMValueAsMetadata);
LLVMValueRef LLVMMetadataAsValue(LLVMContextRef C, LLVMMetadataRef MD) KERN_LLVM_API(LLVMMetadataAsValue);
void LLVMSetMetadata(LLVMValueRef Val, unsigned KindID, LLVMValueRef Node) KERN_LLVM_API(LLVMSetMetadata);
LLVMModuleRef LLVMModuleCreateWithNameInContext(const char *ModuleID, LLVMContextRef C) KERN_LLVM_API(LLVMModuleCreateWithNameInContext);
LLVMModuleRef LLVMCloneModule(LLVMModuleRef M) KERN_LLVM_API(LLVMCloneModule);
void LLVMDisposeModule(LLVMModuleRef M) KERN_LLVM_API(LLVMDisposeModule);
void LLVMSetTarget(LLVMModuleRef M, const char *Triple) KERN_LLVM_API(LLVMSetTarget);
void LLVMSetModuleInlineAsm2(LLVMModuleRef M, const char *Asm, size_t Len) KERN_LLVM_API(LLVMSetModuleInlineAsm2);
void LLVMSetModuleDataLayout(LLVMModuleRef M, LLVMTargetDataRef DL) KERN_LLVM_API(LLVMSetModuleDataLayout);
void LLVMAddModuleFlag(LLVMModuleRef M, LLVMModuleFlagBehavior Behavior, const char *Key, size_t KeyLen, LLVMMetadataRef Val) KERN_LLVM_API(LLVMAddModuleFlag);
char *LLVMPrintModuleToString(LLVMModuleRef M) KERN_LLVM_API(LLVMPrintModuleToString);
LLVMBool LLVMVerifyModule(LLVMModuleRef M, LLVMVerifierFailureAction Action, char **OutMessage) KERN_LLVM_API(LLVMVerifyModule);
LLVMValueRef LLVMAddFunction(LLVMModuleRef M, const char *Name, LLVMTypeRef FunctionTy) KERN_LLVM_API(LLVMAddFunction);
LLVMValueRef LLVMGetNamedFunction(LLVMModuleRef M, const char *Name) KERN_LLVM_API(LLVMGetNamedFunction);
LLVMValueRef LLVMGetFirstFunction(LLVMModuleRef M) KERN_LLVM_API(LLVMGetFirstFunction);
LLVMValueRef LLVMGetNextFunction(LLVMValueRef Fn) KERN_LLVM_API(LLVMGetNextFunction);
LLVMValueRef LLVMGetParam(LLVMValueRef Fn, unsigned Index) KERN_LLVM_API(LLVMGetParam);
void LLVMSetLinkage(LLVMValueRef Global, LLVMLinkage Linkage) KERN_LLVM_API(LLVMSetLinkage);
void LLVMSetVisibility(LLVMValueRef Global, LLVMVisibility Viz) KERN_LLVM_API(LLVMSetVisibility);
void LLVMDeleteFunction(LLVMValueRef Fn) KERN_LLVM_API(LLVMDeleteFunction);
void LLVMSetSection(LLVMValueRef Global, const char *Section) KERN_LLVM_API(LLVMSetSection);
LLVMValueRef LLVMAddGlobal(LLVMModuleRef M, LLVMTypeRef Ty, const char *Name) KERN_LLVM_API(LLVMAddGlobal);
void LLVMSetInitializer(LLVMValueRef GlobalVar, LLVMValueRef ConstantVal) KERN_LLVM_API(LLVMSetInitializer);
void LLVMSetGlobalConstant(LLVMValueRef GlobalVar, LLVMBool IsConstant) KERN_LLVM_API(LLVMSetGlobalConstant);
void LLVMSetUnnamedAddress(LLVMValueRef Global, LLVMUnnamedAddr UnnamedAddr) KERN_LLVM_API(LLVMSetUnnamedAddress);
void LLVMSetAlignment(LLVMValueRef V, unsigned Bytes) KERN_LLVM_API(LLVMSetAlignment);
unsigned LLVMLookupIntrinsicID(const char *Name, size_t NameLen) KERN_LLVM_API(LLVMLookupIntrinsicID);
LLVMValueRef LLVMGetIntrinsicDeclaration(LLVMModuleRef Mod, unsigned ID, LLVMTypeRef *ParamTypes, size_t ParamCount) KERN_LLVM_API(LLVMGetIntrinsicDeclaration);
LLVMTypeRef LLVMIntrinsicGetType(LLVMContextRef Ctx, unsigned ID, LLVMTypeRef *ParamTypes, size_t ParamCount) KERN_LLVM_API(LLVMIntrinsicGetType);
LLVMBasicBlockRef LLVMAppendBasicBlockInContext(LLVMContextRef C, LLVMValueRef Fn, const char *Name) KERN_LLVM_API(LLVMAppendBasicBlockInContext);
LLVMValueRef LLVMGetBasicBlockParent(LLVMBasicBlockRef BB) KERN_LLVM_API(LLVMGetBasicBlockParent);
LLVMValueRef LLVMGetBasicBlockTerminator(LLVMBasicBlockRef BB) KERN_LLVM_API(LLVMGetBasicBlockTerminator);
LLVMBasicBlockRef LLVMGetEntryBasicBlock(LLVMValueRef Fn) KERN_LLVM_API(LLVMGetEntryBasicBlock);
LLVMValueRef LLVMGetFirstInstruction(LLVMBasicBlockRef BB) KERN_LLVM_API(LLVMGetFirstInstruction);
LLVMBuilderRef LLVMCreateBuilderInContext(LLVMContextRef C) KERN_LLVM_API(LLVMCreateBuilderInContext);
void LLVMDisposeBuilder(LLVMBuilderRef Builder) KERN_LLVM_API(LLVMDisposeBuilder);
void LLVMPositionBuilderAtEnd(LLVMBuilderRef Builder, LLVMBasicBlockRef Block) KERN_LLVM_API(LLVMPositionBuilderAtEnd);
void LLVMPositionBuilderBefore(LLVMBuilderRef Builder, LLVMValueRef Instr) KERN_LLVM_API(LLVMPositionBuilderBefore);
LLVMBasicBlockRef LLVMGetInsertBlock(LLVMBuilderRef Builder) KERN_LLVM_API(LLVMGetInsertBlock);
LLVMBool LLVMCanValueUseFastMathFlags(LLVMValueRef Inst) KERN_LLVM_API(LLVMCanValueUseFastMathFlags);
void LLVMSetFastMathFlags(LLVMValueRef FPMathInst, LLVMFastMathFlags FMF) KERN_LLVM_API(LLVMSetFastMathFlags);
LLVMValueRef LLVMBuildAdd(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildAdd);
LLVMValueRef LLVMBuildNSWAdd(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildNSWAdd);
LLVMValueRef LLVMBuildSub(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildSub);
LLVMValueRef LLVMBuildMul(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildMul);
LLVMValueRef LLVMBuildNSWMul(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildNSWMul);
LLVMValueRef LLVMBuildSDiv(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildSDiv);
LLVMValueRef LLVMBuildUDiv(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildUDiv);
LLVMValueRef LLVMBuildSRem(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildSRem);
LLVMValueRef LLVMBuildURem(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildURem);
LLVMValueRef LLVMBuildAnd(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildAnd);
LLVMValueRef LLVMBuildOr(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildOr);
LLVMValueRef LLVMBuildXor(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildXor);
LLVMValueRef LLVMBuildShl(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildShl);
LLVMValueRef LLVMBuildLShr(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildLShr);
LLVMValueRef LLVMBuildAShr(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildAShr);
LLVMValueRef LLVMBuildNeg(LLVMBuilderRef, LLVMValueRef V, const char *Name) KERN_LLVM_API(LLVMBuildNeg);
LLVMValueRef LLVMBuildNot(LLVMBuilderRef, LLVMValueRef V, const char *Name) KERN_LLVM_API(LLVMBuildNot);
LLVMValueRef LLVMBuildFAdd(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildFAdd);
LLVMValueRef LLVMBuildFSub(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildFSub);
LLVMValueRef LLVMBuildFMul(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildFMul);
LLVMValueRef LLVMBuildFDiv(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildFDiv);
LLVMValueRef LLVMBuildFRem(LLVMBuilderRef, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildFRem);
LLVMValueRef LLVMBuildFNeg(LLVMBuilderRef, LLVMValueRef V, const char *Name) KERN_LLVM_API(LLVMBuildFNeg);
LLVMValueRef LLVMBuildICmp(LLVMBuilderRef, LLVMIntPredicate Op, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildICmp);
LLVMValueRef LLVMBuildFCmp(LLVMBuilderRef, LLVMRealPredicate Op, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) KERN_LLVM_API(LLVMBuildFCmp);
LLVMValueRef LLVMBuildSelect(LLVMBuilderRef, LLVMValueRef If, LLVMValueRef Then, LLVMValueRef Else, const char *Name) KERN_LLVM_API(LLVMBuildSelect);
LLVMValueRef LLVMBuildTrunc(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildTrunc);
LLVMValueRef LLVMBuildZExt(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildZExt);
LLVMValueRef LLVMBuildSExt(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildSExt);
LLVMValueRef LLVMBuildFPExt(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildFPExt);
LLVMValueRef LLVMBuildFPTrunc(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildFPTrunc);
LLVMValueRef LLVMBuildFPToSI(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildFPToSI);
LLVMValueRef LLVMBuildSIToFP(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildSIToFP);
LLVMValueRef LLVMBuildUIToFP(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildUIToFP);
LLVMValueRef LLVMBuildBitCast(LLVMBuilderRef, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) KERN_LLVM_API(LLVMBuildBitCast);
LLVMValueRef LLVMBuildAlloca(LLVMBuilderRef, LLVMTypeRef Ty, const char *Name) KERN_LLVM_API(LLVMBuildAlloca);
LLVMValueRef LLVMBuildLoad2(LLVMBuilderRef, LLVMTypeRef Ty, LLVMValueRef PointerVal, const char *Name) KERN_LLVM_API(LLVMBuildLoad2);
LLVMValueRef LLVMBuildStore(LLVMBuilderRef, LLVMValueRef Val, LLVMValueRef Ptr) KERN_LLVM_API(LLVMBuildStore);
LLVMValueRef LLVMBuildInBoundsGEP2(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, LLVMValueRef *Indices, unsigned NumIndices, const char *Name) KERN_LLVM_API(LLVMBuildInBoundsGEP2);
LLVMValueRef LLVMBuildStructGEP2(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, unsigned Idx, const char *Name) KERN_LLVM_API(LLVMBuildStructGEP2);
LLVMValueRef LLVMBuildExtractElement(LLVMBuilderRef, LLVMValueRef VecVal, LLVMValueRef Index, const char *Name) KERN_LLVM_API(LLVMBuildExtractElement);
LLVMValueRef LLVMBuildInsertElement(LLVMBuilderRef, LLVMValueRef VecVal, LLVMValueRef EltVal, LLVMValueRef Index, const char *Name) KERN_LLVM_API(LLVMBuildInsertElement);
LLVMValueRef LLVMBuildShuffleVector(LLVMBuilderRef, LLVMValueRef V1, LLVMValueRef V2, LLVMValueRef Mask, const char *Name) KERN_LLVM_API(LLVMBuildShuffleVector);
LLVMValueRef LLVMBuildExtractValue(LLVMBuilderRef, LLVMValueRef AggVal, unsigned Index, const char *Name) KERN_LLVM_API(LLVMBuildExtractValue);
LLVMValueRef LLVMBuildInsertValue(LLVMBuilderRef, LLVMValueRef AggVal, LLVMValueRef EltVal, unsigned Index, const char *Name) KERN_LLVM_API(LLVMBuildInsertValue);
LLVMValueRef LLVMBuildAtomicRMW(LLVMBuilderRef B, LLVMAtomicRMWBinOp op, LLVMValueRef PTR, LLVMValueRef Val, LLVMAtomicOrdering ordering, LLVMBool singleThread) KERN_LLVM_API(LLVMBuildAtomicRMW);
LLVMValueRef LLVMBuildCall2(LLVMBuilderRef, LLVMTypeRef, LLVMValueRef Fn, LLVMValueRef *Args, unsigned NumArgs, const char *Name) KERN_LLVM_API(LLVMBuildCall2);
LLVMValueRef LLVMBuildPhi(LLVMBuilderRef, LLVMTypeRef Ty, const char *Name) KERN_LLVM_API(LLVMBuildPhi);
void LLVMAddIncoming(LLVMValueRef PhiNode, LLVMValueRef *IncomingValues, LLVMBasicBlockRef *IncomingBlocks, unsigned Count) KERN_LLVM_API(LLVMAddIncoming);
LLVMValueRef LLVMBuildBr(LLVMBuilderRef, LLVMBasicBlockRef Dest) KERN_LLVM_API(LLVMBuildBr);
LLVMValueRef LLVMBuildCondBr(LLVMBuilderRef, LLVMValueRef If, LLVMBasicBlockRef Then, LLVMBasicBlockRef Else) KERN_LLVM_API(LLVMBuildCondBr);
LLVMValueRef LLVMBuildRet(LLVMBuilderRef, LLVMValueRef V) KERN_LLVM_API(LLVMBuildRet);
LLVMValueRef LLVMBuildRetVoid(LLVMBuilderRef) KERN_LLVM_API(LLVMBuildRetVoid);
LLVMValueRef LLVMBuildUnreachable(LLVMBuilderRef) KERN_LLVM_API(LLVMBuildUnreachable);
LLVMDIBuilderRef LLVMCreateDIBuilder(LLVMModuleRef M) KERN_LLVM_API(LLVMCreateDIBuilder);
void LLVMDisposeDIBuilder(LLVMDIBuilderRef Builder) KERN_LLVM_API(LLVMDisposeDIBuilder);
void LLVMDIBuilderFinalize(LLVMDIBuilderRef Builder) KERN_LLVM_API(LLVMDIBuilderFinalize);
LLVMMetadataRef LLVMDIBuilderCreateFile(LLVMDIBuilderRef Builder, const char *Filename, size_t FilenameLen, const char *Directory, size_t DirectoryLen) KERN_LLVM_API(LLVMDIBuilderCreateFile);
LLVMMetadataRef LLVMDIBuilderCreateCompileUnit(LLVMDIBuilderRef Builder, LLVMDWARFSourceLanguage Lang, LLVMMetadataRef FileRef, const char *Producer, size_t ProducerLen, LLVMBool isOptimized, const char *Flags, size_t FlagsLen, unsigned RuntimeVer, const char *SplitName, size_t SplitNameLen, LLVMDWARFEmissionKind Kind, unsigned DWOId, LLVMBool SplitDebugInlining, LLVMBool DebugInfoForProfiling, const char *SysRoot, size_t SysRootLen, const char *SDK, size_t SDKLen) KERN_LLVM_API(LLVMDIBuilderCreateCompileUnit);
LLVMMetadataRef LLVMDIBuilderCreateSubroutineType(LLVMDIBuilderRef Builder, LLVMMetadataRef File, LLVMMetadataRef *ParameterTypes, unsigned NumParameterTypes, LLVMDIFlags Flags) KERN_LLVM_API(LLVMDIBuilderCreateSubroutineType);
LLVMMetadataRef LLVMDIBuilderCreateFunction(LLVMDIBuilderRef Builder, LLVMMetadataRef Scope, const char *Name, size_t NameLen, const char *LinkageName, size_t LinkageNameLen, LLVMMetadataRef File, unsigned LineNo, LLVMMetadataRef Ty, LLVMBool IsLocalToUnit, LLVMBool IsDefinition, unsigned ScopeLine, LLVMDIFlags Flags, LLVMBool IsOptimized) KERN_LLVM_API(LLVMDIBuilderCreateFunction);
LLVMMetadataRef LLVMDIBuilderCreateDebugLocation(LLVMContextRef Ctx, unsigned Line, unsigned Column, LLVMMetadataRef Scope, LLVMMetadataRef InlinedAt) KERN_LLVM_API(LLVMDIBuilderCreateDebugLocation);
void LLVMSetSubprogram(LLVMValueRef Func, LLVMMetadataRef SP) KERN_LLVM_API(LLVMSetSubprogram);
LLVMMetadataRef LLVMGetCurrentDebugLocation2(LLVMBuilderRef Builder) KERN_LLVM_API(LLVMGetCurrentDebugLocation2);
void LLVMSetCurrentDebugLocation2(LLVMBuilderRef Builder, LLVMMetadataRef Loc) KERN_LLVM_API(LLVMSetCurrentDebugLocation2);
unsigned LLVMDebugMetadataVersion(void) KERN_LLVM_API(LLVMDebugMetadataVersion);
char *LLVMGetDefaultTargetTriple(void) KERN_LLVM_API(LLVMGetDefaultTargetTriple);
char *LLVMGetHostCPUName(void) KERN_LLVM_API(LLVMGetHostCPUName);
char *LLVMGetHostCPUFeatures(void) KERN_LLVM_API(LLVMGetHostCPUFeatures);
LLVMBool LLVMGetTargetFromTriple(const char *Triple, LLVMTargetRef *T, char **ErrorMessage) KERN_LLVM_API(LLVMGetTargetFromTriple);
LLVMTargetMachineRef LLVMCreateTargetMachine(LLVMTargetRef T, const char *Triple, const char *CPU, const char *Features, LLVMCodeGenOptLevel Level, LLVMRelocMode Reloc, LLVMCodeModel CodeModel) KERN_LLVM_API(LLVMCreateTargetMachine);
void LLVMDisposeTargetMachine(LLVMTargetMachineRef T) KERN_LLVM_API(LLVMDisposeTargetMachine);
LLVMTargetDataRef LLVMCreateTargetDataLayout(LLVMTargetMachineRef T) KERN_LLVM_API(LLVMCreateTargetDataLayout);
void LLVMDisposeTargetData(LLVMTargetDataRef TD) KERN_LLVM_API(LLVMDisposeTargetData);
LLVMBool LLVMTargetMachineEmitToMemoryBuffer(LLVMTargetMachineRef T, LLVMModuleRef M, LLVMCodeGenFileType codegen, char **ErrorMessage, LLVMMemoryBufferRef *OutMemBuf) KERN_LLVM_API(LLVMTargetMachineEmitToMemoryBuffer);
LLVMPassBuilderOptionsRef LLVMCreatePassBuilderOptions(void) KERN_LLVM_API(LLVMCreatePassBuilderOptions);
void LLVMDisposePassBuilderOptions(LLVMPassBuilderOptionsRef Options) KERN_LLVM_API(LLVMDisposePassBuilderOptions);
void LLVMPassBuilderOptionsSetLoopVectorization(LLVMPassBuilderOptionsRef Options, LLVMBool LoopVectorization) KERN_LLVM_API(LLVMPassBuilderOptionsSetLoopVectorization);
void LLVMPassBuilderOptionsSetSLPVectorization(LLVMPassBuilderOptionsRef Options, LLVMBool SLPVectorization) KERN_LLVM_API(LLVMPassBuilderOptionsSetSLPVectorization);
void LLVMPassBuilderOptionsSetLoopUnrolling(LLVMPassBuilderOptionsRef Options, LLVMBool LoopUnrolling) KERN_LLVM_API(LLVMPassBuilderOptionsSetLoopUnrolling);
void LLVMPassBuilderOptionsSetLoopInterleaving(LLVMPassBuilderOptionsRef Options, LLVMBool LoopInterleaving) KERN_LLVM_API(LLVMPassBuilderOptionsSetLoopInterleaving);
LLVMErrorRef LLVMRunPasses(LLVMModuleRef M, const char *Passes, LLVMTargetMachineRef TM, LLVMPassBuilderOptionsRef Options) KERN_LLVM_API(LLVMRunPasses);
LLVMOrcThreadSafeContextRef LLVMOrcCreateNewThreadSafeContext(void) KERN_LLVM_API(LLVMOrcCreateNewThreadSafeContext);
LLVMOrcThreadSafeContextRef LLVMOrcCreateNewThreadSafeContextFromLLVMContext(LLVMContextRef Ctx) KERN_LLVM_API(LLVMOrcCreateNewThreadSafeContextFromLLVMContext);  /* optional: may be absent */
LLVMContextRef LLVMOrcThreadSafeContextGetContext(LLVMOrcThreadSafeContextRef TSCtx) KERN_LLVM_API(LLVMOrcThreadSafeContextGetContext);  /* optional: may be absent */
void LLVMOrcDisposeThreadSafeContext(LLVMOrcThreadSafeContextRef TSCtx) KERN_LLVM_API(LLVMOrcDisposeThreadSafeContext);
LLVMOrcThreadSafeModuleRef LLVMOrcCreateNewThreadSafeModule(LLVMModuleRef M, LLVMOrcThreadSafeContextRef TSCtx) KERN_LLVM_API(LLVMOrcCreateNewThreadSafeModule);
LLVMOrcLLJITBuilderRef LLVMOrcCreateLLJITBuilder(void) KERN_LLVM_API(LLVMOrcCreateLLJITBuilder);
LLVMOrcJITTargetMachineBuilderRef LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(LLVMTargetMachineRef TM) KERN_LLVM_API(LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine);
void LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(LLVMOrcLLJITBuilderRef Builder, LLVMOrcJITTargetMachineBuilderRef JTMB) KERN_LLVM_API(LLVMOrcLLJITBuilderSetJITTargetMachineBuilder);
LLVMErrorRef LLVMOrcCreateLLJIT(LLVMOrcLLJITRef *Result, LLVMOrcLLJITBuilderRef Builder) KERN_LLVM_API(LLVMOrcCreateLLJIT);
LLVMErrorRef LLVMOrcDisposeLLJIT(LLVMOrcLLJITRef J) KERN_LLVM_API(LLVMOrcDisposeLLJIT);
LLVMOrcExecutionSessionRef LLVMOrcLLJITGetExecutionSession(LLVMOrcLLJITRef J) KERN_LLVM_API(LLVMOrcLLJITGetExecutionSession);
char LLVMOrcLLJITGetGlobalPrefix(LLVMOrcLLJITRef J) KERN_LLVM_API(LLVMOrcLLJITGetGlobalPrefix);
LLVMOrcSymbolStringPoolEntryRef LLVMOrcLLJITMangleAndIntern(LLVMOrcLLJITRef J, const char *UnmangledName) KERN_LLVM_API(LLVMOrcLLJITMangleAndIntern);
LLVMErrorRef LLVMOrcLLJITAddLLVMIRModule(LLVMOrcLLJITRef J, LLVMOrcJITDylibRef JD, LLVMOrcThreadSafeModuleRef TSM) KERN_LLVM_API(LLVMOrcLLJITAddLLVMIRModule);
LLVMErrorRef LLVMOrcLLJITAddObjectFile(LLVMOrcLLJITRef J, LLVMOrcJITDylibRef JD, LLVMMemoryBufferRef ObjBuffer) KERN_LLVM_API(LLVMOrcLLJITAddObjectFile);
LLVMErrorRef LLVMOrcExecutionSessionCreateJITDylib(LLVMOrcExecutionSessionRef ES, LLVMOrcJITDylibRef *Result, const char *Name) KERN_LLVM_API(LLVMOrcExecutionSessionCreateJITDylib);
void LLVMOrcExecutionSessionSetErrorReporter(LLVMOrcExecutionSessionRef ES, LLVMOrcErrorReporterFunction ReportError, void *Ctx) KERN_LLVM_API(LLVMOrcExecutionSessionSetErrorReporter);
void LLVMOrcExecutionSessionLookup(LLVMOrcExecutionSessionRef ES, LLVMOrcLookupKind K, LLVMOrcCJITDylibSearchOrder SearchOrder, size_t SearchOrderSize, LLVMOrcCLookupSet Symbols, size_t SymbolsSize, LLVMOrcExecutionSessionLookupHandleResultFunction HandleResult, void *Ctx) KERN_LLVM_API(LLVMOrcExecutionSessionLookup);
LLVMErrorRef LLVMOrcJITDylibDefine(LLVMOrcJITDylibRef JD, LLVMOrcMaterializationUnitRef MU) KERN_LLVM_API(LLVMOrcJITDylibDefine);
LLVMErrorRef LLVMOrcJITDylibClear(LLVMOrcJITDylibRef JD) KERN_LLVM_API(LLVMOrcJITDylibClear);
void LLVMOrcJITDylibAddGenerator(LLVMOrcJITDylibRef JD, LLVMOrcDefinitionGeneratorRef DG) KERN_LLVM_API(LLVMOrcJITDylibAddGenerator);
LLVMErrorRef LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(LLVMOrcDefinitionGeneratorRef *Result, char GlobalPrefx, LLVMOrcSymbolPredicate Filter, void *FilterCtx) KERN_LLVM_API(LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess);
LLVMOrcMaterializationUnitRef LLVMOrcAbsoluteSymbols(LLVMOrcCSymbolMapPairs Syms, size_t NumPairs) KERN_LLVM_API(LLVMOrcAbsoluteSymbols);
void LLVMOrcRetainSymbolStringPoolEntry(LLVMOrcSymbolStringPoolEntryRef S) KERN_LLVM_API(LLVMOrcRetainSymbolStringPoolEntry);
void LLVMOrcReleaseSymbolStringPoolEntry(LLVMOrcSymbolStringPoolEntryRef S) KERN_LLVM_API(LLVMOrcReleaseSymbolStringPoolEntry);

#define KERN_LLVM_FUNCTION_COUNT 212

#endif
