using MLSeg.Onnx.Export;
using MLSeg.Models.Layers;
using MLSeg.TestKit;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Onnx.Tests;

public class BatchNormFoldingTests
{
    [NativeFact]
    public void Fold_HandComputedChannels_MatchesFormula()
    {
        // Two 1×1 output channels. var + ε = 4 and 1, so s = γ/√(var+ε) = 3/2 and 0.5/1:
        //   w' = [1·1.5, −2·0.5] = [1.5, −1];  b' = [(0.5 − 0.5)·1.5 + 1, (0 − 1)·0.5 − 1] = [1, −1.5].
        using var norm = new BatchNorm2dLayer(2);
        using Tensor w = torch.tensor(new float[] { 1, -2 }, [2, 1, 1, 1]);
        using Tensor b = torch.tensor(new float[] { 0.5f, 0 });
        using (torch.no_grad())
        {
            using Tensor gamma = torch.tensor(new float[] { 3, 0.5f });
            using Tensor beta = torch.tensor(new float[] { 1, -1 });
            using Tensor mean = torch.tensor(new float[] { 0.5f, 1 });
            using Tensor variance = torch.tensor(new float[] { 4 - 1e-5f, 1 - 1e-5f });
            norm.Weight.copy_(gamma);
            norm.Bias.copy_(beta);
            norm.RunningMean.copy_(mean);
            norm.RunningVar.copy_(variance);
        }

        var (weight, bias) = BatchNormFolding.Fold(w, b, norm);
        // Tolerance: float32 rounding of var + ε.
        Assert.Equal([1.5, -1.0], weight.Select(x => (double)x), new ToleranceComparer(1e-6));
        Assert.Equal([1.0, -1.5], bias.Select(x => (double)x), new ToleranceComparer(1e-6));
    }

    [NativeFact]
    public void Fold_ChannelCountMismatch_Throws()
    {
        using var norm = new BatchNorm2dLayer(3);
        using Tensor w = torch.zeros(2, 1, 3, 3);
        Assert.Throws<ArgumentException>(() => BatchNormFolding.Fold(w, null, norm));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
