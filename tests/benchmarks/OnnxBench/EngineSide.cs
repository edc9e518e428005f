using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Onnx.Export;
using MLSeg.Torch;

// Everything in onnx_vs_torch.sh that touches the training engine (MLSeg.Torch today) is in this file: building the
// network from its ModelConfig, the seeded input, the ONNX export of that network, and the eval + no-grad forward pass.
internal sealed class EngineSide : IDisposable
{
    private readonly SegmentationNetwork _network;
    private readonly Tensor _input;

    public EngineSide(ModelConfig config, int threads, long size)
    {
        Torch.NumThreads = threads;
        using var weights = new Generator(0);
        _network = ModelFactory.Create(config, weights);
        _network.Eval();
        using var data = new Generator(1);
        _input = Torch.Randn([1, config.InChannels, size, size], data);
        Input = _input.ToArray<float>();
    }

    public static string? LoadError => Torch.NativeLoadError;

    public static string Version => $"libtorch {Torch.Version}";

    public static int Threads => Torch.NumThreads;

    /// <summary>The input batch (1×C×size×size), row-major.</summary>
    public float[] Input { get; }

    /// <summary>The network written by MLSeg's exporter (logits output, dynamic batch and spatial size).</summary>
    public byte[] Export() => OnnxExporter.Export(_network, new OnnxExportOptions());

    /// <summary>One forward pass on the input; the logits copied to the host.</summary>
    public float[] Forward()
    {
        using var noGrad = Torch.NoGrad();
        using var scope = Torch.NewDisposeScope();
        return _network.Forward(_input).ToArray<float>();
    }

    public void Dispose()
    {
        _input.Dispose();
        _network.Dispose();
    }
}
