namespace MLSeg.Models.Engine;

/// <summary>What <see cref="StateDicts.Load(TorchSharp.torch.nn.Module, IReadOnlyDictionary{string, TorchSharp.torch.Tensor}, bool)"/> matched: keys the module has but the dict lacks, keys only the dict has, and shape conflicts.</summary>
/// <param name="MissingKeys">Module keys absent from the dict (left unchanged).</param>
/// <param name="UnexpectedKeys">Dict keys the module does not have (ignored).</param>
/// <param name="ShapeMismatches">"key: module [a, b], dict [c, d]" for keys present in both with different shapes (left unchanged).</param>
/// <param name="LoadedKeys">Keys whose values were copied.</param>
public sealed record LoadStateDictReport(
    IReadOnlyList<string> MissingKeys,
    IReadOnlyList<string> UnexpectedKeys,
    IReadOnlyList<string> ShapeMismatches,
    IReadOnlyList<string> LoadedKeys)
{
    /// <summary>Whether every key matched exactly.</summary>
    public bool IsExact => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0 && ShapeMismatches.Count == 0;

    /// <summary>A multi-line summary naming every problem key.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        if (MissingKeys.Count > 0)
        {
            lines.Add($"missing keys ({MissingKeys.Count}): {string.Join(", ", MissingKeys)}");
        }

        if (UnexpectedKeys.Count > 0)
        {
            lines.Add($"unexpected keys ({UnexpectedKeys.Count}): {string.Join(", ", UnexpectedKeys)}");
        }

        if (ShapeMismatches.Count > 0)
        {
            lines.Add($"shape mismatches ({ShapeMismatches.Count}): {string.Join("; ", ShapeMismatches)}");
        }

        return lines.Count == 0 ? $"all {LoadedKeys.Count} keys matched" : string.Join(Environment.NewLine, lines);
    }
}
