using MLSeg.Models.Contracts;

namespace MLSeg.Onnx.Tests;

/// <summary>Owns a test network and disposes it.</summary>
internal sealed class SegmentationNetworkScope(SegmentationNetwork network) : IDisposable
{
    public SegmentationNetwork Network { get; } = network;

    public void Dispose() => Network.Dispose();
}
