using MLSeg.Experiments.Specs;
using MLSeg.Experiments.Splits;
using MLSeg.Training.FineTuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Experiments.Running;

/// <summary>
/// What every arm of one run shares: the resolved spec, the cohort prepared once (decoded, windowed, resized; cached by
/// content hash), the patient-level folds, the source pretraining (cached per source and seed) and the device.
/// </summary>
public sealed class ArmRun
{
    /// <summary>The shared state of a run of <paramref name="spec"/> (resolved).</summary>
    /// <exception cref="ArgumentException"><c>finetune.precision: float16</c> on a device other than CUDA.</exception>
    public ArmRun(ExperimentSpec spec, CohortData data, PatientFolds folds, SourcePretraining pretraining, Device device)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(pretraining);
        ArgumentNullException.ThrowIfNull(device);
        if (SpecMapping.Precision(spec.Finetune?.Precision) == TrainingPrecision.Float16 && device.type != DeviceType.CUDA)
        {
            throw new ArgumentException($"{spec.SourceFile}: finetune.precision float16 needs a CUDA device (--device cuda); this run is on {device}. Use bfloat16 or float32 on the CPU.");
        }

        Spec = spec;
        Data = data;
        Folds = folds;
        Pretraining = pretraining;
        Device = device;
    }

    /// <summary>The resolved spec.</summary>
    public ExperimentSpec Spec { get; }

    /// <summary>The cohort's reference cases, preprocessed once for the whole run.</summary>
    public CohortData Data { get; }

    /// <summary>The run's patient-level folds (splits_final.json).</summary>
    public PatientFolds Folds { get; }

    /// <summary>The source pretraining, computed once per pretraining key and shared by the arms.</summary>
    public SourcePretraining Pretraining { get; }

    /// <summary>The compute device.</summary>
    public Device Device { get; }
}
