using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using MLSeg.Core.Errors;

namespace MLSeg.Onnx;

/// <summary>
/// ONNX Runtime's CUDA execution provider (package Microsoft.ML.OnnxRuntime.Gpu.Linux, GPU builds only), added to a
/// session only when everything it needs is there; otherwise an error naming what is missing.
/// </summary>
public static class OrtCuda
{
    /// <summary>The provider's name in <see cref="OrtSessions.AvailableProviders"/>.</summary>
    public const string ProviderName = "CUDAExecutionProvider";

    /// <summary>The provider library ONNX Runtime loads from its own folder.</summary>
    public const string ProviderLibrary = "libonnxruntime_providers_cuda.so";

    /// <summary>
    /// What the 1.32 provider library needs from CUDA 13 and cuDNN 9: its DT_NEEDED entries (libcuda, libcudart,
    /// libcublas, libcublasLt, libcurand) and the libraries it opens at run time (libcudnn, libcufft).
    /// </summary>
    public static IReadOnlyList<string> RequiredLibraries { get; } =
        ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcufft.so.12", "libcudnn.so.9"];

    /// <summary>Null when CUDA can be added to a session on this build and machine; otherwise what is missing.</summary>
    public static string? Problem() =>
        Problem(OrtSessions.AvailableProviders, File.Exists(Path.Combine(AppContext.BaseDirectory, ProviderLibrary)), CanLoad);

    /// <summary>Adds the CUDA execution provider for <paramref name="device"/> to <paramref name="options"/>.</summary>
    /// <exception cref="NativeEngineException">The provider, or a library it needs, is missing, or it failed to start on that device.</exception>
    public static void Append(SessionOptions options, int device)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(device);
        if (Problem() is { } problem)
        {
            throw new NativeEngineException($"--device cuda:{device} cannot run: {problem}");
        }

        try
        {
            options.AppendExecutionProvider_CUDA(device);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new NativeEngineException($"ONNX Runtime's CUDA execution provider could not start on device {device}: {ex.Message}", ex);
        }
    }

    /// <summary>The check behind <see cref="Problem()"/>, over given facts (testable without a GPU).</summary>
    /// <param name="providers">The runtime's execution providers.</param>
    /// <param name="providerLibraryPresent">Whether <see cref="ProviderLibrary"/> lies beside the application.</param>
    /// <param name="canLoad">Whether the dynamic loader finds a library by its soname.</param>
    internal static string? Problem(IReadOnlyList<string> providers, bool providerLibraryPresent, Func<string, bool> canLoad)
    {
        if (!providers.Contains(ProviderName))
        {
            return $"this MLSeg build carries ONNX Runtime's CPU package (Microsoft.ML.OnnxRuntime {OrtSessions.RuntimeVersion}; providers: " +
                   $"{string.Join(", ", providers)}). Build the GPU variant, which uses Microsoft.ML.OnnxRuntime.Gpu.Linux: " +
                   "`make setup GPU=1`, then run it with MLSEG_GPU=1 ./mlseg … (see README, GPU).";
        }

        if (!providerLibraryPresent)
        {
            return $"{ProviderLibrary} is missing from {AppContext.BaseDirectory}; rebuild the GPU variant (`make setup GPU=1`).";
        }

        var missing = RequiredLibraries.Where(l => !canLoad(l)).ToList();
        return missing.Count == 0 ? null
            : $"ONNX Runtime's CUDA provider needs CUDA 13 and cuDNN 9, and the loader cannot find {string.Join(", ", missing)}. " +
              "Install the NVIDIA driver (libcuda.so.1) and CUDA 13 + cuDNN 9 runtime libraries, e.g. put a CUDA-13 PyTorch install's " +
              "site-packages/nvidia/*/lib folders on LD_LIBRARY_PATH.";
    }

    /// <summary>Whether an ONNX Runtime error came from the CUDA provider or a CUDA library.</summary>
    internal static bool IsCudaFailure(OnnxRuntimeException ex) =>
        ex.Message.Contains("CUDA", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("cudnn", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("cublas", StringComparison.OrdinalIgnoreCase);

    private static bool CanLoad(string soname)
    {
        if (!NativeLibrary.TryLoad(soname, out IntPtr handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
