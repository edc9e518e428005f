using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
using MLSeg.Core.Errors;

namespace MLSeg.Onnx;

/// <summary>
/// Opens ONNX Runtime <see cref="InferenceSession"/>s (package Microsoft.ML.OnnxRuntime) with MLSeg's errors: a missing
/// file, a corrupt model and a CUDA request that cannot be met each name what failed and how to fix it. The session is
/// ONNX Runtime's own; <see cref="InferenceSessionExtensions"/> adds checked runs that name the model in their errors.
/// </summary>
public static class OrtSessions
{
    private static readonly ConditionalWeakTable<InferenceSession, string> Names = [];

    /// <summary>ONNX Runtime's version, e.g. 1.32.0 (the native library MLSeg was built with).</summary>
    public static string RuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <summary>Execution providers compiled into the loaded runtime (the CPU package: CPUExecutionProvider only).</summary>
    public static IReadOnlyList<string> AvailableProviders => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>
    /// The file of the native runtime this process loaded (from <c>/proc/self/maps</c> on Linux), or null where that
    /// cannot be read. MLSeg copies the runtime beside its assemblies (the CPU package, or the CUDA one in GPU builds);
    /// a package's own copy under <c>runtimes/</c> would be loaded in its place, which <c>mlseg version</c> makes visible.
    /// </summary>
    public static string? RuntimeLibraryPath
    {
        get
        {
            _ = OrtEnv.Instance();
            const string maps = "/proc/self/maps";
            if (!File.Exists(maps))
            {
                return null;
            }

            return File.ReadLines(maps)
                .Select(line => line.IndexOf('/', StringComparison.Ordinal) is int at and >= 0 ? line[at..] : null)
                .FirstOrDefault(path => path is not null && Path.GetFileName(path).StartsWith("libonnxruntime.so", StringComparison.Ordinal));
        }
    }

    /// <summary>Loads a model file; <paramref name="options"/> stays the caller's (the session copies what it needs).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxModelException">The file is not a model this runtime can load (corrupt, truncated, unknown opset).</exception>
    /// <exception cref="NativeEngineException">The CUDA execution provider in <paramref name="options"/> failed to start.</exception>
    public static InferenceSession Open(string path, SessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"ONNX model '{full}' does not exist.", full);
        }

        return Create(full, () => options is null ? new InferenceSession(full) : new InferenceSession(full, options));
    }

    /// <summary>Loads a model from its serialised bytes; <paramref name="name"/> identifies it in messages.</summary>
    /// <exception cref="OnnxModelException">The bytes are not a model this runtime can load.</exception>
    /// <exception cref="NativeEngineException">The CUDA execution provider in <paramref name="options"/> failed to start.</exception>
    public static InferenceSession Open(byte[] model, string name = "<in-memory model>", SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Create(name, () => options is null ? new InferenceSession(model) : new InferenceSession(model, options));
    }

    /// <summary>
    /// Session options for <paramref name="device"/>: null runs on the CPU; a CUDA device index adds ONNX Runtime's CUDA
    /// execution provider, or fails (never a quiet CPU run). The caller disposes the options.
    /// </summary>
    /// <param name="device">The CUDA device index, or null for the CPU.</param>
    /// <param name="intraOpThreads">Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core).</param>
    /// <exception cref="NativeEngineException">CUDA was asked for but this build or machine cannot provide it; the message names what is missing.</exception>
    public static SessionOptions CreateOptions(int? device = null, int intraOpThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        try
        {
            if (device is int index)
            {
                OrtCuda.Append(options, index);
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Parses a device as the CLI spells it: <c>cpu</c> (null), <c>cuda</c> (device 0) or <c>cuda:N</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Any other text.</exception>
    public static int? ParseDevice(string text) => MLSeg.Models.Engine.Devices.ParseCudaIndex(text);

    /// <summary>The file (or the name given to an in-memory model) a session was opened from, for messages.</summary>
    public static string NameOf(InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Names.TryGetValue(session, out string? name) ? name : "<ONNX model>";
    }

    private static InferenceSession Create(string name, Func<InferenceSession> open)
    {
        InferenceSession session;
        try
        {
            session = open();
        }
        catch (OnnxRuntimeException ex) when (OrtCuda.IsCudaFailure(ex))
        {
            throw new NativeEngineException($"ONNX Runtime's CUDA execution provider could not create a session for '{name}': {ex.Message}", ex);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxModelException(name, $"ONNX Runtime {RuntimeVersion} could not load model '{name}': {ex.Message} " +
                                               "(a corrupt or truncated file, or an operator set this runtime does not support).", ex);
        }

        Names.AddOrUpdate(session, name);
        return session;
    }
}
