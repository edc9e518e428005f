using System.Globalization;

namespace MLSeg.Training.FineTuning;

/// <summary>One row of <c>train_log.csv</c>.</summary>
/// <param name="Epoch">1-based epoch over the whole run.</param>
/// <param name="Phase">Phase name.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's samples.</param>
/// <param name="ValLoss">Mean validation loss, or null without a validation split.</param>
/// <param name="ValDice">Mean foreground Dice on the validation split, or null.</param>
/// <param name="LearningRate">Learning rate of the decoder/head group during the epoch.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch (training and validation).</param>
public sealed record EpochLogRow(int Epoch, string Phase, double TrainLoss, double? ValLoss, double? ValDice, double LearningRate, double Seconds)
{
    /// <summary>The CSV header, exactly.</summary>
    public const string Header = "epoch,phase,train_loss,val_loss,val_dice,lr,seconds";

    /// <summary>The row as CSV (invariant culture, round-trip precision; empty fields for absent values).</summary>
    public string ToCsv() => string.Join(',',
        Epoch.ToString(CultureInfo.InvariantCulture), Phase, Format(TrainLoss), Format(ValLoss), Format(ValDice), Format(LearningRate),
        Seconds.ToString("F3", CultureInfo.InvariantCulture));

    private static string Format(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
