using MLSeg.Torch.NN;

namespace MLSeg.Onnx.Export;

/// <summary>
/// The blocks the families share, each mirroring its MLSeg.Models Forward: DoubleConv (conv1 → norm1 → ReLU → conv2 →
/// norm2 → ReLU), UpBlock (up → concat skip → DoubleConv) and torchvision's BasicBlock.
/// </summary>
internal static class BlockEmitters
{
    /// <summary>MLSeg.Models' DoubleConv at <paramref name="path"/>.</summary>
    public static string DoubleConv(ModuleEmitter e, string input, string path)
    {
        string a = e.Builder.Relu(e.ConvNorm(input, path + ".conv1", path + ".norm1"));
        return e.Builder.Relu(e.ConvNorm(a, path + ".conv2", path + ".norm2"));
    }

    /// <summary>
    /// MLSeg.Models' UpBlock at <paramref name="path"/>: child <c>up</c> is a ConvTranspose2d, or a Sequential of
    /// Upsample (<c>up.0</c>) and Conv2d (<c>up.1</c>); the skip (when given) is concatenated after the upsampled map.
    /// </summary>
    public static string UpBlock(ModuleEmitter e, string input, string? skip, string path)
    {
        string upPath = path + ".up";
        string upsampled = e.Get<Module>(upPath) switch
        {
            ConvTranspose2d => e.ConvTranspose(input, upPath),
            Sequential { Count: 2 } => e.Conv(e.Upsample(input, upPath + ".0"), upPath + ".1"),
            var other => throw new NotSupportedException($"ONNX export of '{upPath}': expected ConvTranspose2d or Sequential(Upsample, Conv2d), found {other.GetType().Name}."),
        };
        string joined = skip is null ? upsampled : e.Builder.Concat([upsampled, skip], 1);
        return DoubleConv(e, joined, path + ".conv");
    }

    /// <summary>
    /// torchvision's BasicBlock at <paramref name="path"/>: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut), the
    /// shortcut being <c>downsample.1(downsample.0(x))</c> when the block has a <c>downsample</c> child, else x.
    /// </summary>
    public static string BasicBlock(ModuleEmitter e, string input, string path)
    {
        string a = e.Builder.Relu(e.ConvNorm(input, path + ".conv1", path + ".bn1"));
        string residual = e.ConvNorm(a, path + ".conv2", path + ".bn2");
        string shortcut = e.HasChild(path, "downsample") ? e.ConvNorm(input, path + ".downsample.0", path + ".downsample.1") : input;
        return e.Builder.Relu(e.Builder.Add(residual, shortcut));
    }

    /// <summary>Number of direct children of the container at <paramref name="path"/> (a ModuleList or Sequential).</summary>
    public static int ChildCount(ModuleEmitter e, string path) => e.Get<Module>(path).NamedChildren().Count();
}
