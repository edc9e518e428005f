using System.Runtime.InteropServices;
using MLSeg.Core.Errors;
using MLSeg.Onnx.Native;

namespace MLSeg.Onnx;

/// <summary>
/// An ONNX model loaded into ONNX Runtime (C API, loaded from <c>artifacts/native</c> or <c>MLSEG_ORT_LIB</c>).
/// Inputs are checked against the model's declared names, element types and shapes before each run.
/// </summary>
public sealed partial class OnnxSession : IDisposable
{
    private const string CpuProvider = "CPUExecutionProvider";
    private const string CudaProvider = "CUDAExecutionProvider";
    private readonly OrtSessionHandle session;

    private OnnxSession(string model, OrtSessionHandle session, string provider, string? fallbackReason)
    {
        Model = model;
        this.session = session;
        ExecutionProvider = provider;
        FallbackReason = fallbackReason;
        Inputs = ReadInfos(output: false);
        Outputs = ReadInfos(output: true);
    }

    /// <summary>Null when ONNX Runtime can be loaded; otherwise why not (for skipping tests and diagnostics).</summary>
    public static string? RuntimeLoadError => OrtLibrary.LoadError;

    /// <summary>The loaded ONNX Runtime's version, e.g. 1.22.0.</summary>
    public static string RuntimeVersion => OrtLibrary.Version;

    /// <summary>The path ONNX Runtime was loaded from.</summary>
    public static string RuntimePath => OrtLibrary.Path;

    /// <summary>Execution providers compiled into the loaded runtime.</summary>
    public static IReadOnlyList<string> AvailableProviders => OrtNative.AvailableProviders();

    /// <summary>The model file, or the name given to an in-memory model; used in every error message.</summary>
    public string Model { get; }

    /// <summary>The execution provider the session was created for (CPUExecutionProvider or CUDAExecutionProvider).</summary>
    public string ExecutionProvider { get; }

    /// <summary>Why a GPU request ended on the CPU (only with <see cref="OnnxSessionOptions.FallbackToCpu"/>); else null.</summary>
    public string? FallbackReason { get; }

    /// <summary>The model's inputs, in graph order.</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    /// <summary>The model's outputs, in graph order.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>The input names, in graph order.</summary>
    public IReadOnlyList<string> InputNames => [.. Inputs.Select(i => i.Name)];

    /// <summary>The output names, in graph order.</summary>
    public IReadOnlyList<string> OutputNames => [.. Outputs.Select(o => o.Name)];

    /// <summary>Loads a model file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxModelException">The file is not a model this runtime can load (corrupt, truncated, unknown opset).</exception>
    /// <exception cref="NativeEngineException">ONNX Runtime cannot be loaded, or the requested GPU is unavailable.</exception>
    public static OnnxSession Open(string path, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"ONNX model '{full}' does not exist.", full);
        }

        return Create(full, options ?? new OnnxSessionOptions(), o => OrtNative.CreateSession(full, o));
    }

    /// <summary>Loads a model from its serialised bytes; <paramref name="name"/> identifies it in messages.</summary>
    public static OnnxSession FromBytes(byte[] model, OnnxSessionOptions? options = null, string name = "<in-memory model>")
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(name, options ?? new OnnxSessionOptions(), o => OrtNative.CreateSession(model, o));
    }

    /// <summary>
    /// Runs the model. Every model input must be given; <paramref name="outputs"/> selects outputs by name (all when null).
    /// </summary>
    /// <returns>The requested outputs by name.</returns>
    /// <exception cref="OnnxModelException">An input is missing, unknown, or of the wrong element type or shape; or the run failed.</exception>
    public IReadOnlyDictionary<string, OnnxTensor> Run(IReadOnlyDictionary<string, OnnxTensor> inputs, IEnumerable<string>? outputs = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(session.IsClosed, this);
        ValidateInputs(inputs);
        List<string> outputNames = outputs is null ? [.. OutputNames] : [.. outputs];
        ValidateOutputs(outputNames);

        var names = new List<string>(inputs.Count);
        var handles = new List<GCHandle>(inputs.Count);
        var values = new List<OrtValueHandle>(inputs.Count);
        OrtValueHandle[] results = [];
        try
        {
            foreach (var (name, tensor) in inputs)
            {
                GCHandle pin = GCHandle.Alloc(tensor.Bytes, GCHandleType.Pinned);
                handles.Add(pin);
                names.Add(name);
                unsafe
                {
                    values.Add(OrtNative.CreateTensorOver((void*)pin.AddrOfPinnedObject(), tensor.Bytes.Length, [.. tensor.Shape], (int)tensor.ElementType));
                }
            }

            try
            {
                results = OrtNative.Run(session, names, values, outputNames);
            }
            catch (NativeEngineException ex)
            {
                throw new OnnxModelException(Model, $"Running ONNX model '{Model}' failed with inputs {DescribeGiven(inputs)}: {ex.NativeMessage}", ex);
            }

            var map = new Dictionary<string, OnnxTensor>(outputNames.Count, StringComparer.Ordinal);
            for (int i = 0; i < results.Length; i++)
            {
                var (type, shape, bytes) = OrtNative.ReadTensor(results[i], t => OnnxElementTypes.SizeOf((OnnxElementType)t));
                map[outputNames[i]] = OnnxTensor.FromOwnedBytes((OnnxElementType)type, shape, bytes);
            }

            return map;
        }
        finally
        {
            foreach (var r in results)
            {
                r.Dispose();
            }

            foreach (var v in values)
            {
                v.Dispose();
            }

            foreach (var h in handles)
            {
                h.Free();
            }
        }
    }

    /// <summary>
    /// Runs a single-input, float32 model on an NCHW image batch and returns its first output's elements.
    /// </summary>
    /// <param name="nchw">The elements, row-major.</param>
    /// <param name="shape">The input's dimensions, e.g. [1, 1, 512, 512].</param>
    public float[] RunImage(float[] nchw, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(nchw);
        ArgumentNullException.ThrowIfNull(shape);
        if (Inputs.Count != 1)
        {
            throw new OnnxModelException(Model, $"RunImage needs a model with one input; '{Model}' has {Inputs.Count}: {DescribeAll(Inputs)}.");
        }

        long[] dims = Array.ConvertAll(shape, d => (long)d);
        var input = new Dictionary<string, OnnxTensor> { [Inputs[0].Name] = OnnxTensor.FromArray(nchw, dims) };
        OnnxTensor output = Run(input, [Outputs[0].Name])[Outputs[0].Name];
        return output.ElementType == OnnxElementType.Float32 ? output.ToFloatArray()
            : throw new OnnxModelException(Model, $"RunImage expects a float output; '{Model}' output {Outputs[0].Describe()} gave {output}.");
    }

    /// <summary>Releases the native session.</summary>
    public void Dispose() => session.Dispose();
}
