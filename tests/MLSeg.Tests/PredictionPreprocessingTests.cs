using MLSeg.Core.Imaging;
using MLSeg.Onnx.Export;
using MLSeg.Prediction;

namespace MLSeg.Tests;

public sealed class PredictionPreprocessingTests
{
    private const string Model = "/models/m.onnx";

    public static TheoryData<string, string, double, double> Windows => new()
    {
        // metadata value, preset name, center, width (sarcopenia muscle is −29…150 HU as LINEAR_EXACT: c = 60.5, w = 179)
        { "\"soft-tissue\"", "soft-tissue", 40, 400 },
        { "\"muscle\"", "sarcopenia-muscle", 60.5, 179 },
        { "{\"center\":50,\"width\":350}", "custom", 50, 350 },
    };

    public static TheoryData<string, string, string> Invalid => new()
    {
        // key, value, expected fragment of the message
        { OnnxExportMetadata.PreprocessingWindow, "\"nope\"", "Unknown window preset 'nope'" },
        { OnnxExportMetadata.PreprocessingWindow, "{\"center\":40,\"width\":0}", "width must be > 0" },
        { OnnxExportMetadata.PreprocessingWindow, "soft-tissue", "not JSON" },
        { OnnxExportMetadata.PreprocessingNormalization, "{\"kind\":\"minmax\"}", "expected {\"kind\":\"zscore\"" },
        { OnnxExportMetadata.PreprocessingNormalization, "{\"kind\":\"zscore\",\"mean\":0,\"std\":0}", "std > 0" },
        { OnnxExportMetadata.PreprocessingResize, "0", "positive integer" },
        { OnnxExportMetadata.PreprocessingResize, "16x16", "positive integer" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void FromMetadata_Window_MapsToPreset(string value, string name, double center, double width)
    {
        ModelPreprocessing p = ModelPreprocessing.FromMetadata(Metadata(OnnxExportMetadata.PreprocessingWindow, value), Model);
        Assert.NotNull(p.Window);
        Assert.Equal(name, p.Window.Name);
        Assert.Equal(center, p.Window.Center, 1e-9);
        Assert.Equal(width, p.Window.Width, 1e-9);
    }

    [Fact]
    public void FromMetadata_NoneWindowAndNormalization_AppliesNothing()
    {
        var metadata = Metadata(OnnxExportMetadata.PreprocessingWindow, "\"none\"");
        metadata[OnnxExportMetadata.PreprocessingNormalization] = "{\"kind\":\"none\"}";
        ModelPreprocessing p = ModelPreprocessing.FromMetadata(metadata, Model);
        Assert.Null(p.Window);
        Assert.Null(p.ZScore);
        var image = new Image2D(1, 2, 2, [-1000, 0, 40, 3000]);
        Assert.Equal(image.Data, p.Apply(image, 1).Data);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void FromMetadata_InvalidValue_ThrowsNamingModelAndKey(string key, string value, string fragment)
    {
        var e = Assert.Throws<ModelMetadataException>(() => ModelPreprocessing.FromMetadata(Metadata(key, value), Model));
        Assert.Contains(Model, e.Message, StringComparison.Ordinal);
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OnnxExportMetadata.PreprocessingWindow)]
    [InlineData(OnnxExportMetadata.PreprocessingNormalization)]
    [InlineData(OnnxExportMetadata.PreprocessingResize)]
    public void FromMetadata_MissingKey_ThrowsNamingModelAndKey(string key)
    {
        var metadata = Metadata(OnnxExportMetadata.PreprocessingWindow, "\"soft-tissue\"");
        metadata.Remove(key);
        var e = Assert.Throws<ModelMetadataException>(() => ModelPreprocessing.FromMetadata(metadata, Model));
        Assert.Equal((Model, key), (e.Model, e.Key));
        Assert.Contains("is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SoftTissueThenZScore_MatchesHandComputedValues()
    {
        ModelPreprocessing p = ModelPreprocessing.FromMetadata(Metadata(OnnxExportMetadata.PreprocessingWindow, "\"soft-tissue\""), Model);
        var hu = new Image2D(1, 2, 2, [40, -160, 240, 1000], new PixelSpacing(0.8, 0.8));
        Image2D x = p.Apply(hu, 1);
        // PS3.3 C.11.2.1.2.1 linear: y = ((x − (c − 0.5)) / (w − 1) + 0.5) within (c − 0.5 ± (w − 1)/2), clamped to [0, 1];
        // c = 40, w = 400: 40 → 0.501253133, −160 → 0, 240 and 1000 → 1; then (y − 0.4) / 0.25.
        float[] expected = [(float)((0.501253133 - 0.4) / 0.25), -1.6f, 2.4f, 2.4f];
        Assert.Equal(expected.Length, x.Data.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], x.Data[i], 1e-5f);
        }
    }

    [Fact]
    public void MaskFileName_NestedDicom_FlattensAndReplacesExtension()
    {
        Assert.Equal("P001_ct.seg.dcm", PredictionRunner.MaskFileName("P001/ct.dcm", MaskFormat.Seg));
        Assert.Equal("a_b.png", PredictionRunner.MaskFileName("a/b.nii.gz", MaskFormat.Png));
        Assert.Equal("scan.nii.gz", PredictionRunner.MaskFileName("scan", MaskFormat.Nifti));
    }

    private static Dictionary<string, string> Metadata(string key, string value)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OnnxExportMetadata.PreprocessingWindow] = "\"soft-tissue\"",
            [OnnxExportMetadata.PreprocessingNormalization] = "{\"kind\":\"zscore\",\"mean\":0.4,\"std\":0.25}",
            [OnnxExportMetadata.PreprocessingResize] = "2",
        };
        metadata[key] = value;
        return metadata;
    }
}
