using MLSeg.Experiments.Specs;
using MLSeg.Models.Contracts;
using MLSeg.Training.FineTuning;

namespace MLSeg.Experiments.Running;

/// <summary>Turns resolved spec sections into the settings objects of MLSeg.Models and MLSeg.Training.</summary>
public static class SpecMapping
{
    /// <summary>The network of <paramref name="model"/> for 1-channel images.</summary>
    public static ModelConfig ToModelConfig(ModelSpec model, int? classes = null) => new()
    {
        Architecture = model.Architecture switch
        {
            "unet" => Architecture.UNet,
            "resnet18-unet" => Architecture.ResNet18UNet,
            "resnet34-unet" => Architecture.ResNet34UNet,
            var other => throw new ArgumentException($"model.architecture '{other}' is not one of {string.Join(", ", SpecDefaults.Architectures)}."),
        },
        InChannels = 1,
        NumClasses = classes ?? model.Classes ?? SpecDefaults.CtClasses,
        Depth = model.Depth ?? SpecDefaults.Depth,
        BaseChannels = model.BaseChannels ?? SpecDefaults.BaseChannels,
        Norm = model.Norm == "group" ? NormKind.Group : NormKind.Batch,
        Upsampling = model.Upsampling == "bilinear" ? UpsamplingKind.Bilinear : UpsamplingKind.Transpose,
        Encoder = model.Encoder,
    };

    /// <summary>Fine-tuning phases for a training set of <paramref name="n"/> images (frozen phases leave the encoder learning rate null).</summary>
    public static IReadOnlyList<TrainingPhase> Phases(FinetuneSpec finetune, int n) =>
        finetune.PhasesFor(n).Select((p, i) => new TrainingPhase(p.EncoderFrozen ? "frozen" : (i == 0 ? "train" : "unfrozen"), p.Epochs, p.Lr, p.EncoderFrozen ? null : p.Lr)).ToList();

    /// <summary>The trainer precision for a spec's <c>finetune.precision</c> (null = float32).</summary>
    public static MemoryFormat Layout(string? name) => name switch
    {
        null or "contiguous" => MemoryFormat.Contiguous,
        "channels_last" => MemoryFormat.ChannelsLast,
        _ => throw new ArgumentException($"finetune.memory_format '{name}' is not one of {string.Join(", ", SpecDefaults.MemoryFormats)}."),
    };

    /// <summary>The trainer precision of a spec's <c>finetune.precision</c>.</summary>
    public static TrainingPrecision Precision(string? name) => name switch
    {
        null or "float32" => TrainingPrecision.Float32,
        "bfloat16" => TrainingPrecision.BFloat16,
        "float16" => TrainingPrecision.Float16,
        _ => throw new ArgumentException($"finetune.precision '{name}' is not one of {string.Join(", ", SpecDefaults.Precisions)}."),
    };

    /// <summary>The learning-rate schedule named in the spec.</summary>
    public static ScheduleKind Schedule(string? name) => name switch
    {
        null or "constant" => ScheduleKind.Constant,
        "cosine" => ScheduleKind.Cosine,
        "poly" => ScheduleKind.Polynomial,
        "step" => ScheduleKind.Step,
        _ => throw new ArgumentException($"finetune.schedule '{name}' is not one of {string.Join(", ", SpecDefaults.Schedules)}."),
    };
}
