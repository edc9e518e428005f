using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Engine;

/// <summary>Small conveniences over TorchSharp's module registration used by MLSeg's networks.</summary>
internal static class ModuleExtensions
{
    /// <summary>Registers <paramref name="child"/> under <paramref name="name"/> (PyTorch's attribute name) and returns it.</summary>
    public static T Register<T>(this nn.Module parent, string name, T child) where T : nn.Module
    {
        parent.register_module(name, child);
        return child;
    }
}

/// <summary>Describes tensors in error messages.</summary>
public static class TensorText
{
    /// <summary>"shape [2, 1, 64, 64], Float32, cpu" — what an error about a tensor argument should name.</summary>
    public static string Describe(this Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return $"shape [{string.Join(", ", tensor.shape)}], {tensor.dtype}, {tensor.device}";
    }
}
