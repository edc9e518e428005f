using MLSeg.Core.Imaging;
using MLSeg.Evaluation.Clinical;

namespace MLSeg.Evaluation.Tests;

public class ClinicalTests
{
    [Fact]
    public void L3Measures_Measure_HandComputed()
    {
        // 2×3 slice at 0.8 × 0.5 mm (0.4 mm² = 0.004 cm² per pixel); muscle = 4 pixels, two of them in −190…−30 HU.
        var ct = new Image2D(1, 2, 3, [40, -100, -30, 500, -190, -191], new PixelSpacing(0.8, 0.5));
        var mask = new LabelMap(2, 3, [1, 1, 1, 0, 0, 1]);

        var m = L3Measures.Measure(ct, mask, heightM: 1.6);

        Assert.Equal(0.016, m.MuscleAreaCm2, 12);
        Assert.Equal((40 - 100 - 30 - 191) / 4.0, m.MeanAttenuationHu, 12);
        Assert.Equal(0.008, m.ImatAreaCm2, 12);
        Assert.Equal(0.016 / 2.56, m.SkeletalMuscleIndexCm2PerM2!.Value, 12);
    }

    [Fact]
    public void L3Measures_SizeMismatch_Throws()
    {
        Assert.Throws<EvaluationException>(() => L3Measures.Measure(new Image2D(1, 2, 2), new LabelMap(2, 3)));
    }

    [Fact]
    public void CardiacMeasures_LeftVentricularFunction_HandComputed()
    {
        var spacing = new PixelSpacing(2.0, 2.5); // 5 mm² = 0.05 cm² per pixel
        LabelMap Slice(int lv) => new(10, 10, Enumerable.Range(0, 100).Select(i => i < lv ? (byte)1 : (byte)2).ToArray(), spacing);
        var frames = new IReadOnlyList<LabelMap>[]
        {
            [Slice(40), Slice(60)], // 100 px = 5 cm² × 0.8 cm = 4 mL
            [Slice(10), Slice(20)], // 1.2 mL
            [Slice(30), Slice(30)], // 2.4 mL
        };

        var f = CardiacMeasures.LeftVentricularFunction(frames, sliceThicknessMm: 8);

        Assert.Equal(4.0, f.EdvMl, 12);
        Assert.Equal(1.2, f.EsvMl, 12);
        Assert.Equal(2.8, f.StrokeVolumeMl, 12);
        Assert.Equal(70.0, f.EjectionFractionPercent, 10);
        Assert.Equal(2.4, CardiacMeasures.LeftVentricularFunction(frames, 8, edFrame: 0, esFrame: 2).EsvMl, 12);
        Assert.Equal(3.0, CardiacMeasures.AreaCm2(Slice(40), CardiacMeasures.Myocardium), 12);
    }

    public static TheoryData<int> Cases => new() { 0, 1 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreementReport_Compare_MatchesNumpy(int index)
    {
        var c = ReferenceData.Root.GetProperty("blandAltman")[index];

        var r = AgreementReport.Compare(ReferenceData.Doubles(c.GetProperty("truth")), ReferenceData.Doubles(c.GetProperty("pred")));

        Tolerance.Close(c.GetProperty("bias").GetDouble(), r.BlandAltman.Bias, "bias");
        Tolerance.Close(c.GetProperty("meanAbsoluteError").GetDouble(), r.MeanAbsoluteError, "MAE");
        Tolerance.Close(c.GetProperty("meanAbsolutePercentError").GetDouble(), r.MeanAbsolutePercentError, "MAPE");
        Assert.InRange(r.Icc.Icc21, 0.0, r.Icc.Icc31);
    }
}
