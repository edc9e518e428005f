using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.Dicom.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

public sealed class DicomWriterTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mlseg-dicom-writer");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Image2D Ramp(int height = 24, int width = 32)
    {
        var image = new Image2D(1, height, width, spacing: new PixelSpacing(0.7, 0.8));
        for (int i = 0; i < image.Data.Length; i++)
        {
            image.Data[i] = -1000 + (i * 7 % 2500);
        }

        return image;
    }

    [Fact]
    public void Save_BuiltCtImage_RoundTripsPixelsAndAttributes()
    {
        Image2D image = Ramp();
        string path = Path.Combine(_dir, "ct.dcm");
        DicomImageBuilder.Build(image, new DicomImageOptions { PatientName = "Müller^Jörg", SeriesInstanceUid = "1.2.3.4" }).Save(path);
        DicomFile file = DicomFile.Open(path);
        Assert.Equal("1.2.840.10008.1.2.1", file.TransferSyntaxUid);
        Assert.Equal("Müller^Jörg", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal("1.2.3.4", file.Dataset.GetString(DicomTag.SeriesInstanceUID));
        Image2D back = DicomPixelData.Create(file).GetImage(0);
        Assert.Equal(image.Data, back.Data);
        Assert.Equal(image.SpacingMm, back.SpacingMm);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Build_ValueOutsideInt16_Throws()
    {
        var image = new Image2D(1, 2, 2, [0, 0, 0, 40000]);
        Assert.Throws<ArgumentException>(() => DicomImageBuilder.Build(image, new DicomImageOptions()));
    }

    public static TheoryData<string> Fixtures10 => new() { "dicom/MR_small_bigendian.dcm", "dicom/MR_small_implicit.dcm", "dicom/CT_small.dcm", "dicom/emri_small.dcm", "dicom/rtstruct.dcm" };

    [FixtureTheory]
    [MemberData(nameof(Fixtures10))]
    public void Save_Fixture_RereadsSameElementsAndPixels(string relative)
    {
        DicomFile original = DicomFile.Open(Fixtures.Path(relative));
        string path = Path.Combine(_dir, "copy.dcm");
        original.Save(path);
        DicomFile copy = DicomFile.Open(path);
        Assert.Equal("1.2.840.10008.1.2.1", copy.TransferSyntaxUid);
        foreach (DicomElement e in original.Dataset)
        {
            if (e.Tag.Element == 0 || e is DicomSequence)
            {
                continue;
            }

            DicomElement c = copy.Dataset.Get(e.Tag);
            if (DicomVRInfo.IsText(e.VR))
            {
                Assert.Equal(e.GetText(), c.GetText());
            }
            else if (e.Tag != DicomTag.PixelData)
            {
                Assert.Equal(e.GetDoubles(), c.GetDoubles());
            }
        }

        if (original.Dataset.Contains(DicomTag.PixelData))
        {
            DicomPixelData a = DicomPixelData.Create(original), b = DicomPixelData.Create(copy);
            for (int f = 0; f < a.NumberOfFrames; f++)
            {
                Assert.Equal(a.GetFrame(f), b.GetFrame(f));
            }
        }
    }

    [ToolFact("dcmdump")]
    public void Save_BuiltImage_DcmdumpParses()
    {
        string path = Path.Combine(_dir, "ct.dcm");
        DicomImageBuilder.Build(Ramp(), new DicomImageOptions()).Save(path);
        string dump = ExternalTools.Run("dcmdump", ["-dc", "+E", path]);
        Assert.Contains("(0028,1052) DS [-1024", dump, StringComparison.Ordinal);
        Assert.Contains("(0028,0030) DS [0.7\\0.8", dump, StringComparison.Ordinal);
        Assert.Contains("(7fe0,0010) OW", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("E:", dump, StringComparison.Ordinal);
    }

    [ToolFact("py:pydicom")]
    public void Save_BuiltImage_PydicomReadsEqualPixels()
    {
        Image2D image = Ramp();
        string path = Path.Combine(_dir, "ct.dcm");
        DicomImageBuilder.Build(image, new DicomImageOptions { Modality = "MR", RescaleIntercept = -1000, RescaleSlope = 0.5, PatientName = "王^小東" }).Save(path);
        const string script = """
import json, sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
px = ds.pixel_array.astype(float) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
print(json.dumps({"name": str(ds.PatientName), "spacing": [float(v) for v in ds.PixelSpacing], "values": px.ravel().tolist()}))
""";
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(script, path));
        Assert.Equal("王^小東", doc.RootElement.GetProperty("name").GetString());
        Assert.Equal([0.7, 0.8], doc.RootElement.GetProperty("spacing").EnumerateArray().Select(v => v.GetDouble()));
        double[] theirs = doc.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(image.Data.Select(v => (double)v), theirs);
    }
}
