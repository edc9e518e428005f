using MLSeg.Core.Errors;
using MLSeg.Onnx.Native;

namespace MLSeg.Onnx;

/// <summary>Creation, provider selection and input checks.</summary>
public sealed partial class OnnxSession
{
    private static OnnxSession Create(string model, OnnxSessionOptions options, Func<OrtSessionOptionsHandle, OrtSessionHandle> open)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads);
        using OrtSessionOptionsHandle native = OrtNative.CreateSessionOptions(options.IntraOpThreads, (int)options.GraphOptimization);
        string provider = CpuProvider;
        string? fallback = null;
        if (options.GpuDeviceId is int device)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(device, nameof(options));
            string? problem = TryAppendCuda(native, device);
            if (problem is null)
            {
                provider = CudaProvider;
            }
            else if (options.FallbackToCpu)
            {
                fallback = problem;
            }
            else
            {
                throw new NativeEngineException($"{problem} Pass FallbackToCpu = true to run on the CPU instead.");
            }
        }

        OrtSessionHandle handle;
        try
        {
            handle = open(native);
        }
        catch (NativeEngineException ex) when (ex.Status != 0)
        {
            throw new OnnxModelException(model, $"ONNX Runtime {OrtLibrary.Version} could not load model '{model}': {ex.NativeMessage} " +
                                                "(a corrupt or truncated file, or an operator set this runtime does not support).", ex);
        }

        return new OnnxSession(model, handle, provider, fallback);
    }

    private static string? TryAppendCuda(OrtSessionOptionsHandle options, int device)
    {
        IReadOnlyList<string> available = OrtNative.AvailableProviders();
        if (!available.Contains(CudaProvider))
        {
            return $"GPU {device} was requested but the loaded ONNX Runtime {OrtLibrary.Version} ('{OrtLibrary.Path}') has no CUDA execution provider " +
                   $"(it has {string.Join(", ", available)}); set {OrtLibrary.PathVariable} to a CUDA build of libonnxruntime.so.";
        }

        try
        {
            OrtNative.AppendCuda(options, device);
            return null;
        }
        catch (NativeEngineException ex)
        {
            return $"The CUDA execution provider could not start on GPU {device}: {ex.NativeMessage}";
        }
    }

    private IReadOnlyList<OnnxValueInfo> ReadInfos(bool output)
    {
        int n = OrtNative.Count(session, output);
        var infos = new OnnxValueInfo[n];
        for (int i = 0; i < n; i++)
        {
            string name = OrtNative.Name(session, i, output);
            var (type, dims, symbols, _) = OrtNative.TypeOf(session, i, output);
            infos[i] = new OnnxValueInfo(name, (OnnxElementType)type, dims, symbols);
        }

        return infos;
    }

    private void ValidateInputs(IReadOnlyDictionary<string, OnnxTensor> inputs)
    {
        foreach (var (name, tensor) in inputs)
        {
            ArgumentNullException.ThrowIfNull(tensor, $"inputs[{name}]");
            OnnxValueInfo? info = Inputs.FirstOrDefault(i => i.Name == name);
            if (info is null)
            {
                throw new OnnxModelException(Model, $"ONNX model '{Model}' has no input '{name}'; its inputs are {DescribeAll(Inputs)}.");
            }

            if (OnnxElementTypes.SizeOf(tensor.ElementType) == 0 || info.ElementType != tensor.ElementType)
            {
                throw new OnnxModelException(Model, $"Input '{name}' of ONNX model '{Model}' expects {info.Describe()}, but a {tensor} tensor was given.");
            }

            if (!info.Accepts(tensor.Shape))
            {
                throw new OnnxModelException(Model, $"Input '{name}' of ONNX model '{Model}' expects shape {info.Describe()}, but a {tensor} tensor was given.");
            }
        }

        var missing = Inputs.Where(i => !inputs.ContainsKey(i.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new OnnxModelException(Model, $"ONNX model '{Model}' needs input(s) {DescribeAll(missing)}, which were not given " +
                                                $"(given: {DescribeGiven(inputs)}; model inputs: {DescribeAll(Inputs)}).");
        }
    }

    private void ValidateOutputs(List<string> names)
    {
        if (names.Count == 0)
        {
            throw new ArgumentException("At least one output must be requested.", nameof(names));
        }

        foreach (string name in names)
        {
            if (!Outputs.Any(o => o.Name == name))
            {
                throw new OnnxModelException(Model, $"ONNX model '{Model}' has no output '{name}'; its outputs are {DescribeAll(Outputs)}.");
            }
        }
    }

    private static string DescribeAll(IEnumerable<OnnxValueInfo> infos) => string.Join("; ", infos.Select(i => i.Describe()));

    private static string DescribeGiven(IReadOnlyDictionary<string, OnnxTensor> inputs) =>
        inputs.Count == 0 ? "none" : string.Join("; ", inputs.Select(kv => $"{kv.Key}: {kv.Value}"));
}
