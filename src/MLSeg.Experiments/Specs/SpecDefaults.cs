namespace MLSeg.Experiments.Specs;

/// <summary>Every default of the experiment spec, in one place; <see cref="ExperimentSpec.Resolve"/> writes them out.</summary>
public static class SpecDefaults
{
    /// <summary>Valid cohort kinds for <c>synth.kind</c>.</summary>
    public static readonly IReadOnlyList<string> SynthKinds = ["l3-ct", "cardiac-cine", "natural"];
    /// <summary>Valid field strengths for cardiac cohorts.</summary>
    public static readonly IReadOnlyList<string> Fields = ["1.5T", "3T", "7T"];
    /// <summary>Valid window presets.</summary>
    public static readonly IReadOnlyList<string> WindowPresets = ["none", "soft-tissue", "abdomen", "muscle", "bone", "lung", "brain"];
    /// <summary>Valid normalisations.</summary>
    public static readonly IReadOnlyList<string> Normalizations = ["zscore", "none"];
    /// <summary>Valid architectures.</summary>
    public static readonly IReadOnlyList<string> Architectures = ["unet", "resnet18-unet", "resnet34-unet"];
    /// <summary>Valid normalisation layers.</summary>
    public static readonly IReadOnlyList<string> Norms = ["batch", "group"];
    /// <summary>Valid decoder upsampling modes.</summary>
    public static readonly IReadOnlyList<string> Upsamplings = ["transpose", "bilinear"];
    /// <summary>Valid source (pretraining) strategies.</summary>
    public static readonly IReadOnlyList<string> SourceStrategies = ["none", "classification", "segmentation", "autoencoder", "jigsaw", "supervised", "import"];
    /// <summary>Valid subset strategies.</summary>
    public static readonly IReadOnlyList<string> SubsetStrategies = ["random", "esed", "volunteers", "matched"];
    /// <summary>Valid learning-rate schedules.</summary>
    public static readonly IReadOnlyList<string> Schedules = ["constant", "cosine", "poly", "step"];
    /// <summary>Valid fine-tuning precisions.</summary>
    public static readonly IReadOnlyList<string> Precisions = ["float32", "bfloat16", "float16"];
    /// <summary>Valid fine-tuning memory formats.</summary>
    public static readonly IReadOnlyList<string> MemoryFormats = ["contiguous", "channels_last"];
    /// <summary>Valid metrics.</summary>
    public static readonly IReadOnlyList<string> Metrics = ["dice", "hd", "hd95", "assd", "rms-dta"];

    /// <summary>Synthetic cohort: patients, image size (px), seed, observers.</summary>
    public const int SynthPatients = 40, SynthSize = 128, SynthSeed = 0, SynthObservers = 1;
    /// <summary>Cardiac field strength when not given.</summary>
    public const string CardiacField = "7T";
    /// <summary>Window preset for CT cohorts; MR and natural images are not windowed.</summary>
    public const string CtWindowPreset = "soft-tissue", OtherWindowPreset = "none";
    /// <summary>Intensity normalisation.</summary>
    public const string Normalization = "zscore";
    /// <summary>Model.</summary>
    public const string Architecture = "unet", Norm = "batch", Upsampling = "transpose";
    /// <summary>Model depth (down-sampling stages) and base channels.</summary>
    public const int Depth = 4, BaseChannels = 32;
    /// <summary>Segmentation classes including background: L3 muscle 2, cardiac LV + myocardium 3.</summary>
    public const int CtClasses = 2, CardiacClasses = 3;
    /// <summary>Pretraining.</summary>
    public const int PretrainEpochs = 20, PretrainBatch = 16;
    /// <summary>Pretraining learning rate.</summary>
    public const double PretrainLr = 1e-3;
    /// <summary>Folds.</summary>
    public const int FoldsK = 5, FoldsSeed = 0, Seed = 0;
    /// <summary>Fine-tuning.</summary>
    public const int FinetuneEpochs = 50, FinetuneBatch = 8;
    /// <summary>Fine-tuning learning rate.</summary>
    public const double FinetuneLr = 1e-3;
    /// <summary>Fine-tuning precision.</summary>
    public const string Precision = "float32";

    /// <summary>Fine-tuning memory format.</summary>
    public const string MemoryFormat = "contiguous";
    /// <summary>Fine-tuning schedule.</summary>
    public const string Schedule = "cosine";
    /// <summary>Loss weights (Dice, cross-entropy).</summary>
    public const double DiceWeight = 1.0, CeWeight = 1.0;
    /// <summary>Augmentation.</summary>
    public const bool Flip = true;
    /// <summary>Augmentation ranges: rotation (degrees), scale (fraction), intensity (fraction).</summary>
    public const double RotateDeg = 10, Scale = 0.1, Intensity = 0.1;
    /// <summary>Early stopping.</summary>
    public const bool EarlyStopping = false;
    /// <summary>Early stopping patience (epochs).</summary>
    public const int Patience = 10;
    /// <summary>Inner validation fraction of training patients.</summary>
    public const double ValFraction = 0.2;
    /// <summary>Slurm wall time per arm.</summary>
    public const string Time = "04:00:00";

    /// <summary>Slurm generic resources per arm when the arms run on CUDA and neither the spec nor --gres says otherwise.</summary>
    public const string CudaGres = "gpu:1";
    /// <summary>Slurm CPUs per task.</summary>
    public const int Cpus = 4;
    /// <summary>Metrics when none are given.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics = ["dice", "hd95", "assd"];
}
