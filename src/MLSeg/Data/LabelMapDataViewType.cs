using Microsoft.ML.Data;
using MLSeg.Core.Imaging;

namespace MLSeg.Data;

/// <summary>
/// The ML.NET column type of a <see cref="LabelMap"/> (height × width class labels with a pixel spacing; sizes may
/// vary per row, or be fixed after Resize/PadOrCrop). Registered with <see cref="DataViewTypeManager"/>, so a class
/// field of type <see cref="LabelMap"/> binds to it in <c>CreateEnumerable</c> and <c>PredictionEngine</c>.
/// </summary>
public sealed class LabelMapDataViewType : StructuredDataViewType
{
    private LabelMapDataViewType(int height, int width) : base(typeof(LabelMap))
    {
        Height = height;
        Width = width;
    }

    /// <summary>A label-map column whose size varies per row.</summary>
    public static LabelMapDataViewType Instance { get; } = Register();

    /// <summary>Rows of every label map in the column, or 0 when it varies.</summary>
    public int Height { get; }

    /// <summary>Columns of every label map in the column, or 0 when it varies.</summary>
    public int Width { get; }

    /// <summary>True when every label map of the column is <see cref="Height"/> × <see cref="Width"/>.</summary>
    public bool IsFixedSize => Height > 0;

    /// <summary>A label-map column whose maps are all <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static LabelMapDataViewType FixedSize(int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        _ = Instance;
        return new LabelMapDataViewType(height, width);
    }

    /// <inheritdoc />
    /// <remarks>
    /// True for every LabelMap column type, whatever its size: ML.NET looks column types up by equality (binding class
    /// fields in CreateEnumerable and PredictionEngine, <c>DataViewTypeManager.Knows</c>), and every LabelMap column must
    /// bind to a LabelMap field. The fixed size is a promise the type object carries, read by the components that need it.
    /// </remarks>
    public override bool Equals(DataViewType? other) => other is LabelMapDataViewType;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataViewType t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => typeof(LabelMap).GetHashCode();

    /// <inheritdoc />
    public override string ToString() => IsFixedSize ? FormattableString.Invariant($"LabelMap<{Height}x{Width}>") : "LabelMap";

    private static LabelMapDataViewType Register()
    {
        var type = new LabelMapDataViewType(0, 0);
        DataViewTypeManager.Register(type, typeof(LabelMap), typeAttribute: null);
        return type;
    }
}
