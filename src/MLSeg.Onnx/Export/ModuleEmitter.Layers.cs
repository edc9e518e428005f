using System.Globalization;
using MLSeg.Models.Layers;
using MLSeg.Onnx.Writer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Export;

// One method per layer type; each writes the layer's tensors under their state-dict names.
internal sealed partial class ModuleEmitter
{
    /// <summary>Conv2dLayer at <paramref name="convPath"/>, then the norm at <paramref name="normPath"/> (folded into the convolution when it is a BatchNorm2dLayer and folding is on).</summary>
    public string ConvNorm(string input, string convPath, string normPath)
    {
        Conv2dLayer conv = Get<Conv2dLayer>(convPath);
        if (FoldBatchNorm && Get(normPath) is BatchNorm2dLayer bn)
        {
            var (w, b) = BatchNormFolding.Fold(conv.Weight, conv.Bias, bn);
            // The folded tensors take the convolution's state-dict names; its own weight (and bias) and the norm's
            // tensors are not written, but are accounted for.
            string wName = convPath + ".weight";
            string bName = convPath + ".bias";
            Builder.AddInitializer(wName, w, conv.Weight.shape);
            Builder.AddInitializer(bName, b, b.Length);
            written.UnionWith([wName, bName, normPath + ".weight", normPath + ".bias", normPath + ".running_mean", normPath + ".running_var"]);
            return EmitConv(input, conv, wName, bName);
        }

        return Norm(Conv(input, convPath), normPath);
    }

    /// <summary>Conv2dLayer with its own weight and bias.</summary>
    public string Conv(string input, string path)
    {
        Conv2dLayer conv = Get<Conv2dLayer>(path);
        string w = Parameter(path + ".weight", conv.Weight);
        string? b = conv.Bias is { } bias ? Parameter(path + ".bias", bias) : null;
        return EmitConv(input, conv, w, b);
    }

    /// <summary>ConvTranspose2dLayer with its own weight and bias (no padding, as the layer has none).</summary>
    public string ConvTranspose(string input, string path)
    {
        ConvTranspose2dLayer conv = Get<ConvTranspose2dLayer>(path);
        string w = Parameter(path + ".weight", conv.Weight);
        string? b = conv.Bias is { } bias ? Parameter(path + ".bias", bias) : null;
        return Builder.ConvTranspose(input, w, b, (conv.Stride, conv.Stride));
    }

    /// <summary>BatchNorm2dLayer (inference form) or GroupNormLayer at <paramref name="path"/>.</summary>
    public string Norm(string input, string path)
    {
        switch (Get(path))
        {
            case BatchNorm2dLayer bn:
                {
                    string scale = Parameter(path + ".weight", bn.Weight);
                    string shift = Parameter(path + ".bias", bn.Bias);
                    string mean = Parameter(path + ".running_mean", bn.RunningMean);
                    string variance = Parameter(path + ".running_var", bn.RunningVar);
                    return Builder.BatchNormalization(input, scale, shift, mean, variance, (float)bn.Eps);
                }

            case GroupNormLayer gn:
                {
                    string gamma = Parameter(path + ".weight", gn.Weight);
                    string beta = Parameter(path + ".bias", gn.Bias);
                    return Builder.GroupNormalization(input, gn.NumGroups, gn.NumChannels, gamma, beta, (float)gn.Eps);
                }

            case var other:
                throw new NotSupportedException(
                    $"ONNX export of {root.GetType().Name}: expected BatchNorm2dLayer or GroupNormLayer at '{path}' but found a {ModuleKinds.Describe(other.GetType())}.");
        }
    }

    /// <summary>UpsampleLayer by its integer scale factor with PyTorch's interpolate semantics (symbolic sizes stay symbolic).</summary>
    public string Upsample(string input, string path)
    {
        UpsampleLayer up = Get<UpsampleLayer>(path);
        // PyTorch's nearest is floor(dst · in/out) = floor(dst / s): ONNX asymmetric + floor. Bilinear: half_pixel, or
        // align_corners ((in − 1)/(out − 1)), the same for an output size of in·s as for the scale s.
        var (mode, coordinates) = up.Bilinear ? ("linear", up.AlignCorners ? "align_corners" : "half_pixel") : ("nearest", "asymmetric");
        string scales = Builder.NewName(path + ".scales");
        Builder.AddInitializer(scales, [1f, 1f, up.ScaleFactor, up.ScaleFactor], 4);
        string output = Builder.NewName("resize");
        // Inputs X, roi (omitted), scales.
        Builder.AddNode("Resize", [input, string.Empty, scales], [output], OnnxAttribute.String("mode", mode),
            OnnxAttribute.String("coordinate_transformation_mode", coordinates), OnnxAttribute.String("nearest_mode", "floor"));
        return output;
    }

    /// <summary>LinearLayer over the last axis of any rank: x · Wᵀ + b (MatMul with the transposed weight, as PyTorch's linear).</summary>
    public string Linear(string input, string path)
    {
        LinearLayer linear = Get<LinearLayer>(path);
        string w = Parameter(path + ".weight", linear.Weight);
        string transposed = Builder.NewName(path + ".weight_t");
        Builder.AddNode("Transpose", [w], [transposed], OnnxAttribute.Ints("perm", 1, 0));
        string y = Builder.MatMul(input, transposed);
        return linear.Bias is { } bias ? Builder.Add(y, Parameter(path + ".bias", bias)) : y;
    }

    /// <summary>MaxPool2d with the given geometry (PyTorch's functional max-pool: implicit −∞ padding, floor mode).</summary>
    public string MaxPool(string input, (long H, long W) kernel, (long H, long W) stride, (long H, long W) padding) =>
        Builder.MaxPool(input, kernel, stride, padding);

    private string MaxPool(string input, string path, MaxPool2d pool)
    {
        (long H, long W) kernel = Pair(pool.kernel_size, null, path, "kernel_size");
        (long H, long W) stride = Pair(pool.stride, kernel, path, "stride");
        (long H, long W) padding = Pair(pool.padding, (0, 0), path, "padding");
        if (Pair(pool.dilation, (1, 1), path, "dilation") != (1, 1))
        {
            throw new NotSupportedException($"ONNX export of '{path}': MaxPool2d with dilation [{string.Join(", ", pool.dilation!)}] is not supported (1 is).");
        }

        return Builder.MaxPool(input, kernel, stride, padding, pool.ceil_mode);
    }

    private static (long H, long W) Pair(long[]? values, (long H, long W)? fallback, string path, string field) => values switch
    {
        null or [] when fallback is { } f => f,
        [long v] => (v, v),
        [long h, long w] => (h, w),
        _ => throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
            $"ONNX export of '{path}': MaxPool2d {field} [{string.Join(", ", values ?? [])}] is not one value or two (height, width).")),
    };

    private string EmitConv(string input, Conv2dLayer conv, string weight, string? bias) =>
        Builder.Conv(input, weight, bias, (conv.Stride, conv.Stride), (conv.Padding, conv.Padding), (1, 1), conv.Groups);

    private string Parameter(string name, Tensor tensor)
    {
        Builder.AddInitializer(name, ToFloats(tensor), tensor.shape);
        written.Add(name);
        return name;
    }
}
