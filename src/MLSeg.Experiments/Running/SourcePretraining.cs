using MLSeg.Core.Caching;
using MLSeg.Core.Imaging;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;
using MLSeg.ImageIO;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Synthetic.Natural;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.Data;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Pretraining;

namespace MLSeg.Experiments.Running;

/// <summary>
/// Runs (or finds in the cache) the pretraining of an arm's source task and returns the weights fine-tuning starts
/// from. Natural-image and other-domain sources are computed once per (source settings, data, encoder, seed) — the
/// planner's pretrain key — and shared by every arm; target-domain self-supervision (autoencoder, jigsaw) sees only the
/// fold's training images, so its key also carries the fold.
/// </summary>
public sealed class SourcePretraining
{
    private readonly ExperimentSpec spec;
    private readonly PretrainingCache cache;
    private readonly string synthRoot;
    private readonly ImageLoader loader;
    private readonly ContentHashCache? preprocessed;

    /// <summary>
    /// Pretraining for <paramref name="spec"/> (resolved), caching weights under <paramref name="cacheRoot"/> and, when
    /// given, labelled source images in <paramref name="preprocessed"/>.
    /// </summary>
    public SourcePretraining(ExperimentSpec spec, string cacheRoot, string synthRoot, ImageLoader loader, ContentHashCache? preprocessed = null)
    {
        this.spec = spec;
        cache = new PretrainingCache(cacheRoot);
        this.synthRoot = synthRoot;
        this.loader = loader;
        this.preprocessed = preprocessed;
    }

    /// <summary>
    /// Whether <paramref name="arm"/>'s pretraining is still to be built: false for sources without one (none, import) and
    /// for weights already in the cache. For ordering only; <see cref="Weights"/> builds under the cache's lock either way.
    /// </summary>
    public bool NeedsBuild(Arm arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        return arm.PretrainJobKey is { } key && cache.TryGet(key) is null;
    }

    /// <summary>Weights for the arm: null for <c>none</c>; else the cached file and whether it holds a whole network.</summary>
    public (string Path, bool WholeNetwork)? Weights(Arm arm, SourceSpec source, IReadOnlyList<Image2D> foldTrainingImages, IProgress<TrainingProgress>? progress)
    {
        if (source.Name == "none")
        {
            return null;
        }

        if (source.Name == "import")
        {
            string file = source.File ?? throw new ArgumentException($"source 'import' needs a 'file' (a safetensors state dict).");
            return File.Exists(file) ? (file, false) : throw new FileNotFoundException($"source 'import': weights file '{file}' not found.", file);
        }

        string key = arm.PretrainJobKey ?? throw new InvalidOperationException($"arm {arm.Id} has no pretrain key");
        PretrainingStrategy strategy = PretrainingStrategies.Parse(source.Name);
        bool whole = source.Name is "segmentation" or "supervised";
        var (manifest, _) = cache.GetOrCreate(key, strategy, whole ? "network" : "encoder", path =>
        {
            Train(arm, source, foldTrainingImages, path, progress);
            return new Dictionary<string, string> { ["source"] = source.Name, ["arm_seed"] = arm.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        });
        return (cache.WeightsPath(key, manifest), whole);
    }

    private void Train(Arm arm, SourceSpec source, IReadOnlyList<Image2D> targetImages, string weightsPath, IProgress<TrainingProgress>? progress)
    {
        int seed = arm.Seed;
        ModelSpec model = spec.Model!;
        var options = new PretrainingOptions
        {
            Epochs = source.Epochs ?? SpecDefaults.PretrainEpochs,
            BatchSize = source.Batch ?? SpecDefaults.PretrainBatch,
            LearningRate = source.Lr ?? SpecDefaults.PretrainLr,
            Seed = new Core.Randomness.SeedSource((ulong)seed).Derive("pretrain").Derive(source.Name),
        };
        int size = spec.Preprocessing!.Resize ?? SpecDefaults.SynthSize;
        using var generator = SeededGenerators.Create(options.Seed.Derive("init"));
        switch (source.Name)
        {
            case "autoencoder":
            {
                using Encoder encoder = ModelFactory.CreateEncoder(SpecMapping.ToModelConfig(model), generator);
                new AutoencoderPretrainer(encoder, options, new AutoencoderOptions { NoiseStd = 0.1, MaskProbability = 0.25 }, progress).Train(targetImages);
                WeightTransfer.SaveEncoder(encoder, weightsPath);
                break;
            }

            case "jigsaw":
            {
                using Encoder encoder = ModelFactory.CreateEncoder(SpecMapping.ToModelConfig(model), generator);
                int tile = Math.Max(encoder.RequiredDivisor, size / 4 / encoder.RequiredDivisor * encoder.RequiredDivisor);
                new JigsawPretrainer(encoder, options, new JigsawOptions { TileSize = tile, PermutationCount = 24 }, progress).Train(targetImages);
                WeightTransfer.SaveEncoder(encoder, weightsPath);
                break;
            }

            case "classification":
            {
                var (images, classes) = NaturalClassification(source, size);
                using Encoder encoder = ModelFactory.CreateEncoder(SpecMapping.ToModelConfig(model), generator);
                new ClassificationPretrainer(encoder, classes, options, progress).Train(images);
                WeightTransfer.SaveEncoder(encoder, weightsPath);
                break;
            }

            case "segmentation":
            case "supervised":
            {
                var (dataset, classes) = LabelledSource(source, size);
                using SegmentationNetwork network = ModelFactory.Create(SpecMapping.ToModelConfig(model, classes), generator);
                // Double transfer (e.g. ImageNet-style classification → 1.5/3T → 7T): the `from` source is pretrained
                // (or found in the cache) first and its encoder initialises this source's network.
                string? from = null;
                if (source.From is { } fromName)
                {
                    SourceSpec fromSource = spec.Source(fromName);
                    var fromArm = arm with { Source = fromName, PretrainKey = ExperimentPlanner.PretrainKey(spec, fromSource, seed, arm.CohortFingerprint) };
                    from = Weights(fromArm, fromSource, targetImages, progress)?.Path;
                }

                var fineTune = new FineTuneOptions
                {
                    Phases = [new TrainingPhase("pretrain", options.Epochs, options.LearningRate, options.LearningRate)],
                    BatchSize = options.BatchSize,
                    Seed = options.Seed,
                };
                SegmentationPretrainer.Train(network, dataset, fineTune, weightsPath, from, progress);
                break;
            }

            default:
                throw new ArgumentException($"Unknown source task '{source.Name}'; expected one of {string.Join(", ", SpecDefaults.SourceStrategies)}.");
        }
    }

    private (IReadOnlyList<ClassificationSample> Samples, int Classes) NaturalClassification(SourceSpec source, int size)
    {
        SynthSpec synth = source.Data?.Synth ?? throw new ArgumentException("source 'classification' needs natural-image data (data: {synth: {kind: natural}}).");
        string manifestPath = CohortData.GenerateSynthetic(synth with { Size = synth.Size ?? size }, NaturalTask.Classification, synthRoot);
        var rows = Synthetic.Manifest.CohortManifest.Read(manifestPath).Rows.Where(r => r.Class is not null).ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException($"{manifestPath}: the classification source has no images with a class.");
        }

        var classNames = rows.Select(r => r.Class!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        string root = Path.GetDirectoryName(manifestPath)!;
        var samples = rows.Select(r => new ClassificationSample(Natural(Path.Combine(root, r.Image), size), classNames.IndexOf(r.Class!))).ToList();
        return (samples, classNames.Count);
    }

    private (SegmentationDataset Dataset, int Classes) LabelledSource(SourceSpec source, int size)
    {
        if (source.Data?.Synth is not { } synth)
        {
            throw new ArgumentException($"source '{source.Name}' needs labelled source data: data: {{synth: {{…}}}} (or a manifest).");
        }

        NaturalTask task = NaturalTask.Segmentation;
        string manifestPath = CohortData.GenerateSynthetic(synth with { Size = synth.Size ?? size }, task, synthRoot);
        int classes = synth.Kind switch { "natural" => 4, "cardiac-cine" => SpecDefaults.CardiacClasses, _ => spec.Model!.Classes ?? SpecDefaults.CtClasses };
        CohortData data = CohortData.Load(manifestPath, spec.Preprocessing! with { Window = synth.Kind == "l3-ct" ? spec.Preprocessing!.Window : new WindowSpec("none", null, null) },
            classes, loader, preprocessed);
        var samples = data.Cases.Select(c => new SegmentationSample(Normalize(c.Image), c.Truth)).ToList();
        return (new SegmentationDataset(samples, $"{source.Name} source"), classes);
    }

    private Image2D Natural(string path, int size)
    {
        Image2D image = loader.Load(path).AsImage2D();
        Image2D gray = image.Channels == 3 ? CohortData.ToGray(image) : image;
        Image2D resized = gray.Height == size && gray.Width == size ? gray : Transforms.Geometry.Resize.Bilinear(gray, size, size);
        return Normalize(resized);
    }

    // Per-image z-score for source-domain images (their own statistics; no target data involved).
    private static Image2D Normalize(Image2D image)
    {
        double mean = image.Data.Average();
        double std = Math.Sqrt(image.Data.Average(v => (v - mean) * (v - mean)));
        float scale = (float)(1 / Math.Max(std, 1e-6));
        return image.WithData(image.Data.Select(v => (float)((v - mean) * scale)).ToArray());
    }
}
