using Microsoft.ML.Data;
using MLSeg.Data;

namespace MLSeg.Pipeline;

/// <summary>A column a component reads: its name, and which column types it accepts (described for error messages).</summary>
internal sealed record ColumnRequirement(string Name, string Expected, Func<DataViewType, bool> Accepts)
{
    public static ColumnRequirement Image(string name) => new(name, "an Image2D column (Image2DDataViewType)", t => t is Image2DDataViewType);

    public static ColumnRequirement FixedSizeImage(string name) => new(name,
        "a fixed-size Image2D column (Image2DDataViewType with a height and width, as Resize or PadOrCrop produce)",
        t => t is Image2DDataViewType { IsFixedSize: true });

    public static ColumnRequirement LabelMap(string name) => new(name, "a LabelMap column (LabelMapDataViewType)", t => t is LabelMapDataViewType);

    public static ColumnRequirement Text(string name) => new(name, "a text column (String)", t => t is TextDataViewType);
}
