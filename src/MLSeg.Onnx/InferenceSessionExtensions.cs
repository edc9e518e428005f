using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLSeg.Onnx;

/// <summary>
/// Checked runs on ONNX Runtime's <see cref="InferenceSession"/>: inputs are checked against the model's declared
/// names, element types and shapes first, so a wrong input fails naming the model (<see cref="OrtSessions.NameOf"/>),
/// the input, what was expected and what was given, instead of with the runtime's terse status.
/// </summary>
public static class InferenceSessionExtensions
{
    /// <summary>The model's inputs in graph order, as MLSeg describes them.</summary>
    public static IReadOnlyList<OnnxValueInfo> InputInfos(this InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [.. session.InputNames.Select(n => OnnxValueInfo.FromMetadata(n, session.InputMetadata[n]))];
    }

    /// <summary>The model's outputs in graph order, as MLSeg describes them.</summary>
    public static IReadOnlyList<OnnxValueInfo> OutputInfos(this InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [.. session.OutputNames.Select(n => OnnxValueInfo.FromMetadata(n, session.OutputMetadata[n]))];
    }

    /// <summary>
    /// Runs the model after checking every input. <paramref name="outputNames"/> selects outputs (all when null); the
    /// caller disposes the returned values, which are in the order asked for.
    /// </summary>
    /// <exception cref="OnnxModelException">An input is missing, unknown, not a tensor, or of the wrong element type or shape; an output name is unknown; or the run failed.</exception>
    public static IDisposableReadOnlyCollection<OrtValue> RunChecked(this InferenceSession session, IReadOnlyDictionary<string, OrtValue> inputs,
        IReadOnlyCollection<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(inputs);
        string model = OrtSessions.NameOf(session);
        IReadOnlyList<OnnxValueInfo> declared = session.InputInfos();
        CheckInputs(model, declared, inputs);
        IReadOnlyCollection<string> outputs = outputNames ?? session.OutputNames;
        CheckOutputs(model, session, outputs);
        try
        {
            using var runOptions = new RunOptions();
            return session.Run(runOptions, inputs, outputs);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxModelException(model, $"Running ONNX model '{model}' failed with inputs {DescribeGiven(inputs)}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs a single-input model on a float32 image batch and returns its first output's elements (row-major).
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="nchw">The elements, row-major; read in place, not copied.</param>
    /// <param name="shape">The input's dimensions, e.g. [1, 1, 512, 512].</param>
    /// <exception cref="OnnxModelException">The model has several inputs, the input does not fit, or the first output is not float32.</exception>
    public static float[] RunImage(this InferenceSession session, float[] nchw, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(nchw);
        ArgumentNullException.ThrowIfNull(shape);
        string model = OrtSessions.NameOf(session);
        if (session.InputNames.Count != 1)
        {
            throw new OnnxModelException(model, $"RunImage needs a model with one input; '{model}' has {session.InputNames.Count}: {DescribeAll(session.InputInfos())}.");
        }

        long count = shape.Aggregate(1L, (a, d) => d < 0 ? throw new ArgumentOutOfRangeException(nameof(shape), $"Dimension {d} is negative.") : checked(a * d));
        if (count != nchw.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {count} elements but {nchw.Length} were given.", nameof(nchw));
        }

        using OrtValue input = OrtValue.CreateTensorValueFromMemory(nchw, shape);
        string output = session.OutputNames[0];
        using IDisposableReadOnlyCollection<OrtValue> results = session.RunChecked(new Dictionary<string, OrtValue> { [session.InputNames[0]] = input }, [output]);
        OrtValue y = results.First();
        return y.IsTensor && y.GetTensorTypeAndShape().ElementDataType == TensorElementType.Float ? y.GetTensorDataAsSpan<float>().ToArray()
            : throw new OnnxModelException(model, $"RunImage expects a float output; '{model}' output {OnnxValueInfo.FromMetadata(output, session.OutputMetadata[output]).Describe()} gave {Describe(y)}.");
    }

    /// <summary>Readable form of a value, e.g. <c>float[1, 3, 64, 64]</c>.</summary>
    public static string Describe(OrtValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsTensor)
        {
            return value.OnnxType.ToString();
        }

        OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
        return $"{OnnxElementTypes.OnnxName((OnnxElementType)(int)info.ElementDataType)}[{string.Join(", ", info.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]";
    }

    private static void CheckInputs(string model, IReadOnlyList<OnnxValueInfo> declared, IReadOnlyDictionary<string, OrtValue> inputs)
    {
        foreach (var (name, value) in inputs)
        {
            ArgumentNullException.ThrowIfNull(value, $"inputs[{name}]");
            OnnxValueInfo? info = declared.FirstOrDefault(i => i.Name == name);
            if (info is null)
            {
                throw new OnnxModelException(model, $"ONNX model '{model}' has no input '{name}'; its inputs are {DescribeAll(declared)}.");
            }

            if (!value.IsTensor || (OnnxElementType)(int)value.GetTensorTypeAndShape().ElementDataType != info.ElementType)
            {
                throw new OnnxModelException(model, $"Input '{name}' of ONNX model '{model}' expects {info.Describe()}, but a {Describe(value)} tensor was given.");
            }

            if (!info.Accepts(value.GetTensorTypeAndShape().Shape))
            {
                throw new OnnxModelException(model, $"Input '{name}' of ONNX model '{model}' expects shape {info.Describe()}, but a {Describe(value)} tensor was given.");
            }
        }

        var missing = declared.Where(i => !inputs.ContainsKey(i.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new OnnxModelException(model, $"ONNX model '{model}' needs input(s) {DescribeAll(missing)}, which were not given " +
                                                $"(given: {DescribeGiven(inputs)}; model inputs: {DescribeAll(declared)}).");
        }
    }

    private static void CheckOutputs(string model, InferenceSession session, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            throw new ArgumentException("At least one output must be requested.", nameof(names));
        }

        foreach (string name in names)
        {
            if (!session.OutputMetadata.ContainsKey(name))
            {
                throw new OnnxModelException(model, $"ONNX model '{model}' has no output '{name}'; its outputs are {DescribeAll(session.OutputInfos())}.");
            }
        }
    }

    private static string DescribeAll(IEnumerable<OnnxValueInfo> infos) => string.Join("; ", infos.Select(i => i.Describe()));

    private static string DescribeGiven(IReadOnlyDictionary<string, OrtValue> inputs) =>
        inputs.Count == 0 ? "none" : string.Join("; ", inputs.Select(kv => $"{kv.Key}: {Describe(kv.Value)}"));
}
