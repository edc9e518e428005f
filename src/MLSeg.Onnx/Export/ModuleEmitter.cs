using MLSeg.Models.Layers;
using MLSeg.Onnx.Writer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Export;

/// <summary>
/// Emits the modules of one network into an <see cref="OnnxGraphBuilder"/> with eval-mode semantics (BatchNorm on
/// running statistics). Modules are resolved by their PyTorch dotted paths (<c>named_modules()</c>), so initializer
/// names equal state-dict keys. Every module of the network must be of a type the exporter knows (checked up front),
/// and after emission every parameter and buffer must have been written (or folded), so a module the family's forward
/// code uses but the exporter does not mirror can never be dropped silently. The family exporters compose these
/// helpers in the order of each family's forward code.
/// </summary>
internal sealed partial class ModuleEmitter
{
    private readonly nn.Module root;
    private readonly Dictionary<string, nn.Module> modules;
    private readonly HashSet<string> written = new(StringComparer.Ordinal);

    /// <exception cref="NotSupportedException">A module of <paramref name="root"/> is of a type the exporter does not know.</exception>
    public ModuleEmitter(nn.Module root, OnnxGraphBuilder builder, bool foldBatchNorm)
    {
        this.root = root;
        Builder = builder;
        FoldBatchNorm = foldBatchNorm;
        modules = new Dictionary<string, nn.Module>(StringComparer.Ordinal);
        foreach (var (path, module) in root.named_modules())
        {
            if (!ModuleKinds.IsKnown(module))
            {
                throw new NotSupportedException(
                    $"ONNX export of {root.GetType().Name}: module '{path}' is a {ModuleKinds.Describe(module.GetType())}, which the exporter does not know. " +
                    $"It writes {ModuleKinds.Known}; build the network from those (e.g. Conv2dLayer instead of TorchSharp's nn.Conv2d).");
            }

            modules.Add(path, module);
        }
    }

    public OnnxGraphBuilder Builder { get; }

    public bool FoldBatchNorm { get; }

    /// <summary>The module at the dotted <paramref name="path"/>.</summary>
    /// <exception cref="NotSupportedException">The network has no module there.</exception>
    public nn.Module Get(string path) => modules.TryGetValue(path, out nn.Module? m) ? m : throw new NotSupportedException(
        $"ONNX export of {root.GetType().Name}: there is no module '{path}'; the exporter mirrors the family's forward code and does not know this layout.");

    /// <summary>The module at <paramref name="path"/>, which must be a <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">It is absent or of another type.</exception>
    public T Get<T>(string path) where T : nn.Module
    {
        nn.Module m = Get(path);
        return m as T ?? throw new NotSupportedException(
            $"ONNX export of {root.GetType().Name}: expected a {typeof(T).Name} at '{path}' but found a {ModuleKinds.Describe(m.GetType())}; " +
            "the exporter mirrors the family's forward code and does not know this layout.");
    }

    /// <summary>The block at <paramref name="path"/>, which must be MLSeg.Models' <paramref name="fullName"/>.</summary>
    /// <exception cref="NotSupportedException">It is absent or of another type.</exception>
    public void RequireBlock(string path, string fullName)
    {
        nn.Module m = Get(path);
        if (!ModuleKinds.IsFamilyBlock(m, fullName))
        {
            throw new NotSupportedException(
                $"ONNX export of {root.GetType().Name}: expected MLSeg.Models' {fullName} at '{path}' but found a {ModuleKinds.Describe(m.GetType())}.");
        }
    }

    /// <summary>Names of the direct children of the module at <paramref name="path"/>, in registration order (<c>0</c>, <c>1</c>, … for containers).</summary>
    public IReadOnlyList<string> ChildNames(string path) => Get(path).named_children().Select(c => c.name).ToList();

    /// <summary>Whether the module at <paramref name="path"/> has a direct child named <paramref name="child"/>.</summary>
    public bool HasChild(string path, string child) => ChildNames(path).Contains(child);

    /// <summary>
    /// Emits the module at <paramref name="path"/> as its forward computes it: a layer, TorchSharp's ReLU or MaxPool2d,
    /// a Sequential (children in order; a Conv2dLayer directly followed by a BatchNorm2dLayer is folded when
    /// <see cref="FoldBatchNorm"/> is on), or one of the families' DoubleConv and BasicBlock.
    /// </summary>
    /// <exception cref="NotSupportedException">The module is of a type that has no single-input forward the exporter knows.</exception>
    public string Module(string input, string path)
    {
        nn.Module m = Get(path);
        switch (m)
        {
            case Conv2dLayer:
                return Conv(input, path);
            case ConvTranspose2dLayer:
                return ConvTranspose(input, path);
            case BatchNorm2dLayer or GroupNormLayer:
                return Norm(input, path);
            case UpsampleLayer:
                return Upsample(input, path);
            case LinearLayer:
                return Linear(input, path);
            case ReLU:
                return Builder.Relu(input);
            case MaxPool2d pool:
                return MaxPool(input, path, pool);
            case Sequential:
                return EmitSequential(input, path);
            case var _ when ModuleKinds.IsFamilyBlock(m, ModuleKinds.DoubleConvType):
                return BlockEmitters.DoubleConv(this, input, path);
            case var _ when ModuleKinds.IsFamilyBlock(m, ModuleKinds.BasicBlockType):
                return BlockEmitters.BasicBlock(this, input, path);
            default:
                throw new NotSupportedException(
                    $"ONNX export of {root.GetType().Name}: module '{path}' ({ModuleKinds.Describe(m.GetType())}) cannot be emitted as one step of a Sequential.");
        }
    }

    /// <summary>
    /// Throws unless every parameter and buffer of the network (but BatchNorm's <c>num_batches_tracked</c>, which
    /// inference does not read) went into the graph.
    /// </summary>
    /// <exception cref="NotSupportedException">Some tensors were not written: the network has modules its family's forward does not explain.</exception>
    public void RequireEverythingWritten()
    {
        var names = root.named_parameters().Select(p => p.name).Concat(root.named_buffers().Select(b => b.name));
        var missing = names.Where(n => !written.Contains(n) && !n.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new NotSupportedException(
                $"ONNX export of {root.GetType().Name}: the graph does not use {string.Join(", ", missing.Take(8))}{(missing.Count > 8 ? $" (and {missing.Count - 8} more)" : string.Empty)}; " +
                "the network holds modules its family's forward code does not explain, so the export would not reproduce it.");
        }
    }

    private string EmitSequential(string input, string path)
    {
        IReadOnlyList<string> children = ChildNames(path);
        string x = input;
        for (int i = 0; i < children.Count; i++)
        {
            string child = $"{path}.{children[i]}";
            if (FoldBatchNorm && i + 1 < children.Count && Get(child) is Conv2dLayer && Get($"{path}.{children[i + 1]}") is BatchNorm2dLayer)
            {
                x = ConvNorm(x, child, $"{path}.{children[i + 1]}");
                i++;
                continue;
            }

            x = Module(x, child);
        }

        return x;
    }

    /// <summary>The tensor's elements as float32 on the host, whatever its device, dtype or strides.</summary>
    public static float[] ToFloats(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Tensor detached = tensor.detach();
        using Tensor host = detached.to(ScalarType.Float32, torch.CPU);
        using Tensor dense = host.contiguous();
        return dense.data<float>().ToArray();
    }
}
