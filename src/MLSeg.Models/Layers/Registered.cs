using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>
/// Looks up a layer's registered tensors by PyTorch name. MLSeg's layers keep no Tensor/Parameter fields: TorchSharp's
/// <c>Module.to(device | dtype)</c> replaces registered tensors and also rewrites tensor fields by reflection under the
/// field's own name, so a cached field would silently point at a stale or disposed tensor after a move.
/// </summary>
internal static class Registered
{
    public static Parameter Parameter(OrderedDict<string, Parameter> parameters, string name) =>
        parameters.TryGetValue(name, out Parameter? p) ? p : throw new InvalidOperationException($"The layer has no registered parameter '{name}'.");

    public static Tensor Buffer(OrderedDict<string, (Tensor Tensor, bool Persistent)> buffers, string name) =>
        buffers.TryGetValue(name, out var b) ? b.Tensor : throw new InvalidOperationException($"The layer has no registered buffer '{name}'.");

    /// <summary>
    /// Registers <c>weight</c> of <paramref name="weightShape"/> drawn with PyTorch's layer default (Kaiming-uniform,
    /// a = √5, from <paramref name="fanIn"/>) and, when <paramref name="biasSize"/> is given, <c>bias</c> drawn
    /// U(−1/√fanIn, 1/√fanIn) — in that order, from <paramref name="generator"/>.
    /// </summary>
    public static void WeightAndBias(nn.Module layer, long[] weightShape, long fanIn, long? biasSize, Generator? generator)
    {
        var weight = new Parameter(torch.empty(weightShape));
        Init.KaimingUniform(weight, fanIn, generator);
        layer.register_parameter("weight", weight);
        if (biasSize is { } size)
        {
            var bias = new Parameter(torch.empty(size));
            Init.FanInBias(bias, fanIn, generator);
            layer.register_parameter("bias", bias);
        }
    }
}
