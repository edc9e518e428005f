namespace MLSeg.Onnx.Native;

/// <summary>
/// Slots of the <c>OrtApi</c> function-pointer table that MLSeg calls. The table is append-only across ONNX Runtime
/// releases, so a slot's index is fixed once introduced. Indices are the member order of <c>struct OrtApi</c> in
/// microsoft/onnxruntime include/onnxruntime/core/session/onnxruntime_c_api.h (counted from 0; every member is one
/// pointer, whether declared with ORT_API2_STATUS, ORT_CLASS_RELEASE or as a plain function pointer).
/// </summary>
internal static class OrtApiIndex
{
    // OrtStatus
    public const int GetErrorCode = 1;
    public const int GetErrorMessage = 2;

    // OrtEnv, OrtSession
    public const int CreateEnv = 3;
    public const int CreateSession = 7;
    public const int CreateSessionFromArray = 8;
    public const int Run = 9;

    // OrtSessionOptions
    public const int CreateSessionOptions = 10;
    public const int SetSessionGraphOptimizationLevel = 23;
    public const int SetIntraOpNumThreads = 24;

    // OrtSession inputs and outputs
    public const int SessionGetInputCount = 30;
    public const int SessionGetOutputCount = 31;
    public const int SessionGetInputTypeInfo = 33;
    public const int SessionGetOutputTypeInfo = 34;
    public const int SessionGetInputName = 36;
    public const int SessionGetOutputName = 37;

    // OrtValue
    public const int CreateTensorAsOrtValue = 48;
    public const int CreateTensorWithDataAsOrtValue = 49;
    public const int GetTensorMutableData = 51;

    // OrtTypeInfo, OrtTensorTypeAndShapeInfo
    public const int CastTypeInfoToTensorInfo = 55;
    public const int GetOnnxTypeFromTypeInfo = 56;
    public const int GetTensorElementType = 60;
    public const int GetDimensionsCount = 61;
    public const int GetDimensions = 62;
    public const int GetSymbolicDimensions = 63;
    public const int GetTensorTypeAndShape = 65;

    // OrtMemoryInfo, OrtAllocator
    public const int CreateCpuMemoryInfo = 69;
    public const int AllocatorFree = 76;
    public const int GetAllocatorWithDefaultOptions = 78;

    // Release partners
    public const int ReleaseEnv = 92;
    public const int ReleaseStatus = 93;
    public const int ReleaseMemoryInfo = 94;
    public const int ReleaseSession = 95;
    public const int ReleaseValue = 96;
    public const int ReleaseTypeInfo = 98;
    public const int ReleaseTensorTypeAndShapeInfo = 99;
    public const int ReleaseSessionOptions = 100;

    // Execution providers
    public const int GetAvailableProviders = 125;
    public const int ReleaseAvailableProviders = 126;
    public const int SessionOptionsAppendExecutionProviderCuda = 152;
}
