namespace MLSeg.Experiments.Planning;

/// <summary>
/// One arm of an experiment: (source task, subset, size, fold, seed). <see cref="Id"/> hashes everything that affects
/// its result, so a re-run skips finished arms and a changed spec makes new ones.
/// </summary>
/// <param name="Id">First 16 hex digits of the SHA-256 of the arm's resolved spec slice.</param>
/// <param name="Source">The source task name.</param>
/// <param name="Subset">random, esed, volunteers or matched.</param>
/// <param name="Size">The size token: images (random), volunteers (volunteers), "full", "esed", or for matched the
/// structured subset matched ("esed", "volunteers-2").</param>
/// <param name="Fold">The held-out fold.</param>
/// <param name="Seed">The arm's seed.</param>
/// <param name="PretrainKey">The pretraining cache key (16 hex digits) shared by all arms of the source and seed, or null when nothing is pretrained.</param>
/// <param name="CohortFingerprint">The content fingerprint of the cohort the arm was planned for (<see cref="Planning.CohortFingerprint"/>), part of <paramref name="Id"/>.</param>
public sealed record Arm(string Id, string Source, string Subset, string Size, int Fold, int Seed, string? PretrainKey, string CohortFingerprint)
{
    /// <summary>The arm's folder name: <c>&lt;source&gt;__n&lt;N&gt;__fold&lt;k&gt;__seed&lt;s&gt;__&lt;hash8&gt;</c>, with the subset before n when not random.</summary>
    public string FolderName => $"{Source}__{(Subset == "random" ? "" : Subset + "-")}n{Size}__fold{Fold}__seed{Seed}__{Id[..8]}";

    /// <summary>
    /// The key of the pretraining job this arm needs in the cache, or null when nothing is pretrained: the
    /// <see cref="PretrainKey"/>, plus the fold for the sources that pretrain on the fold's own training images
    /// (autoencoder, jigsaw) — those are built once per fold, the others once per source and seed.
    /// </summary>
    public string? PretrainJobKey => PretrainKey is null ? null : Source is "autoencoder" or "jigsaw" ? $"{PretrainKey}-fold{Fold}" : PretrainKey;
}
