namespace MLSeg.Onnx;

/// <summary>How an <see cref="OnnxSession"/> runs; defaults in <see cref="Defaults"/>.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>Threads used inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; } = Defaults.IntraOpThreads;

    /// <summary>Graph rewrites applied when the session is created.</summary>
    public OnnxGraphOptimizationLevel GraphOptimization { get; init; } = Defaults.GraphOptimization;

    /// <summary>CUDA device to run on, as in ML.NET's <c>gpuDeviceId</c>; null runs on the CPU.</summary>
    public int? GpuDeviceId { get; init; }

    /// <summary>
    /// As in ML.NET's <c>fallbackToCpu</c>: when the GPU was asked for but the loaded runtime has no CUDA provider or it
    /// cannot start, run on the CPU (recorded in <see cref="OnnxSession.FallbackReason"/>) instead of failing.
    /// </summary>
    public bool FallbackToCpu { get; init; }

    /// <summary>The default values.</summary>
    public static class Defaults
    {
        /// <summary>0: ONNX Runtime's choice.</summary>
        public const int IntraOpThreads = 0;

        /// <summary>All optimisations.</summary>
        public const OnnxGraphOptimizationLevel GraphOptimization = OnnxGraphOptimizationLevel.All;
    }
}
