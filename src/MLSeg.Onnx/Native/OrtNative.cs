using System.Runtime.InteropServices;
using MLSeg.Core.Errors;

namespace MLSeg.Onnx.Native;

/// <summary>
/// Typed calls through the OrtApi table. Each reads its function pointer at the <see cref="OrtApiIndex"/> slot and turns
/// a non-null <c>OrtStatus*</c> into a <see cref="NativeEngineException"/> carrying ORT's error code and message.
/// </summary>
internal static unsafe partial class OrtNative
{
    private const int OnnxTypeTensor = 1; // ONNXType::ONNX_TYPE_TENSOR
    private static readonly Lazy<OrtEnvHandle> SharedEnv = new(CreateEnv);
    private static readonly Lazy<OrtMemoryInfoHandle> CpuMemory = new(CreateCpuMemoryInfo);

    private static void** Api => OrtLibrary.Api;

    /// <summary>The one process-wide OrtEnv (ORT allows one per process); lives until the process exits.</summary>
    public static OrtEnvHandle Env => SharedEnv.Value;

    /// <summary>Describes ordinary CPU memory (device allocator, default memory type).</summary>
    public static OrtMemoryInfoHandle CpuMemoryInfo => CpuMemory.Value;

    /// <summary>Throws when <paramref name="status"/> is an error, after reading and releasing it.</summary>
    public static void Check(IntPtr status, string function)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        int code = ((delegate* unmanaged<IntPtr, int>)Api[OrtApiIndex.GetErrorCode])(status);
        string message = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr, IntPtr>)Api[OrtApiIndex.GetErrorMessage])(status)) ?? string.Empty;
        ((delegate* unmanaged<IntPtr, void>)Api[OrtApiIndex.ReleaseStatus])(status);
        throw new NativeEngineException($"OrtApi::{function}", code, $"[{(OrtErrorCode)code}] {message}");
    }

    /// <summary>The execution providers compiled into the loaded build, e.g. CPUExecutionProvider.</summary>
    public static IReadOnlyList<string> AvailableProviders()
    {
        byte** names;
        int count;
        Check(((delegate* unmanaged<byte***, int*, IntPtr>)Api[OrtApiIndex.GetAvailableProviders])(&names, &count), "GetAvailableProviders");
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = Marshal.PtrToStringUTF8((IntPtr)names[i]) ?? string.Empty;
        }

        Check(((delegate* unmanaged<byte**, int, IntPtr>)Api[OrtApiIndex.ReleaseAvailableProviders])(names, count), "ReleaseAvailableProviders");
        return result;
    }

    /// <summary>Creates session options with the given intra-op thread count (0 = ORT's default) and optimisation level.</summary>
    public static OrtSessionOptionsHandle CreateSessionOptions(int intraOpThreads, int graphOptimizationLevel)
    {
        IntPtr raw;
        Check(((delegate* unmanaged<IntPtr*, IntPtr>)Api[OrtApiIndex.CreateSessionOptions])(&raw), "CreateSessionOptions");
        var options = new OrtSessionOptionsHandle(raw);
        Check(((delegate* unmanaged<IntPtr, int, IntPtr>)Api[OrtApiIndex.SetIntraOpNumThreads])(raw, intraOpThreads), "SetIntraOpNumThreads");
        Check(((delegate* unmanaged<IntPtr, int, IntPtr>)Api[OrtApiIndex.SetSessionGraphOptimizationLevel])(raw, graphOptimizationLevel), "SetSessionGraphOptimizationLevel");
        return options;
    }

    /// <summary>Appends the CUDA execution provider for <paramref name="deviceId"/> (legacy OrtCUDAProviderOptions struct).</summary>
    public static void AppendCuda(OrtSessionOptionsHandle options, int deviceId)
    {
        // OrtCUDAProviderOptions: int device_id @0; int cudnn_conv_algo_search @4; size_t gpu_mem_limit @8;
        // int arena_extend_strategy @16; int do_copy_in_default_stream @20; int has_user_compute_stream @24;
        // void* user_compute_stream @32; OrtArenaCfg* default_memory_arena_cfg @40; newer releases append int fields
        // whose zero value is their default, so the block is over-allocated and zeroed.
        byte* block = stackalloc byte[256];
        new Span<byte>(block, 256).Clear();
        *(int*)(block + 0) = deviceId;
        *(int*)(block + 4) = 0;               // OrtCudnnConvAlgoSearchExhaustive, ORT's default
        *(ulong*)(block + 8) = ulong.MaxValue;  // gpu_mem_limit: SIZE_MAX = no limit
        *(int*)(block + 20) = 1;              // do_copy_in_default_stream, ORT's default
        Check(((delegate* unmanaged<IntPtr, byte*, IntPtr>)Api[OrtApiIndex.SessionOptionsAppendExecutionProviderCuda])(options.DangerousGetHandle(), block),
            "SessionOptionsAppendExecutionProvider_CUDA");
        GC.KeepAlive(options);
    }

    /// <summary>Opens a session on a model file.</summary>
    public static OrtSessionHandle CreateSession(string path, OrtSessionOptionsHandle options)
    {
        byte[] utf8 = NullTerminated(path);
        IntPtr raw;
        fixed (byte* p = utf8)
        {
            Check(((delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)Api[OrtApiIndex.CreateSession])(
                Env.DangerousGetHandle(), p, options.DangerousGetHandle(), &raw), "CreateSession");
        }

        GC.KeepAlive(options);
        return new OrtSessionHandle(raw);
    }

    /// <summary>Opens a session on a model held in memory.</summary>
    public static OrtSessionHandle CreateSession(ReadOnlySpan<byte> model, OrtSessionOptionsHandle options)
    {
        IntPtr raw;
        fixed (byte* p = model)
        {
            Check(((delegate* unmanaged<IntPtr, byte*, nuint, IntPtr, IntPtr*, IntPtr>)Api[OrtApiIndex.CreateSessionFromArray])(
                Env.DangerousGetHandle(), p, (nuint)model.Length, options.DangerousGetHandle(), &raw), "CreateSessionFromArray");
        }

        GC.KeepAlive(options);
        return new OrtSessionHandle(raw);
    }

    /// <summary>Number of inputs (<paramref name="outputs"/> false) or outputs of a session.</summary>
    public static int Count(OrtSessionHandle session, bool outputs)
    {
        nuint n;
        int slot = outputs ? OrtApiIndex.SessionGetOutputCount : OrtApiIndex.SessionGetInputCount;
        Check(((delegate* unmanaged<IntPtr, nuint*, IntPtr>)Api[slot])(session.DangerousGetHandle(), &n), outputs ? "SessionGetOutputCount" : "SessionGetInputCount");
        GC.KeepAlive(session);
        return checked((int)n);
    }

    /// <summary>The name of input or output <paramref name="index"/>; the native copy is freed with the default allocator.</summary>
    public static string Name(OrtSessionHandle session, int index, bool output)
    {
        IntPtr allocator = DefaultAllocator();
        IntPtr value;
        int slot = output ? OrtApiIndex.SessionGetOutputName : OrtApiIndex.SessionGetInputName;
        Check(((delegate* unmanaged<IntPtr, nuint, IntPtr, IntPtr*, IntPtr>)Api[slot])(session.DangerousGetHandle(), (nuint)index, allocator, &value),
            output ? "SessionGetOutputName" : "SessionGetInputName");
        GC.KeepAlive(session);
        try
        {
            return Marshal.PtrToStringUTF8(value) ?? string.Empty;
        }
        finally
        {
            Check(((delegate* unmanaged<IntPtr, IntPtr, IntPtr>)Api[OrtApiIndex.AllocatorFree])(allocator, value), "AllocatorFree");
        }
    }

    /// <summary>Element type and dimensions (-1 and a symbolic name where dynamic) of input or output <paramref name="index"/>.</summary>
    public static (int ElementType, long[] Dims, string[] Symbols, bool IsTensor) TypeOf(OrtSessionHandle session, int index, bool output)
    {
        IntPtr raw;
        int slot = output ? OrtApiIndex.SessionGetOutputTypeInfo : OrtApiIndex.SessionGetInputTypeInfo;
        Check(((delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)Api[slot])(session.DangerousGetHandle(), (nuint)index, &raw),
            output ? "SessionGetOutputTypeInfo" : "SessionGetInputTypeInfo");
        GC.KeepAlive(session);
        using var typeInfo = new OrtTypeInfoHandle(raw);
        int onnxType;
        Check(((delegate* unmanaged<IntPtr, int*, IntPtr>)Api[OrtApiIndex.GetOnnxTypeFromTypeInfo])(raw, &onnxType), "GetOnnxTypeFromTypeInfo");
        if (onnxType != OnnxTypeTensor)
        {
            return (0, [], [], false);
        }

        IntPtr tensorInfo; // owned by typeInfo; not released separately
        Check(((delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)Api[OrtApiIndex.CastTypeInfoToTensorInfo])(raw, &tensorInfo), "CastTypeInfoToTensorInfo");
        var (elementType, dims, symbols) = ReadTensorInfo(tensorInfo);
        return (elementType, dims, symbols, true);
    }

    /// <summary>Reads element type, dimensions and symbolic dimension names from an OrtTensorTypeAndShapeInfo.</summary>
    public static (int ElementType, long[] Dims, string[] Symbols) ReadTensorInfo(IntPtr info)
    {
        int elementType;
        nuint rank;
        Check(((delegate* unmanaged<IntPtr, int*, IntPtr>)Api[OrtApiIndex.GetTensorElementType])(info, &elementType), "GetTensorElementType");
        Check(((delegate* unmanaged<IntPtr, nuint*, IntPtr>)Api[OrtApiIndex.GetDimensionsCount])(info, &rank), "GetDimensionsCount");
        var dims = new long[(int)rank];
        var symbolPtrs = new IntPtr[(int)rank];
        fixed (long* d = dims)
        fixed (IntPtr* s = symbolPtrs)
        {
            Check(((delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)Api[OrtApiIndex.GetDimensions])(info, d, rank), "GetDimensions");
            Check(((delegate* unmanaged<IntPtr, IntPtr*, nuint, IntPtr>)Api[OrtApiIndex.GetSymbolicDimensions])(info, s, rank), "GetSymbolicDimensions");
        }

        var symbols = new string[dims.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            symbols[i] = symbolPtrs[i] == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUTF8(symbolPtrs[i]) ?? string.Empty;
        }

        return (elementType, dims, symbols);
    }

    private static IntPtr DefaultAllocator()
    {
        IntPtr allocator;
        Check(((delegate* unmanaged<IntPtr*, IntPtr>)Api[OrtApiIndex.GetAllocatorWithDefaultOptions])(&allocator), "GetAllocatorWithDefaultOptions");
        return allocator; // owned by ORT; never freed
    }

    private static OrtEnvHandle CreateEnv()
    {
        IntPtr raw;
        byte[] logId = NullTerminated("mlseg");
        fixed (byte* p = logId)
        {
            // ORT_LOGGING_LEVEL_ERROR (3): warnings about unused initializers and the like stay out of the console.
            Check(((delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)Api[OrtApiIndex.CreateEnv])(3, p, &raw), "CreateEnv");
        }

        return new OrtEnvHandle(raw);
    }

    private static OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        IntPtr raw;
        // OrtDeviceAllocator (0), OrtMemTypeDefault (0)
        Check(((delegate* unmanaged<int, int, IntPtr*, IntPtr>)Api[OrtApiIndex.CreateCpuMemoryInfo])(0, 0, &raw), "CreateCpuMemoryInfo");
        return new OrtMemoryInfoHandle(raw);
    }

    private static byte[] NullTerminated(string s)
    {
        int n = System.Text.Encoding.UTF8.GetByteCount(s);
        var bytes = new byte[n + 1];
        System.Text.Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
