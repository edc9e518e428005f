using MLSeg.Core.Imaging;
using Microsoft.ML;
using MLSeg.Pipeline;
using MLSeg.Tests.Conformance;
using MLSeg.Onnx;
using MLSeg.Onnx.Writer;
using MLSeg.TestKit;

namespace MLSeg.Tests;

public sealed class OnnxModelTransformerTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mlseg-facade-onnx");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A 1×1 convolution with two output channels: c0 = x − 0.5, c1 = 0.5 − x, so argmax is 1 where x < 0.5 and 0
    // where x ≥ 0.5 (a tie at 0.5 goes to the lower class).
    private string TwoClassModel()
    {
        var b = new OnnxGraphBuilder("threshold");
        b.AddInput("x", OnnxElementType.Float32, "batch", 1, "h", "w");
        b.AddInitializer("weight", [1f, -1f], 2, 1, 1, 1);
        b.AddInitializer("bias", [-0.5f, 0.5f], 2);
        b.Conv("x", "weight", "bias", output: "y");
        b.AddOutput("y", OnnxElementType.Float32, "batch", 2, "h", "w");
        string path = Path.Combine(_dir, "threshold.onnx");
        b.Save(path);
        return path;
    }

    private static IDataView Images(MLContext ml, params float[][] images) => TestViews.Images(ml, [.. images.Select(d => new Image2D(1, 2, 2, d))]);

    [Fact]
    public void ApplyOnnxModel_TwoChannels_ArgmaxLabelMap()
    {
        var ml = new MLContext(1);
        var view = Images(ml, [0.2f, 0.8f, 0.5f, 1.0f]);
        using var t = ml.Segmentation().Model.ApplyOnnxModel(TwoClassModel()).Fit(view);
        LabelMap labels = ViewReader.LabelMaps(t.Transform(view), "prediction").Single();
        Assert.Equal(new byte[] { 1, 0, 0, 0 }, labels.Labels);
    }

    [Fact]
    public void ApplyOnnxModel_Conforms()
    {
        var ml = new MLContext(1);
        var estimator = ml.Segmentation().Model.ApplyOnnxModel(TwoClassModel());
        EstimatorConformance.Check(ml, estimator, Images(ml, [0.1f, 0.9f, 0.3f, 0.7f], [0.6f, 0.4f, 0.5f, 0.0f]), TestViews.PatientOnly(ml));
        estimator.Transformer.Dispose();
    }

    [Fact]
    public void ApplyOnnxModel_GpuOnCpuBuild_FailsInsteadOfRunningOnCpu()
    {
        var ml = new MLContext(1);
        var ex = Assert.Throws<MLSeg.Core.Errors.NativeEngineException>(() => ml.Segmentation().Model.ApplyOnnxModel(TwoClassModel(), gpuDeviceId: 0));
        Assert.Contains("cuda:0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("make setup GPU=1", ex.Message, StringComparison.Ordinal);
    }
}
