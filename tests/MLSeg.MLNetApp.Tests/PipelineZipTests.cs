using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLSeg.MLNetApp.Tests;

/// <summary>
/// The exported pipeline.zip opened the way any ML.NET app opens a model (mlContext.Model.Load), with no MLSeg code
/// loaded: its schema, and its output against an independent reference — the soft-tissue window and z-score written
/// out here by hand (PS3.3 C.11.2.1.2.1), the separately exported model.onnx run with ONNX Runtime, and a softmax.
/// </summary>
public sealed class PipelineZipTests(ExportedPipeline exported) : IClassFixture<ExportedPipeline>
{
    private const int Size = 16;
    private const int Classes = 3;

    [ExportFact]
    public void Load_InMlNetApp_OneVectorInputOfModalityValuesAndOneProbabilitiesOutput()
    {
        var ml = new MLContext();
        ITransformer model = ml.Model.Load(exported.PipelinePath, out DataViewSchema input);
        DataViewSchema.Column column = Assert.Single(input);
        Assert.Equal("input", column.Name);
        var type = Assert.IsType<VectorDataViewType>(column.Type);
        Assert.Equal(NumberDataViewType.Single, type.ItemType);
        Assert.Equal([1, Size, Size], type.Dimensions.ToArray());

        DataViewSchema output = model.GetOutputSchema(input);
        Assert.Equal(["input", "probabilities"], output.Where(c => !c.IsHidden).Select(c => c.Name));
        var probabilities = Assert.IsType<VectorDataViewType>(output["probabilities"].Type);
        Assert.Equal(NumberDataViewType.Single, probabilities.ItemType);
        Assert.Equal(Classes * Size * Size, probabilities.Size);

        // No MLSeg assembly is loaded or even beside the app (only this test assembly carries the prefix).
        string self = typeof(PipelineZipTests).Assembly.GetName().Name!;
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name!.StartsWith("MLSeg", StringComparison.Ordinal) && a.GetName().Name != self);
        Assert.Equal([self + ".dll"], Directory.GetFiles(AppContext.BaseDirectory, "MLSeg*.dll").Select(Path.GetFileName));
    }

    [ExportFact]
    public void Transform_TwoHuImages_MatchesHandPreprocessingThroughOnnxRuntimeAndSoftmax()
    {
        var ml = new MLContext();
        ITransformer model = ml.Model.Load(exported.PipelinePath, out DataViewSchema schema);
        float[][] images = [Ramp(-1000, 1000), Ramp(300, -200)];
        var definition = SchemaDefinition.Create(typeof(ImageRow));
        definition["input"].ColumnType = schema["input"].Type;
        IDataView data = ml.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Input = i }), definition);
        float[][] actual = [.. model.Transform(data).GetColumn<float[]>("probabilities")];

        using var session = new InferenceSession(exported.OnnxPath);
        for (int n = 0; n < images.Length; n++)
        {
            float[] expected = Reference(session, images[n]);
            double maxDiff = expected.Zip(actual[n], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff < 1e-5, $"image {n}: pipeline vs reference differ by {maxDiff} (tolerance 1e-5)");
            for (int p = 0; p < Size * Size; p++)
            {
                Assert.Equal(1.0, actual[n][p] + actual[n][(Size * Size) + p] + actual[n][(2 * Size * Size) + p], 1e-5);
            }
        }
    }

    [ExportFact]
    public void PredictionEngine_OneImage_EqualsTransform()
    {
        var ml = new MLContext();
        ITransformer model = ml.Model.Load(exported.PipelinePath, out DataViewSchema schema);
        var definition = SchemaDefinition.Create(typeof(ImageRow));
        definition["input"].ColumnType = schema["input"].Type;
        using var engine = ml.Model.CreatePredictionEngine<ImageRow, ProbabilitiesRow>(model, inputSchemaDefinition: definition);
        float[] image = Ramp(-500, 500);
        float[] viaEngine = engine.Predict(new ImageRow { Input = image }).Probabilities;
        IDataView data = ml.Data.LoadFromEnumerable([new ImageRow { Input = image }], definition);
        Assert.Equal(model.Transform(data).GetColumn<float[]>("probabilities").Single(), viaEngine);
    }

    // HU values varying along the diagonal, from `from` to `to`.
    private static float[] Ramp(float from, float to) =>
        [.. Enumerable.Range(0, Size * Size).Select(i => from + ((to - from) * ((i / Size) + (i % Size)) / (2f * (Size - 1))))];

    private static float[] Reference(InferenceSession session, float[] hu)
    {
        // Soft tissue (c = 40, w = 400), LINEAR: clamp((x − 39.5) / 399 + 0.5, 0, 1); then z-score with mean 0.4, std 0.25.
        float[] x = [.. hu.Select(v => (float)((Math.Clamp(((v - 39.5) / 399.0) + 0.5, 0, 1) - 0.4) / 0.25))];
        var tensor = new DenseTensor<float>(x, [1, 1, Size, Size]);
        string inputName = session.InputMetadata.Keys.Single();
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        float[] logits = [.. results.First().AsEnumerable<float>()];
        var probabilities = new float[logits.Length];
        int plane = Size * Size;
        for (int p = 0; p < plane; p++)
        {
            double max = Enumerable.Range(0, Classes).Max(c => logits[(c * plane) + p]);
            double sum = Enumerable.Range(0, Classes).Sum(c => Math.Exp(logits[(c * plane) + p] - max));
            for (int c = 0; c < Classes; c++)
            {
                probabilities[(c * plane) + p] = (float)(Math.Exp(logits[(c * plane) + p] - max) / sum);
            }
        }

        return probabilities;
    }

    public sealed class ImageRow
    {
        [ColumnName("input")]
        public float[] Input { get; set; } = [];
    }

    public sealed class ProbabilitiesRow
    {
        [ColumnName("probabilities")]
        public float[] Probabilities { get; set; } = [];
    }
}
