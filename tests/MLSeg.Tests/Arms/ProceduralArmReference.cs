using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MLSeg.Charts.Overlays;
using MLSeg.Core.Imaging;
using MLSeg.ImageIO.Png;
using MLSeg.Core.Randomness;
using MLSeg.Evaluation.Aggregation;
using MLSeg.Evaluation.Metrics;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;
using MLSeg.Experiments.Splits;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Onnx.Export;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.Data;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Pretraining;

using MLSeg.Experiments.Running;

namespace MLSeg.Tests.Arms;

/// <summary>
/// The runner's arm procedure as it was before arms became ML.NET chains (commit cd0d873's ArmExecutor, unchanged in
/// its arithmetic): the independent reference <see cref="ArmChainExecutorTests"/> compares the chain executor against.
/// Test-only; the product has one executor.
/// </summary>
internal sealed class ProceduralArmReference : IArmExecutor
{
    public string Name => "procedural-reference";

    public (IReadOnlyList<ResultRow> Rows, JsonObject Details) Run(ArmRun run, Arm arm, string armDir, IProgress<TrainingProgress>? progress)
    {
        ExperimentSpec spec = run.Spec;
        CohortData data = run.Data;
        PatientFolds folds = run.Folds;
        SourcePretraining pretraining = run.Pretraining;
        Device device = run.Device;
        return RunArm(spec, data, folds, pretraining, device, arm, armDir, progress);
    }

    private static (IReadOnlyList<ResultRow> Rows, JsonObject Details) RunArm(ExperimentSpec spec, CohortData data, PatientFolds folds, SourcePretraining pretraining,
        Device device, Arm arm, string armDir, IProgress<TrainingProgress>? progress)
    {
        var clock = Stopwatch.StartNew();
        var seed = new SeedSource((ulong)arm.Seed);
        FoldSplit split = folds.Fold(arm.Fold);
        var trainPatients = new HashSet<string>(split.Train, StringComparer.Ordinal);
        var valPatients = new HashSet<string>(split.Val, StringComparer.Ordinal);
        var byId = data.Cases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var training = data.Cases.Where(c => trainPatients.Contains(c.PatientId)).Select(c => new TrainingCase(c.PatientId, c.CaseId, c.Phase)).ToList();
        IReadOnlyList<TrainingCase> subset = Subset(arm, training, seed);

        FinetuneSpec finetune = spec.Finetune!;
        IReadOnlyList<TrainingCase> fitCases = subset;
        IReadOnlyList<TrainingCase> innerVal = [];
        if (finetune.EarlyStopping?.Enabled == true && subset.Select(c => c.PatientId).Distinct().Count() >= 2)
        {
            (fitCases, innerVal) = SubsetSampler.InnerValidation(subset, finetune.EarlyStopping.ValFraction ?? 0.2, arm.Fold, seed.Derive("inner-validation"));
        }

        // Normalisation statistics come from the arm's training images only (STYLE #14).
        var (mean, std) = ZScoreStatistics(fitCases.Select(c => byId[c.CaseId].Image));
        Image2D Norm(Image2D image) => spec.Preprocessing!.Normalization == "zscore" ? ZScore(image, mean, std) : image;

        var pre = pretraining.Weights(arm, spec.Source(arm.Source), training.Select(c => byId[c.CaseId].Image).ToList(), progress);
        ModelConfig config = SpecMapping.ToModelConfig(spec.Model!);
        using var generator = SeededGenerators.Create(seed.Derive("init"));
        using SegmentationNetwork network = ModelFactory.Create(config, generator);
        // Dropout draws from the arm's own stream (the trainer re-seeds it per epoch), never from libtorch's global
        // generator, so arms running at once (--jobs) stay reproducible.
        using var dropoutGenerator = SeededGenerators.Create(seed.Derive("dropout"));
        foreach (var (name, module) in network.named_modules())
        {
            switch (module)
            {
                case SeededDropout { Generator: null } dropout:
                    dropout.Generator = dropoutGenerator;
                    break;
                case TorchSharp.Modules.Dropout:
                    throw new NotSupportedException(
                        $"Arm {arm.Id}: module '{name}' is TorchSharp's Dropout, which draws from libtorch's process-wide random stream, so the arm " +
                        "would not be reproducible (nor equal under --jobs N); use MLSeg.Models.Layers.SeededDropout.");
            }
        }

        if (pre is { } weights)
        {
            if (weights.WholeNetwork)
            {
                WeightTransfer.LoadNetwork(network, weights.Path, resetHeadClasses: config.NumClasses, headGenerator: generator);
            }
            else
            {
                WeightTransfer.Import(network.Encoder, weights.Path);
            }
        }

        network.to(device);
        var options = new FineTuneOptions
        {
            Phases = SpecMapping.Phases(finetune, fitCases.Count),
            BatchSize = Math.Min(finetune.Batch ?? SpecDefaults.FinetuneBatch, fitCases.Count),
            Schedule = SpecMapping.Schedule(finetune.Schedule),
            Loss = new SegmentationLoss { DiceWeight = finetune.Loss?.Dice ?? 1, CrossEntropyWeight = finetune.Loss?.Ce ?? 1 },
            EarlyStopping = innerVal.Count > 0 ? new EarlyStopping(finetune.EarlyStopping!.Patience ?? 5) : null,
            Seed = seed.Derive("finetune"),
            Device = device,
            Precision = SpecMapping.Precision(finetune.Precision),
            MemoryFormat = SpecMapping.Layout(finetune.MemoryFormat),
            Augmenter = TransformsAugmenter.Requested(finetune.Augmentation) ? new TransformsAugmenter(finetune.Augmentation!) : null,
            OutputDirectory = armDir,
        };
        var train = new SegmentationDataset(fitCases.Select(c => new SegmentationSample(Norm(byId[c.CaseId].Image), byId[c.CaseId].Truth)), $"arm {arm.Id} training");
        SegmentationDataset? val = innerVal.Count == 0 ? null
            : new SegmentationDataset(innerVal.Select(c => new SegmentationSample(Norm(byId[c.CaseId].Image), byId[c.CaseId].Truth)), $"arm {arm.Id} inner validation");
        FineTuneResult fit = new FineTuneTrainer(options, progress).Train(network, train, val);

        // The arm's model as a self-describing checkpoint: `mlseg export-onnx` and `mlseg predict` rebuild the network
        // and re-apply exactly this preprocessing from the metadata.
        string window = spec.Preprocessing!.Window?.ToJson().ToJsonString() ?? "\"none\"";
        string normalization = spec.Preprocessing.Normalization == "zscore"
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"kind\":\"zscore\",\"mean\":{mean:R},\"std\":{std:R}}}")
            : $"{{\"kind\":\"{spec.Preprocessing.Normalization}\"}}";
        int size = spec.Preprocessing.Resize ?? SpecDefaults.SynthSize;
        ModelCheckpoint.Save(network, config, Path.Combine(armDir, "checkpoint.safetensors"), new Dictionary<string, string>
        {
            [OnnxExportMetadata.PreprocessingWindow] = window,
            [OnnxExportMetadata.PreprocessingNormalization] = normalization,
            [OnnxExportMetadata.PreprocessingResize] = size.ToString(CultureInfo.InvariantCulture),
            [ModelCheckpoint.InputSizeKey] = string.Create(CultureInfo.InvariantCulture, $"{size}x{size}"),
            ["mlseg.arm"] = arm.Id,
            ["mlseg.source"] = arm.Source,
        });

        var rows = new List<ResultRow>();
        var accumulator = new MetricAccumulator();
        var labels = Enumerable.Range(1, (int)config.NumClasses - 1).ToList();
        var predicted = new List<(PreparedCase Case, LabelMap Prediction, double Dice)>();
        foreach (PreparedCase c in data.Cases.Where(c => valPatients.Contains(c.PatientId)))
        {
            LabelMap prediction = SegmentationPredictor.Predict(network, Norm(c.Image), device);
            SegmentationResult result = SegmentationMetrics.Compute(c.Truth, prediction, MetricOptions.Default with { Labels = labels, SpacingMm = c.Image.SpacingMm });
            accumulator.Append(c.CaseId, result);
            predicted.Add((c, prediction, labels.Average(l => result[l].Dice ?? 0)));
            foreach (int label in labels)
            {
                LabelMetrics m = result[label];
                rows.Add(new ResultRow(arm, subset.Count, c.CaseId, label, m));
            }
        }

        SummaryJsonWriter.Write(accumulator, Path.Combine(armDir, "validation", "summary.json"));
        WriteOverlays(predicted, Path.Combine(armDir, "overlays"));
        var details = new JsonObject
        {
            ["trainingImages"] = subset.Count,
            ["fitImages"] = fitCases.Count,
            ["innerValidationImages"] = innerVal.Count,
            ["validationCases"] = rows.Select(r => r.Case).Distinct().Count(),
            ["epochsRun"] = fit.EpochsRun,
            ["bestEpoch"] = fit.BestEpoch,
            ["pretrainedWeights"] = pre?.Path,
            ["normalization"] = new JsonObject { ["mean"] = mean, ["std"] = std },
            ["wallSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        };
        return (rows, details);
    }

    /// <summary>
    /// The report's gallery: the best, median and worst held-out case by mean foreground Dice, drawn as truth (green)
    /// and prediction (red) contours over the windowed image. File names carry the rank only, never a case id.
    /// </summary>
    private static void WriteOverlays(List<(PreparedCase Case, LabelMap Prediction, double Dice)> predicted, string dir)
    {
        if (predicted.Count == 0)
        {
            return;
        }

        var ranked = predicted.OrderByDescending(p => p.Dice).ToList();
        var picks = new[] { ("1-best", ranked[0]), ("2-median", ranked[ranked.Count / 2]), ("3-worst", ranked[^1]) }
            .DistinctBy(p => p.Item2.Case.CaseId);
        foreach (var (name, (c, prediction, _)) in picks)
        {
            Image2D overlay = ContourOverlay.Render(c.Image, 0.5, 1.0,
                [new OverlayLayer(c.Truth, 0.1f, 0.85f, 0.2f), new OverlayLayer(prediction, 0.95f, 0.15f, 0.1f)]);
            PngWriter.Write(Path.Combine(dir, name + ".png"), Scale255(overlay), PngSampleFormat.Rgb8);
        }
    }

    // The overlay is RGB in [0, 1]; PNG wants 0…255.
    private static Image2D Scale255(Image2D rgb) => rgb.WithData(rgb.Data.Select(v => MathF.Round(Math.Clamp(v, 0f, 1f) * 255f)).ToArray());

    private static IReadOnlyList<TrainingCase> Subset(Arm arm, IReadOnlyList<TrainingCase> training, SeedSource seed)
    {
        SeedSource subsetSeed = seed.Derive("subset");
        return arm.Subset switch
        {
            "random" when arm.Size == "full" => training,
            "random" => SubsetSampler.Random(training, int.Parse(arm.Size, CultureInfo.InvariantCulture), arm.Fold, subsetSeed),
            "esed" => SubsetSampler.EndDiastoleSystole(training, arm.Fold),
            "volunteers" => SubsetSampler.Volunteers(training, int.Parse(arm.Size, CultureInfo.InvariantCulture), arm.Fold, subsetSeed),
            "matched" => SubsetSampler.Matched(training, MatchedCount(arm, training, subsetSeed), arm.Fold, subsetSeed),
            _ => throw new ArgumentException($"arm {arm.Id}: unknown subset '{arm.Subset}'; expected {string.Join(", ", SpecDefaults.SubsetStrategies)}."),
        };
    }

    // A matched subset has as many random images as the structured subset it is matched to (size token "esed" or "volunteers-k").
    private static int MatchedCount(Arm arm, IReadOnlyList<TrainingCase> training, SeedSource seed) => arm.Size switch
    {
        "esed" => SubsetSampler.EndDiastoleSystole(training, arm.Fold).Count,
        var s when s.StartsWith("volunteers-", StringComparison.Ordinal) =>
            SubsetSampler.Volunteers(training, int.Parse(s["volunteers-".Length..], CultureInfo.InvariantCulture), arm.Fold, seed).Count,
        var s => int.Parse(s, CultureInfo.InvariantCulture),
    };

    private static (double Mean, double Std) ZScoreStatistics(IEnumerable<Image2D> images)
    {
        double sum = 0, sumSq = 0;
        long count = 0;
        foreach (Image2D image in images)
        {
            foreach (float v in image.Data)
            {
                sum += v;
                sumSq += (double)v * v;
            }

            count += image.Data.Length;
        }

        if (count == 0)
        {
            throw new ArgumentException("No training images to compute normalisation statistics from.");
        }

        double mean = sum / count;
        return (mean, Math.Sqrt(Math.Max(sumSq / count - (mean * mean), 1e-12)));
    }

    private static Image2D ZScore(Image2D image, double mean, double std)
    {
        var data = new float[image.Data.Length];
        float m = (float)mean, inv = (float)(1 / std);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (image.Data[i] - m) * inv;
        }

        return image.WithData(data);
    }
}
