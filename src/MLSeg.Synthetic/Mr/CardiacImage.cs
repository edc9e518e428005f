using MLSeg.Core.Imaging;
using MLSeg.Synthetic.Writing;

namespace MLSeg.Synthetic.Mr;

/// <summary>One slice at one cardiac frame: intensities, labels (1 LV blood pool, 2 LV myocardium, 3 RV) and DICOM attributes.</summary>
/// <param name="Slice">0-based slice (base = 0).</param>
/// <param name="Frame">0-based frame (0 = end-diastole).</param>
/// <param name="Image">1 channel of whole-number MR intensities in 0…4095.</param>
/// <param name="Labels">The truth labels.</param>
/// <param name="Series">DICOM attributes for writing.</param>
public sealed record CardiacImage(int Slice, int Frame, Image2D Image, LabelMap Labels, MrSeriesInfo Series);
