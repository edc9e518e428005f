namespace MLSeg.Torch.NN;

/// <summary>PyTorch's default parameter initialisers (<c>torch.nn.init</c>), drawing from an explicit generator.</summary>
public static class Init
{
    /// <summary>
    /// Kaiming-uniform with negative slope <paramref name="a"/> in leaky-ReLU gain: U(−b, b), b = √3 · √(2/(1+a²)) / √fanIn.
    /// With a = √5 (PyTorch's conv/linear default) b = 1/√fanIn.
    /// </summary>
    public static Tensor KaimingUniform_(Tensor tensor, long fanIn, double a = 2.23606797749979, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        double gain = Math.Sqrt(2.0 / (1 + (a * a)));
        double bound = Math.Sqrt(3.0) * gain / Math.Sqrt(fanIn);
        using (Torch.NoGrad())
        {
            return tensor.Uniform_(-bound, bound, generator);
        }
    }

    /// <summary>PyTorch's default bias: U(−1/√fanIn, 1/√fanIn).</summary>
    public static Tensor FanInBias_(Tensor tensor, long fanIn, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        double bound = 1 / Math.Sqrt(fanIn);
        using (Torch.NoGrad())
        {
            return tensor.Uniform_(-bound, bound, generator);
        }
    }
}
