using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Layers;

/// <summary>Integer-factor upsampling of (N, C, H, W) maps, nearest or bilinear (PyTorch's <c>nn.Upsample</c> semantics).</summary>
public sealed class UpsampleLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>Creates the layer.</summary>
    /// <param name="scaleFactor">Integer scale (≥ 1).</param>
    /// <param name="bilinear">Bilinear (true) or nearest (false).</param>
    /// <param name="alignCorners">align_corners for bilinear.</param>
    public UpsampleLayer(long scaleFactor = 2, bool bilinear = true, bool alignCorners = false) : base(nameof(UpsampleLayer))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scaleFactor);
        if (alignCorners && !bilinear)
        {
            throw new ArgumentException("alignCorners applies to bilinear interpolation only.", nameof(alignCorners));
        }

        ScaleFactor = scaleFactor;
        Bilinear = bilinear;
        AlignCorners = alignCorners;
    }

    /// <summary>Integer scale.</summary>
    public long ScaleFactor { get; }

    /// <summary>Bilinear (true) or nearest (false).</summary>
    public bool Bilinear { get; }

    /// <summary>align_corners for bilinear.</summary>
    public bool AlignCorners { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4)
        {
            throw new ArgumentException($"UpsampleLayer expects (N, C, H, W); got shape [{string.Join(", ", input.shape)}].", nameof(input));
        }

        long[] size = [input.shape[2] * ScaleFactor, input.shape[3] * ScaleFactor];
        return Bilinear
            ? nn.functional.interpolate(input, size, mode: InterpolationMode.Bilinear, align_corners: AlignCorners)
            : nn.functional.interpolate(input, size, mode: InterpolationMode.Nearest);
    }
}
