using System.Runtime.CompilerServices;
using Microsoft.ML;

namespace MLSeg;

/// <summary><c>ml.Segmentation()</c>: MLSeg's catalog of an <see cref="MLContext"/>, one per context.</summary>
public static class SegmentationMLContextExtensions
{
    private static readonly ConditionalWeakTable<MLContext, SegmentationCatalog> Catalogs = [];

    /// <summary>The segmentation catalog of <paramref name="ml"/> (created on first use; the same object on every call, so call numbers for seeds are per context).</summary>
    public static SegmentationCatalog Segmentation(this MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return Catalogs.GetValue(ml, static m => new SegmentationCatalog(m));
    }
}
