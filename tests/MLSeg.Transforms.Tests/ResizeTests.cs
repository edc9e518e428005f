using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.TestKit;
using MLSeg.Transforms.Geometry;

namespace MLSeg.Transforms.Tests;

public class ResizeTests
{
    private const string TorchScript =
        "import sys,json,torch;import torch.nn.functional as F;a=json.loads(sys.argv[1]);" +
        "x=torch.tensor(a['data'],dtype=torch.float32).reshape(1,a['c'],a['h'],a['w']);out=[];" +
        "[out.append({'bil':F.interpolate(x,size=tuple(s),mode='bilinear',align_corners=False).reshape(-1).tolist()," +
        "'nn':F.interpolate(x,size=tuple(s),mode='nearest').reshape(-1).tolist()}) for s in a['sizes']];print(json.dumps(out))";

    public static readonly int[][] Sizes = [[7, 11], [64, 64], [13, 5], [3, 2], [14, 22], [1, 1], [30, 31]];

    [ToolFact("py:torch")]
    public void BilinearAndNearest_ManySizes_MatchTorchInterpolate()
    {
        var rng = new Random(42);
        int c = 2, h = 14, w = 22;
        var image = new Image2D(c, h, w, Enumerable.Range(0, c * h * w).Select(_ => (float)rng.Next(0, 256)).ToArray());
        string arg = JsonSerializer.Serialize(new { data = image.Data, c, h, w, sizes = Sizes });
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(TorchScript, arg));
        for (int k = 0; k < Sizes.Length; k++)
        {
            int oh = Sizes[k][0], ow = Sizes[k][1];
            float[] bil = doc.RootElement[k].GetProperty("bil").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
            var mine = Resize.Bilinear(image, oh, ow);
            for (int i = 0; i < bil.Length; i++)
            {
                // Both sides compute in float32 but PyTorch orders the weight products differently; 1e-5 of the
                // 0..255 data range (2.55e-3) bounds that rounding (observed maximum ≈ 1.2e-4).
                Assert.True(Math.Abs(bil[i] - mine.Data[i]) <= 2.55e-3, $"bilinear {oh}x{ow} [{i}]: torch {bil[i]}, mine {mine.Data[i]}");
            }

            float[] nn = doc.RootElement[k].GetProperty("nn").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
            var labels = new LabelMap(h, w, image.Channel(0).ToArray().Select(v => (byte)v).ToArray());
            Assert.Equal(nn.Take(oh * ow).Select(v => (byte)v), Resize.Nearest(labels, oh, ow).Labels);
        }
    }

    [Fact]
    public void Bilinear_Upsample2x_HandComputedHalfPixelWeights()
    {
        // in [0, 4] → 4 outputs at source x = max(0, (i + 0.5)·0.5 − 0.5) = 0, 0.25, 0.75, 1.25→clamped index 1.
        var image = new Image2D(1, 1, 2, [0, 4]);
        Assert.Equal([0f, 1f, 3f, 4f], Resize.Bilinear(image, 1, 4).Data);
    }

    [Fact]
    public void Nearest_ScalesSpacingAndKeepsLabelSet()
    {
        var labels = new LabelMap(4, 4, [0, 1, 1, 2, 0, 1, 1, 2, 3, 3, 0, 0, 3, 3, 0, 0], new PixelSpacing(1, 2));
        var small = Resize.Nearest(labels, 2, 8);
        Assert.Equal(new PixelSpacing(2, 1), small.SpacingMm);
        Assert.Subset(new HashSet<byte>(labels.Labels), new HashSet<byte>(small.Labels));
    }
}
