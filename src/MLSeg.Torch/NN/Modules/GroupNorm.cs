namespace MLSeg.Torch.NN;

/// <summary>Group normalisation (PyTorch's <c>nn.GroupNorm</c>): "weight" 1 and "bias" 0 per channel when affine.</summary>
public sealed class GroupNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numGroups);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numChannels);
        if (numChannels % numGroups != 0)
        {
            throw new ArgumentException($"Channels ({numChannels}) must be divisible by groups ({numGroups}).", nameof(numGroups));
        }

        NumGroups = numGroups;
        Eps = eps;
        RegisterParameter("weight", affine ? Torch.Ones([numChannels], dtype) : null);
        RegisterParameter("bias", affine ? Torch.Zeros([numChannels], dtype) : null);
    }

    /// <summary>Channel groups.</summary>
    public long NumGroups { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.GroupNorm(input, NumGroups, GetParameter("weight"), GetParameter("bias"), Eps);
}
