using System.Text.Json;
using MLSeg.Dicom.Seg;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

public class DicomSegmentationTests
{
    private static readonly string[] SegFiles =
    [
        "dicom/liver_1frame.dcm",
        "dicom-extra/liver.dcm",
        "dicom-extra/seg_image_ct_binary.dcm",
        "dicom-extra/seg_image_ct_binary_overlap.dcm",
        "dicom-extra/seg_image_ct_binary_single_frame.dcm",
    ];

    [ToolFact("py:pydicom")]
    public void Read_SegFixtures_FramesEqualPydicom()
    {
        const string script = """
import json, sys, numpy as np, pydicom
out = {}
for path in sys.argv[1:]:
    ds = pydicom.dcmread(path)
    n = int(ds.get('NumberOfFrames', 1))  # liver_1frame keeps 3 per-frame items for its single frame
    px = ds.pixel_array.reshape(n, ds.Rows, ds.Columns)
    frames = []
    for i in range(n):
        g = ds.PerFrameFunctionalGroupsSequence[i]
        ref = g.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID if 'DerivationImageSequence' in g else None
        frames.append({"segment": int(g.SegmentIdentificationSequence[0].ReferencedSegmentNumber), "ref": ref, "sum": int(px[i].sum())})
    out[path] = {"type": ds.SegmentationType, "labels": {str(s.SegmentNumber): str(s.SegmentLabel) for s in ds.SegmentSequence}, "frames": frames}
print(json.dumps(out))
""";
        string[] paths = SegFiles.Select(Fixtures.Path).ToArray();
        using var doc = JsonDocument.Parse(ExternalTools.RunPython(script, paths));
        foreach (string path in paths)
        {
            JsonElement expected = doc.RootElement.GetProperty(path);
            DicomSegmentation seg = DicomSegmentation.Read(DicomFile.Open(path));
            Assert.Equal(expected.GetProperty("type").GetString(), seg.Type);
            Assert.Equal(expected.GetProperty("labels").EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetString()!), seg.Segments);
            JsonElement[] frames = expected.GetProperty("frames").EnumerateArray().ToArray();
            Assert.Equal(frames.Length, seg.Frames.Count);
            for (int i = 0; i < frames.Length; i++)
            {
                Assert.Equal(frames[i].GetProperty("segment").GetInt32(), seg.Frames[i].SegmentNumber);
                Assert.Equal(frames[i].GetProperty("ref").GetString(), seg.Frames[i].ReferencedSopInstanceUid);
                Assert.Equal(frames[i].GetProperty("sum").GetInt32(), (int)seg.Frames[i].Mask.Sum());
            }
        }
    }

    [FixtureFact]
    public void Read_CtImage_ThrowsNotASegmentation()
    {
        var ex = Assert.Throws<DicomFormatException>(() => DicomSegmentation.Read(DicomFile.Open(Fixtures.Path("dicom/CT_small.dcm"))));
        Assert.Contains("not a Segmentation", ex.Message, StringComparison.Ordinal);
    }
}
