using MLSeg.Core.Imaging;

namespace MLSeg.Synthetic.Writing;

/// <summary>
/// Where a generated cohort's files go. <see cref="CohortGenerator"/> computes the pixels and calls one method per
/// file; the implementation owns the encoding (DICOM Part 10 for CT/MR, PNG for masks and RGB images).
/// Paths are absolute; the parent folder already exists. Calls for different paths may come concurrently from
/// several threads (patients are generated in parallel), so an implementation must be thread-safe across paths.
/// A write must be atomic (temp file + rename) so an interrupted run never leaves a half file.
/// </summary>
public interface ICohortWriter
{
    /// <summary>
    /// Writes one CT slice. <paramref name="hu"/> is 1 channel of Hounsfield units, already whole numbers in
    /// −1024…3071, so stored value = HU − <see cref="CtSeriesInfo.RescaleIntercept"/> fits an unsigned 12-bit range.
    /// Pixel spacing is <see cref="Image2D.SpacingMm"/>.
    /// </summary>
    void WriteCt(string path, Image2D hu, CtSeriesInfo info);

    /// <summary>
    /// Writes one MR image (one slice at one cardiac phase). <paramref name="intensity"/> is 1 channel of whole
    /// numbers in 0…4095 (unsigned stored values, no rescale).
    /// </summary>
    void WriteMr(string path, Image2D intensity, MrSeriesInfo info);

    /// <summary>Writes a label map as an 8-bit grey PNG whose sample values are the label values (0 = background).</summary>
    void WriteLabelPng(string path, LabelMap map);

    /// <summary>Writes a 3-channel image as an 8-bit RGB PNG; samples are whole numbers in 0…255.</summary>
    void WriteRgbPng(string path, Image2D rgb);
}
