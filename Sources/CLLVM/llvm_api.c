/* DO NOT EDIT: written by scripts/gen-llvm-api.py from LLVM 22.1.8's llvm-c
 * headers and scripts/llvm-api.txt. Edit those and run the script again. */

#include "llvm_api_table.h"

const char *const kern_llvm_function_names[KERN_LLVM_FUNCTION_COUNT] = {
    "LLVMGetVersion",
    "LLVMParseCommandLineOptions",
    "LLVMInitializeX86TargetInfo",
    "LLVMInitializeX86Target",
    "LLVMInitializeX86TargetMC",
    "LLVMInitializeX86AsmPrinter",
    "LLVMInitializeX86AsmParser",
    "LLVMInitializeAArch64TargetInfo",
    "LLVMInitializeAArch64Target",
    "LLVMInitializeAArch64TargetMC",
    "LLVMInitializeAArch64AsmPrinter",
    "LLVMInitializeAArch64AsmParser",
    "LLVMContextCreate",
    "LLVMContextSetDiagnosticHandler",
    "LLVMGetDiagInfoDescription",
    "LLVMGetDiagInfoSeverity",
    "LLVMDisposeMessage",
    "LLVMCreateStringError",
    "LLVMGetErrorMessage",
    "LLVMDisposeErrorMessage",
    "LLVMDisposeMemoryBuffer",
    "LLVMGetBufferSize",
    "LLVMGetBufferStart",
    "LLVMCreateMemoryBufferWithMemoryRangeCopy",
    "LLVMVoidTypeInContext",
    "LLVMInt1TypeInContext",
    "LLVMInt8TypeInContext",
    "LLVMInt32TypeInContext",
    "LLVMInt64TypeInContext",
    "LLVMIntTypeInContext",
    "LLVMPointerTypeInContext",
    "LLVMFloatTypeInContext",
    "LLVMDoubleTypeInContext",
    "LLVMStructTypeInContext",
    "LLVMStructGetTypeAtIndex",
    "LLVMFunctionType",
    "LLVMArrayType2",
    "LLVMVectorType",
    "LLVMGetTypeKind",
    "LLVMGetIntTypeWidth",
    "LLVMTypeOf",
    "LLVMConstInt",
    "LLVMConstReal",
    "LLVMConstNull",
    "LLVMConstAllOnes",
    "LLVMConstArray2",
    "LLVMConstVector",
    "LLVMConstStringInContext2",
    "LLVMConstIntGetSExtValue",
    "LLVMGetPoison",
    "LLVMIsAConstantInt",
    "LLVMIsAInstruction",
    "LLVMGetValueName2",
    "LLVMSetValueName2",
    "LLVMGetEnumAttributeKindForName",
    "LLVMCreateEnumAttribute",
    "LLVMCreateStringAttribute",
    "LLVMAddAttributeAtIndex",
    "LLVMAddCallSiteAttribute",
    "LLVMGetMDKindIDInContext",
    "LLVMMDStringInContext2",
    "LLVMMDNodeInContext2",
    "LLVMTemporaryMDNode",
    "LLVMMetadataReplaceAllUsesWith",
    "LLVMValueAsMetadata",
    "LLVMMetadataAsValue",
    "LLVMSetMetadata",
    "LLVMModuleCreateWithNameInContext",
    "LLVMCloneModule",
    "LLVMDisposeModule",
    "LLVMSetTarget",
    "LLVMSetModuleInlineAsm2",
    "LLVMSetModuleDataLayout",
    "LLVMAddModuleFlag",
    "LLVMPrintModuleToString",
    "LLVMVerifyModule",
    "LLVMAddFunction",
    "LLVMGetNamedFunction",
    "LLVMGetFirstFunction",
    "LLVMGetNextFunction",
    "LLVMGetParam",
    "LLVMSetLinkage",
    "LLVMSetVisibility",
    "LLVMDeleteFunction",
    "LLVMSetSection",
    "LLVMAddGlobal",
    "LLVMSetInitializer",
    "LLVMSetGlobalConstant",
    "LLVMSetUnnamedAddress",
    "LLVMSetAlignment",
    "LLVMLookupIntrinsicID",
    "LLVMGetIntrinsicDeclaration",
    "LLVMIntrinsicGetType",
    "LLVMAppendBasicBlockInContext",
    "LLVMGetBasicBlockParent",
    "LLVMGetBasicBlockTerminator",
    "LLVMGetEntryBasicBlock",
    "LLVMGetFirstInstruction",
    "LLVMCreateBuilderInContext",
    "LLVMDisposeBuilder",
    "LLVMPositionBuilderAtEnd",
    "LLVMPositionBuilderBefore",
    "LLVMGetInsertBlock",
    "LLVMCanValueUseFastMathFlags",
    "LLVMSetFastMathFlags",
    "LLVMBuildAdd",
    "LLVMBuildNSWAdd",
    "LLVMBuildSub",
    "LLVMBuildMul",
    "LLVMBuildNSWMul",
    "LLVMBuildSDiv",
    "LLVMBuildUDiv",
    "LLVMBuildSRem",
    "LLVMBuildURem",
    "LLVMBuildAnd",
    "LLVMBuildOr",
    "LLVMBuildXor",
    "LLVMBuildShl",
    "LLVMBuildLShr",
    "LLVMBuildAShr",
    "LLVMBuildNeg",
    "LLVMBuildNot",
    "LLVMBuildFAdd",
    "LLVMBuildFSub",
    "LLVMBuildFMul",
    "LLVMBuildFDiv",
    "LLVMBuildFRem",
    "LLVMBuildFNeg",
    "LLVMBuildICmp",
    "LLVMBuildFCmp",
    "LLVMBuildSelect",
    "LLVMBuildTrunc",
    "LLVMBuildZExt",
    "LLVMBuildSExt",
    "LLVMBuildFPExt",
    "LLVMBuildFPTrunc",
    "LLVMBuildFPToSI",
    "LLVMBuildSIToFP",
    "LLVMBuildUIToFP",
    "LLVMBuildBitCast",
    "LLVMBuildAlloca",
    "LLVMBuildLoad2",
    "LLVMBuildStore",
    "LLVMBuildInBoundsGEP2",
    "LLVMBuildStructGEP2",
    "LLVMBuildExtractElement",
    "LLVMBuildInsertElement",
    "LLVMBuildShuffleVector",
    "LLVMBuildExtractValue",
    "LLVMBuildInsertValue",
    "LLVMBuildAtomicRMW",
    "LLVMBuildCall2",
    "LLVMBuildPhi",
    "LLVMAddIncoming",
    "LLVMBuildBr",
    "LLVMBuildCondBr",
    "LLVMBuildRet",
    "LLVMBuildRetVoid",
    "LLVMBuildUnreachable",
    "LLVMCreateDIBuilder",
    "LLVMDisposeDIBuilder",
    "LLVMDIBuilderFinalize",
    "LLVMDIBuilderCreateFile",
    "LLVMDIBuilderCreateCompileUnit",
    "LLVMDIBuilderCreateSubroutineType",
    "LLVMDIBuilderCreateFunction",
    "LLVMDIBuilderCreateDebugLocation",
    "LLVMSetSubprogram",
    "LLVMGetCurrentDebugLocation2",
    "LLVMSetCurrentDebugLocation2",
    "LLVMDebugMetadataVersion",
    "LLVMGetDefaultTargetTriple",
    "LLVMGetHostCPUName",
    "LLVMGetHostCPUFeatures",
    "LLVMGetTargetFromTriple",
    "LLVMCreateTargetMachine",
    "LLVMDisposeTargetMachine",
    "LLVMCreateTargetDataLayout",
    "LLVMDisposeTargetData",
    "LLVMTargetMachineEmitToMemoryBuffer",
    "LLVMCreatePassBuilderOptions",
    "LLVMDisposePassBuilderOptions",
    "LLVMPassBuilderOptionsSetLoopVectorization",
    "LLVMPassBuilderOptionsSetSLPVectorization",
    "LLVMPassBuilderOptionsSetLoopUnrolling",
    "LLVMPassBuilderOptionsSetLoopInterleaving",
    "LLVMRunPasses",
    "LLVMOrcCreateNewThreadSafeContext",
    "LLVMOrcCreateNewThreadSafeContextFromLLVMContext",
    "LLVMOrcThreadSafeContextGetContext",
    "LLVMOrcDisposeThreadSafeContext",
    "LLVMOrcCreateNewThreadSafeModule",
    "LLVMOrcCreateLLJITBuilder",
    "LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine",
    "LLVMOrcLLJITBuilderSetJITTargetMachineBuilder",
    "LLVMOrcCreateLLJIT",
    "LLVMOrcDisposeLLJIT",
    "LLVMOrcLLJITGetExecutionSession",
    "LLVMOrcLLJITGetGlobalPrefix",
    "LLVMOrcLLJITMangleAndIntern",
    "LLVMOrcLLJITAddLLVMIRModule",
    "LLVMOrcLLJITAddObjectFile",
    "LLVMOrcExecutionSessionCreateJITDylib",
    "LLVMOrcExecutionSessionSetErrorReporter",
    "LLVMOrcExecutionSessionLookup",
    "LLVMOrcJITDylibDefine",
    "LLVMOrcJITDylibClear",
    "LLVMOrcJITDylibAddGenerator",
    "LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess",
    "LLVMOrcAbsoluteSymbols",
    "LLVMOrcRetainSymbolStringPoolEntry",
    "LLVMOrcReleaseSymbolStringPoolEntry",
};
const unsigned char kern_llvm_function_optional[KERN_LLVM_FUNCTION_COUNT] = {
    0, /* LLVMGetVersion */
    0, /* LLVMParseCommandLineOptions */
    1, /* LLVMInitializeX86TargetInfo */
    1, /* LLVMInitializeX86Target */
    1, /* LLVMInitializeX86TargetMC */
    1, /* LLVMInitializeX86AsmPrinter */
    1, /* LLVMInitializeX86AsmParser */
    1, /* LLVMInitializeAArch64TargetInfo */
    1, /* LLVMInitializeAArch64Target */
    1, /* LLVMInitializeAArch64TargetMC */
    1, /* LLVMInitializeAArch64AsmPrinter */
    1, /* LLVMInitializeAArch64AsmParser */
    0, /* LLVMContextCreate */
    0, /* LLVMContextSetDiagnosticHandler */
    0, /* LLVMGetDiagInfoDescription */
    0, /* LLVMGetDiagInfoSeverity */
    0, /* LLVMDisposeMessage */
    0, /* LLVMCreateStringError */
    0, /* LLVMGetErrorMessage */
    0, /* LLVMDisposeErrorMessage */
    0, /* LLVMDisposeMemoryBuffer */
    0, /* LLVMGetBufferSize */
    0, /* LLVMGetBufferStart */
    0, /* LLVMCreateMemoryBufferWithMemoryRangeCopy */
    0, /* LLVMVoidTypeInContext */
    0, /* LLVMInt1TypeInContext */
    0, /* LLVMInt8TypeInContext */
    0, /* LLVMInt32TypeInContext */
    0, /* LLVMInt64TypeInContext */
    0, /* LLVMIntTypeInContext */
    0, /* LLVMPointerTypeInContext */
    0, /* LLVMFloatTypeInContext */
    0, /* LLVMDoubleTypeInContext */
    0, /* LLVMStructTypeInContext */
    0, /* LLVMStructGetTypeAtIndex */
    0, /* LLVMFunctionType */
    0, /* LLVMArrayType2 */
    0, /* LLVMVectorType */
    0, /* LLVMGetTypeKind */
    0, /* LLVMGetIntTypeWidth */
    0, /* LLVMTypeOf */
    0, /* LLVMConstInt */
    0, /* LLVMConstReal */
    0, /* LLVMConstNull */
    0, /* LLVMConstAllOnes */
    0, /* LLVMConstArray2 */
    0, /* LLVMConstVector */
    0, /* LLVMConstStringInContext2 */
    0, /* LLVMConstIntGetSExtValue */
    0, /* LLVMGetPoison */
    0, /* LLVMIsAConstantInt */
    0, /* LLVMIsAInstruction */
    0, /* LLVMGetValueName2 */
    0, /* LLVMSetValueName2 */
    0, /* LLVMGetEnumAttributeKindForName */
    0, /* LLVMCreateEnumAttribute */
    0, /* LLVMCreateStringAttribute */
    0, /* LLVMAddAttributeAtIndex */
    0, /* LLVMAddCallSiteAttribute */
    0, /* LLVMGetMDKindIDInContext */
    0, /* LLVMMDStringInContext2 */
    0, /* LLVMMDNodeInContext2 */
    0, /* LLVMTemporaryMDNode */
    0, /* LLVMMetadataReplaceAllUsesWith */
    0, /* LLVMValueAsMetadata */
    0, /* LLVMMetadataAsValue */
    0, /* LLVMSetMetadata */
    0, /* LLVMModuleCreateWithNameInContext */
    0, /* LLVMCloneModule */
    0, /* LLVMDisposeModule */
    0, /* LLVMSetTarget */
    0, /* LLVMSetModuleInlineAsm2 */
    0, /* LLVMSetModuleDataLayout */
    0, /* LLVMAddModuleFlag */
    0, /* LLVMPrintModuleToString */
    0, /* LLVMVerifyModule */
    0, /* LLVMAddFunction */
    0, /* LLVMGetNamedFunction */
    0, /* LLVMGetFirstFunction */
    0, /* LLVMGetNextFunction */
    0, /* LLVMGetParam */
    0, /* LLVMSetLinkage */
    0, /* LLVMSetVisibility */
    0, /* LLVMDeleteFunction */
    0, /* LLVMSetSection */
    0, /* LLVMAddGlobal */
    0, /* LLVMSetInitializer */
    0, /* LLVMSetGlobalConstant */
    0, /* LLVMSetUnnamedAddress */
    0, /* LLVMSetAlignment */
    0, /* LLVMLookupIntrinsicID */
    0, /* LLVMGetIntrinsicDeclaration */
    0, /* LLVMIntrinsicGetType */
    0, /* LLVMAppendBasicBlockInContext */
    0, /* LLVMGetBasicBlockParent */
    0, /* LLVMGetBasicBlockTerminator */
    0, /* LLVMGetEntryBasicBlock */
    0, /* LLVMGetFirstInstruction */
    0, /* LLVMCreateBuilderInContext */
    0, /* LLVMDisposeBuilder */
    0, /* LLVMPositionBuilderAtEnd */
    0, /* LLVMPositionBuilderBefore */
    0, /* LLVMGetInsertBlock */
    0, /* LLVMCanValueUseFastMathFlags */
    0, /* LLVMSetFastMathFlags */
    0, /* LLVMBuildAdd */
    0, /* LLVMBuildNSWAdd */
    0, /* LLVMBuildSub */
    0, /* LLVMBuildMul */
    0, /* LLVMBuildNSWMul */
    0, /* LLVMBuildSDiv */
    0, /* LLVMBuildUDiv */
    0, /* LLVMBuildSRem */
    0, /* LLVMBuildURem */
    0, /* LLVMBuildAnd */
    0, /* LLVMBuildOr */
    0, /* LLVMBuildXor */
    0, /* LLVMBuildShl */
    0, /* LLVMBuildLShr */
    0, /* LLVMBuildAShr */
    0, /* LLVMBuildNeg */
    0, /* LLVMBuildNot */
    0, /* LLVMBuildFAdd */
    0, /* LLVMBuildFSub */
    0, /* LLVMBuildFMul */
    0, /* LLVMBuildFDiv */
    0, /* LLVMBuildFRem */
    0, /* LLVMBuildFNeg */
    0, /* LLVMBuildICmp */
    0, /* LLVMBuildFCmp */
    0, /* LLVMBuildSelect */
    0, /* LLVMBuildTrunc */
    0, /* LLVMBuildZExt */
    0, /* LLVMBuildSExt */
    0, /* LLVMBuildFPExt */
    0, /* LLVMBuildFPTrunc */
    0, /* LLVMBuildFPToSI */
    0, /* LLVMBuildSIToFP */
    0, /* LLVMBuildUIToFP */
    0, /* LLVMBuildBitCast */
    0, /* LLVMBuildAlloca */
    0, /* LLVMBuildLoad2 */
    0, /* LLVMBuildStore */
    0, /* LLVMBuildInBoundsGEP2 */
    0, /* LLVMBuildStructGEP2 */
    0, /* LLVMBuildExtractElement */
    0, /* LLVMBuildInsertElement */
    0, /* LLVMBuildShuffleVector */
    0, /* LLVMBuildExtractValue */
    0, /* LLVMBuildInsertValue */
    0, /* LLVMBuildAtomicRMW */
    0, /* LLVMBuildCall2 */
    0, /* LLVMBuildPhi */
    0, /* LLVMAddIncoming */
    0, /* LLVMBuildBr */
    0, /* LLVMBuildCondBr */
    0, /* LLVMBuildRet */
    0, /* LLVMBuildRetVoid */
    0, /* LLVMBuildUnreachable */
    0, /* LLVMCreateDIBuilder */
    0, /* LLVMDisposeDIBuilder */
    0, /* LLVMDIBuilderFinalize */
    0, /* LLVMDIBuilderCreateFile */
    0, /* LLVMDIBuilderCreateCompileUnit */
    0, /* LLVMDIBuilderCreateSubroutineType */
    0, /* LLVMDIBuilderCreateFunction */
    0, /* LLVMDIBuilderCreateDebugLocation */
    0, /* LLVMSetSubprogram */
    0, /* LLVMGetCurrentDebugLocation2 */
    0, /* LLVMSetCurrentDebugLocation2 */
    0, /* LLVMDebugMetadataVersion */
    0, /* LLVMGetDefaultTargetTriple */
    0, /* LLVMGetHostCPUName */
    0, /* LLVMGetHostCPUFeatures */
    0, /* LLVMGetTargetFromTriple */
    0, /* LLVMCreateTargetMachine */
    0, /* LLVMDisposeTargetMachine */
    0, /* LLVMCreateTargetDataLayout */
    0, /* LLVMDisposeTargetData */
    0, /* LLVMTargetMachineEmitToMemoryBuffer */
    0, /* LLVMCreatePassBuilderOptions */
    0, /* LLVMDisposePassBuilderOptions */
    0, /* LLVMPassBuilderOptionsSetLoopVectorization */
    0, /* LLVMPassBuilderOptionsSetSLPVectorization */
    0, /* LLVMPassBuilderOptionsSetLoopUnrolling */
    0, /* LLVMPassBuilderOptionsSetLoopInterleaving */
    0, /* LLVMRunPasses */
    0, /* LLVMOrcCreateNewThreadSafeContext */
    1, /* LLVMOrcCreateNewThreadSafeContextFromLLVMContext */
    1, /* LLVMOrcThreadSafeContextGetContext */
    0, /* LLVMOrcDisposeThreadSafeContext */
    0, /* LLVMOrcCreateNewThreadSafeModule */
    0, /* LLVMOrcCreateLLJITBuilder */
    0, /* LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine */
    0, /* LLVMOrcLLJITBuilderSetJITTargetMachineBuilder */
    0, /* LLVMOrcCreateLLJIT */
    0, /* LLVMOrcDisposeLLJIT */
    0, /* LLVMOrcLLJITGetExecutionSession */
    0, /* LLVMOrcLLJITGetGlobalPrefix */
    0, /* LLVMOrcLLJITMangleAndIntern */
    0, /* LLVMOrcLLJITAddLLVMIRModule */
    0, /* LLVMOrcLLJITAddObjectFile */
    0, /* LLVMOrcExecutionSessionCreateJITDylib */
    0, /* LLVMOrcExecutionSessionSetErrorReporter */
    0, /* LLVMOrcExecutionSessionLookup */
    0, /* LLVMOrcJITDylibDefine */
    0, /* LLVMOrcJITDylibClear */
    0, /* LLVMOrcJITDylibAddGenerator */
    0, /* LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess */
    0, /* LLVMOrcAbsoluteSymbols */
    0, /* LLVMOrcRetainSymbolStringPoolEntry */
    0, /* LLVMOrcReleaseSymbolStringPoolEntry */
};

enum {
    KERN_LLVM_INDEX_LLVMGetVersion,
    KERN_LLVM_INDEX_LLVMParseCommandLineOptions,
    KERN_LLVM_INDEX_LLVMInitializeX86TargetInfo,
    KERN_LLVM_INDEX_LLVMInitializeX86Target,
    KERN_LLVM_INDEX_LLVMInitializeX86TargetMC,
    KERN_LLVM_INDEX_LLVMInitializeX86AsmPrinter,
    KERN_LLVM_INDEX_LLVMInitializeX86AsmParser,
    KERN_LLVM_INDEX_LLVMInitializeAArch64TargetInfo,
    KERN_LLVM_INDEX_LLVMInitializeAArch64Target,
    KERN_LLVM_INDEX_LLVMInitializeAArch64TargetMC,
    KERN_LLVM_INDEX_LLVMInitializeAArch64AsmPrinter,
    KERN_LLVM_INDEX_LLVMInitializeAArch64AsmParser,
    KERN_LLVM_INDEX_LLVMContextCreate,
    KERN_LLVM_INDEX_LLVMContextSetDiagnosticHandler,
    KERN_LLVM_INDEX_LLVMGetDiagInfoDescription,
    KERN_LLVM_INDEX_LLVMGetDiagInfoSeverity,
    KERN_LLVM_INDEX_LLVMDisposeMessage,
    KERN_LLVM_INDEX_LLVMCreateStringError,
    KERN_LLVM_INDEX_LLVMGetErrorMessage,
    KERN_LLVM_INDEX_LLVMDisposeErrorMessage,
    KERN_LLVM_INDEX_LLVMDisposeMemoryBuffer,
    KERN_LLVM_INDEX_LLVMGetBufferSize,
    KERN_LLVM_INDEX_LLVMGetBufferStart,
    KERN_LLVM_INDEX_LLVMCreateMemoryBufferWithMemoryRangeCopy,
    KERN_LLVM_INDEX_LLVMVoidTypeInContext,
    KERN_LLVM_INDEX_LLVMInt1TypeInContext,
    KERN_LLVM_INDEX_LLVMInt8TypeInContext,
    KERN_LLVM_INDEX_LLVMInt32TypeInContext,
    KERN_LLVM_INDEX_LLVMInt64TypeInContext,
    KERN_LLVM_INDEX_LLVMIntTypeInContext,
    KERN_LLVM_INDEX_LLVMPointerTypeInContext,
    KERN_LLVM_INDEX_LLVMFloatTypeInContext,
    KERN_LLVM_INDEX_LLVMDoubleTypeInContext,
    KERN_LLVM_INDEX_LLVMStructTypeInContext,
    KERN_LLVM_INDEX_LLVMStructGetTypeAtIndex,
    KERN_LLVM_INDEX_LLVMFunctionType,
    KERN_LLVM_INDEX_LLVMArrayType2,
    KERN_LLVM_INDEX_LLVMVectorType,
    KERN_LLVM_INDEX_LLVMGetTypeKind,
    KERN_LLVM_INDEX_LLVMGetIntTypeWidth,
    KERN_LLVM_INDEX_LLVMTypeOf,
    KERN_LLVM_INDEX_LLVMConstInt,
    KERN_LLVM_INDEX_LLVMConstReal,
    KERN_LLVM_INDEX_LLVMConstNull,
    KERN_LLVM_INDEX_LLVMConstAllOnes,
    KERN_LLVM_INDEX_LLVMConstArray2,
    KERN_LLVM_INDEX_LLVMConstVector,
    KERN_LLVM_INDEX_LLVMConstStringInContext2,
    KERN_LLVM_INDEX_LLVMConstIntGetSExtValue,
    KERN_LLVM_INDEX_LLVMGetPoison,
    KERN_LLVM_INDEX_LLVMIsAConstantInt,
    KERN_LLVM_INDEX_LLVMIsAInstruction,
    KERN_LLVM_INDEX_LLVMGetValueName2,
    KERN_LLVM_INDEX_LLVMSetValueName2,
    KERN_LLVM_INDEX_LLVMGetEnumAttributeKindForName,
    KERN_LLVM_INDEX_LLVMCreateEnumAttribute,
    KERN_LLVM_INDEX_LLVMCreateStringAttribute,
    KERN_LLVM_INDEX_LLVMAddAttributeAtIndex,
    KERN_LLVM_INDEX_LLVMAddCallSiteAttribute,
    KERN_LLVM_INDEX_LLVMGetMDKindIDInContext,
    KERN_LLVM_INDEX_LLVMMDStringInContext2,
    KERN_LLVM_INDEX_LLVMMDNodeInContext2,
    KERN_LLVM_INDEX_LLVMTemporaryMDNode,
    KERN_LLVM_INDEX_LLVMMetadataReplaceAllUsesWith,
    KERN_LLVM_INDEX_LLVMValueAsMetadata,
    KERN_LLVM_INDEX_LLVMMetadataAsValue,
    KERN_LLVM_INDEX_LLVMSetMetadata,
    KERN_LLVM_INDEX_LLVMModuleCreateWithNameInContext,
    KERN_LLVM_INDEX_LLVMCloneModule,
    KERN_LLVM_INDEX_LLVMDisposeModule,
    KERN_LLVM_INDEX_LLVMSetTarget,
    KERN_LLVM_INDEX_LLVMSetModuleInlineAsm2,
    KERN_LLVM_INDEX_LLVMSetModuleDataLayout,
    KERN_LLVM_INDEX_LLVMAddModuleFlag,
    KERN_LLVM_INDEX_LLVMPrintModuleToString,
    KERN_LLVM_INDEX_LLVMVerifyModule,
    KERN_LLVM_INDEX_LLVMAddFunction,
    KERN_LLVM_INDEX_LLVMGetNamedFunction,
    KERN_LLVM_INDEX_LLVMGetFirstFunction,
    KERN_LLVM_INDEX_LLVMGetNextFunction,
    KERN_LLVM_INDEX_LLVMGetParam,
    KERN_LLVM_INDEX_LLVMSetLinkage,
    KERN_LLVM_INDEX_LLVMSetVisibility,
    KERN_LLVM_INDEX_LLVMDeleteFunction,
    KERN_LLVM_INDEX_LLVMSetSection,
    KERN_LLVM_INDEX_LLVMAddGlobal,
    KERN_LLVM_INDEX_LLVMSetInitializer,
    KERN_LLVM_INDEX_LLVMSetGlobalConstant,
    KERN_LLVM_INDEX_LLVMSetUnnamedAddress,
    KERN_LLVM_INDEX_LLVMSetAlignment,
    KERN_LLVM_INDEX_LLVMLookupIntrinsicID,
    KERN_LLVM_INDEX_LLVMGetIntrinsicDeclaration,
    KERN_LLVM_INDEX_LLVMIntrinsicGetType,
    KERN_LLVM_INDEX_LLVMAppendBasicBlockInContext,
    KERN_LLVM_INDEX_LLVMGetBasicBlockParent,
    KERN_LLVM_INDEX_LLVMGetBasicBlockTerminator,
    KERN_LLVM_INDEX_LLVMGetEntryBasicBlock,
    KERN_LLVM_INDEX_LLVMGetFirstInstruction,
    KERN_LLVM_INDEX_LLVMCreateBuilderInContext,
    KERN_LLVM_INDEX_LLVMDisposeBuilder,
    KERN_LLVM_INDEX_LLVMPositionBuilderAtEnd,
    KERN_LLVM_INDEX_LLVMPositionBuilderBefore,
    KERN_LLVM_INDEX_LLVMGetInsertBlock,
    KERN_LLVM_INDEX_LLVMCanValueUseFastMathFlags,
    KERN_LLVM_INDEX_LLVMSetFastMathFlags,
    KERN_LLVM_INDEX_LLVMBuildAdd,
    KERN_LLVM_INDEX_LLVMBuildNSWAdd,
    KERN_LLVM_INDEX_LLVMBuildSub,
    KERN_LLVM_INDEX_LLVMBuildMul,
    KERN_LLVM_INDEX_LLVMBuildNSWMul,
    KERN_LLVM_INDEX_LLVMBuildSDiv,
    KERN_LLVM_INDEX_LLVMBuildUDiv,
    KERN_LLVM_INDEX_LLVMBuildSRem,
    KERN_LLVM_INDEX_LLVMBuildURem,
    KERN_LLVM_INDEX_LLVMBuildAnd,
    KERN_LLVM_INDEX_LLVMBuildOr,
    KERN_LLVM_INDEX_LLVMBuildXor,
    KERN_LLVM_INDEX_LLVMBuildShl,
    KERN_LLVM_INDEX_LLVMBuildLShr,
    KERN_LLVM_INDEX_LLVMBuildAShr,
    KERN_LLVM_INDEX_LLVMBuildNeg,
    KERN_LLVM_INDEX_LLVMBuildNot,
    KERN_LLVM_INDEX_LLVMBuildFAdd,
    KERN_LLVM_INDEX_LLVMBuildFSub,
    KERN_LLVM_INDEX_LLVMBuildFMul,
    KERN_LLVM_INDEX_LLVMBuildFDiv,
    KERN_LLVM_INDEX_LLVMBuildFRem,
    KERN_LLVM_INDEX_LLVMBuildFNeg,
    KERN_LLVM_INDEX_LLVMBuildICmp,
    KERN_LLVM_INDEX_LLVMBuildFCmp,
    KERN_LLVM_INDEX_LLVMBuildSelect,
    KERN_LLVM_INDEX_LLVMBuildTrunc,
    KERN_LLVM_INDEX_LLVMBuildZExt,
    KERN_LLVM_INDEX_LLVMBuildSExt,
    KERN_LLVM_INDEX_LLVMBuildFPExt,
    KERN_LLVM_INDEX_LLVMBuildFPTrunc,
    KERN_LLVM_INDEX_LLVMBuildFPToSI,
    KERN_LLVM_INDEX_LLVMBuildSIToFP,
    KERN_LLVM_INDEX_LLVMBuildUIToFP,
    KERN_LLVM_INDEX_LLVMBuildBitCast,
    KERN_LLVM_INDEX_LLVMBuildAlloca,
    KERN_LLVM_INDEX_LLVMBuildLoad2,
    KERN_LLVM_INDEX_LLVMBuildStore,
    KERN_LLVM_INDEX_LLVMBuildInBoundsGEP2,
    KERN_LLVM_INDEX_LLVMBuildStructGEP2,
    KERN_LLVM_INDEX_LLVMBuildExtractElement,
    KERN_LLVM_INDEX_LLVMBuildInsertElement,
    KERN_LLVM_INDEX_LLVMBuildShuffleVector,
    KERN_LLVM_INDEX_LLVMBuildExtractValue,
    KERN_LLVM_INDEX_LLVMBuildInsertValue,
    KERN_LLVM_INDEX_LLVMBuildAtomicRMW,
    KERN_LLVM_INDEX_LLVMBuildCall2,
    KERN_LLVM_INDEX_LLVMBuildPhi,
    KERN_LLVM_INDEX_LLVMAddIncoming,
    KERN_LLVM_INDEX_LLVMBuildBr,
    KERN_LLVM_INDEX_LLVMBuildCondBr,
    KERN_LLVM_INDEX_LLVMBuildRet,
    KERN_LLVM_INDEX_LLVMBuildRetVoid,
    KERN_LLVM_INDEX_LLVMBuildUnreachable,
    KERN_LLVM_INDEX_LLVMCreateDIBuilder,
    KERN_LLVM_INDEX_LLVMDisposeDIBuilder,
    KERN_LLVM_INDEX_LLVMDIBuilderFinalize,
    KERN_LLVM_INDEX_LLVMDIBuilderCreateFile,
    KERN_LLVM_INDEX_LLVMDIBuilderCreateCompileUnit,
    KERN_LLVM_INDEX_LLVMDIBuilderCreateSubroutineType,
    KERN_LLVM_INDEX_LLVMDIBuilderCreateFunction,
    KERN_LLVM_INDEX_LLVMDIBuilderCreateDebugLocation,
    KERN_LLVM_INDEX_LLVMSetSubprogram,
    KERN_LLVM_INDEX_LLVMGetCurrentDebugLocation2,
    KERN_LLVM_INDEX_LLVMSetCurrentDebugLocation2,
    KERN_LLVM_INDEX_LLVMDebugMetadataVersion,
    KERN_LLVM_INDEX_LLVMGetDefaultTargetTriple,
    KERN_LLVM_INDEX_LLVMGetHostCPUName,
    KERN_LLVM_INDEX_LLVMGetHostCPUFeatures,
    KERN_LLVM_INDEX_LLVMGetTargetFromTriple,
    KERN_LLVM_INDEX_LLVMCreateTargetMachine,
    KERN_LLVM_INDEX_LLVMDisposeTargetMachine,
    KERN_LLVM_INDEX_LLVMCreateTargetDataLayout,
    KERN_LLVM_INDEX_LLVMDisposeTargetData,
    KERN_LLVM_INDEX_LLVMTargetMachineEmitToMemoryBuffer,
    KERN_LLVM_INDEX_LLVMCreatePassBuilderOptions,
    KERN_LLVM_INDEX_LLVMDisposePassBuilderOptions,
    KERN_LLVM_INDEX_LLVMPassBuilderOptionsSetLoopVectorization,
    KERN_LLVM_INDEX_LLVMPassBuilderOptionsSetSLPVectorization,
    KERN_LLVM_INDEX_LLVMPassBuilderOptionsSetLoopUnrolling,
    KERN_LLVM_INDEX_LLVMPassBuilderOptionsSetLoopInterleaving,
    KERN_LLVM_INDEX_LLVMRunPasses,
    KERN_LLVM_INDEX_LLVMOrcCreateNewThreadSafeContext,
    KERN_LLVM_INDEX_LLVMOrcCreateNewThreadSafeContextFromLLVMContext,
    KERN_LLVM_INDEX_LLVMOrcThreadSafeContextGetContext,
    KERN_LLVM_INDEX_LLVMOrcDisposeThreadSafeContext,
    KERN_LLVM_INDEX_LLVMOrcCreateNewThreadSafeModule,
    KERN_LLVM_INDEX_LLVMOrcCreateLLJITBuilder,
    KERN_LLVM_INDEX_LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine,
    KERN_LLVM_INDEX_LLVMOrcLLJITBuilderSetJITTargetMachineBuilder,
    KERN_LLVM_INDEX_LLVMOrcCreateLLJIT,
    KERN_LLVM_INDEX_LLVMOrcDisposeLLJIT,
    KERN_LLVM_INDEX_LLVMOrcLLJITGetExecutionSession,
    KERN_LLVM_INDEX_LLVMOrcLLJITGetGlobalPrefix,
    KERN_LLVM_INDEX_LLVMOrcLLJITMangleAndIntern,
    KERN_LLVM_INDEX_LLVMOrcLLJITAddLLVMIRModule,
    KERN_LLVM_INDEX_LLVMOrcLLJITAddObjectFile,
    KERN_LLVM_INDEX_LLVMOrcExecutionSessionCreateJITDylib,
    KERN_LLVM_INDEX_LLVMOrcExecutionSessionSetErrorReporter,
    KERN_LLVM_INDEX_LLVMOrcExecutionSessionLookup,
    KERN_LLVM_INDEX_LLVMOrcJITDylibDefine,
    KERN_LLVM_INDEX_LLVMOrcJITDylibClear,
    KERN_LLVM_INDEX_LLVMOrcJITDylibAddGenerator,
    KERN_LLVM_INDEX_LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess,
    KERN_LLVM_INDEX_LLVMOrcAbsoluteSymbols,
    KERN_LLVM_INDEX_LLVMOrcRetainSymbolStringPoolEntry,
    KERN_LLVM_INDEX_LLVMOrcReleaseSymbolStringPoolEntry,
};

void LLVMGetVersion(unsigned *Major, unsigned *Minor, unsigned *Patch) { KERN_LLVM_FN(LLVMGetVersion)(Major, Minor, Patch); }
void LLVMParseCommandLineOptions(int argc, const char *const *argv, const char *Overview) { KERN_LLVM_FN(LLVMParseCommandLineOptions)(argc, argv, Overview); }
void LLVMInitializeX86TargetInfo(void) { KERN_LLVM_FN(LLVMInitializeX86TargetInfo)(); }
void LLVMInitializeX86Target(void) { KERN_LLVM_FN(LLVMInitializeX86Target)(); }
void LLVMInitializeX86TargetMC(void) { KERN_LLVM_FN(LLVMInitializeX86TargetMC)(); }
void LLVMInitializeX86AsmPrinter(void) { KERN_LLVM_FN(LLVMInitializeX86AsmPrinter)(); }
void LLVMInitializeX86AsmParser(void) { KERN_LLVM_FN(LLVMInitializeX86AsmParser)(); }
void LLVMInitializeAArch64TargetInfo(void) { KERN_LLVM_FN(LLVMInitializeAArch64TargetInfo)(); }
void LLVMInitializeAArch64Target(void) { KERN_LLVM_FN(LLVMInitializeAArch64Target)(); }
void LLVMInitializeAArch64TargetMC(void) { KERN_LLVM_FN(LLVMInitializeAArch64TargetMC)(); }
void LLVMInitializeAArch64AsmPrinter(void) { KERN_LLVM_FN(LLVMInitializeAArch64AsmPrinter)(); }
void LLVMInitializeAArch64AsmParser(void) { KERN_LLVM_FN(LLVMInitializeAArch64AsmParser)(); }
LLVMContextRef LLVMContextCreate(void) { return KERN_LLVM_FN(LLVMContextCreate)(); }
void LLVMContextSetDiagnosticHandler(LLVMContextRef C, LLVMDiagnosticHandler Handler, void *DiagnosticContext) { KERN_LLVM_FN(LLVMContextSetDiagnosticHandler)(C, Handler, DiagnosticContext); }
char * LLVMGetDiagInfoDescription(LLVMDiagnosticInfoRef DI) { return KERN_LLVM_FN(LLVMGetDiagInfoDescription)(DI); }
LLVMDiagnosticSeverity LLVMGetDiagInfoSeverity(LLVMDiagnosticInfoRef DI) { return KERN_LLVM_FN(LLVMGetDiagInfoSeverity)(DI); }
void LLVMDisposeMessage(char *Message) { KERN_LLVM_FN(LLVMDisposeMessage)(Message); }
LLVMErrorRef LLVMCreateStringError(const char *ErrMsg) { return KERN_LLVM_FN(LLVMCreateStringError)(ErrMsg); }
char * LLVMGetErrorMessage(LLVMErrorRef Err) { return KERN_LLVM_FN(LLVMGetErrorMessage)(Err); }
void LLVMDisposeErrorMessage(char *ErrMsg) { KERN_LLVM_FN(LLVMDisposeErrorMessage)(ErrMsg); }
void LLVMDisposeMemoryBuffer(LLVMMemoryBufferRef MemBuf) { KERN_LLVM_FN(LLVMDisposeMemoryBuffer)(MemBuf); }
size_t LLVMGetBufferSize(LLVMMemoryBufferRef MemBuf) { return KERN_LLVM_FN(LLVMGetBufferSize)(MemBuf); }
const char * LLVMGetBufferStart(LLVMMemoryBufferRef MemBuf) { return KERN_LLVM_FN(LLVMGetBufferStart)(MemBuf); }
LLVMMemoryBufferRef LLVMCreateMemoryBufferWithMemoryRangeCopy(const char *InputData, size_t InputDataLength, const char *BufferName) { return KERN_LLVM_FN(LLVMCreateMemoryBufferWithMemoryRangeCopy)(InputData, InputDataLength, BufferName); }
LLVMTypeRef LLVMVoidTypeInContext(LLVMContextRef C) { return KERN_LLVM_FN(LLVMVoidTypeInContext)(C); }
LLVMTypeRef LLVMInt1TypeInContext(LLVMContextRef C) { return KERN_LLVM_FN(LLVMInt1TypeInContext)(C); }
LLVMTypeRef LLVMInt8TypeInContext(LLVMContextRef C) { return KERN_LLVM_FN(LLVMInt8TypeInContext)(C); }
LLVMTypeRef LLVMInt32TypeInContext(LLVMContextRef C) { return KERN_LLVM_FN(LLVMInt32TypeInContext)(C); }
LLVMTypeRef LLVMInt64TypeInContext(LLVMContextRef C) { return KERN_LLVM_FN(LLVMInt64TypeInContext)(C); }
LLVMTypeRef LLVMIntTypeInContext(LLVMContextRef C, unsigned NumBits) { return KERN_LLVM_FN(LLVMIntTypeInContext)(C, NumBits); }
LLVMTypeRef LLVMPointerTypeInContext(LLVMContextRef C, unsigned AddressSpace) { return KERN_LLVM_FN(LLVMPointerTypeInContext)(C, AddressSpace); }
LLVMTypeRef LLVMFloatTypeInContext(LLVMContextRef C) { return KERN_LLVM_FN(LLVMFloatTypeInContext)(C); }
LLVMTypeRef LLVMDoubleTypeInContext(LLVMContextRef C) { return KERN_LLVM_FN(LLVMDoubleTypeInContext)(C); }
LLVMTypeRef LLVMStructTypeInContext(LLVMContextRef C, LLVMTypeRef *ElementTypes, unsigned ElementCount, LLVMBool Packed) { return KERN_LLVM_FN(LLVMStructTypeInContext)(C, ElementTypes, ElementCount, Packed); }
LLVMTypeRef LLVMStructGetTypeAtIndex(LLVMTypeRef StructTy, unsigned i) { return KERN_LLVM_FN(LLVMStructGetTypeAtIndex)(StructTy, i); }
LLVMTypeRef LLVMFunctionType(LLVMTypeRef ReturnType, LLVMTypeRef *ParamTypes, unsigned ParamCount, LLVMBool IsVarArg) { return KERN_LLVM_FN(LLVMFunctionType)(ReturnType, ParamTypes, ParamCount, IsVarArg); }
LLVMTypeRef LLVMArrayType2(LLVMTypeRef ElementType, uint64_t ElementCount) { return KERN_LLVM_FN(LLVMArrayType2)(ElementType, ElementCount); }
LLVMTypeRef LLVMVectorType(LLVMTypeRef ElementType, unsigned ElementCount) { return KERN_LLVM_FN(LLVMVectorType)(ElementType, ElementCount); }
LLVMTypeKind LLVMGetTypeKind(LLVMTypeRef Ty) { return KERN_LLVM_FN(LLVMGetTypeKind)(Ty); }
unsigned LLVMGetIntTypeWidth(LLVMTypeRef IntegerTy) { return KERN_LLVM_FN(LLVMGetIntTypeWidth)(IntegerTy); }
LLVMTypeRef LLVMTypeOf(LLVMValueRef Val) { return KERN_LLVM_FN(LLVMTypeOf)(Val); }
LLVMValueRef LLVMConstInt(LLVMTypeRef IntTy, unsigned long long N, LLVMBool SignExtend) { return KERN_LLVM_FN(LLVMConstInt)(IntTy, N, SignExtend); }
LLVMValueRef LLVMConstReal(LLVMTypeRef RealTy, double N) { return KERN_LLVM_FN(LLVMConstReal)(RealTy, N); }
LLVMValueRef LLVMConstNull(LLVMTypeRef Ty) { return KERN_LLVM_FN(LLVMConstNull)(Ty); }
LLVMValueRef LLVMConstAllOnes(LLVMTypeRef Ty) { return KERN_LLVM_FN(LLVMConstAllOnes)(Ty); }
LLVMValueRef LLVMConstArray2(LLVMTypeRef ElementTy, LLVMValueRef *ConstantVals, uint64_t Length) { return KERN_LLVM_FN(LLVMConstArray2)(ElementTy, ConstantVals, Length); }
LLVMValueRef LLVMConstVector(LLVMValueRef *ScalarConstantVals, unsigned Size) { return KERN_LLVM_FN(LLVMConstVector)(ScalarConstantVals, Size); }
LLVMValueRef LLVMConstStringInContext2(LLVMContextRef C, const char *Str, size_t Length, LLVMBool DontNullTerminate) { return KERN_LLVM_FN(LLVMConstStringInContext2)(C, Str, Length, DontNullTerminate); }
long long LLVMConstIntGetSExtValue(LLVMValueRef ConstantVal) { return KERN_LLVM_FN(LLVMConstIntGetSExtValue)(ConstantVal); }
LLVMValueRef LLVMGetPoison(LLVMTypeRef Ty) { return KERN_LLVM_FN(LLVMGetPoison)(Ty); }
LLVMValueRef LLVMIsAConstantInt(LLVMValueRef Val) { return KERN_LLVM_FN(LLVMIsAConstantInt)(Val); }
LLVMValueRef LLVMIsAInstruction(LLVMValueRef Val) { return KERN_LLVM_FN(LLVMIsAInstruction)(Val); }
const char * LLVMGetValueName2(LLVMValueRef Val, size_t *Length) { return KERN_LLVM_FN(LLVMGetValueName2)(Val, Length); }
void LLVMSetValueName2(LLVMValueRef Val, const char *Name, size_t NameLen) { KERN_LLVM_FN(LLVMSetValueName2)(Val, Name, NameLen); }
unsigned LLVMGetEnumAttributeKindForName(const char *Name, size_t SLen) { return KERN_LLVM_FN(LLVMGetEnumAttributeKindForName)(Name, SLen); }
LLVMAttributeRef LLVMCreateEnumAttribute(LLVMContextRef C, unsigned KindID, uint64_t Val) { return KERN_LLVM_FN(LLVMCreateEnumAttribute)(C, KindID, Val); }
LLVMAttributeRef LLVMCreateStringAttribute(LLVMContextRef C, const char *K, unsigned KLength, const char *V, unsigned VLength) { return KERN_LLVM_FN(LLVMCreateStringAttribute)(C, K, KLength, V, VLength); }
void LLVMAddAttributeAtIndex(LLVMValueRef F, LLVMAttributeIndex Idx, LLVMAttributeRef A) { KERN_LLVM_FN(LLVMAddAttributeAtIndex)(F, Idx, A); }
void LLVMAddCallSiteAttribute(LLVMValueRef C, LLVMAttributeIndex Idx, LLVMAttributeRef A) { KERN_LLVM_FN(LLVMAddCallSiteAttribute)(C, Idx, A); }
unsigned LLVMGetMDKindIDInContext(LLVMContextRef C, const char *Name, unsigned SLen) { return KERN_LLVM_FN(LLVMGetMDKindIDInContext)(C, Name, SLen); }
LLVMMetadataRef LLVMMDStringInContext2(LLVMContextRef C, const char *Str, size_t SLen) { return KERN_LLVM_FN(LLVMMDStringInContext2)(C, Str, SLen); }
LLVMMetadataRef LLVMMDNodeInContext2(LLVMContextRef C, LLVMMetadataRef *MDs, size_t Count) { return KERN_LLVM_FN(LLVMMDNodeInContext2)(C, MDs, Count); }
LLVMMetadataRef LLVMTemporaryMDNode(LLVMContextRef Ctx, LLVMMetadataRef *Data, size_t NumElements) { return KERN_LLVM_FN(LLVMTemporaryMDNode)(Ctx, Data, NumElements); }
void LLVMMetadataReplaceAllUsesWith(LLVMMetadataRef TempTargetMetadata, LLVMMetadataRef Replacement) { KERN_LLVM_FN(LLVMMetadataReplaceAllUsesWith)(TempTargetMetadata, Replacement); }
LLVMMetadataRef LLVMValueAsMetadata(LLVMValueRef Val) { return KERN_LLVM_FN(LLVMValueAsMetadata)(Val); }
LLVMValueRef LLVMMetadataAsValue(LLVMContextRef C, LLVMMetadataRef MD) { return KERN_LLVM_FN(LLVMMetadataAsValue)(C, MD); }
void LLVMSetMetadata(LLVMValueRef Val, unsigned KindID, LLVMValueRef Node) { KERN_LLVM_FN(LLVMSetMetadata)(Val, KindID, Node); }
LLVMModuleRef LLVMModuleCreateWithNameInContext(const char *ModuleID, LLVMContextRef C) { return KERN_LLVM_FN(LLVMModuleCreateWithNameInContext)(ModuleID, C); }
LLVMModuleRef LLVMCloneModule(LLVMModuleRef M) { return KERN_LLVM_FN(LLVMCloneModule)(M); }
void LLVMDisposeModule(LLVMModuleRef M) { KERN_LLVM_FN(LLVMDisposeModule)(M); }
void LLVMSetTarget(LLVMModuleRef M, const char *Triple) { KERN_LLVM_FN(LLVMSetTarget)(M, Triple); }
void LLVMSetModuleInlineAsm2(LLVMModuleRef M, const char *Asm, size_t Len) { KERN_LLVM_FN(LLVMSetModuleInlineAsm2)(M, Asm, Len); }
void LLVMSetModuleDataLayout(LLVMModuleRef M, LLVMTargetDataRef DL) { KERN_LLVM_FN(LLVMSetModuleDataLayout)(M, DL); }
void LLVMAddModuleFlag(LLVMModuleRef M, LLVMModuleFlagBehavior Behavior, const char *Key, size_t KeyLen, LLVMMetadataRef Val) { KERN_LLVM_FN(LLVMAddModuleFlag)(M, Behavior, Key, KeyLen, Val); }
char * LLVMPrintModuleToString(LLVMModuleRef M) { return KERN_LLVM_FN(LLVMPrintModuleToString)(M); }
LLVMBool LLVMVerifyModule(LLVMModuleRef M, LLVMVerifierFailureAction Action, char **OutMessage) { return KERN_LLVM_FN(LLVMVerifyModule)(M, Action, OutMessage); }
LLVMValueRef LLVMAddFunction(LLVMModuleRef M, const char *Name, LLVMTypeRef FunctionTy) { return KERN_LLVM_FN(LLVMAddFunction)(M, Name, FunctionTy); }
LLVMValueRef LLVMGetNamedFunction(LLVMModuleRef M, const char *Name) { return KERN_LLVM_FN(LLVMGetNamedFunction)(M, Name); }
LLVMValueRef LLVMGetFirstFunction(LLVMModuleRef M) { return KERN_LLVM_FN(LLVMGetFirstFunction)(M); }
LLVMValueRef LLVMGetNextFunction(LLVMValueRef Fn) { return KERN_LLVM_FN(LLVMGetNextFunction)(Fn); }
LLVMValueRef LLVMGetParam(LLVMValueRef Fn, unsigned Index) { return KERN_LLVM_FN(LLVMGetParam)(Fn, Index); }
void LLVMSetLinkage(LLVMValueRef Global, LLVMLinkage Linkage) { KERN_LLVM_FN(LLVMSetLinkage)(Global, Linkage); }
void LLVMSetVisibility(LLVMValueRef Global, LLVMVisibility Viz) { KERN_LLVM_FN(LLVMSetVisibility)(Global, Viz); }
void LLVMDeleteFunction(LLVMValueRef Fn) { KERN_LLVM_FN(LLVMDeleteFunction)(Fn); }
void LLVMSetSection(LLVMValueRef Global, const char *Section) { KERN_LLVM_FN(LLVMSetSection)(Global, Section); }
LLVMValueRef LLVMAddGlobal(LLVMModuleRef M, LLVMTypeRef Ty, const char *Name) { return KERN_LLVM_FN(LLVMAddGlobal)(M, Ty, Name); }
void LLVMSetInitializer(LLVMValueRef GlobalVar, LLVMValueRef ConstantVal) { KERN_LLVM_FN(LLVMSetInitializer)(GlobalVar, ConstantVal); }
void LLVMSetGlobalConstant(LLVMValueRef GlobalVar, LLVMBool IsConstant) { KERN_LLVM_FN(LLVMSetGlobalConstant)(GlobalVar, IsConstant); }
void LLVMSetUnnamedAddress(LLVMValueRef Global, LLVMUnnamedAddr UnnamedAddr) { KERN_LLVM_FN(LLVMSetUnnamedAddress)(Global, UnnamedAddr); }
void LLVMSetAlignment(LLVMValueRef V, unsigned Bytes) { KERN_LLVM_FN(LLVMSetAlignment)(V, Bytes); }
unsigned LLVMLookupIntrinsicID(const char *Name, size_t NameLen) { return KERN_LLVM_FN(LLVMLookupIntrinsicID)(Name, NameLen); }
LLVMValueRef LLVMGetIntrinsicDeclaration(LLVMModuleRef Mod, unsigned ID, LLVMTypeRef *ParamTypes, size_t ParamCount) { return KERN_LLVM_FN(LLVMGetIntrinsicDeclaration)(Mod, ID, ParamTypes, ParamCount); }
LLVMTypeRef LLVMIntrinsicGetType(LLVMContextRef Ctx, unsigned ID, LLVMTypeRef *ParamTypes, size_t ParamCount) { return KERN_LLVM_FN(LLVMIntrinsicGetType)(Ctx, ID, ParamTypes, ParamCount); }
LLVMBasicBlockRef LLVMAppendBasicBlockInContext(LLVMContextRef C, LLVMValueRef Fn, const char *Name) { return KERN_LLVM_FN(LLVMAppendBasicBlockInContext)(C, Fn, Name); }
LLVMValueRef LLVMGetBasicBlockParent(LLVMBasicBlockRef BB) { return KERN_LLVM_FN(LLVMGetBasicBlockParent)(BB); }
LLVMValueRef LLVMGetBasicBlockTerminator(LLVMBasicBlockRef BB) { return KERN_LLVM_FN(LLVMGetBasicBlockTerminator)(BB); }
LLVMBasicBlockRef LLVMGetEntryBasicBlock(LLVMValueRef Fn) { return KERN_LLVM_FN(LLVMGetEntryBasicBlock)(Fn); }
LLVMValueRef LLVMGetFirstInstruction(LLVMBasicBlockRef BB) { return KERN_LLVM_FN(LLVMGetFirstInstruction)(BB); }
LLVMBuilderRef LLVMCreateBuilderInContext(LLVMContextRef C) { return KERN_LLVM_FN(LLVMCreateBuilderInContext)(C); }
void LLVMDisposeBuilder(LLVMBuilderRef Builder) { KERN_LLVM_FN(LLVMDisposeBuilder)(Builder); }
void LLVMPositionBuilderAtEnd(LLVMBuilderRef Builder, LLVMBasicBlockRef Block) { KERN_LLVM_FN(LLVMPositionBuilderAtEnd)(Builder, Block); }
void LLVMPositionBuilderBefore(LLVMBuilderRef Builder, LLVMValueRef Instr) { KERN_LLVM_FN(LLVMPositionBuilderBefore)(Builder, Instr); }
LLVMBasicBlockRef LLVMGetInsertBlock(LLVMBuilderRef Builder) { return KERN_LLVM_FN(LLVMGetInsertBlock)(Builder); }
LLVMBool LLVMCanValueUseFastMathFlags(LLVMValueRef Inst) { return KERN_LLVM_FN(LLVMCanValueUseFastMathFlags)(Inst); }
void LLVMSetFastMathFlags(LLVMValueRef FPMathInst, LLVMFastMathFlags FMF) { KERN_LLVM_FN(LLVMSetFastMathFlags)(FPMathInst, FMF); }
LLVMValueRef LLVMBuildAdd(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildAdd)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildNSWAdd(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildNSWAdd)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildSub(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildSub)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildMul(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildMul)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildNSWMul(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildNSWMul)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildSDiv(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildSDiv)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildUDiv(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildUDiv)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildSRem(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildSRem)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildURem(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildURem)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildAnd(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildAnd)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildOr(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildOr)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildXor(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildXor)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildShl(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildShl)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildLShr(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildLShr)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildAShr(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildAShr)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildNeg(LLVMBuilderRef a0, LLVMValueRef V, const char *Name) { return KERN_LLVM_FN(LLVMBuildNeg)(a0, V, Name); }
LLVMValueRef LLVMBuildNot(LLVMBuilderRef a0, LLVMValueRef V, const char *Name) { return KERN_LLVM_FN(LLVMBuildNot)(a0, V, Name); }
LLVMValueRef LLVMBuildFAdd(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildFAdd)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildFSub(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildFSub)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildFMul(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildFMul)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildFDiv(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildFDiv)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildFRem(LLVMBuilderRef a0, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildFRem)(a0, LHS, RHS, Name); }
LLVMValueRef LLVMBuildFNeg(LLVMBuilderRef a0, LLVMValueRef V, const char *Name) { return KERN_LLVM_FN(LLVMBuildFNeg)(a0, V, Name); }
LLVMValueRef LLVMBuildICmp(LLVMBuilderRef a0, LLVMIntPredicate Op, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildICmp)(a0, Op, LHS, RHS, Name); }
LLVMValueRef LLVMBuildFCmp(LLVMBuilderRef a0, LLVMRealPredicate Op, LLVMValueRef LHS, LLVMValueRef RHS, const char *Name) { return KERN_LLVM_FN(LLVMBuildFCmp)(a0, Op, LHS, RHS, Name); }
LLVMValueRef LLVMBuildSelect(LLVMBuilderRef a0, LLVMValueRef If, LLVMValueRef Then, LLVMValueRef Else, const char *Name) { return KERN_LLVM_FN(LLVMBuildSelect)(a0, If, Then, Else, Name); }
LLVMValueRef LLVMBuildTrunc(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildTrunc)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildZExt(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildZExt)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildSExt(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildSExt)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildFPExt(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildFPExt)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildFPTrunc(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildFPTrunc)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildFPToSI(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildFPToSI)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildSIToFP(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildSIToFP)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildUIToFP(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildUIToFP)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildBitCast(LLVMBuilderRef a0, LLVMValueRef Val, LLVMTypeRef DestTy, const char *Name) { return KERN_LLVM_FN(LLVMBuildBitCast)(a0, Val, DestTy, Name); }
LLVMValueRef LLVMBuildAlloca(LLVMBuilderRef a0, LLVMTypeRef Ty, const char *Name) { return KERN_LLVM_FN(LLVMBuildAlloca)(a0, Ty, Name); }
LLVMValueRef LLVMBuildLoad2(LLVMBuilderRef a0, LLVMTypeRef Ty, LLVMValueRef PointerVal, const char *Name) { return KERN_LLVM_FN(LLVMBuildLoad2)(a0, Ty, PointerVal, Name); }
LLVMValueRef LLVMBuildStore(LLVMBuilderRef a0, LLVMValueRef Val, LLVMValueRef Ptr) { return KERN_LLVM_FN(LLVMBuildStore)(a0, Val, Ptr); }
LLVMValueRef LLVMBuildInBoundsGEP2(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, LLVMValueRef *Indices, unsigned NumIndices, const char *Name) { return KERN_LLVM_FN(LLVMBuildInBoundsGEP2)(B, Ty, Pointer, Indices, NumIndices, Name); }
LLVMValueRef LLVMBuildStructGEP2(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, unsigned Idx, const char *Name) { return KERN_LLVM_FN(LLVMBuildStructGEP2)(B, Ty, Pointer, Idx, Name); }
LLVMValueRef LLVMBuildExtractElement(LLVMBuilderRef a0, LLVMValueRef VecVal, LLVMValueRef Index, const char *Name) { return KERN_LLVM_FN(LLVMBuildExtractElement)(a0, VecVal, Index, Name); }
LLVMValueRef LLVMBuildInsertElement(LLVMBuilderRef a0, LLVMValueRef VecVal, LLVMValueRef EltVal, LLVMValueRef Index, const char *Name) { return KERN_LLVM_FN(LLVMBuildInsertElement)(a0, VecVal, EltVal, Index, Name); }
LLVMValueRef LLVMBuildShuffleVector(LLVMBuilderRef a0, LLVMValueRef V1, LLVMValueRef V2, LLVMValueRef Mask, const char *Name) { return KERN_LLVM_FN(LLVMBuildShuffleVector)(a0, V1, V2, Mask, Name); }
LLVMValueRef LLVMBuildExtractValue(LLVMBuilderRef a0, LLVMValueRef AggVal, unsigned Index, const char *Name) { return KERN_LLVM_FN(LLVMBuildExtractValue)(a0, AggVal, Index, Name); }
LLVMValueRef LLVMBuildInsertValue(LLVMBuilderRef a0, LLVMValueRef AggVal, LLVMValueRef EltVal, unsigned Index, const char *Name) { return KERN_LLVM_FN(LLVMBuildInsertValue)(a0, AggVal, EltVal, Index, Name); }
LLVMValueRef LLVMBuildAtomicRMW(LLVMBuilderRef B, LLVMAtomicRMWBinOp op, LLVMValueRef PTR, LLVMValueRef Val, LLVMAtomicOrdering ordering, LLVMBool singleThread) { return KERN_LLVM_FN(LLVMBuildAtomicRMW)(B, op, PTR, Val, ordering, singleThread); }
LLVMValueRef LLVMBuildCall2(LLVMBuilderRef a0, LLVMTypeRef a1, LLVMValueRef Fn, LLVMValueRef *Args, unsigned NumArgs, const char *Name) { return KERN_LLVM_FN(LLVMBuildCall2)(a0, a1, Fn, Args, NumArgs, Name); }
LLVMValueRef LLVMBuildPhi(LLVMBuilderRef a0, LLVMTypeRef Ty, const char *Name) { return KERN_LLVM_FN(LLVMBuildPhi)(a0, Ty, Name); }
void LLVMAddIncoming(LLVMValueRef PhiNode, LLVMValueRef *IncomingValues, LLVMBasicBlockRef *IncomingBlocks, unsigned Count) { KERN_LLVM_FN(LLVMAddIncoming)(PhiNode, IncomingValues, IncomingBlocks, Count); }
LLVMValueRef LLVMBuildBr(LLVMBuilderRef a0, LLVMBasicBlockRef Dest) { return KERN_LLVM_FN(LLVMBuildBr)(a0, Dest); }
LLVMValueRef LLVMBuildCondBr(LLVMBuilderRef a0, LLVMValueRef If, LLVMBasicBlockRef Then, LLVMBasicBlockRef Else) { return KERN_LLVM_FN(LLVMBuildCondBr)(a0, If, Then, Else); }
LLVMValueRef LLVMBuildRet(LLVMBuilderRef a0, LLVMValueRef V) { return KERN_LLVM_FN(LLVMBuildRet)(a0, V); }
LLVMValueRef LLVMBuildRetVoid(LLVMBuilderRef a0) { return KERN_LLVM_FN(LLVMBuildRetVoid)(a0); }
LLVMValueRef LLVMBuildUnreachable(LLVMBuilderRef a0) { return KERN_LLVM_FN(LLVMBuildUnreachable)(a0); }
LLVMDIBuilderRef LLVMCreateDIBuilder(LLVMModuleRef M) { return KERN_LLVM_FN(LLVMCreateDIBuilder)(M); }
void LLVMDisposeDIBuilder(LLVMDIBuilderRef Builder) { KERN_LLVM_FN(LLVMDisposeDIBuilder)(Builder); }
void LLVMDIBuilderFinalize(LLVMDIBuilderRef Builder) { KERN_LLVM_FN(LLVMDIBuilderFinalize)(Builder); }
LLVMMetadataRef LLVMDIBuilderCreateFile(LLVMDIBuilderRef Builder, const char *Filename, size_t FilenameLen, const char *Directory, size_t DirectoryLen) { return KERN_LLVM_FN(LLVMDIBuilderCreateFile)(Builder, Filename, FilenameLen, Directory, DirectoryLen); }
LLVMMetadataRef LLVMDIBuilderCreateCompileUnit(LLVMDIBuilderRef Builder, LLVMDWARFSourceLanguage Lang, LLVMMetadataRef FileRef, const char *Producer, size_t ProducerLen, LLVMBool isOptimized, const char *Flags, size_t FlagsLen, unsigned RuntimeVer, const char *SplitName, size_t SplitNameLen, LLVMDWARFEmissionKind Kind, unsigned DWOId, LLVMBool SplitDebugInlining, LLVMBool DebugInfoForProfiling, const char *SysRoot, size_t SysRootLen, const char *SDK, size_t SDKLen) { return KERN_LLVM_FN(LLVMDIBuilderCreateCompileUnit)(Builder, Lang, FileRef, Producer, ProducerLen, isOptimized, Flags, FlagsLen, RuntimeVer, SplitName, SplitNameLen, Kind, DWOId, SplitDebugInlining, DebugInfoForProfiling, SysRoot, SysRootLen, SDK, SDKLen); }
LLVMMetadataRef LLVMDIBuilderCreateSubroutineType(LLVMDIBuilderRef Builder, LLVMMetadataRef File, LLVMMetadataRef *ParameterTypes, unsigned NumParameterTypes, LLVMDIFlags Flags) { return KERN_LLVM_FN(LLVMDIBuilderCreateSubroutineType)(Builder, File, ParameterTypes, NumParameterTypes, Flags); }
LLVMMetadataRef LLVMDIBuilderCreateFunction(LLVMDIBuilderRef Builder, LLVMMetadataRef Scope, const char *Name, size_t NameLen, const char *LinkageName, size_t LinkageNameLen, LLVMMetadataRef File, unsigned LineNo, LLVMMetadataRef Ty, LLVMBool IsLocalToUnit, LLVMBool IsDefinition, unsigned ScopeLine, LLVMDIFlags Flags, LLVMBool IsOptimized) { return KERN_LLVM_FN(LLVMDIBuilderCreateFunction)(Builder, Scope, Name, NameLen, LinkageName, LinkageNameLen, File, LineNo, Ty, IsLocalToUnit, IsDefinition, ScopeLine, Flags, IsOptimized); }
LLVMMetadataRef LLVMDIBuilderCreateDebugLocation(LLVMContextRef Ctx, unsigned Line, unsigned Column, LLVMMetadataRef Scope, LLVMMetadataRef InlinedAt) { return KERN_LLVM_FN(LLVMDIBuilderCreateDebugLocation)(Ctx, Line, Column, Scope, InlinedAt); }
void LLVMSetSubprogram(LLVMValueRef Func, LLVMMetadataRef SP) { KERN_LLVM_FN(LLVMSetSubprogram)(Func, SP); }
LLVMMetadataRef LLVMGetCurrentDebugLocation2(LLVMBuilderRef Builder) { return KERN_LLVM_FN(LLVMGetCurrentDebugLocation2)(Builder); }
void LLVMSetCurrentDebugLocation2(LLVMBuilderRef Builder, LLVMMetadataRef Loc) { KERN_LLVM_FN(LLVMSetCurrentDebugLocation2)(Builder, Loc); }
unsigned LLVMDebugMetadataVersion(void) { return KERN_LLVM_FN(LLVMDebugMetadataVersion)(); }
char * LLVMGetDefaultTargetTriple(void) { return KERN_LLVM_FN(LLVMGetDefaultTargetTriple)(); }
char * LLVMGetHostCPUName(void) { return KERN_LLVM_FN(LLVMGetHostCPUName)(); }
char * LLVMGetHostCPUFeatures(void) { return KERN_LLVM_FN(LLVMGetHostCPUFeatures)(); }
LLVMBool LLVMGetTargetFromTriple(const char *Triple, LLVMTargetRef *T, char **ErrorMessage) { return KERN_LLVM_FN(LLVMGetTargetFromTriple)(Triple, T, ErrorMessage); }
LLVMTargetMachineRef LLVMCreateTargetMachine(LLVMTargetRef T, const char *Triple, const char *CPU, const char *Features, LLVMCodeGenOptLevel Level, LLVMRelocMode Reloc, LLVMCodeModel CodeModel) { return KERN_LLVM_FN(LLVMCreateTargetMachine)(T, Triple, CPU, Features, Level, Reloc, CodeModel); }
void LLVMDisposeTargetMachine(LLVMTargetMachineRef T) { KERN_LLVM_FN(LLVMDisposeTargetMachine)(T); }
LLVMTargetDataRef LLVMCreateTargetDataLayout(LLVMTargetMachineRef T) { return KERN_LLVM_FN(LLVMCreateTargetDataLayout)(T); }
void LLVMDisposeTargetData(LLVMTargetDataRef TD) { KERN_LLVM_FN(LLVMDisposeTargetData)(TD); }
LLVMBool LLVMTargetMachineEmitToMemoryBuffer(LLVMTargetMachineRef T, LLVMModuleRef M, LLVMCodeGenFileType codegen, char **ErrorMessage, LLVMMemoryBufferRef *OutMemBuf) { return KERN_LLVM_FN(LLVMTargetMachineEmitToMemoryBuffer)(T, M, codegen, ErrorMessage, OutMemBuf); }
LLVMPassBuilderOptionsRef LLVMCreatePassBuilderOptions(void) { return KERN_LLVM_FN(LLVMCreatePassBuilderOptions)(); }
void LLVMDisposePassBuilderOptions(LLVMPassBuilderOptionsRef Options) { KERN_LLVM_FN(LLVMDisposePassBuilderOptions)(Options); }
void LLVMPassBuilderOptionsSetLoopVectorization(LLVMPassBuilderOptionsRef Options, LLVMBool LoopVectorization) { KERN_LLVM_FN(LLVMPassBuilderOptionsSetLoopVectorization)(Options, LoopVectorization); }
void LLVMPassBuilderOptionsSetSLPVectorization(LLVMPassBuilderOptionsRef Options, LLVMBool SLPVectorization) { KERN_LLVM_FN(LLVMPassBuilderOptionsSetSLPVectorization)(Options, SLPVectorization); }
void LLVMPassBuilderOptionsSetLoopUnrolling(LLVMPassBuilderOptionsRef Options, LLVMBool LoopUnrolling) { KERN_LLVM_FN(LLVMPassBuilderOptionsSetLoopUnrolling)(Options, LoopUnrolling); }
void LLVMPassBuilderOptionsSetLoopInterleaving(LLVMPassBuilderOptionsRef Options, LLVMBool LoopInterleaving) { KERN_LLVM_FN(LLVMPassBuilderOptionsSetLoopInterleaving)(Options, LoopInterleaving); }
LLVMErrorRef LLVMRunPasses(LLVMModuleRef M, const char *Passes, LLVMTargetMachineRef TM, LLVMPassBuilderOptionsRef Options) { return KERN_LLVM_FN(LLVMRunPasses)(M, Passes, TM, Options); }
LLVMOrcThreadSafeContextRef LLVMOrcCreateNewThreadSafeContext(void) { return KERN_LLVM_FN(LLVMOrcCreateNewThreadSafeContext)(); }
LLVMOrcThreadSafeContextRef LLVMOrcCreateNewThreadSafeContextFromLLVMContext(LLVMContextRef Ctx) { return KERN_LLVM_FN(LLVMOrcCreateNewThreadSafeContextFromLLVMContext)(Ctx); }
LLVMContextRef LLVMOrcThreadSafeContextGetContext(LLVMOrcThreadSafeContextRef TSCtx) { return KERN_LLVM_FN(LLVMOrcThreadSafeContextGetContext)(TSCtx); }
void LLVMOrcDisposeThreadSafeContext(LLVMOrcThreadSafeContextRef TSCtx) { KERN_LLVM_FN(LLVMOrcDisposeThreadSafeContext)(TSCtx); }
LLVMOrcThreadSafeModuleRef LLVMOrcCreateNewThreadSafeModule(LLVMModuleRef M, LLVMOrcThreadSafeContextRef TSCtx) { return KERN_LLVM_FN(LLVMOrcCreateNewThreadSafeModule)(M, TSCtx); }
LLVMOrcLLJITBuilderRef LLVMOrcCreateLLJITBuilder(void) { return KERN_LLVM_FN(LLVMOrcCreateLLJITBuilder)(); }
LLVMOrcJITTargetMachineBuilderRef LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(LLVMTargetMachineRef TM) { return KERN_LLVM_FN(LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine)(TM); }
void LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(LLVMOrcLLJITBuilderRef Builder, LLVMOrcJITTargetMachineBuilderRef JTMB) { KERN_LLVM_FN(LLVMOrcLLJITBuilderSetJITTargetMachineBuilder)(Builder, JTMB); }
LLVMErrorRef LLVMOrcCreateLLJIT(LLVMOrcLLJITRef *Result, LLVMOrcLLJITBuilderRef Builder) { return KERN_LLVM_FN(LLVMOrcCreateLLJIT)(Result, Builder); }
LLVMErrorRef LLVMOrcDisposeLLJIT(LLVMOrcLLJITRef J) { return KERN_LLVM_FN(LLVMOrcDisposeLLJIT)(J); }
LLVMOrcExecutionSessionRef LLVMOrcLLJITGetExecutionSession(LLVMOrcLLJITRef J) { return KERN_LLVM_FN(LLVMOrcLLJITGetExecutionSession)(J); }
char LLVMOrcLLJITGetGlobalPrefix(LLVMOrcLLJITRef J) { return KERN_LLVM_FN(LLVMOrcLLJITGetGlobalPrefix)(J); }
LLVMOrcSymbolStringPoolEntryRef LLVMOrcLLJITMangleAndIntern(LLVMOrcLLJITRef J, const char *UnmangledName) { return KERN_LLVM_FN(LLVMOrcLLJITMangleAndIntern)(J, UnmangledName); }
LLVMErrorRef LLVMOrcLLJITAddLLVMIRModule(LLVMOrcLLJITRef J, LLVMOrcJITDylibRef JD, LLVMOrcThreadSafeModuleRef TSM) { return KERN_LLVM_FN(LLVMOrcLLJITAddLLVMIRModule)(J, JD, TSM); }
LLVMErrorRef LLVMOrcLLJITAddObjectFile(LLVMOrcLLJITRef J, LLVMOrcJITDylibRef JD, LLVMMemoryBufferRef ObjBuffer) { return KERN_LLVM_FN(LLVMOrcLLJITAddObjectFile)(J, JD, ObjBuffer); }
LLVMErrorRef LLVMOrcExecutionSessionCreateJITDylib(LLVMOrcExecutionSessionRef ES, LLVMOrcJITDylibRef *Result, const char *Name) { return KERN_LLVM_FN(LLVMOrcExecutionSessionCreateJITDylib)(ES, Result, Name); }
void LLVMOrcExecutionSessionSetErrorReporter(LLVMOrcExecutionSessionRef ES, LLVMOrcErrorReporterFunction ReportError, void *Ctx) { KERN_LLVM_FN(LLVMOrcExecutionSessionSetErrorReporter)(ES, ReportError, Ctx); }
void LLVMOrcExecutionSessionLookup(LLVMOrcExecutionSessionRef ES, LLVMOrcLookupKind K, LLVMOrcCJITDylibSearchOrder SearchOrder, size_t SearchOrderSize, LLVMOrcCLookupSet Symbols, size_t SymbolsSize, LLVMOrcExecutionSessionLookupHandleResultFunction HandleResult, void *Ctx) { KERN_LLVM_FN(LLVMOrcExecutionSessionLookup)(ES, K, SearchOrder, SearchOrderSize, Symbols, SymbolsSize, HandleResult, Ctx); }
LLVMErrorRef LLVMOrcJITDylibDefine(LLVMOrcJITDylibRef JD, LLVMOrcMaterializationUnitRef MU) { return KERN_LLVM_FN(LLVMOrcJITDylibDefine)(JD, MU); }
LLVMErrorRef LLVMOrcJITDylibClear(LLVMOrcJITDylibRef JD) { return KERN_LLVM_FN(LLVMOrcJITDylibClear)(JD); }
void LLVMOrcJITDylibAddGenerator(LLVMOrcJITDylibRef JD, LLVMOrcDefinitionGeneratorRef DG) { KERN_LLVM_FN(LLVMOrcJITDylibAddGenerator)(JD, DG); }
LLVMErrorRef LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(LLVMOrcDefinitionGeneratorRef *Result, char GlobalPrefx, LLVMOrcSymbolPredicate Filter, void *FilterCtx) { return KERN_LLVM_FN(LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess)(Result, GlobalPrefx, Filter, FilterCtx); }
LLVMOrcMaterializationUnitRef LLVMOrcAbsoluteSymbols(LLVMOrcCSymbolMapPairs Syms, size_t NumPairs) { return KERN_LLVM_FN(LLVMOrcAbsoluteSymbols)(Syms, NumPairs); }
void LLVMOrcRetainSymbolStringPoolEntry(LLVMOrcSymbolStringPoolEntryRef S) { KERN_LLVM_FN(LLVMOrcRetainSymbolStringPoolEntry)(S); }
void LLVMOrcReleaseSymbolStringPoolEntry(LLVMOrcSymbolStringPoolEntryRef S) { KERN_LLVM_FN(LLVMOrcReleaseSymbolStringPoolEntry)(S); }
