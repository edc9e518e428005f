namespace MLSeg.Onnx.Export;

/// <summary>
/// The blocks the families share, each mirroring its MLSeg.Models forward: DoubleConv (conv1 → norm1 → ReLU → conv2 →
/// norm2 → ReLU), UpBlock (up → concat skip → DoubleConv) and torchvision's BasicBlock.
/// </summary>
internal static class BlockEmitters
{
    /// <summary>MLSeg.Models' DoubleConv at <paramref name="path"/>.</summary>
    public static string DoubleConv(ModuleEmitter e, string input, string path)
    {
        e.RequireBlock(path, ModuleKinds.DoubleConvType);
        string a = e.Builder.Relu(e.ConvNorm(input, path + ".conv1", path + ".norm1"));
        return e.Builder.Relu(e.ConvNorm(a, path + ".conv2", path + ".norm2"));
    }

    /// <summary>
    /// MLSeg.Models' UpBlock at <paramref name="path"/>: child <c>up</c> (a ConvTranspose2dLayer, or a Sequential such as
    /// UpsampleLayer then Conv2dLayer) is emitted as its forward computes it; the skip (when given) is concatenated after
    /// the upsampled map, then the DoubleConv <c>conv</c>.
    /// </summary>
    public static string UpBlock(ModuleEmitter e, string input, string? skip, string path)
    {
        e.RequireBlock(path, ModuleKinds.UpBlockType);
        string upsampled = e.Module(input, path + ".up");
        string joined = skip is null ? upsampled : e.Builder.Concat([upsampled, skip], 1);
        return DoubleConv(e, joined, path + ".conv");
    }

    /// <summary>
    /// torchvision's BasicBlock at <paramref name="path"/>: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut), the
    /// shortcut being the Sequential <c>downsample</c> (1×1 convolution, BatchNorm) when the block has one, else x.
    /// </summary>
    public static string BasicBlock(ModuleEmitter e, string input, string path)
    {
        e.RequireBlock(path, ModuleKinds.BasicBlockType);
        string a = e.Builder.Relu(e.ConvNorm(input, path + ".conv1", path + ".bn1"));
        string residual = e.ConvNorm(a, path + ".conv2", path + ".bn2");
        string shortcut = e.HasChild(path, "downsample") ? e.Module(input, path + ".downsample") : input;
        return e.Builder.Relu(e.Builder.Add(residual, shortcut));
    }

    /// <summary>Number of direct children of the container at <paramref name="path"/> (a ModuleList or Sequential).</summary>
    public static int ChildCount(ModuleEmitter e, string path) => e.ChildNames(path).Count;
}
