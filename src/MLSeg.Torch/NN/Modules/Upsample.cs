namespace MLSeg.Torch.NN;

/// <summary>Resizes the last two dimensions by an integer scale factor (PyTorch's <c>nn.Upsample(scale_factor=…)</c>).</summary>
public sealed class Upsample : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; <paramref name="alignCorners"/> applies to bilinear only.</summary>
    public Upsample(long scaleFactor = 2, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scaleFactor);
        if (alignCorners && mode == InterpolationMode.Nearest)
        {
            throw new ArgumentException("alignCorners applies to bilinear interpolation only.", nameof(alignCorners));
        }

        ScaleFactor = scaleFactor;
        Mode = mode;
        AlignCorners = alignCorners;
    }

    /// <summary>Output size = input size × this.</summary>
    public long ScaleFactor { get; }

    /// <summary>Resampling kernel.</summary>
    public InterpolationMode Mode { get; }

    /// <summary>Whether corner pixels of input and output are aligned (bilinear).</summary>
    public bool AlignCorners { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        long[] shape = input.Shape;
        if (shape.Length < 3)
        {
            throw new ArgumentException($"Upsample expects (N, C, H, W) or (C, H, W); got {input.Describe()}.", nameof(input));
        }

        return Functional.Interpolate(input, (shape[^2] * ScaleFactor, shape[^1] * ScaleFactor), Mode, AlignCorners);
    }
}
