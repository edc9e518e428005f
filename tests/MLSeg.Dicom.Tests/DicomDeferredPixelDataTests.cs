using MLSeg.Core.Imaging;
using MLSeg.Dicom.Imaging;

namespace MLSeg.Dicom.Tests;

/// <summary>DicomFile.Open leaves the Pixel Data of large files on disk; these tests pin what that must not change.</summary>
public sealed class DicomDeferredPixelDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlseg-deferred-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A 512×512 CT slice (512 KiB of pixels, well over the 128 KiB deferral threshold) with a known ramp.</summary>
    private string WriteSlice(string name, Action<DicomDataset>? extra = null)
    {
        var image = new Image2D(1, 512, 512, Enumerable.Range(0, 512 * 512).Select(i => (float)((i % 3001) - 1024)).ToArray(), new PixelSpacing(0.7, 0.7));
        DicomFile file = DicomImageBuilder.Build(image, new DicomImageOptions { RescaleSlope = 0.5, RescaleIntercept = -1024 });
        extra?.Invoke(file.Dataset);
        string path = Path.Combine(_dir, name);
        file.Save(path);
        return path;
    }

    [Fact]
    public void Open_LargeNativeFile_LeavesPixelDataOnDiskWithSameValues()
    {
        string path = WriteSlice("a.dcm");
        DicomFile deferred = DicomFile.Open(path);
        DicomFile inMemory = DicomFile.Read(File.ReadAllBytes(path), path);

        Assert.NotNull(deferred.Dataset.Find(DicomTag.PixelData)!.Deferred);
        Assert.Null(inMemory.Dataset.Find(DicomTag.PixelData)!.Deferred);
        Assert.Equal(DicomPixelData.Create(inMemory).GetImage(0).Data, DicomPixelData.Create(deferred).GetImage(0).Data);
        Assert.Equal(978f, DicomPixelData.Create(deferred).GetImage(0).Data[2002]); // sample 2002: 978 HU, stored 4004, 4004 × 0.5 − 1024
        Assert.Equal(inMemory.Dataset.Find(DicomTag.PixelData)!.Value.ToArray(), deferred.Dataset.Find(DicomTag.PixelData)!.Value.ToArray());
        Assert.Equal(DicomPixelData.Create(inMemory).GetFrame(0), DicomPixelData.Create(deferred).GetFrame(0));
    }

    [Fact]
    public void DecodeRescaledFrame_FileReplacedAfterOpen_ThrowsNamingTheChange()
    {
        string path = WriteSlice("b.dcm");
        DicomFile file = DicomFile.Open(path);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));

        var ex = Assert.Throws<DicomFormatException>(() => DicomPixelData.Create(file).DecodeRescaledFrame(0, new float[512 * 512]));
        Assert.Contains("changed on disk since it was opened", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ElementAfterPixelData_ReadsWholeFile()
    {
        // Data Set Trailing Padding (FFFC,FFFC) after Pixel Data: the pixel value does not end the file, so nothing is deferred.
        string path = WriteSlice("c.dcm", ds => ds.AddBytes(new DicomTag(0xFFFC, 0xFFFC), DicomVR.OB, new byte[16]));
        DicomFile file = DicomFile.Open(path);

        Assert.Null(file.Dataset.Find(DicomTag.PixelData)!.Deferred);
        Assert.True(file.Dataset.Contains(new DicomTag(0xFFFC, 0xFFFC)));
        Assert.Equal(0f, DicomPixelData.Create(file).GetImage(0).Data[1024]); // sample 1024: 0 HU, stored 2048, 2048 × 0.5 − 1024
    }

    [Fact]
    public void Open_HeaderLongerThanFirstRead_ReadsWholeFile()
    {
        // A 40 KiB private value before Pixel Data: the header does not end within the first 8 KiB read.
        string path = WriteSlice("d.dcm", ds => ds.AddBytes(new DicomTag(0x0009, 0x1010), DicomVR.OB, new byte[40 * 1024]));
        DicomFile file = DicomFile.Open(path);

        Assert.Equal(40 * 1024, file.Dataset.Find(new DicomTag(0x0009, 0x1010))!.Value.Length);
        Assert.Equal(DicomPixelData.Create(DicomFile.Read(File.ReadAllBytes(path), path)).GetImage(0).Data, DicomPixelData.Create(file).GetImage(0).Data);
    }
}
