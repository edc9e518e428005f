using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MLSeg.Data;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.Transforms.Windowing;

namespace MLSeg.Arms;

/// <summary>
/// An arm's ML.NET chain in words: what <c>mlseg plan SPEC --arm ID</c> prints and what <see cref="ArmChainExecutor"/>
/// records in the arm's manifest.json. The steps are those the executor builds: the prepared cohort view (load → window
/// → resize, once per run), the arm's case selection, <c>ml.Transforms.NormalizeIntensity</c>, the pretrained weights,
/// <c>ml.Segmentation().Trainers.UNet</c>, the held-out fold's transform and <c>ml.Segmentation().Evaluate</c>.
/// Before a run the counts of fit and held-out images are not known (they come from the cohort and the split), so the
/// plan states the rule; the run records the numbers.
/// </summary>
public static class ArmChain
{
    /// <summary>The steps of <paramref name="arm"/> of <paramref name="spec"/> (resolved or not) as planned, before any data is read.</summary>
    public static IReadOnlyList<ArmChainStep> Describe(ExperimentSpec spec, Arm arm)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(arm);
        return Describe(spec.Resolve(), arm, facts: null);
    }

    /// <summary>The steps with what a run knows: image counts and the weights file.</summary>
    internal static IReadOnlyList<ArmChainStep> Describe(ExperimentSpec resolved, Arm arm, ArmChainFacts? facts)
    {
        PreprocessingSpec pre = resolved.Preprocessing!;
        FinetuneSpec finetune = resolved.Finetune!;
        int size = pre.Resize ?? SpecDefaults.SynthSize;
        int classes = resolved.Model!.Classes ?? SpecDefaults.CtClasses;
        string image = WellKnownColumns.Image, label = WellKnownColumns.Label, prediction = WellKnownColumns.Prediction;
        bool earlyStopping = finetune.EarlyStopping?.Enabled == true;
        var steps = new List<ArmChainStep>
        {
            new("data", "prepared cohort view (load → window → resize, once per run; content-hash cache)",
            [
                new("cohort", resolved.Cohort.ToJson().ToJsonString()),
                new("window", Window(CohortData.Window(pre.Window))),
                new("resize", Invariant($"{size}x{size} (image bilinear, label nearest)")),
                new("labels", Invariant($"values ≥ {classes} become background")),
                new("columns", Invariant($"{WellKnownColumns.PatientId}, {PreparedCohortView.CaseIdColumn}, {WellKnownColumns.Phase} (text), {image} (Image2D<{size}x{size}>), {label} (LabelMap<{size}x{size}>)")),
            ]),
            new("select", "the arm's cases (ArmCases)",
            [
                new("fold", Invariant($"{arm.Fold}: training patients of the other folds, held-out patients of fold {arm.Fold} (splits_final.json)")),
                new("subset", Invariant($"{arm.Subset} n={arm.Size}, seed {arm.Seed}/subset") + Count(facts?.SubsetImages)),
                new("inner validation", earlyStopping
                    ? Invariant($"{finetune.EarlyStopping!.ValFraction:R} of the subset's patients (≥ 2 patients), seed {arm.Seed}/inner-validation") + Count(facts?.InnerValidationImages)
                    : "none (early stopping off)"),
                new("fit", "the subset less the inner validation" + Count(facts?.FitImages)),
            ]),
        };
        if (pre.Normalization == "zscore")
        {
            steps.Add(new("estimator", Invariant($"ml.Transforms.NormalizeIntensity({image})"),
                [new("statistics", "mean and standard deviation of the fit images only"), new("applied to", "fit, inner validation and held-out rows")]));
        }

        steps.Add(Pretrained(resolved, arm, image, facts));
        steps.Add(new("trainer", Invariant($"ml.Segmentation().Trainers.UNet({image}, {label} → {prediction})"), Trainer(resolved, arm, facts)));
        steps.Add(new("transform", "the fitted chain on the held-out fold", [new("rows", Invariant($"fold {arm.Fold}'s patients") + Count(facts?.HeldOutImages))]));
        steps.Add(new("evaluate", Invariant($"ml.Segmentation().Evaluate({label}, {prediction}, {PreparedCohortView.CaseIdColumn})"),
        [
            new("labels", string.Join(", ", Enumerable.Range(1, classes - 1))),
            new("metrics", "dice, hd95, assd, rmsDta, hd (mm, the image's pixel spacing); spec lists " + string.Join(", ", resolved.Metrics ?? SpecDefaults.DefaultMetrics)),
            new("writes", "results.part.csv, validation/summary.json, overlays/, " + ArmChainExecutor.CheckpointFile),
        ]));
        return steps;
    }

    /// <summary>The steps as text: one header line, then each step with its settings indented.</summary>
    public static string ToText(Arm arm, IReadOnlyList<ArmChainStep> steps)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(steps);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"arm {arm.Id} ({arm.FolderName}): an ML.NET estimator chain of {steps.Count} steps\n");
        for (int i = 0; i < steps.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1,2}. {steps[i].Kind,-9} {steps[i].Component}\n");
            foreach (var (key, value) in steps[i].Settings)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    {key + ":",-18} {value}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>The steps as a JSON array of <c>{kind, component, settings: {key: value}}</c>.</summary>
    public static JsonArray ToJson(IReadOnlyList<ArmChainStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var array = new JsonArray();
        foreach (ArmChainStep step in steps)
        {
            var settings = new JsonObject();
            foreach (var (key, value) in step.Settings)
            {
                settings[key] = value;
            }

            array.Add(new JsonObject { ["kind"] = step.Kind, ["component"] = step.Component, ["settings"] = settings });
        }

        return array;
    }

    private static ArmChainStep Pretrained(ExperimentSpec spec, Arm arm, string image, ArmChainFacts? facts)
    {
        SourceSpec source = spec.Source(arm.Source);
        string? weights = facts?.WeightsPath;
        switch (source.Name)
        {
            case "none":
                return new("weights", "none", [new("source", "none: the U-Net starts from its seeded random initialisation")]);
            case "segmentation" or "supervised":
                return new("weights", "whole pretrained network (Trainers.UNet PretrainedNetworkPath)",
                [
                    new("source", Source(source)),
                    new("weights", weights ?? Invariant($"pretrain cache key {arm.PretrainJobKey} (computed once, shared by the source's arms)")),
                    new("transfer", "every layer; the classifier head re-initialised for the target classes"),
                ]);
            default:
                return new("estimator", Invariant($"ml.Segmentation().Pretraining.Import({image})"),
                [
                    new("source", Source(source)),
                    new("weights", weights ?? (source.Name == "import" ? source.File ?? "" :
                        Invariant($"pretrain cache key {arm.PretrainJobKey} (computed once{(arm.Source is "autoencoder" or "jigsaw" ? " per fold, on the fold's training images" : ", shared by the source's arms")})"))),
                    new("transfer", "the encoder; decoder and head keep their seeded initialisation"),
                ]);
        }
    }

    private static string Source(SourceSpec source)
    {
        var parts = new List<string> { source.Name };
        if (source.Epochs is { } e)
        {
            parts.Add(Invariant($"epochs {e}"));
        }

        if (source.Lr is { } lr)
        {
            parts.Add(Invariant($"lr {lr:R}"));
        }

        if (source.Batch is { } b)
        {
            parts.Add(Invariant($"batch {b}"));
        }

        if (source.Data is { } data)
        {
            parts.Add("data " + data.ToJson().ToJsonString());
        }

        if (source.From is { } from)
        {
            parts.Add("from " + from);
        }

        return string.Join(", ", parts);
    }

    private static List<KeyValuePair<string, string>> Trainer(ExperimentSpec spec, Arm arm, ArmChainFacts? facts)
    {
        FinetuneSpec finetune = spec.Finetune!;
        ModelSpec model = spec.Model!;
        string phases = facts is { FitImages: var fit }
            ? string.Join("; ", SpecMapping.Phases(finetune, fit).Select(Phase))
            : finetune.EpochsScaledByN is { } scaled
                ? Invariant($"epochs scaled by the fit images n: round(epochs · {scaled.FullN} / n), base {scaled.Base}") + (int.TryParse(arm.Size, out int n) && finetune.EarlyStopping?.Enabled != true
                    ? "; here " + string.Join("; ", SpecMapping.Phases(finetune, n).Select(Phase)) : "")
                : string.Join("; ", SpecMapping.Phases(finetune, 1).Select(Phase));
        var augmentation = finetune.Augmentation;
        bool early = finetune.EarlyStopping?.Enabled == true;
        return
        [
            new("model", Invariant($"{model.Architecture}, depth {model.Depth}, base channels {model.BaseChannels}, {model.Norm} norm, {model.Upsampling} upsampling, {model.Classes} classes")),
            new("phases", phases),
            new("batch", Invariant($"{finetune.Batch} (at most the fit images)")),
            new("schedule", finetune.Schedule ?? SpecDefaults.Schedule),
            new("loss", Invariant($"dice {finetune.Loss?.Dice:R} + cross-entropy {finetune.Loss?.Ce:R}")),
            new("augmentation", TransformsAugmenter.Requested(augmentation)
                ? Invariant($"flip {(augmentation!.Flip == true ? "yes" : "no")}, rotate {augmentation.RotateDeg:R}°, scale {augmentation.Scale:R}, intensity {augmentation.Intensity:R}") : "none"),
            new("early stopping", early ? Invariant($"patience {finetune.EarlyStopping!.Patience} epochs on the inner validation's Dice") : "off"),
            new("precision", finetune.Precision ?? SpecDefaults.Precision),
            new("memory format", finetune.MemoryFormat ?? SpecDefaults.MemoryFormat),
            new("seeds", Invariant($"arm seed {arm.Seed}: init, dropout, finetune")),
        ];
    }

    private static string Phase(MLSeg.Training.FineTuning.TrainingPhase p) =>
        Invariant($"{p.Name} {p.Epochs} epochs, lr {p.DecoderLearningRate:R}") + (p.EncoderLearningRate is null ? " (encoder frozen)" : "");

    private static string Window(WindowPreset? window) =>
        window is null ? "none" : Invariant($"{window.Name} (center {window.Center:R}, width {window.Width:R}, {window.Function}) → [0, 1]");

    private static string Count(int? images) => images is { } n ? Invariant($" → {n} image(s)") : "";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
