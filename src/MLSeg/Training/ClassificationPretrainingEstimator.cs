using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Pipeline;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.Data;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training;

/// <summary>
/// The <c>classification</c> strategy (<see cref="ClassificationPretrainer"/>): the encoder learns to classify the
/// training view's images by a text class column (e.g. a natural-image source cohort's <c>class</c>); the classes are
/// the column's distinct values in ordinal order, and the classification head is discarded.
/// </summary>
public sealed class ClassificationPretrainingEstimator : IEstimator<PretrainedEncoderTransformer>
{
    private readonly ColumnContract _contract;

    internal ClassificationPretrainingEstimator(ModelConfig model, PretrainingOptions options, SeedSource initSeed, string imageColumn, string classColumn)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        ArgumentException.ThrowIfNullOrEmpty(classColumn);
        options.Validate();
        Model = model;
        Options = options;
        InitSeed = initSeed;
        ImageColumn = imageColumn;
        ClassColumn = classColumn;
        _contract = new ColumnContract([ColumnRequirement.Image(imageColumn), ColumnRequirement.Text(classColumn)], _ => []);
    }

    /// <summary>The network config whose encoder is pretrained.</summary>
    public ModelConfig Model { get; }

    /// <summary>Optimisation settings.</summary>
    public PretrainingOptions Options { get; }

    /// <summary>Seed of the encoder's initial weights.</summary>
    public SeedSource InitSeed { get; }

    /// <summary>The image column read.</summary>
    public string ImageColumn { get; }

    /// <summary>The text column holding each image's class name.</summary>
    public string ClassColumn { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _contract.Check(inputSchema);

    /// <inheritdoc />
    public PretrainedEncoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _contract.Check(input.Schema);
        List<(Image2D Image, string Class)> rows = Read(input);
        if (rows.Count == 0)
        {
            throw new TrainingDataException("classification pretraining: the training view has no rows.");
        }

        string[] classes = [.. rows.Select(r => r.Class).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (classes.Length < 2)
        {
            throw new TrainingDataException($"classification pretraining: column '{ClassColumn}' holds one class ('{classes[0]}'); at least two are needed.");
        }

        List<ClassificationSample> samples = [.. rows.Select(r => new ClassificationSample(r.Image, Array.BinarySearch(classes, r.Class, StringComparer.Ordinal)))];
        using var init = SeededGenerators.Create(InitSeed);
        Encoder encoder = ModelFactory.CreateEncoder(Model, init);
        try
        {
            PretrainingResult result;
            using (var pretrainer = new ClassificationPretrainer(encoder, classes.Length, Options))
            {
                result = pretrainer.Train(samples);
            }

            return new PretrainedEncoderTransformer(encoder, Model, "classification", ImageColumn, result);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private List<(Image2D, string)> Read(IDataView input)
    {
        DataViewSchema.Column ic = input.Schema[ImageColumn];
        DataViewSchema.Column cc = input.Schema[ClassColumn];
        using DataViewRowCursor cursor = input.GetRowCursor([ic, cc]);
        ValueGetter<Image2D> image = cursor.GetGetter<Image2D>(ic);
        ValueGetter<ReadOnlyMemory<char>> label = cursor.GetGetter<ReadOnlyMemory<char>>(cc);
        var rows = new List<(Image2D, string)>();
        Image2D? i = null;
        ReadOnlyMemory<char> c = default;
        while (cursor.MoveNext())
        {
            image(ref i!);
            label(ref c);
            string name = c.ToString();
            if (i is null || name.Length == 0)
            {
                throw new TrainingDataException($"classification pretraining: row {cursor.Position} has no {(i is null ? $"image in '{ImageColumn}'" : $"class in '{ClassColumn}'")}.");
            }

            rows.Add((i, name));
        }

        return rows;
    }
}
