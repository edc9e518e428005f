namespace MLSeg.Onnx.Writer;

/// <summary>
/// Operator helpers. Each adds one node (or a short fixed pattern) and returns the name of its output, which is
/// <c>output</c> when given, else a fresh name. 2-D spatial attributes are (H, W); pads are (top, left, bottom, right)
/// as ONNX orders them (begin of every axis, then end).
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>Conv; weight is (out, in/group, kH, kW).</summary>
    public string Conv(string input, string weight, string? bias = null, (long H, long W)? strides = null, (long H, long W)? padding = null,
        (long H, long W)? dilations = null, long group = 1, string? output = null)
    {
        var (s, p, d) = (strides ?? (1, 1), padding ?? (0, 0), dilations ?? (1, 1));
        return Node("Conv", output, bias is null ? [input, weight] : [input, weight, bias],
            OnnxAttribute.Ints("strides", s.H, s.W), OnnxAttribute.Ints("pads", p.H, p.W, p.H, p.W),
            OnnxAttribute.Ints("dilations", d.H, d.W), OnnxAttribute.Int("group", group));
    }

    /// <summary>ConvTranspose; weight is (in, out/group, kH, kW).</summary>
    public string ConvTranspose(string input, string weight, string? bias = null, (long H, long W)? strides = null, (long H, long W)? padding = null,
        (long H, long W)? outputPadding = null, long group = 1, string? output = null)
    {
        var (s, p, o) = (strides ?? (1, 1), padding ?? (0, 0), outputPadding ?? (0, 0));
        return Node("ConvTranspose", output, bias is null ? [input, weight] : [input, weight, bias],
            OnnxAttribute.Ints("strides", s.H, s.W), OnnxAttribute.Ints("pads", p.H, p.W, p.H, p.W),
            OnnxAttribute.Ints("output_padding", o.H, o.W), OnnxAttribute.Int("group", group));
    }

    /// <summary>BatchNormalization in inference mode (running statistics).</summary>
    public string BatchNormalization(string input, string scale, string bias, string mean, string variance, float epsilon = 1e-5f, string? output = null) =>
        Node("BatchNormalization", output, [input, scale, bias, mean, variance], OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>InstanceNormalization: per (sample, channel) over the remaining axes.</summary>
    public string InstanceNormalization(string input, string scale, string bias, float epsilon = 1e-5f, string? output = null) =>
        Node("InstanceNormalization", output, [input, scale, bias], OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>
    /// Group normalisation of an NCHW tensor with <paramref name="channels"/> channels, composed for opsets below 18
    /// (which lack GroupNormalization): Reshape to (N, G, C/G·H·W) → InstanceNormalization with unit scale and zero
    /// bias → Reshape back (via Shape) → Mul by gamma and Add beta, both reshaped to (C, 1, 1). This equals
    /// PyTorch's <c>F.group_norm</c>.
    /// </summary>
    public string GroupNormalization(string input, long numGroups, long channels, string gamma, string beta, float epsilon = 1e-5f, string? output = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numGroups);
        if (channels % numGroups != 0)
        {
            throw new ArgumentException($"{channels} channels do not split into {numGroups} groups.", nameof(numGroups));
        }

        string grouped = Shaped(input, "gn_grouped", [0, numGroups, -1]);
        string unitScale = NewName("gn_one");
        AddInitializer(unitScale, Enumerable.Repeat(1f, (int)numGroups).ToArray(), numGroups);
        string zeroBias = NewName("gn_zero");
        AddInitializer(zeroBias, new float[numGroups], numGroups);
        string normed = InstanceNormalization(grouped, unitScale, zeroBias, epsilon);
        string shape = Node("Shape", null, [input]);
        string restored = Node("Reshape", null, [normed, shape]);
        string g = Shaped(gamma, "gn_gamma", [channels, 1, 1]);
        string b = Shaped(beta, "gn_beta", [channels, 1, 1]);
        return Add(Mul(restored, g), b, output);
    }

    /// <summary>Relu.</summary>
    public string Relu(string input, string? output = null) => Node("Relu", output, [input]);

    /// <summary>LeakyRelu with slope <paramref name="alpha"/> for negative inputs.</summary>
    public string LeakyRelu(string input, float alpha = 0.01f, string? output = null) => Node("LeakyRelu", output, [input], OnnxAttribute.Float("alpha", alpha));

    /// <summary>Sigmoid.</summary>
    public string Sigmoid(string input, string? output = null) => Node("Sigmoid", output, [input]);

    /// <summary>Softmax along <paramref name="axis"/> (opset 13+ semantics: one axis).</summary>
    public string Softmax(string input, long axis = 1, string? output = null) => Node("Softmax", output, [input], OnnxAttribute.Int("axis", axis));

    /// <summary>Identity.</summary>
    public string Identity(string input, string? output = null) => Node("Identity", output, [input]);

    /// <summary>MaxPool; stride defaults to the kernel size, as in PyTorch.</summary>
    public string MaxPool(string input, (long H, long W) kernel, (long H, long W)? strides = null, (long H, long W)? padding = null, bool ceilMode = false, string? output = null)
    {
        var (s, p) = (strides ?? kernel, padding ?? (0, 0));
        return Node("MaxPool", output, [input], OnnxAttribute.Ints("kernel_shape", kernel.H, kernel.W), OnnxAttribute.Ints("strides", s.H, s.W),
            OnnxAttribute.Ints("pads", p.H, p.W, p.H, p.W), OnnxAttribute.Int("ceil_mode", ceilMode ? 1 : 0));
    }

    /// <summary>AveragePool; stride defaults to the kernel size, as in PyTorch.</summary>
    public string AveragePool(string input, (long H, long W) kernel, (long H, long W)? strides = null, (long H, long W)? padding = null,
        bool countIncludePad = true, string? output = null)
    {
        var (s, p) = (strides ?? kernel, padding ?? (0, 0));
        return Node("AveragePool", output, [input], OnnxAttribute.Ints("kernel_shape", kernel.H, kernel.W), OnnxAttribute.Ints("strides", s.H, s.W),
            OnnxAttribute.Ints("pads", p.H, p.W, p.H, p.W), OnnxAttribute.Int("count_include_pad", countIncludePad ? 1 : 0));
    }

    /// <summary>GlobalAveragePool: (N, C, H, W) → (N, C, 1, 1).</summary>
    public string GlobalAveragePool(string input, string? output = null) => Node("GlobalAveragePool", output, [input]);

    /// <summary>Resize an NCHW tensor to <paramref name="size"/> (H, W) the way PyTorch's interpolate does for <paramref name="mode"/>.</summary>
    public string Resize(string input, long batch, long channels, (long H, long W) size, OnnxResizeMode mode, string? output = null)
    {
        string sizes = NewName("resize_sizes");
        AddInitializer(sizes, new long[] { batch, channels, size.H, size.W }, 4);
        var (interpolation, coordinates) = mode switch
        {
            OnnxResizeMode.Nearest => ("nearest", "asymmetric"),
            OnnxResizeMode.LinearHalfPixel => ("linear", "half_pixel"),
            OnnxResizeMode.LinearAsymmetric => ("linear", "asymmetric"),
            OnnxResizeMode.LinearAlignCorners => ("linear", "align_corners"),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown resize mode."),
        };

        // Inputs X, roi, scales, sizes; roi and scales omitted (empty names), sizes given.
        return Node("Resize", output, [input, string.Empty, string.Empty, sizes], OnnxAttribute.String("mode", interpolation),
            OnnxAttribute.String("coordinate_transformation_mode", coordinates), OnnxAttribute.String("nearest_mode", "floor"));
    }

    /// <summary>Concat along <paramref name="axis"/>.</summary>
    public string Concat(IReadOnlyList<string> inputs, long axis = 1, string? output = null) => Node("Concat", output, inputs, OnnxAttribute.Int("axis", axis));

    /// <summary>Elementwise Add (broadcasting).</summary>
    public string Add(string a, string b, string? output = null) => Node("Add", output, [a, b]);

    /// <summary>Elementwise Mul (broadcasting).</summary>
    public string Mul(string a, string b, string? output = null) => Node("Mul", output, [a, b]);

    /// <summary>MatMul (numpy semantics).</summary>
    public string MatMul(string a, string b, string? output = null) => Node("MatMul", output, [a, b]);

    /// <summary>Gemm: alpha·A·B(ᵀ) + beta·C; with <paramref name="transB"/> it is PyTorch's Linear for weight (out, in).</summary>
    public string Gemm(string a, string b, string? c = null, bool transB = true, float alpha = 1f, float beta = 1f, string? output = null) =>
        Node("Gemm", output, c is null ? [a, b] : [a, b, c], OnnxAttribute.Float("alpha", alpha), OnnxAttribute.Float("beta", beta),
            OnnxAttribute.Int("transA", 0), OnnxAttribute.Int("transB", transB ? 1 : 0));

    /// <summary>Flatten to 2-D at <paramref name="axis"/>.</summary>
    public string Flatten(string input, long axis = 1, string? output = null) => Node("Flatten", output, [input], OnnxAttribute.Int("axis", axis));

    /// <summary>Reshape to a constant shape (0 copies the input dimension, -1 is inferred).</summary>
    public string Reshape(string input, long[] shape, string? output = null) => Shaped(input, "reshape", shape, output);

    /// <summary>
    /// Pads the last two axes of an NCHW tensor by (left, right, top, bottom) — PyTorch's F.pad order — with
    /// mode constant, reflect or edge.
    /// </summary>
    public string Pad(string input, (long Left, long Right, long Top, long Bottom) pads, string mode = "constant", string? output = null)
    {
        string p = NewName("pads");
        AddInitializer(p, new long[] { 0, 0, pads.Top, pads.Left, 0, 0, pads.Bottom, pads.Right }, 8);
        return Node("Pad", output, [input, p], OnnxAttribute.String("mode", mode));
    }

    private string Shaped(string input, string prefix, long[] shape, string? output = null)
    {
        string s = NewName(prefix + "_shape");
        AddInitializer(s, shape, shape.Length);
        return Node("Reshape", output, [input, s]);
    }

    private string Node(string opType, string? output, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        string name = output ?? NewName(opType.ToLowerInvariant());
        AddNode(opType, inputs, [name], attributes);
        return name;
    }
}
