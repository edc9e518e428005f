namespace MLSeg.Torch.NN;

/// <summary>2-D transposed convolution (PyTorch's <c>nn.ConvTranspose2d</c>): "weight" (in, out/groups, kh, kw) and "bias" (out).</summary>
public sealed class ConvTranspose2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="generator"/> (the global one when null).</summary>
    public ConvTranspose2d(long inChannels, long outChannels, (long H, long W) kernelSize, (long H, long W)? stride = null, (long H, long W)? padding = null,
        (long H, long W)? outputPadding = null, long groups = 1, bool bias = true, (long H, long W)? dilation = null, Generator? generator = null,
        ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"Channels in={inChannels}, out={outChannels} must both be divisible by groups={groups}.", nameof(groups));
        }

        Stride = stride ?? (1, 1);
        Padding = padding ?? (0, 0);
        OutputPadding = outputPadding ?? (0, 0);
        Dilation = dilation ?? (1, 1);
        Groups = groups;

        // PyTorch computes fan-in from weight dimension 1 (out/groups) times the kernel area for transposed convolutions.
        long fanIn = outChannels / groups * kernelSize.H * kernelSize.W;
        Init.KaimingUniform_(RegisterParameter("weight", Torch.Empty([inChannels, outChannels / groups, kernelSize.H, kernelSize.W], dtype))!, fanIn, generator: generator);
        Tensor? b = RegisterParameter("bias", bias ? Torch.Empty([outChannels], dtype) : null);
        if (b is not null)
        {
            Init.FanInBias_(b, fanIn, generator);
        }
    }

    /// <summary>Stride (rows, columns).</summary>
    public (long H, long W) Stride { get; }

    /// <summary>Padding removed from the output (rows, columns).</summary>
    public (long H, long W) Padding { get; }

    /// <summary>Extra output size on one side (rows, columns).</summary>
    public (long H, long W) OutputPadding { get; }

    /// <summary>Dilation (rows, columns).</summary>
    public (long H, long W) Dilation { get; }

    /// <summary>Channel groups.</summary>
    public long Groups { get; }

    /// <summary>The weight (owned by the module).</summary>
    public Tensor Weight => GetParameter("weight")!;

    /// <summary>The bias, or null when disabled.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);
}
