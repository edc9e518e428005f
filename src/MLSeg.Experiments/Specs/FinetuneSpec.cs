using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>
/// Fine-tuning of the U-Net on an arm's subset: fixed <see cref="Epochs"/> or <see cref="EpochsScaledByN"/>; optionally
/// two phases (<see cref="Frozen"/> encoder, then <see cref="Unfrozen"/>), whose epochs are scaled the same way.
/// </summary>
public sealed record FinetuneSpec(int? Epochs, ScaledEpochsSpec? EpochsScaledByN, double? Lr, int? Batch, PhaseSpec? Frozen, PhaseSpec? Unfrozen,
    string? Schedule, LossSpec? Loss, AugmentationSpec? Augmentation, EarlyStoppingSpec? EarlyStopping)
{
    /// <summary>
    /// Forward-pass precision: <c>float32</c> (also when null; left out of the resolved spec so arm ids of float32
    /// specs do not change), <c>bfloat16</c> (autocast on CPU or CUDA) or <c>float16</c> (autocast with loss scaling,
    /// CUDA only).
    /// </summary>
    public string? Precision { get; init; }

    /// <summary>
    /// Memory layout of activations and 4-D weights: <c>contiguous</c> (also when null; left out of the resolved spec so
    /// arm ids do not change) or <c>channels_last</c> (NHWC strides, fastest with bfloat16 convolutions on CUDA).
    /// </summary>
    public string? MemoryFormat { get; init; }

    /// <summary>Every default filled in.</summary>
    public FinetuneSpec Resolve() => this with
    {
        Epochs = EpochsScaledByN is null ? Epochs ?? SpecDefaults.FinetuneEpochs : null,
        Lr = Lr ?? SpecDefaults.FinetuneLr,
        Batch = Batch ?? SpecDefaults.FinetuneBatch,
        Schedule = Schedule ?? SpecDefaults.Schedule,
        Loss = new LossSpec(Loss?.Dice ?? SpecDefaults.DiceWeight, Loss?.Ce ?? SpecDefaults.CeWeight),
        Augmentation = new AugmentationSpec(Augmentation?.Flip ?? SpecDefaults.Flip, Augmentation?.RotateDeg ?? SpecDefaults.RotateDeg,
            Augmentation?.Scale ?? SpecDefaults.Scale, Augmentation?.Intensity ?? SpecDefaults.Intensity),
        EarlyStopping = new EarlyStoppingSpec(EarlyStopping?.Enabled ?? SpecDefaults.EarlyStopping, EarlyStopping?.Patience ?? SpecDefaults.Patience,
            EarlyStopping?.ValFraction ?? SpecDefaults.ValFraction),
        Precision = Precision == SpecDefaults.Precision ? null : Precision,
        MemoryFormat = MemoryFormat == SpecDefaults.MemoryFormat ? null : MemoryFormat,
    };

    /// <summary>
    /// The phases for a training set of <paramref name="n"/> images: (epochs, lr, encoder frozen). Single-phase
    /// unless frozen/unfrozen are given; with <see cref="EpochsScaledByN"/> each phase's epochs (or the base) are scaled.
    /// </summary>
    public IReadOnlyList<(int Epochs, double Lr, bool EncoderFrozen)> PhasesFor(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        int Scale(int e) => EpochsScaledByN?.Scale(e, n) ?? e;
        if (Frozen is not null && Unfrozen is not null)
        {
            return [(Scale(Frozen.Epochs), Frozen.Lr, true), (Scale(Unfrozen.Epochs), Unfrozen.Lr, false)];
        }

        int epochs = EpochsScaledByN is not null ? EpochsScaledByN.Scale(EpochsScaledByN.Base, n) : Epochs ?? SpecDefaults.FinetuneEpochs;
        return [(epochs, Lr ?? SpecDefaults.FinetuneLr, false)];
    }

    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("epochs", Epochs), ("epochs_scaled_by_n", EpochsScaledByN?.ToJson()), ("lr", Lr), ("batch", Batch),
        ("frozen", Frozen?.ToJson()), ("unfrozen", Unfrozen?.ToJson()), ("schedule", Schedule), ("loss", Loss?.ToJson()),
        ("augmentation", Augmentation?.ToJson()), ("early_stopping", EarlyStopping?.ToJson()), ("precision", Precision),
        ("memory_format", MemoryFormat));
}
