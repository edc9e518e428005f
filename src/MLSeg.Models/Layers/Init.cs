using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>
/// PyTorch's default initialisations for convolution and linear layers, drawn from an explicit generator, so a seeded
/// network is the same on every thread. (TorchSharp 0.107's <c>kaiming_uniform_</c> takes no generator, and its
/// <c>nn.init.uniform_</c>/<c>normal_</c> accept one but draw from the global stream — a regression test guards that we
/// use the tensor methods <c>uniform_</c>/<c>normal_</c>, which honour it.)
/// </summary>
public static class Init
{
    /// <summary>Kaiming-uniform with PyTorch's layer default a = √5: U(−b, b), b = √3 · √(2 / (1 + a²)) / √fanIn.</summary>
    /// <returns><paramref name="tensor"/>, filled in place.</returns>
    public static Tensor KaimingUniform(Tensor tensor, long fanIn, Generator? generator, double a = 2.23606797749979)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        double bound = Math.Sqrt(3.0) * Math.Sqrt(2.0 / (1 + (a * a))) / Math.Sqrt(fanIn);
        using (torch.no_grad())
        {
            return tensor.uniform_(-bound, bound, generator);
        }
    }

    /// <summary>PyTorch's bias default U(−1/√fanIn, 1/√fanIn).</summary>
    /// <returns><paramref name="tensor"/>, filled in place.</returns>
    public static Tensor FanInBias(Tensor tensor, long fanIn, Generator? generator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        double bound = 1 / Math.Sqrt(fanIn);
        using (torch.no_grad())
        {
            return tensor.uniform_(-bound, bound, generator);
        }
    }

    /// <summary>torchvision's ResNet convolution init: N(0, √(2 / fanOut)), fanOut = out channels × kernel area.</summary>
    /// <returns><paramref name="weight"/>, filled in place.</returns>
    public static Tensor KaimingNormalFanOut(Tensor weight, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(weight);
        long[] shape = weight.shape;
        long fanOut = shape[0] * shape[2] * shape[3];
        using (torch.no_grad())
        {
            return weight.normal_(0, Math.Sqrt(2.0 / fanOut), generator);
        }
    }
}
