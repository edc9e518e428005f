using System.Collections.Concurrent;
using MLSeg.Core.Imaging;
using MLSeg.Synthetic.Writing;

namespace MLSeg.Synthetic.Tests;

/// <summary>Test-only writer: keeps every "file" in memory, keyed by path, and checks the contract's value ranges.</summary>
internal sealed class InMemoryCohortWriter : ICohortWriter
{
    public ConcurrentDictionary<string, object> Files { get; } = new(StringComparer.Ordinal);

    public void WriteCt(string path, Image2D hu, CtSeriesInfo info)
    {
        Assert.All(hu.Data, v => Assert.InRange(v, -1024f, 3071f));
        Assert.True(Files.TryAdd(path, (hu, info)), $"{path} written twice");
    }

    public void WriteMr(string path, Image2D intensity, MrSeriesInfo info)
    {
        Assert.All(intensity.Data, v => Assert.InRange(v, 0f, 4095f));
        Assert.True(Files.TryAdd(path, (intensity, info)), $"{path} written twice");
    }

    public void WriteLabelPng(string path, LabelMap map) => Assert.True(Files.TryAdd(path, map), $"{path} written twice");

    public void WriteRgbPng(string path, Image2D rgb)
    {
        Assert.Equal(3, rgb.Channels);
        Assert.All(rgb.Data, v => Assert.InRange(v, 0f, 255f));
        Assert.True(Files.TryAdd(path, rgb), $"{path} written twice");
    }
}
