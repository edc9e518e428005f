namespace MLSeg.Training.Pretraining;

/// <summary>How <see cref="WeightTransfer.Import"/> maps a foreign file's tensor names onto an encoder's.</summary>
public sealed record ImportOptions
{
    /// <summary>Requires every encoder key and no other key.</summary>
    public static ImportOptions Strict { get; } = new() { RejectUnexpected = true };

    /// <summary>
    /// Only keys starting with this prefix are used, with it removed (e.g. "backbone."). Null: "encoder." is stripped when
    /// any key carries it, otherwise names are used as they are.
    /// </summary>
    public string? StripPrefix { get; init; }

    /// <summary>Prefix renames applied after stripping, first match wins (e.g. "layer1." → "stage1.").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Renames { get; init; } = [];

    /// <summary>Whether encoder keys absent from the file are allowed (they keep their initialisation).</summary>
    public bool AllowMissing { get; init; }

    /// <summary>Whether file keys the encoder lacks fail the import (otherwise they are reported and ignored).</summary>
    public bool RejectUnexpected { get; init; }
}
