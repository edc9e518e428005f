using System.Globalization;
using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Nifti;
using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

public class NiftiWriterTests
{
    private static Volume Sample(bool labels)
    {
        var rng = new Random(3);
        var data = Enumerable.Range(0, 4 * 5 * 6).Select(_ => labels ? rng.Next(0, 4) : (float)((rng.NextDouble() * 2000) - 1000)).ToArray();
        double c = Math.Cos(0.3), s = Math.Sin(0.3);
        return new Volume(4, 5, 6, data, new PixelSpacing(0.7, 0.8), 2.5, [10.5, -20.25, 30], [c, s, 0, -s, c, 0, 0, 0, 1]);
    }

    [Theory]
    [InlineData("v.nii", false)]
    [InlineData("v.nii.gz", false)]
    [InlineData("l.nii.gz", true)]
    public void Write_ThenRead_RoundTripsValuesAndGeometry(string name, bool labels)
    {
        var volume = Sample(labels);
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, name);
            NiftiWriter.Write(path, volume, labels ? NiftiDataType.UInt8 : NiftiDataType.Float32);
            var back = NiftiReader.ReadVolume(path);
            Assert.Equal(volume.Data, back.Data);
            Assert.Equal(volume.SpacingMm.RowMm, back.SpacingMm.RowMm, 1e-6);
            Assert.Equal(volume.SpacingMm.ColumnMm, back.SpacingMm.ColumnMm, 1e-6);
            Assert.Equal(volume.SliceSpacingMm, back.SliceSpacingMm, 1e-6);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(volume.OriginMm[i], back.OriginMm[i], 1e-5);
            }

            for (int i = 0; i < 9; i++)
            {
                Assert.Equal(volume.Direction[i], back.Direction[i], 1e-6);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ToolFact("py:nibabel", "py:numpy")]
    public void Write_ReadByNibabel_QformAndSformAgreeWithGeometry()
    {
        var volume = Sample(labels: false);
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "v.nii.gz");
            NiftiWriter.Write(path, volume);
            string json = ExternalTools.RunPython(
                "import sys,json,numpy as np,nibabel as nib;i=nib.load(sys.argv[1]);h=i.header;" +
                "print(json.dumps({'q':h.get_qform().tolist(),'s':h.get_sform().tolist(),'d':np.asarray(i.dataobj).transpose(2,1,0).reshape(-1).tolist()}))",
                path);
            using var doc = JsonDocument.Parse(json);
            double[][] q = doc.RootElement.GetProperty("q").Deserialize<double[][]>()!;
            double[][] s = doc.RootElement.GetProperty("s").Deserialize<double[][]>()!;
            double[] spacing = [volume.SpacingMm.ColumnMm, volume.SpacingMm.RowMm, volume.SliceSpacingMm];
            double[] flip = [-1, -1, 1];
            for (int row = 0; row < 3; row++)
            {
                for (int col = 0; col < 3; col++)
                {
                    double expected = flip[row] * volume.Direction[(col * 3) + row] * spacing[col];
                    Assert.Equal(expected, q[row][col], 1e-5);
                    Assert.Equal(expected, s[row][col], 1e-5);
                }

                Assert.Equal(flip[row] * volume.OriginMm[row], q[row][3], 1e-4);
            }

            float[] data = doc.RootElement.GetProperty("d").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
            Assert.Equal(volume.Data, data);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Write_NonIntegerLabel_Throws()
    {
        var volume = new Volume(1, 1, 2, [1f, 1.5f]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NiftiWriter.Write(Path.Combine(Path.GetTempPath(), "never.nii"), volume, NiftiDataType.UInt8));
        Assert.Contains(1.5f.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }
}
