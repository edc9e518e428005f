using MLSeg.Onnx.Writer;
using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Onnx.Export;

/// <summary>
/// Emits MLSeg.Torch modules of one network into an <see cref="OnnxGraphBuilder"/> with eval-mode semantics (BatchNorm
/// on running statistics), looking modules up by their dotted path so initializer names equal state-dict keys. The
/// family exporters compose these helpers in the order of each family's Forward code.
/// </summary>
internal sealed class ModuleEmitter
{
    private readonly Module root;

    public ModuleEmitter(Module root, OnnxGraphBuilder builder, bool foldBatchNorm)
    {
        this.root = root;
        Builder = builder;
        FoldBatchNorm = foldBatchNorm;
    }

    public OnnxGraphBuilder Builder { get; }

    public bool FoldBatchNorm { get; }

    /// <summary>The module at <paramref name="path"/>, which must be a <typeparamref name="T"/>.</summary>
    public T Get<T>(string path) where T : Module
    {
        Module m = root.GetSubmodule(path);
        return m as T ?? throw new NotSupportedException(
            $"ONNX export expected a {typeof(T).Name} at '{path}' of {root.GetType().Name} but found a {m.GetType().Name}; the exporter mirrors the family's Forward code and does not know this layout.");
    }

    /// <summary>Whether the module at <paramref name="path"/> has a direct child named <paramref name="child"/>.</summary>
    public bool HasChild(string path, string child) => root.GetSubmodule(path).NamedChildren().Any(c => c.Key == child);

    /// <summary>Convolution at <paramref name="convPath"/>, then the norm at <paramref name="normPath"/> (folded into the convolution when it is a BatchNorm and folding is on).</summary>
    public string ConvNorm(string input, string convPath, string normPath)
    {
        Conv2d conv = Get<Conv2d>(convPath);
        Module norm = root.GetSubmodule(normPath);
        if (FoldBatchNorm && norm is BatchNorm2d bn)
        {
            var (w, b) = BatchNormFolding.Fold(conv.Weight, conv.Bias, bn);
            // The folded tensors take the convolution's state-dict names; its own weight (and bias) are not written.
            string wName = convPath + ".weight";
            string bName = convPath + ".bias";
            Builder.AddInitializer(wName, w, conv.Weight.Shape);
            Builder.AddInitializer(bName, b, b.Length);
            return EmitConv(input, conv, wName, bName);
        }

        return Norm(Conv(input, convPath), normPath);
    }

    /// <summary>Conv2d with its own weight and bias.</summary>
    public string Conv(string input, string path)
    {
        Conv2d conv = Get<Conv2d>(path);
        string w = Parameter(path + ".weight", conv.Weight);
        string? b = conv.Bias is { } bias ? Parameter(path + ".bias", bias) : null;
        return EmitConv(input, conv, w, b);
    }

    /// <summary>ConvTranspose2d with its own weight and bias.</summary>
    public string ConvTranspose(string input, string path)
    {
        ConvTranspose2d conv = Get<ConvTranspose2d>(path);
        if (conv.Dilation != (1, 1))
        {
            throw new NotSupportedException($"ONNX export of '{path}': transposed convolutions with dilation {conv.Dilation} are not supported (MLSeg's decoders use 1).");
        }

        string w = Parameter(path + ".weight", conv.Weight);
        string? b = conv.Bias is { } bias ? Parameter(path + ".bias", bias) : null;
        return Builder.ConvTranspose(input, w, b, conv.Stride, conv.Padding, conv.OutputPadding, conv.Groups);
    }

    /// <summary>BatchNorm2d (inference form) or GroupNorm at <paramref name="path"/>.</summary>
    public string Norm(string input, string path)
    {
        switch (root.GetSubmodule(path))
        {
            case BatchNorm2d bn:
                {
                    long c = bn.NumFeatures;
                    string scale = bn.Weight is { } g ? Parameter(path + ".weight", g) : Constant(path + ".weight", 1f, c);
                    string shift = bn.Bias is { } bb ? Parameter(path + ".bias", bb) : Constant(path + ".bias", 0f, c);
                    string mean = Parameter(path + ".running_mean", bn.RunningMean);
                    string variance = Parameter(path + ".running_var", bn.RunningVar);
                    return Builder.BatchNormalization(input, scale, shift, mean, variance, (float)bn.Eps);
                }

            case GroupNorm gn:
                {
                    var own = gn.NamedParameters().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                    long c = own.TryGetValue("weight", out Tensor? gw) ? gw.Shape[0] : throw new NotSupportedException(
                        $"ONNX export of '{path}': a GroupNorm without affine parameters is not supported (MLSeg's networks use affine GroupNorm).");
                    string gamma = Parameter(path + ".weight", gw);
                    string beta = own.TryGetValue("bias", out Tensor? gb) ? Parameter(path + ".bias", gb) : Constant(path + ".bias", 0f, c);
                    return Builder.GroupNormalization(input, gn.NumGroups, c, gamma, beta, (float)gn.Eps);
                }

            case var other:
                throw new NotSupportedException($"ONNX export of '{path}': expected BatchNorm2d or GroupNorm, found {other.GetType().Name}.");
        }
    }

    /// <summary>Upsample by its integer scale factor with PyTorch's interpolate semantics (symbolic sizes stay symbolic).</summary>
    public string Upsample(string input, string path)
    {
        Upsample up = Get<Upsample>(path);
        var (mode, coordinates) = up.Mode switch
        {
            InterpolationMode.Nearest => ("nearest", "asymmetric"),
            InterpolationMode.Bilinear => ("linear", up.AlignCorners ? "align_corners" : "half_pixel"),
            _ => throw new NotSupportedException($"ONNX export of '{path}': Upsample mode {up.Mode} is not supported (nearest and bilinear are)."),
        };
        string scales = Builder.NewName(path + ".scales");
        Builder.AddInitializer(scales, new[] { 1f, 1f, up.ScaleFactor, up.ScaleFactor }, 4);
        string output = Builder.NewName("resize");
        // Inputs X, roi (omitted), scales.
        Builder.AddNode("Resize", [input, string.Empty, scales], [output], OnnxAttribute.String("mode", mode),
            OnnxAttribute.String("coordinate_transformation_mode", coordinates), OnnxAttribute.String("nearest_mode", "floor"));
        return output;
    }

    /// <summary>MaxPool2d with the given geometry (PyTorch's functional max-pool: implicit −∞ padding).</summary>
    public string MaxPool(string input, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding) =>
        Builder.MaxPool(input, kernel, stride, padding);

    private string EmitConv(string input, Conv2d conv, string weight, string? bias) =>
        Builder.Conv(input, weight, bias, conv.Stride, conv.Padding, conv.Dilation, conv.Groups);

    private string Parameter(string name, Tensor tensor)
    {
        Builder.AddInitializer(name, ToFloats(tensor), tensor.Shape);
        return name;
    }

    private string Constant(string prefix, float value, long count)
    {
        string name = Builder.NewName(prefix);
        Builder.AddInitializer(name, Enumerable.Repeat(value, checked((int)count)).ToArray(), count);
        return name;
    }

    /// <summary>The tensor's elements as float32 on the host, whatever its device.</summary>
    public static float[] ToFloats(Tensor tensor)
    {
        using Tensor detached = tensor.Detach();
        using Tensor host = detached.To(Device.Cpu, ScalarType.Float32);
        using Tensor dense = host.Contiguous();
        return dense.ToArray<float>();
    }
}
