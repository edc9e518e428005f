using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Mr;

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

    [Fact]
    public void CardiacCine_DumpFrames_WritesPgm()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlseg-synth-visual");
        Directory.CreateDirectory(dir);
        foreach (var field in new[] { FieldStrength.T1p5, FieldStrength.T3, FieldStrength.T7 })
        {
            var c = new CardiacCinePhantom(new CardiacCineOptions { Field = field }).Generate(new SeedSource(7), 0);
            foreach (int f in new[] { c.EdFrame, c.EsFrame })
            {
                var img = c.At(3, f);
                string name = Path.Combine(dir, $"cine_{field}_f{f}.pgm");
                PnmDump.WritePgm(name, img.Image, 0, 3000);
                PnmDump.WriteOverlayPpm(Path.Combine(dir, $"cine_{field}_f{f}_labels.ppm"), img.Image, img.Labels, 0, 3000);
                Assert.True(File.Exists(name));
            }
        }
    }
}
