using System.Text.Json;
using MLSeg.Dicom.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

public class DicomStatisticsTests
{
    /// <summary>Means are compared within 1e-3 (the reference rounds to 4 decimals); min/max exactly.</summary>
    private const double MeanTolerance = 1e-3;

    public static TheoryData<string> Files => ReferenceStats.Paths();

    [FixtureTheory]
    [MemberData(nameof(Files))]
    public void Compute_ReferenceFixture_MatchesPydicom(string relative)
    {
        string path = Fixtures.Path(relative);
        JsonElement expected = ReferenceStats.For(Path.GetFileName(path));
        if (relative.EndsWith("no_meta.dcm", StringComparison.Ordinal))
        {
            // The fixture copy starts with a stray 0x20 byte (pydicom 2.3.1 also misreads it); covered by the two no_meta tests below.
            return;
        }

        if (expected.TryGetProperty("expectError", out _) || expected.TryGetProperty("error", out _) || expected.TryGetProperty("noPixels", out _))
        {
            Assert.Throws<DicomFormatException>(() => DicomStatistics.Compute(DicomFile.Open(path)));
            return;
        }

        AssertMatches(expected, DicomStatistics.Compute(DicomFile.Open(path)));
    }

    [FixtureFact]
    public void Open_NoMetaFixtureWithStrayLeadingByte_ThrowsNamingTheByte()
    {
        var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(Fixtures.Path("dicom-extra/no_meta.dcm")));
        Assert.Contains("stray leading byte 0x20", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [FixtureFact]
    public void Compute_NoMetaDatasetAfterStrayByte_MatchesReference()
    {
        byte[] bytes = File.ReadAllBytes(Fixtures.Path("dicom-extra/no_meta.dcm"))[1..];
        DicomFile file = DicomFile.Read(bytes, "no_meta.dcm");
        Assert.Equal(0, file.FileMetaInformation.Count);
        AssertMatches(ReferenceStats.For("no_meta.dcm"), DicomStatistics.Compute(file));
    }

    private static void AssertMatches(JsonElement expected, DicomStatistics s)
    {
        Assert.Equal(expected.GetProperty("transferSyntax").ValueKind == JsonValueKind.Null ? null : expected.GetProperty("transferSyntax").GetString(), s.TransferSyntax);
        Assert.Equal(expected.GetProperty("rows").GetInt32(), s.Rows);
        Assert.Equal(expected.GetProperty("columns").GetInt32(), s.Columns);
        Assert.Equal(expected.GetProperty("frames").GetInt32(), s.Frames);
        Assert.Equal(expected.GetProperty("samplesPerPixel").GetInt32(), s.SamplesPerPixel);
        Assert.Equal(expected.GetProperty("min").GetDouble(), s.Min);
        Assert.Equal(expected.GetProperty("max").GetDouble(), s.Max);
        Assert.Equal(expected.GetProperty("mean").GetDouble(), s.Mean, MeanTolerance);
        if (expected.TryGetProperty("modMean", out JsonElement modMean))
        {
            Assert.Equal(expected.GetProperty("modMin").GetDouble(), s.ModMin);
            Assert.Equal(expected.GetProperty("modMax").GetDouble(), s.ModMax);
            Assert.NotNull(s.ModMean);
            Assert.Equal(modMean.GetDouble(), s.ModMean.Value, MeanTolerance);
        }
        else
        {
            Assert.Null(s.ModMean);
        }
    }

    [FixtureFact]
    public void Compute_ProvenanceTableCtSmall_MatchesPublishedFigures()
    {
        // PROVENANCE.md reference table: CT_small 128×128, 128..2191 mean 904.9261, HU −896..1167 mean −119.0739.
        DicomStatistics s = DicomStatistics.Compute(DicomFile.Open(Fixtures.Path("dicom/CT_small.dcm")));
        Assert.Equal((128, 128, 1), (s.Rows, s.Columns, s.Frames));
        Assert.Equal((128.0, 2191.0), (s.Min, s.Max));
        Assert.Equal(904.9261, s.Mean, MeanTolerance);
        Assert.Equal((-896.0, 1167.0), (s.ModMin!.Value, s.ModMax!.Value));
        Assert.Equal(-119.0739, s.ModMean!.Value, MeanTolerance);
    }
}
