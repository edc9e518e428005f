using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.Dicom.Imaging;
using MLSeg.Dicom.Seg;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

public sealed class DicomSegmentationWriterTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mlseg-dicom-seg");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (DicomFile[] Sources, LabelMap[] Maps, string Path) WriteSample()
    {
        var sources = Enumerable.Range(0, 2).Select(z => DicomImageBuilder.Build(new Image2D(1, 5, 7, spacing: new PixelSpacing(0.5, 0.6)),
            new DicomImageOptions { ImagePositionPatient = [0, 0, z * 2.0], InstanceNumber = z + 1 })).ToArray();
        var maps = new[] { new LabelMap(5, 7), new LabelMap(5, 7) };
        maps[0].Labels[3] = 1;
        maps[0].Labels[10] = 2;
        maps[0].Labels[34] = 2;
        maps[1].Labels[0] = 2;
        string path = Path.Combine(_dir, "seg.dcm");
        DicomSegmentationWriter.CreateBinary(sources, maps, new Dictionary<byte, string> { [1] = "muscle", [2] = "fat" }).Save(path);
        return (sources, maps, path);
    }

    [Fact]
    public void CreateBinary_ReadBack_FramesPerSegmentAndSource()
    {
        (DicomFile[] sources, LabelMap[] maps, string path) = WriteSample();
        DicomSegmentation seg = DicomSegmentation.Read(DicomFile.Open(path));
        Assert.Equal("BINARY", seg.Type);
        Assert.Equal(new Dictionary<int, string> { [1] = "muscle", [2] = "fat" }, seg.Segments);
        Assert.Equal([1, 2, 2], seg.Frames.Select(f => f.SegmentNumber));
        string[] uids = sources.Select(s => s.Dataset.GetString(DicomTag.SOPInstanceUID)).ToArray();
        Assert.Equal([uids[0], uids[0], uids[1]], seg.Frames.Select(f => f.ReferencedSopInstanceUid));
        Assert.Equal(maps[0].Labels.Select(v => v == 2 ? 1f : 0f), seg.Frames[1].Mask);
        Assert.Equal(maps[1].Labels.Select(v => v == 2 ? 1f : 0f), seg.Frames[2].Mask);
        Assert.Equal(2.0, seg.Frames[2].ImagePositionPatient![2]);
    }

    [ToolFact("py:pydicom", "dcmdump")]
    public void CreateBinary_PydicomAndDcmdumpRead()
    {
        (_, LabelMap[] maps, string path) = WriteSample();
        ExternalTools.Run("dcmdump", ["-dc", path]);
        const string script = """
import json, sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
print(json.dumps({"shape": list(ds.pixel_array.shape), "frames": ds.pixel_array.reshape(int(ds.NumberOfFrames), -1).tolist()}))
""";
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(script, path));
        Assert.Equal([3, 5, 7], doc.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        int[] frame0 = doc.RootElement.GetProperty("frames")[0].EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(maps[0].Labels.Select(v => v == 1 ? 1 : 0), frame0);
        int[] frame2 = doc.RootElement.GetProperty("frames")[2].EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(maps[1].Labels.Select(v => v == 2 ? 1 : 0), frame2);
    }
}
