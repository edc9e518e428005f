using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>Epochs scaled by training size: round(<see cref="Base"/> · <see cref="FullN"/> / n), so every arm sees about as many steps.</summary>
public sealed record ScaledEpochsSpec(int Base, int FullN)
{
    /// <summary>round(epochs · FullN / n), at least 1 (midpoint away from zero).</summary>
    public int Scale(int epochs, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return Math.Max(1, (int)Math.Round((double)epochs * FullN / n, MidpointRounding.AwayFromZero));
    }

    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("base", Base), ("full_n", FullN));
}
