namespace MLSeg.Training.Pretraining;

/// <summary>Pretraining strategies; spelled in specs exactly as <see cref="PretrainingStrategies.Name"/> returns.</summary>
public enum PretrainingStrategy
{
    /// <summary><c>none</c>: seeded random initialisation.</summary>
    None,
    /// <summary><c>classification</c>: encoder + pooled linear head, CE on labelled images.</summary>
    Classification,
    /// <summary><c>segmentation</c>: a whole segmentation network on natural images with masks (encoder and decoder transfer).</summary>
    Segmentation,
    /// <summary><c>autoencoder</c>: encoder + no-skip decoder, MSE reconstruction of unlabelled target images.</summary>
    Autoencoder,
    /// <summary><c>jigsaw</c>: 3×3 tile permutation classification.</summary>
    Jigsaw,
    /// <summary><c>supervised</c>: segmentation fine-tuning on another labelled domain, optionally from another strategy's encoder.</summary>
    Supervised,
    /// <summary><c>import</c>: weights from a safetensors file.</summary>
    Import,
}

/// <summary>Names of <see cref="PretrainingStrategy"/> values as written in specs.</summary>
public static class PretrainingStrategies
{
    private static readonly (PretrainingStrategy Strategy, string Name)[] Table =
    [
        (PretrainingStrategy.None, "none"),
        (PretrainingStrategy.Classification, "classification"),
        (PretrainingStrategy.Segmentation, "segmentation"),
        (PretrainingStrategy.Autoencoder, "autoencoder"),
        (PretrainingStrategy.Jigsaw, "jigsaw"),
        (PretrainingStrategy.Supervised, "supervised"),
        (PretrainingStrategy.Import, "import"),
    ];

    /// <summary>Every valid name, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The spec name of <paramref name="strategy"/>.</summary>
    public static string Name(PretrainingStrategy strategy)
    {
        foreach (var (s, n) in Table)
        {
            if (s == strategy)
            {
                return n;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown pretraining strategy.");
    }

    /// <summary>Parses a spec name (exact, lower case).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>; the message lists them.</exception>
    public static PretrainingStrategy Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (strategy, n) in Table)
        {
            if (n == name)
            {
                return strategy;
            }
        }

        throw new ArgumentException($"Unknown pretraining strategy '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name));
    }
}
