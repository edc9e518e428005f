using System.Text.Json;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Npy;
using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

public class NpyTests
{
    [ToolFact("py:numpy")]
    public void Read_EveryDtypeOrderAndVersion_MatchesNumpy()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string script = Path.Combine(RepoPaths.Root, "tests", "MLSeg.ImageIO.Tests", "References", "npy_reference.py");
            using var doc = JsonDocument.Parse(ExternalTools.Run(ExternalTools.Python, [script, dir]));
            int n = 0;
            foreach (var c in doc.RootElement.EnumerateArray())
            {
                string file = c.GetProperty("file").GetString()!;
                var array = NpyReader.Read(file);
                Assert.Equal(c.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()), array.Shape);
                double[] expected = c.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                double[] actual = array.Data switch
                {
                    double[] d => d,
                    long[] l => l.Select(v => (double)v).ToArray(),
                    _ => array.ToFloat32().Select(v => (double)v).ToArray(),
                };
                for (int i = 0; i < expected.Length; i++)
                {
                    // f4 values are exact in float; integers are exact; f8 compared at full precision.
                    Assert.True(expected[i] == actual[i], $"{Path.GetFileName(file)}[{i}]: expected {expected[i]}, got {actual[i]}");
                }

                n++;
            }

            Assert.Equal(84, n); // (6 dtypes × 2 byte orders + u1, b1) × C/F × 3 versions
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ToolFact("py:numpy")]
    public void Write_ReadByNumpy_SameShapeDtypeAndValues()
    {
        var image = new Image2D(3, 2, 4, Enumerable.Range(0, 24).Select(i => (i * 1.5f) - 7).ToArray());
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "a.npy");
            NpyWriter.Write(path, NpyArray.FromImage(image));
            string json = ExternalTools.RunPython("import sys,json,numpy as np;a=np.load(sys.argv[1]);print(json.dumps([a.dtype.str,list(a.shape),a.reshape(-1).tolist()]))", path);
            using var doc = JsonDocument.Parse(json);
            Assert.Equal("<f4", doc.RootElement[0].GetString());
            Assert.Equal([3, 2, 4], doc.RootElement[1].EnumerateArray().Select(v => v.GetInt32()));
            Assert.Equal(image.Data, doc.RootElement[2].EnumerateArray().Select(v => (float)v.GetDouble()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void WriteRead_LabelMap_RoundTrips()
    {
        var labels = new LabelMap(2, 3, [0, 1, 2, 255, 4, 0]);
        string dir = RepoPaths.NewTempDir();
        try
        {
            string path = Path.Combine(dir, "m.npy");
            NpyWriter.Write(path, NpyArray.FromLabelMap(labels));
            var back = NpyReader.Read(path);
            Assert.Equal("|u1", back.Descr);
            Assert.Equal(labels.Labels, back.ToLabelMap(path).Labels);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ToLabelMap_NegativeValue_ThrowsNamingValue()
    {
        var array = new NpyArray([1, 2], new short[] { 1, -3 });
        var ex = Assert.Throws<ImageFormatException>(() => array.ToLabelMap("m.npy"));
        Assert.Contains("-3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedDtype_NamesIt()
    {
        string dict = "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }\n";
        byte[] bytes = [.. new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)dict.Length, 0 }, .. System.Text.Encoding.ASCII.GetBytes(dict), .. new byte[8]];
        var ex = Assert.Throws<ImageFormatException>(() => NpyReader.Parse(bytes, "c.npy"));
        Assert.Contains("<c8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DataShorterThanShape_Throws()
    {
        string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n";
        byte[] bytes = [.. new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)dict.Length, 0 }, .. System.Text.Encoding.ASCII.GetBytes(dict), .. new byte[12]];
        var ex = Assert.Throws<ImageFormatException>(() => NpyReader.Parse(bytes, "s.npy"));
        Assert.Contains("16", ex.Message, StringComparison.Ordinal);
    }
}
