using System.Text.Json;
using MLSeg.Dicom.Imaging;
using MLSeg.Dicom.Tools;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

public class DicomToolsTests
{
    [FixtureFact]
    public void StatsReport_GoodAndBadFiles_ReportsErrorAndKeepsOthers()
    {
        string good = Fixtures.Path("dicom/CT_small.dcm"), bad = Fixtures.Path("dicom-extra/MR_truncated.dcm");
        (string json, bool ok) = DicomStatsReport.Run([good, bad, Fixtures.Path("dicom/MR_small.dcm")]);
        Assert.False(ok);
        using var doc = JsonDocument.Parse(json);
        JsonElement[] items = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, items.Length);
        Assert.Equal(-119.0739, items[0].GetProperty("modMean").GetDouble(), 1e-3);
        string error = items[1].GetProperty("error").GetString()!;
        Assert.Contains("MR_truncated.dcm", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at MLSeg", error, StringComparison.Ordinal);
        Assert.False(items[1].TryGetProperty("mean", out _));
        Assert.Equal(518.8813, items[2].GetProperty("mean").GetDouble(), 1e-3);
        Assert.False(items[2].TryGetProperty("modMean", out _));
    }

    [FixtureFact]
    public void StatsReport_AllGood_Succeeds()
    {
        (_, bool ok) = DicomStatsReport.Run([Fixtures.Path("dicom/CT_small.dcm")]);
        Assert.True(ok);
    }

    [FixtureFact]
    public void Dump_CtSmall_ListsElementsAndKeywords()
    {
        string text = DicomDump.Format(DicomFile.Open(Fixtures.Path("dicom/CT_small.dcm")));
        Assert.Contains("(0028,0010) US 128 # 2, Rows", text, StringComparison.Ordinal);
        Assert.Contains("(0028,1052) DS [-1024] # 6, RescaleIntercept", text, StringComparison.Ordinal);
        Assert.Contains("(0002,0010) UI [1.2.840.10008.1.2.1", text, StringComparison.Ordinal);
    }

    [FixtureFact]
    public void SeriesScan_Ct2Series_SortsAlongNormalAndFindsGap()
    {
        // Positions z = −99.48, 103.02, 104.27, 105.52 mm (pydicom): steps 1.25 mm with one gap.
        IReadOnlyList<DicomSeries> series = DicomSeries.Scan(Fixtures.Path("dicom/CT2-series"), out IReadOnlyList<string> skipped);
        Assert.Empty(skipped);
        DicomSeries s = Assert.Single(series);
        Assert.Equal(["17106.dcm", "17136.dcm", "17166.dcm", "17196.dcm"], s.Slices.Select(Path.GetFileName));
        Assert.Equal(1.25, s.SliceSpacingMm!.Value, 1e-4);
        Assert.Equal(1, s.Gaps);
        Assert.Equal(0, s.Duplicates);
        Assert.False(s.IsUniform);
        var volume = s.LoadVolume();
        Assert.Equal((4, 16, 16), (volume.Depth, volume.Height, volume.Width));
        Assert.Equal(-99.48, volume.OriginMm[2], 1e-4);
    }

    [FixtureFact]
    public void SeriesAssemble_DuplicateSlice_CountsDuplicateAndRefusesVolume()
    {
        string path = Fixtures.Path("dicom/CT2-series/17136.dcm");
        DicomFile f = DicomFile.Open(path);
        IReadOnlyList<DicomSeries> series = DicomSeries.Assemble([(path, f), (path + "-copy", f)]);
        DicomSeries s = Assert.Single(series);
        Assert.Equal(1, s.Duplicates);
        Assert.Throws<DicomFormatException>(s.LoadVolume);
    }

    [FixtureFact]
    public void GetImage_CtSmall_AppliesRescaleAndSpacing()
    {
        DicomPixelData px = DicomPixelData.Create(DicomFile.Open(Fixtures.Path("dicom/CT_small.dcm")));
        double[] stored = px.GetFrame(0);
        var image = px.GetImage(0);
        Assert.Equal(0.661468, image.SpacingMm.RowMm, 1e-9);
        Assert.Equal((float)(stored[1000] - 1024), image.Data[1000]);
    }

    [FixtureFact]
    public void GetVolume_EnhancedSegFunctionalGroups_UsesPerFramePositions()
    {
        DicomFile file = DicomFile.Open(Fixtures.Path("dicom-extra/liver.dcm"));
        DicomPixelData px = DicomPixelData.Create(file);
        DicomFrameGeometry g0 = px.Geometry(0), g1 = px.Geometry(1);
        Assert.NotNull(g0.PixelSpacingMm);
        Assert.NotNull(g0.ImagePositionPatient);
        Assert.NotEqual(g0.ImagePositionPatient, g1.ImagePositionPatient);
        var volume = px.GetVolume();
        Assert.Equal(3, volume.Depth);
        Assert.Equal(g0.PixelSpacingMm![0], volume.SpacingMm.RowMm);
    }

    [FixtureFact]
    public void GetVolume_MultiFrameWithoutPositions_ThrowsNamingTag()
    {
        DicomPixelData px = DicomPixelData.Create(DicomFile.Open(Fixtures.Path("dicom/emri_small.dcm")));
        var ex = Assert.Throws<DicomFormatException>(px.GetVolume);
        Assert.Equal(DicomTag.ImagePositionPatient, ex.Tag);
    }
}
