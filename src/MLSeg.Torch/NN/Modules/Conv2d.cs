namespace MLSeg.Torch.NN;

/// <summary>2-D convolution layer (PyTorch's <c>nn.Conv2d</c>): parameters "weight" (out, in/groups, kh, kw) and "bias" (out).</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="generator"/> (the global one when null).</summary>
    public Conv2d(long inChannels, long outChannels, (long H, long W) kernelSize, (long H, long W)? stride = null, (long H, long W)? padding = null,
        (long H, long W)? dilation = null, long groups = 1, bool bias = true, Generator? generator = null, ScalarType dtype = ScalarType.Float32)
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
        Dilation = dilation ?? (1, 1);
        Groups = groups;
        long fanIn = inChannels / groups * kernelSize.H * kernelSize.W;
        Init.KaimingUniform_(RegisterParameter("weight", Torch.Empty([outChannels, inChannels / groups, kernelSize.H, kernelSize.W], dtype))!, fanIn, generator: generator);
        Tensor? b = RegisterParameter("bias", bias ? Torch.Empty([outChannels], dtype) : null);
        if (b is not null)
        {
            Init.FanInBias_(b, fanIn, generator);
        }
    }

    /// <summary>Creates a layer with a square kernel.</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true, Generator? generator = null)
        : this(inChannels, outChannels, (kernelSize, kernelSize), (stride, stride), (padding, padding), bias: bias, generator: generator) { }

    /// <summary>Stride (rows, columns).</summary>
    public (long H, long W) Stride { get; }

    /// <summary>Zero padding (rows, columns).</summary>
    public (long H, long W) Padding { get; }

    /// <summary>Dilation (rows, columns).</summary>
    public (long H, long W) Dilation { get; }

    /// <summary>Channel groups.</summary>
    public long Groups { get; }

    /// <summary>The weight (owned by the module).</summary>
    public Tensor Weight => GetParameter("weight")!;

    /// <summary>The bias, or null when disabled.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
