using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Charts.Overlays;
using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Data;
using MLSeg.Evaluation;
using MLSeg.Evaluation.Aggregation;
using MLSeg.Evaluation.Metrics;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.ImageIO.Png;
using MLSeg.Models.Contracts;
using MLSeg.Onnx.Export;
using MLSeg.Pipeline;
using MLSeg.Training;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Pretraining;
using MLSeg.Transforms;

namespace MLSeg.Arms;

/// <summary>
/// Runs every arm of a grid as an ML.NET estimator chain (<see cref="ArmChain"/> describes it): the run's prepared cohort
/// view (load → window → resize, done once per run) → the arm's cases (<see cref="ArmCases"/>) →
/// <c>ml.Transforms.NormalizeIntensity</c> (fitted on the fit rows only) → the source's pretrained weights
/// (<c>ml.Segmentation().Pretraining.Import</c> for an encoder, the trainer's whole-network start for the
/// segmentation and supervised sources) → <c>ml.Segmentation().Trainers.UNet</c> → the fitted
/// <see cref="TransformerChain{TLastTransformer}"/> on the held-out fold → <c>ml.Segmentation().Evaluate</c>. As
/// ML.NET's trainers with a validation set do, the preprocessing is fitted on the training rows and applied to the
/// inner-validation rows before the trainer sees them. Writes the checkpoint (with the preprocessing `mlseg predict` and
/// `export-onnx` re-apply), <c>validation/summary.json</c> and the overlays; the trainer writes train_log.csv and its
/// checkpoints. Stateless: arms may run on several threads at once.
/// </summary>
public sealed class ArmChainExecutor : IArmExecutor
{
    /// <summary>The arm's final model with its configuration and preprocessing in the metadata.</summary>
    public const string CheckpointFile = "checkpoint.safetensors";

    /// <inheritdoc />
    public string Name => "ml.net-estimator-chain";

    /// <inheritdoc />
    public (IReadOnlyList<ResultRow> Rows, JsonObject Details) Run(ArmRun run, Arm arm, string armDir, IProgress<TrainingProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentException.ThrowIfNullOrEmpty(armDir);
        var clock = Stopwatch.StartNew();
        ExperimentSpec spec = run.Spec;
        var seed = new SeedSource((ulong)arm.Seed);
        int size = spec.Preprocessing!.Resize ?? SpecDefaults.SynthSize;
        const string image = WellKnownColumns.Image, label = WellKnownColumns.Label, prediction = WellKnownColumns.Prediction;

        // 1–2. The prepared cohort view and the arm's rows of it.
        ArmCases cases = ArmCases.Select(run, arm);
        IDataView fitRows = PreparedCohortView.Of(cases.Fit, size);
        IDataView? innerValidationRows = cases.InnerValidation.Count == 0 ? null : PreparedCohortView.Of(cases.InnerValidation, size);
        IDataView heldOutRows = PreparedCohortView.Of(cases.HeldOut, size);

        // 3. The source's weights (pretrained once per pretraining key, cached; target-domain sources see the fold's training images).
        var weights = run.Pretraining.Weights(arm, spec.Source(arm.Source), [.. cases.FoldTraining.Select(c => c.Image)], progress);
        ModelConfig config = SpecMapping.ToModelConfig(spec.Model!);
        var ml = new MLContext(seed: arm.Seed);
        using PretrainedEncoderTransformer? encoder = weights is { WholeNetwork: false } w
            ? new ImportPretrainingEstimator(config, w.Path, new ImportOptions(), seed.Derive("import"), image).Fit(fitRows)
            : null;

        // 4. The estimator chain: normalisation, then the U-Net trainer.
        FinetuneSpec finetune = spec.Finetune!;
        var options = new FineTuneOptions
        {
            Phases = SpecMapping.Phases(finetune, cases.Fit.Count),
            BatchSize = Math.Min(finetune.Batch ?? SpecDefaults.FinetuneBatch, cases.Fit.Count),
            Schedule = SpecMapping.Schedule(finetune.Schedule),
            Loss = new SegmentationLoss { DiceWeight = finetune.Loss?.Dice ?? 1, CrossEntropyWeight = finetune.Loss?.Ce ?? 1 },
            EarlyStopping = innerValidationRows is not null ? new EarlyStopping(finetune.EarlyStopping!.Patience ?? 5) : null,
            Seed = seed.Derive("finetune"),
            Device = run.Device,
            Precision = SpecMapping.Precision(finetune.Precision),
            MemoryFormat = SpecMapping.Layout(finetune.MemoryFormat),
            Augmenter = TransformsAugmenter.Requested(finetune.Augmentation) ? new TransformsAugmenter(finetune.Augmentation!) : null,
            OutputDirectory = armDir,
        };
        var trainer = new FineTuneEstimator(config, options, seed.Derive("init"), encoder, image, label, prediction, progress)
        {
            PretrainedNetworkPath = weights is { WholeNetwork: true } whole ? whole.Path : null,
            DropoutSeed = seed.Derive("dropout"),
        };
        bool zscore = spec.Preprocessing.Normalization == "zscore";
        var preprocessing = new EstimatorChain<ITransformer>();
        if (zscore)
        {
            preprocessing = preprocessing.Append<ITransformer>(ml.Transforms.NormalizeIntensity(image));
        }

        // The whole chain's schema is checked before anything is fitted.
        preprocessing.Append(trainer).GetOutputSchema(MLNetInternals.ShapeOf(fitRows.Schema));
        TransformerChain<ITransformer> fittedPreprocessing = preprocessing.Fit(fitRows);
        using SegmentationModelTransformer unet = trainer.Fit(fittedPreprocessing.Transform(fitRows),
            innerValidationRows is null ? null : fittedPreprocessing.Transform(innerValidationRows));
        TransformerChain<SegmentationModelTransformer> model = fittedPreprocessing.Append(unet);
        IntensityNormalizerTransformer? normalizer = fittedPreprocessing.OfType<IntensityNormalizerTransformer>().SingleOrDefault();
        WriteCheckpoint(spec, arm, unet, config, normalizer, Path.Combine(armDir, CheckpointFile));

        // 5–6. The held-out fold through the fitted chain (predicted once, kept for the overlays), then Evaluate.
        MaterializedDataView scored = ml.Data.CacheInMemory(model.Transform(heldOutRows));
        var labels = Enumerable.Range(1, (int)config.NumClasses - 1).ToList();
        SegmentationEvaluationResult evaluation = ml.Segmentation().Evaluate(scored, label, prediction, PreparedCohortView.CaseIdColumn,
            MetricOptions.Default with { Labels = labels });
        var rows = new List<ResultRow>();
        foreach (CaseMetrics c in evaluation.Cases)
        {
            rows.AddRange(labels.Select(l => new ResultRow(arm, cases.Subset.Count, c.CaseId, l, c.Result[l])));
        }

        evaluation.WriteSummary(Path.Combine(armDir, "validation", "summary.json"));
        WriteOverlays(cases.HeldOut, Predictions(scored, prediction), evaluation, labels, Path.Combine(armDir, "overlays"));

        var facts = new ArmChainFacts(cases.Subset.Count, cases.Fit.Count, cases.InnerValidation.Count, cases.HeldOut.Count, weights?.Path);
        FineTuneResult fit = unet.TrainingResult!;
        var details = new JsonObject
        {
            ["trainingImages"] = cases.Subset.Count,
            ["fitImages"] = cases.Fit.Count,
            ["innerValidationImages"] = cases.InnerValidation.Count,
            ["validationCases"] = rows.Select(r => r.Case).Distinct().Count(),
            ["epochsRun"] = fit.EpochsRun,
            ["bestEpoch"] = fit.BestEpoch,
            ["dataOnDevice"] = new JsonObject { ["training"] = fit.TrainingDataOnDevice, ["validation"] = fit.ValidationDataOnDevice },
            ["pretrainedWeights"] = weights?.Path,
            ["normalization"] = normalizer is null ? new JsonObject { ["kind"] = spec.Preprocessing.Normalization } : new JsonObject { ["mean"] = normalizer.Mean, ["std"] = normalizer.Std },
            ["chain"] = ArmChain.ToJson(ArmChain.Describe(spec, arm, facts)),
            ["wallSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        };
        return (rows, details);
    }

    // The arm's model as a self-describing checkpoint: `mlseg export-onnx` and `mlseg predict` rebuild the network and
    // re-apply exactly this preprocessing from the metadata.
    private static void WriteCheckpoint(ExperimentSpec spec, Arm arm, SegmentationModelTransformer unet, ModelConfig config, IntensityNormalizerTransformer? normalizer, string path)
    {
        PreprocessingSpec pre = spec.Preprocessing!;
        string window = pre.Window?.ToJson().ToJsonString() ?? "\"none\"";
        string normalization = normalizer is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"kind\":\"zscore\",\"mean\":{normalizer.Mean:R},\"std\":{normalizer.Std:R}}}")
            : $"{{\"kind\":\"{pre.Normalization}\"}}";
        int size = pre.Resize ?? SpecDefaults.SynthSize;
        ModelCheckpoint.Save(unet.Network, config, path, new Dictionary<string, string>
        {
            [OnnxExportMetadata.PreprocessingWindow] = window,
            [OnnxExportMetadata.PreprocessingNormalization] = normalization,
            [OnnxExportMetadata.PreprocessingResize] = size.ToString(CultureInfo.InvariantCulture),
            [ModelCheckpoint.InputSizeKey] = string.Create(CultureInfo.InvariantCulture, $"{size}x{size}"),
            ["mlseg.arm"] = arm.Id,
            ["mlseg.source"] = arm.Source,
        });
    }

    private static Dictionary<string, LabelMap> Predictions(IDataView scored, string predictionColumn)
    {
        DataViewSchema.Column ids = scored.Schema[PreparedCohortView.CaseIdColumn];
        DataViewSchema.Column predictions = scored.Schema[predictionColumn];
        using DataViewRowCursor cursor = scored.GetRowCursor([ids, predictions]);
        ValueGetter<ReadOnlyMemory<char>> id = cursor.GetGetter<ReadOnlyMemory<char>>(ids);
        ValueGetter<LabelMap> map = cursor.GetGetter<LabelMap>(predictions);
        var result = new Dictionary<string, LabelMap>(StringComparer.Ordinal);
        ReadOnlyMemory<char> text = default;
        LabelMap value = null!;
        while (cursor.MoveNext())
        {
            id(ref text);
            map(ref value);
            result[text.ToString()] = value;
        }

        return result;
    }

    /// <summary>
    /// The report's gallery: the best, median and worst held-out case by mean foreground Dice, drawn as truth (green)
    /// and prediction (red) contours over the windowed image. File names carry the rank only, never a case id.
    /// </summary>
    private static void WriteOverlays(IReadOnlyList<PreparedCase> heldOut, Dictionary<string, LabelMap> predictions, SegmentationEvaluationResult evaluation,
        List<int> labels, string dir)
    {
        var byId = heldOut.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var predicted = evaluation.Cases.Select(c => (Case: byId[c.CaseId], Prediction: predictions[c.CaseId], Dice: labels.Average(l => c.Result[l].Dice ?? 0))).ToList();
        if (predicted.Count == 0)
        {
            return;
        }

        var ranked = predicted.OrderByDescending(p => p.Dice).ToList();
        var picks = new[] { ("1-best", ranked[0]), ("2-median", ranked[ranked.Count / 2]), ("3-worst", ranked[^1]) }
            .DistinctBy(p => p.Item2.Case.CaseId);
        foreach (var (name, (c, p, _)) in picks)
        {
            Image2D overlay = ContourOverlay.Render(c.Image, 0.5, 1.0,
                [new OverlayLayer(c.Truth, 0.1f, 0.85f, 0.2f), new OverlayLayer(p, 0.95f, 0.15f, 0.1f)]);
            PngWriter.Write(Path.Combine(dir, name + ".png"), Scale255(overlay), PngSampleFormat.Rgb8);
        }
    }

    // The overlay is RGB in [0, 1]; PNG wants 0…255.
    private static Image2D Scale255(Image2D rgb) => rgb.WithData(rgb.Data.Select(v => MathF.Round(Math.Clamp(v, 0f, 1f) * 255f)).ToArray());
}
