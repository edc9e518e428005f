using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Imaging;
using MLSeg.Deployment;
using MLSeg.Onnx.Export;
using MLSeg.Prediction;
using MLSeg.TestKit;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Transforms.Geometry;

namespace MLSeg.Tests;

public sealed class MLNetPipelineExportTests(PredictionFixture fixture) : IClassFixture<PredictionFixture>
{
    [PredictionFact]
    public void Write_CheckpointWithPreprocessing_PlainMlNetModelMatchesTorchSoftmaxOnWindowedZScoredInput()
    {
        string dir = fixture.NewOutputDir("mlnet");
        Directory.CreateDirectory(dir);
        string zip = Path.Combine(dir, "pipeline.zip");
        var (channels, height, width, classes) = MLNetPipelineExport.Write(fixture.CheckpointPath, zip);
        Assert.Equal((1L, 16, 16, 2L), (channels, height, width, classes));

        // The model file is what any ML.NET app loads: one vector input of modality values, one vector output.
        var ml = new MLContext();
        ITransformer model = ml.Model.Load(zip, out DataViewSchema inputSchema);
        var inputType = Assert.IsType<VectorDataViewType>(Assert.Single(inputSchema).Type);
        Assert.Equal(MLNetPipelineExport.InputColumn, inputSchema[0].Name);
        Assert.Equal([1, 16, 16], inputType.Dimensions.ToArray());

        // HU images of the cohort, resized to the training size: the app's input.
        Image2D[] images = [.. Pipeline.ViewReader.Images(ml.Transforms.LoadImage().Fit(ml.Data.LoadManifest(fixture.ManifestPath))
            .Transform(ml.Data.LoadManifest(fixture.ManifestPath)), Data.WellKnownColumns.Image).Select(i => Resize.Bilinear(i, 16, 16))];
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[MLNetPipelineExport.InputColumn].ColumnType = inputType;
        IDataView input = ml.Data.LoadFromEnumerable(images.Select(i => new Row { Input = i.Data }), definition);
        IDataView output = model.Transform(input);
        Assert.Equal(MLNetPipelineExport.OutputColumn, output.Schema.Last(c => !c.IsHidden).Name);
        float[][] probabilities = [.. output.GetColumn<float[]>(MLNetPipelineExport.OutputColumn)];

        // Reference: MLSeg's own preprocessing (window, z-score) and the Torch network with a softmax.
        ModelCheckpointContent checkpoint = ModelCheckpoint.Load(fixture.CheckpointPath);
        using var network = checkpoint.Network;
        network.eval();
        ModelPreprocessing preprocessing = ModelPreprocessing.FromMetadata(checkpoint.Metadata, checkpoint.Path);
        for (int i = 0; i < images.Length; i++)
        {
            Image2D prepared = preprocessing.Apply(images[i], 1);
            using var noGrad = torch.no_grad();
            using Tensor x = torch.tensor(prepared.Data, 1, 1, 16, 16);
            using Tensor logits = network.forward(x);
            using Tensor softmax = logits.softmax(1);
            float[] expected = softmax.data<float>().ToArray();
            Assert.Equal(2 * 16 * 16, probabilities[i].Length);
            double maxDiff = expected.Zip(probabilities[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff < 1e-4, $"image {i}: ML.NET pipeline vs the engine differ by {maxDiff} (tolerance 1e-4)");
        }
    }

    [Fact]
    public void PreprocessingExpression_SoftTissueAndZScore_WritesSingleLiterals()
    {
        var preprocessing = new ModelPreprocessing(Transforms.Windowing.WindowPresets.Get("soft-tissue"), (0.4, 0.25), 16);
        Assert.Equal("x : (min(max((x - 39.5) / 399.0 + 0.5, 0.0), 1.0) - 0.4) / 0.25", MLNetPipelineExport.PreprocessingExpression(preprocessing));
    }

    private sealed class Row
    {
        [ColumnName(MLNetPipelineExport.InputColumn)]
        public float[] Input { get; set; } = [];
    }
}
