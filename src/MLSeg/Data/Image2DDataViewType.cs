using Microsoft.ML.Data;
using MLSeg.Core.Imaging;

namespace MLSeg.Data;

/// <summary>
/// The ML.NET column type of an <see cref="Image2D"/> (channels × height × width floats with a pixel spacing; sizes may
/// vary per row). After Resize or PadOrCrop the size is fixed and carried by the type (<see cref="Height"/>,
/// <see cref="Width"/>), which is what lets <c>ToTensor</c> promise a fixed-size vector before any row is read.
/// Registered with <see cref="DataViewTypeManager"/>, so a class field of type <see cref="Image2D"/> binds to it in
/// <c>CreateEnumerable</c> and <c>PredictionEngine</c>.
/// </summary>
public sealed class Image2DDataViewType : StructuredDataViewType
{
    private Image2DDataViewType(int height, int width) : base(typeof(Image2D))
    {
        Height = height;
        Width = width;
    }

    /// <summary>An image column whose size varies per row.</summary>
    public static Image2DDataViewType Instance { get; } = Register();

    /// <summary>Rows of every image in the column, or 0 when it varies.</summary>
    public int Height { get; }

    /// <summary>Columns of every image in the column, or 0 when it varies.</summary>
    public int Width { get; }

    /// <summary>True when every image of the column is <see cref="Height"/> × <see cref="Width"/>.</summary>
    public bool IsFixedSize => Height > 0;

    /// <summary>An image column whose images are all <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static Image2DDataViewType FixedSize(int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        _ = Instance;
        return new Image2DDataViewType(height, width);
    }

    /// <inheritdoc />
    /// <remarks>
    /// True for every Image2D column type, whatever its size: ML.NET looks column types up by equality (binding class
    /// fields in CreateEnumerable and PredictionEngine, <c>DataViewTypeManager.Knows</c>), and every Image2D column must
    /// bind to a Image2D field. The fixed size is a promise the type object carries, read by the components that need it.
    /// </remarks>
    public override bool Equals(DataViewType? other) => other is Image2DDataViewType;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataViewType t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => typeof(Image2D).GetHashCode();

    /// <inheritdoc />
    public override string ToString() => IsFixedSize ? FormattableString.Invariant($"Image2D<{Height}x{Width}>") : "Image2D";

    private static Image2DDataViewType Register()
    {
        var type = new Image2DDataViewType(0, 0);
        DataViewTypeManager.Register(type, typeof(Image2D), typeAttribute: null);
        return type;
    }
}
