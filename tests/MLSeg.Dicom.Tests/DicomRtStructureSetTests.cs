using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.Dicom.Imaging;
using MLSeg.Dicom.Rt;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

public class DicomRtStructureSetTests
{
    private static DicomFile Grid(int size, double spacingMm) =>
        DicomImageBuilder.Build(new Image2D(1, size, size, spacing: new PixelSpacing(spacingMm, spacingMm)), new DicomImageOptions());

    private static DicomContour Square(double from, double to, double z = 0) =>
        new("CLOSED_PLANAR", [from, from, z, to, from, z, to, to, z, from, to, z], null);

    public static TheoryData<double, double, double, int> Squares => new()
    {
        // mm corners, pixel spacing, expected pixel count: centres at multiples of the spacing inside [from, to).
        { 1.5, 5.5, 1.0, 16 },   // centres 2..5 → 4×4
        { 2.0, 5.0, 1.0, 9 },    // centres 2,3,4 (5 is on the far edge, excluded) → 3×3
        { 1.5, 5.5, 0.5, 64 },   // centres 2.0..5.0 step 0.5 → 8×8
    };

    [Theory]
    [MemberData(nameof(Squares))]
    public void Rasterize_Square_CountsPixelCentresInside(double from, double to, double spacing, int expected)
    {
        LabelMap mask = DicomContourRasterizer.Rasterize([Square(from, to)], Grid(16, spacing));
        Assert.Equal(expected, mask.Labels.Count(v => v == 1));
    }

    [Fact]
    public void Rasterize_NestedContours_EvenOddMakesHole()
    {
        LabelMap mask = DicomContourRasterizer.Rasterize([Square(1.5, 5.5), Square(2.5, 4.5)], Grid(10, 1.0));
        Assert.Equal(16 - 4, mask.Labels.Count(v => v == 1));
        Assert.Equal(0, mask.Labels[(3 * 10) + 3]);
        Assert.Equal(1, mask.Labels[(2 * 10) + 2]);
    }

    [Fact]
    public void Rasterize_ContourOffPlane_Ignored()
    {
        LabelMap mask = DicomContourRasterizer.Rasterize([Square(1.5, 5.5, z: 3.0)], Grid(10, 1.0));
        Assert.All(mask.Labels, v => Assert.Equal(0, v));
    }

    [FixtureFact]
    public void Rasterize_DicompylerBody_AreaMatchesShoelaceArea()
    {
        DicomFile ct = DicomFile.Open(Fixtures.Path("dicom-extra/dicompyler_ct.0.dcm"));
        string uid = ct.Dataset.GetString(DicomTag.SOPInstanceUID);
        DicomRoi body = DicomRtStructureSet.Read(DicomFile.Open(Fixtures.Path("dicom-extra/dicompyler_rtss.dcm"))).Single(r => r.Name == "BODY");
        DicomContour[] onSlice = body.Contours.Where(c => c.ReferencedSopInstanceUid == uid).ToArray();
        Assert.Equal([532, 296, 4, 4], onSlice.Select(c => c.PointCount));
        LabelMap mask = DicomContourRasterizer.Rasterize(onSlice, ct);
        double maskArea = mask.Labels.Count(v => v == 1) * mask.SpacingMm.PixelAreaMm2;

        // Independent figure: polygon areas by the shoelace formula (x, y in mm; the slice is axial), summed on the
        // assumption that the contours do not nest; a nested contour would make the even-odd mask smaller and fail this.
        double polygonArea = onSlice.Sum(c =>
        {
            double a = 0;
            for (int i = 0, j = c.PointCount - 1; i < c.PointCount; j = i++)
            {
                a += (c.PointsMm[3 * j] * c.PointsMm[(3 * i) + 1]) - (c.PointsMm[3 * i] * c.PointsMm[(3 * j) + 1]);
            }

            return Math.Abs(a) / 2;
        });
        Assert.True(polygonArea > 10_000, $"BODY area {polygonArea} mm² is implausibly small");
        Assert.Equal(polygonArea, maskArea, polygonArea * 0.01); // 1%: boundary pixels only
    }

    [ToolFact("py:pydicom")]
    public void Read_Rtstruct_RoiNamesAndPointCountsEqualPydicom()
    {
        string path = Fixtures.Path("dicom/rtstruct.dcm");
        const string script = """
import json, sys, pydicom
ds = pydicom.dcmread(sys.argv[1], force=True)
names = {int(r.ROINumber): str(r.ROIName) for r in ds.StructureSetROISequence}
points = {int(rc.ReferencedROINumber): sum(len(c.ContourData) // 3 for c in rc.get('ContourSequence', [])) for rc in ds.ROIContourSequence}
print(json.dumps({"names": names, "points": points}))
""";
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(script, path));
        IReadOnlyList<DicomRoi> rois = DicomRtStructureSet.Read(DicomFile.Open(path));
        Assert.Equal(doc.RootElement.GetProperty("names").EnumerateObject().Count(), rois.Count);
        foreach (DicomRoi roi in rois)
        {
            string key = roi.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(doc.RootElement.GetProperty("names").GetProperty(key).GetString(), roi.Name);
            int expectedPoints = doc.RootElement.GetProperty("points").TryGetProperty(key, out JsonElement p) ? p.GetInt32() : 0;
            Assert.Equal(expectedPoints, roi.Contours.Sum(c => c.PointCount));
        }
    }
}
