using MLSeg.Core.Imaging;
using MLSeg.Dicom.Imaging;

namespace MLSeg.Dicom.Rt;

/// <summary>
/// Fills CLOSED_PLANAR contours into an image's pixel grid. A pixel is inside when its centre is inside under the
/// even-odd rule, taken over all given contours together (so a contour inside another makes a hole). Points map to
/// pixels through ImagePositionPatient, ImageOrientationPatient and PixelSpacing (PS3.3 C.7.6.2.1.1).
/// </summary>
public static class DicomContourRasterizer
{
    /// <summary>Largest distance (mm) of a contour from the image plane for it to count as on the slice.</summary>
    public const double PlaneToleranceMm = 0.5;

    /// <summary>Rasterises the contours lying in <paramref name="image"/>'s plane into a mask with <paramref name="label"/> inside, 0 outside.</summary>
    public static LabelMap Rasterize(IEnumerable<DicomContour> contours, DicomFile image, byte label = 1)
    {
        ArgumentNullException.ThrowIfNull(contours);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfZero(label);
        DicomPixelData px = DicomPixelData.Create(image);
        DicomFrameGeometry g = px.Geometry(0);
        double[] origin = g.ImagePositionPatient ?? throw Missing(image, DicomTag.ImagePositionPatient);
        double[] o = g.ImageOrientationPatient ?? throw Missing(image, DicomTag.ImageOrientationPatient);
        double[] spacing = g.PixelSpacingMm ?? throw Missing(image, DicomTag.PixelSpacing);
        double[] normal = [(o[1] * o[5]) - (o[2] * o[4]), (o[2] * o[3]) - (o[0] * o[5]), (o[0] * o[4]) - (o[1] * o[3])];

        // Polygon vertices in pixel units: x = column (along the row direction), y = row (along the column direction).
        var polygons = new List<(double X, double Y)[]>();
        foreach (DicomContour c in contours)
        {
            if (c.GeometricType != "CLOSED_PLANAR" || c.PointCount < 3)
            {
                continue;
            }

            var poly = new (double X, double Y)[c.PointCount];
            bool onPlane = true;
            for (int i = 0; i < c.PointCount; i++)
            {
                double dx = c.PointsMm[3 * i] - origin[0], dy = c.PointsMm[(3 * i) + 1] - origin[1], dz = c.PointsMm[(3 * i) + 2] - origin[2];
                onPlane &= Math.Abs((dx * normal[0]) + (dy * normal[1]) + (dz * normal[2])) <= PlaneToleranceMm;
                poly[i] = (((dx * o[0]) + (dy * o[1]) + (dz * o[2])) / spacing[1], ((dx * o[3]) + (dy * o[4]) + (dz * o[5])) / spacing[0]);
            }

            if (onPlane)
            {
                polygons.Add(poly);
            }
        }

        var mask = new LabelMap(px.Rows, px.Columns, spacing: new PixelSpacing(spacing[0], spacing[1]));
        var crossings = new List<double>();
        for (int row = 0; row < px.Rows; row++)
        {
            crossings.Clear();
            foreach (var poly in polygons)
            {
                for (int i = 0, j = poly.Length - 1; i < poly.Length; j = i++)
                {
                    (double x0, double y0) = poly[j];
                    (double x1, double y1) = poly[i];

                    // Half-open rule on y so a vertex exactly on the scan line counts once.
                    if ((y0 <= row) != (y1 <= row))
                    {
                        crossings.Add(x0 + ((row - y0) * (x1 - x0) / (y1 - y0)));
                    }
                }
            }

            crossings.Sort();
            for (int k = 0; k + 1 < crossings.Count; k += 2)
            {
                int first = Math.Max(0, (int)Math.Ceiling(crossings[k]));
                int last = Math.Min(px.Columns - 1, (int)Math.Ceiling(crossings[k + 1]) - 1);
                for (int col = first; col <= last; col++)
                {
                    mask.Labels[(row * px.Columns) + col] = label;
                }
            }
        }

        return mask;
    }

    private static DicomFormatException Missing(DicomFile file, DicomTag tag) =>
        new(file.Name, -1, tag, "is needed to map contours to pixels.");
}
