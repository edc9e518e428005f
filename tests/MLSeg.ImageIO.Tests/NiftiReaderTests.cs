using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Nifti;
using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

/// <summary>
/// Compares the reader with nibabel's values in References/nifti_reference.json (made by nifti_reference.py).
/// Tolerances: voxel values 1e-4 relative (float32 output vs nibabel's float64), statistics 1e-5 relative,
/// geometry 1e-5 mm / 1e-5 in direction cosines (float32 header fields).
/// </summary>
public class NiftiReaderTests
{
    public static TheoryData<string> Files => new()
    {
        "nifti/standard.nii.gz", "nifti/anatomical.nii", "nifti-extra/example_nifti2.nii.gz",
        "nifti-extra/functional.nii", "nifti-extra/resampled_anat_moved.nii",
    };

    private static JsonElement Reference(string rel)
    {
        string json = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "MLSeg.ImageIO.Tests", "References", "nifti_reference.json"));
        return JsonDocument.Parse(json).RootElement.EnumerateArray().Single(e => e.GetProperty("file").GetString() == rel);
    }

    private static double[] Doubles(JsonElement e) =>
        e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    private static void Close(double expected, double actual, double rel, string what) =>
        Assert.True(Math.Abs(expected - actual) <= rel * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    [FixtureTheory]
    [MemberData(nameof(Files))]
    public void ReadVolumes_Fixture_MatchesNibabelValues(string rel)
    {
        var reference = Reference(rel);
        var volumes = NiftiReader.ReadVolumes(Fixtures.Path(rel));
        int[] shape = reference.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(shape[3], volumes.Count);
        double[] min = Doubles(reference.GetProperty("min")), max = Doubles(reference.GetProperty("max")), mean = Doubles(reference.GetProperty("mean"));
        for (int t = 0; t < volumes.Count; t++)
        {
            var v = volumes[t];
            Assert.Equal((shape[2], shape[1], shape[0]), (v.Depth, v.Height, v.Width));
            var finite = v.Data.Where(x => !float.IsNaN(x)).ToArray();
            Assert.Equal(reference.GetProperty("nanCount")[t].GetInt32(), v.Data.Length - finite.Length);
            Close(min[t], finite.Min(), 1e-5, $"min t={t}");
            Close(max[t], finite.Max(), 1e-5, $"max t={t}");
            Close(mean[t], finite.Average(x => (double)x), 1e-5, $"mean t={t}");
        }

        foreach (var s in reference.GetProperty("samples").EnumerateArray())
        {
            double[] a = Doubles(s);
            var v = volumes[(int)a[3]];
            float got = v.Data[(((int)a[2] * v.Height) + (int)a[1]) * v.Width + (int)a[0]];
            if (double.IsNaN(a[4]))
            {
                Assert.True(float.IsNaN(got), $"voxel ({a[0]},{a[1]},{a[2]}) should be NaN, got {got}");
                continue;
            }

            Close(a[4], v.Data[(((int)a[2] * v.Height) + (int)a[1]) * v.Width + (int)a[0]], 1e-4, $"voxel ({a[0]},{a[1]},{a[2]},{a[3]})");
        }
    }

    [FixtureTheory]
    [MemberData(nameof(Files))]
    public void ReadVolumes_Fixture_GeometryMatchesNibabelAffine(string rel)
    {
        var reference = Reference(rel);
        var v = NiftiReader.ReadVolumes(Fixtures.Path(rel))[0];
        double[] spacing = Doubles(reference.GetProperty("spacingMm"));
        Close(spacing[0], v.SpacingMm.ColumnMm, 1e-5, "column spacing");
        Close(spacing[1], v.SpacingMm.RowMm, 1e-5, "row spacing");
        Close(spacing[2], v.SliceSpacingMm, 1e-5, "slice spacing");
        double[] origin = Doubles(reference.GetProperty("originLps"));
        double[] direction = Doubles(reference.GetProperty("directionLps"));
        for (int i = 0; i < 3; i++)
        {
            Close(origin[i], v.OriginMm[i], 1e-5, $"origin[{i}]");
        }

        for (int i = 0; i < 9; i++)
        {
            Close(direction[i], v.Direction[i], 1e-5, $"direction[{i}]");
        }

        double[] affine = Doubles(reference.GetProperty("affineRas"));
        double[] mine = NiftiReader.ReadHeader(Fixtures.Path(rel)).AffineRas();
        for (int i = 0; i < 12; i++)
        {
            Close(affine[i], mine[i], 1e-5, $"affine[{i}]");
        }
    }

    [FixtureFact]
    public void ReadHeader_AnatomicalIsBigEndianInt16_Nifti2IsVersion2()
    {
        var anat = NiftiReader.ReadHeader(Fixtures.Path("nifti/anatomical.nii"));
        Assert.True(anat.BigEndian);
        Assert.Equal(NiftiDataType.Int16, anat.DataType);
        var n2 = NiftiReader.ReadHeader(Fixtures.Path("nifti-extra/example_nifti2.nii.gz"));
        Assert.Equal(2, n2.Version);
        Assert.False(n2.BigEndian);
    }

    [FixtureFact]
    public void ReadHeader_Functional_HasScaling()
    {
        var h = NiftiReader.ReadHeader(Fixtures.Path("nifti-extra/functional.nii"));
        Assert.True(h.HasScaling);
        Assert.Equal(20, h.VolumeCount);
    }

    [FixtureFact]
    public void ReadVolume_FourDimensionalFile_ThrowsNamingVolumeCount()
    {
        var ex = Assert.Throws<ImageFormatException>(() => NiftiReader.ReadVolume(Fixtures.Path("nifti-extra/functional.nii")));
        Assert.Contains("20 volumes", ex.Message, StringComparison.Ordinal);
    }

    [FixtureFact]
    public void ReadVolume_TruncatedFile_ThrowsWithOffset()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            byte[] bytes = File.ReadAllBytes(Fixtures.Path("nifti/anatomical.nii"));
            string path = Path.Combine(dir, "cut.nii");
            File.WriteAllBytes(path, bytes[..1000]);
            var ex = Assert.Throws<ImageFormatException>(() => NiftiReader.ReadVolume(path));
            Assert.Equal(1000, ex.Offset);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ReadHeader_NotNifti_ThrowsNamingSizeofHdr()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "x.nii");
            File.WriteAllBytes(path, new byte[400]);
            var ex = Assert.Throws<ImageFormatException>(() => NiftiReader.ReadHeader(path));
            Assert.Contains("sizeof_hdr", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
