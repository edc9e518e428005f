using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Onnx.Export;
using TorchSharp;
using static TorchSharp.torch;

// Everything in onnx_vs_torch.sh that touches the training engine (TorchSharp over libtorch) is in this file: building
// the network from its ModelConfig, the seeded input, the ONNX export of that network, and the eval + no-grad forward pass.
internal sealed class EngineSide : IDisposable
{
    private readonly SegmentationNetwork _network;
    private readonly Tensor _input;

    public EngineSide(ModelConfig config, int threads, long size)
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
        using var weights = new Generator(0UL);
        _network = ModelFactory.Create(config, weights);
        _network.eval();
        using var data = new Generator(1UL);
        _input = torch.randn([1, config.InChannels, size, size], generator: data);
        Input = _input.data<float>().ToArray();
    }

    public static string? LoadError => TorchRuntime.LoadError;

    public static string Version => $"libtorch {torch.__version__} (TorchSharp)";

    public static int Threads => torch.get_num_threads();

    /// <summary>The input batch (1×C×size×size), row-major.</summary>
    public float[] Input { get; }

    /// <summary>The network written by MLSeg's exporter (logits output, dynamic batch and spatial size).</summary>
    public byte[] Export() => OnnxExporter.Export(_network, new OnnxExportOptions());

    /// <summary>One forward pass on the input; the logits copied to the host.</summary>
    public float[] Forward()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return _network.forward(_input).data<float>().ToArray();
    }

    public void Dispose()
    {
        _input.Dispose();
        _network.Dispose();
    }
}
