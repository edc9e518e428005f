using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>One fine-tuning phase (encoder frozen or unfrozen): epochs and learning rate.</summary>
public sealed record PhaseSpec(int Epochs, double Lr)
{
    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("epochs", Epochs), ("lr", Lr));
}
