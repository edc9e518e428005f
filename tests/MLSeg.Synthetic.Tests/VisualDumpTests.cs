using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Ct;

namespace MLSeg.Synthetic.Tests;

/// <summary>Writes phantoms as netpbm files under /tmp for a visual check; asserts only that the files were written.</summary>
public class VisualDumpTests
{
    [Fact]
    public void L3Ct_DumpSlices_WritesPgm()
    {
        var phantom = new L3CtPhantom(new L3CtOptions { SizePx = 512 });
        string dir = Path.Combine(Path.GetTempPath(), "mlseg-synth-visual");
        Directory.CreateDirectory(dir);
        for (int i = 0; i < 4; i++)
        {
            var c = phantom.Generate(new SeedSource(42), i);
            PnmDump.WritePgm(Path.Combine(dir, $"l3_{i}.pgm"), c.Image, -160, 240);
            PnmDump.WriteOverlayPpm(Path.Combine(dir, $"l3_{i}_labels.ppm"), c.Image, c.Truth, -160, 240);
            Assert.True(File.Exists(Path.Combine(dir, $"l3_{i}.pgm")));
        }
    }
}
