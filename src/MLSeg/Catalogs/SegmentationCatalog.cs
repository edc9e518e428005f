using Microsoft.ML;
using MLSeg.Core.Randomness;
using MLSeg.Data;
using MLSeg.Evaluation;
using MLSeg.Evaluation.Metrics;
using MLSeg.Pipeline;

namespace MLSeg;

/// <summary>
/// MLSeg's segmentation catalog of an <see cref="MLContext"/> (<c>ml.Segmentation()</c>): encoder pretraining
/// strategies, U-Net trainers, evaluation and model save/load. Every random component gets its own seed derived from
/// the context's seed by component name and call number (<see cref="NextSeed"/>), so the same notebook with the same
/// <c>new MLContext(seed)</c> reproduces its results, and adding a call of one component does not shift another's seeds.
/// </summary>
public sealed class SegmentationCatalog
{
    internal SegmentationCatalog(MLContext context)
    {
        Context = context;

        // Registers the column types, so Image2D and LabelMap fields bind in LoadFromEnumerable from here on.
        _ = Image2DDataViewType.Instance;
        _ = LabelMapDataViewType.Instance;
        Seeds = ContextSeeds.Of(MLNetInternals.EnvironmentOf(context));
        Pretraining = new SegmentationPretrainingCatalog(this);
        Trainers = new SegmentationTrainersCatalog(this);
        Model = new SegmentationModelCatalog(this);
    }

    /// <summary>The MLContext this catalog belongs to.</summary>
    public MLContext Context { get; }

    /// <summary>The root every component seed derives from: the MLContext's seed, or a drawn one when it has none (record it to re-run).</summary>
    public SeedSource RootSeed => Seeds.Root;

    private ContextSeeds Seeds { get; }

    /// <summary>Encoder pretraining strategies.</summary>
    public SegmentationPretrainingCatalog Pretraining { get; }

    /// <summary>Segmentation trainers (fine-tuning).</summary>
    public SegmentationTrainersCatalog Trainers { get; }

    /// <summary>Saving, loading and ONNX models.</summary>
    public SegmentationModelCatalog Model { get; }

    /// <summary>
    /// Dice, HD, HD95, ASSD and RMS-DTA per label ≥ 1 for every reference row (<see cref="SegmentationMetrics"/>), keyed
    /// by <paramref name="caseIdColumnName"/> (null: row numbers), with the per-class / per-case summary; when the view
    /// has observer rows (the manifest loaded with <c>includeObservers: true</c>), also the inter-observer analysis and
    /// the human band (<see cref="SegmentationEvaluationResult.HumanBand"/>).
    /// </summary>
    public SegmentationEvaluationResult Evaluate(IDataView data, string labelColumnName = WellKnownColumns.Label,
        string predictionColumnName = WellKnownColumns.Prediction, string? caseIdColumnName = WellKnownColumns.PatientId, MetricOptions? options = null,
        string observerColumnName = WellKnownColumns.Observer) =>
        SegmentationEvaluator.Evaluate(data, labelColumnName, predictionColumnName, caseIdColumnName, options, observerColumnName);

    /// <summary>
    /// The seed of the <c>n</c>-th call (0-based, per context) for <paramref name="component"/>:
    /// <c>RootSeed.Derive(component).Derive(n)</c>.
    /// </summary>
    public SeedSource NextSeed(string component) => Seeds.Next(component);
}
