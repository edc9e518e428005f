using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Mr;
using Xunit.Abstractions;

namespace MLSeg.Synthetic.Tests;

public class CardiacCinePhantomTests(ITestOutputHelper output)
{
    private static readonly SeedSource Root = new(77);
    private static readonly CardiacCineOptions Small = new() { SizePx = 96, Slices = 5, Frames = 12 };

    [Fact]
    public void Generate_SameSeed_Identical()
    {
        var phantom = new CardiacCinePhantom(Small);
        var a = phantom.Generate(Root, 2);
        var b = phantom.Generate(Root, 2);
        Assert.Equal(a.EsFrame, b.EsFrame);
        for (int i = 0; i < a.Images.Count; i++)
        {
            Assert.Equal(a.Images[i].Image.Data, b.Images[i].Image.Data);
            Assert.Equal(a.Images[i].Labels.Labels, b.Images[i].Labels.Labels);
            Assert.Equal(a.Images[i].Series, b.Images[i].Series);
        }
    }

    [Fact]
    public void Generate_EveryPatientAndSlice_LvAreaAtEdAtLeast1Point2TimesEs()
    {
        var phantom = new CardiacCinePhantom(Small);
        for (int p = 0; p < 10; p++)
        {
            var c = phantom.Generate(Root, p);
            for (int s = 0; s < c.Slices; s++)
            {
                int ed = c.At(s, c.EdFrame).Labels.Count(1);
                int es = c.At(s, c.EsFrame).Labels.Count(1);
                Assert.True(ed > 0, $"patient {p} slice {s}: no LV at ED");
                Assert.True(ed >= 1.2 * es, $"patient {p} slice {s}: ED {ed} px vs ES {es} px");
            }
        }
    }

    [Fact]
    public void Generate_LvVolumeCurve_MaxAtEdMinAtEs()
    {
        var c = new CardiacCinePhantom(Small).Generate(Root, 4);
        var volume = Enumerable.Range(0, c.Frames).Select(f => Enumerable.Range(0, c.Slices).Sum(s => c.At(s, f).Labels.Count(1))).ToList();
        output.WriteLine(string.Join(' ', volume));
        Assert.Equal(volume.Max(), volume[c.EdFrame]);
        Assert.Equal(volume.Min(), volume[c.EsFrame]);
        Assert.All(Enumerable.Range(0, c.Slices), s => Assert.True(c.At(s, c.EsFrame).Labels.Count(2) > 0));
    }

    [Fact]
    public void Generate_OtherField_SameMasksShiftedIntensities()
    {
        var at15 = new CardiacCinePhantom(Small with { Field = FieldStrength.T1p5 }).Generate(Root, 1);
        var at7 = new CardiacCinePhantom(Small with { Field = FieldStrength.T7 }).Generate(Root, 1);
        Assert.Equal(at15.EsFrame, at7.EsFrame);
        Assert.Equal(at15.At(2, 0).Labels.Labels, at7.At(2, 0).Labels.Labels);
        Assert.NotEqual(at15.At(2, 0).Image.Data, at7.At(2, 0).Image.Data);
        Assert.Equal(1.5, at15.At(0, 0).Series.MagneticFieldStrengthT);
        Assert.Equal(7.0, at7.At(0, 0).Series.MagneticFieldStrengthT);
    }

    [Fact]
    public void Generate_7T_StrongerBiasThan1Point5T()
    {
        // Spread (coefficient of variation) of the LV blood pool's intensity (blood only: papillary muscles and
        // trabeculae share the cavity label but not its signal), averaged over patients: the 7 T B1 fall-off must
        // widen it clearly beyond the 1.5 T bias field.
        double Cv(FieldStrength field)
        {
            var phantom = new CardiacCinePhantom(Small with { Field = field });
            var cvs = new List<double>();
            for (int p = 0; p < 6; p++)
            {
                var tissues = new List<byte[]>();
                var c = phantom.Generate(Root, p, tissues);
                var img = c.At(1, 0);
                byte[] tissue = tissues[c.Images.ToList().IndexOf(img)];
                var blood = img.Image.Data.Where((_, i) => tissue[i] == (byte)CardiacTissue.LvBlood).Select(v => (double)v).ToList();
                double mean = blood.Average();
                cvs.Add(Math.Sqrt(blood.Average(v => (v - mean) * (v - mean))) / mean);
            }

            return cvs.Average();
        }

        double cv15 = Cv(FieldStrength.T1p5), cv7 = Cv(FieldStrength.T7);
        output.WriteLine($"LV blood CV: 1.5T {cv15:F3}, 7T {cv7:F3}");
        Assert.True(cv7 > 1.5 * cv15);
    }

    [Fact]
    public void Generate_Values_WholeNumbersIn0To4095()
    {
        var c = new CardiacCinePhantom(Small with { Field = FieldStrength.T3 }).Generate(Root, 0);
        Assert.All(c.Images, img => Assert.All(img.Image.Data, v => Assert.True(v >= 0 && v <= 4095 && v == MathF.Round(v))));
        Assert.True(c.Images[0].Image.Data.Max() > 1000, "blood pool should be bright");
    }

    [Fact]
    public void Cohort_HeartsVaryInSizeWallPositionAndTrabeculation()
    {
        var phantom = new CardiacCinePhantom(Small with { SizePx = 64, Frames = 4 });
        var lvArea = new List<double>();
        var wallRatio = new List<double>();
        var centreX = new List<double>();
        int trabeculated = 0;
        for (int p = 0; p < 30; p++)
        {
            var tissues = new List<byte[]>();
            var c = phantom.Generate(Root, p, tissues);
            var img = c.At(2, c.EdFrame);
            byte[] tissue = tissues[c.Images.ToList().IndexOf(img)];
            int n = img.Labels.Width;
            int lv = img.Labels.Count(1);
            lvArea.Add(lv);
            wallRatio.Add(img.Labels.Count(2) / (double)Math.Max(1, lv));
            centreX.Add(Enumerable.Range(0, n * n).Where(i => img.Labels.Labels[i] == 1).Average(i => i % n));
            // Trabeculae and papillary muscles: cavity-labelled pixels with muscle tissue.
            trabeculated += Enumerable.Range(0, n * n).Count(i => img.Labels.Labels[i] == 1 && tissue[i] == (byte)CardiacTissue.Papillary) > 2 ? 1 : 0;
        }

        double sdX = Math.Sqrt(centreX.Average(v => (v - centreX.Average()) * (v - centreX.Average()))) * (Small.FieldOfViewMm / 64);
        output.WriteLine($"mid-slice ED LV area {lvArea.Min()}–{lvArea.Max()} px, myocardium/LV {wallRatio.Min():F2}–{wallRatio.Max():F2}, LV centre x sd {sdX:F1} mm, trabeculated {trabeculated}/30");
        Assert.True(lvArea.Max() > 2 * lvArea.Min(), "LV cavity sizes should span a factor > 2");
        Assert.True(wallRatio.Max() > 1.6 * wallRatio.Min(), "wall-to-cavity ratios should vary (thin to hypertrophied)");
        Assert.True(sdX > 4, "the heart's position in the field of view should vary");
        Assert.True(trabeculated >= 24, "most hearts should show papillary muscles or trabeculae inside the cavity label");
    }
}
