using MLSeg.Core.Caching;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.Synthetic.Manifest;

namespace MLSeg.Experiments.Planning;

/// <summary>
/// The content identity of an experiment's cohort, part of every arm id and pretraining key. For a manifest cohort it
/// is a <see cref="ContentKey"/> over the manifest's bytes and the bytes of every image and mask it lists, in row order
/// (hashed by <see cref="ContentKey.HashFile"/>, the same digests the preprocessed-image cache keys on): a cohort copied
/// or moved elsewhere keeps its fingerprint, and one changed byte in any file — or in the manifest — changes it. For a
/// <c>synth:</c> cohort it is the generator's settings and <see cref="MLSeg.Synthetic.SyntheticGenerators.Version"/>, which determine the generated files.
/// </summary>
public sealed class CohortFingerprint
{
    /// <summary>Bump when what the fingerprint covers changes.</summary>
    private const string Settings = "cohort-fingerprint;v=1";

    private CohortFingerprint(string value, IReadOnlyDictionary<string, string> fileDigests)
    {
        Value = value;
        FileDigests = fileDigests;
    }

    /// <summary>The fingerprint: 64 lowercase hex digits.</summary>
    public string Value { get; }

    /// <summary>SHA-256 of every cohort file, by real path (links followed); empty for a synthetic cohort.</summary>
    public IReadOnlyDictionary<string, string> FileDigests { get; }

    /// <summary>The fingerprint of <paramref name="spec"/>'s cohort (its manifest is found relative to the spec file).</summary>
    /// <exception cref="ManifestFormatException">A row's file is missing or lies outside the manifest's folder.</exception>
    public static CohortFingerprint Of(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CohortSpec cohort = spec.Cohort.Resolve();
        return CohortData.ManifestFile(cohort, spec.SourceFile) is { } manifest ? OfManifest(manifest) : OfSynth(cohort);
    }

    /// <summary>The fingerprint of the cohort <paramref name="manifestPath"/> lists.</summary>
    /// <exception cref="ManifestFormatException">A row's file is missing or lies outside the manifest's folder.</exception>
    public static CohortFingerprint OfManifest(string manifestPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        CohortManifest manifest = CohortManifest.Read(manifestPath);
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        var ordered = new List<string> { ContentKey.HashFile(manifestPath) };
        for (int i = 0; i < manifest.Rows.Count; i++)
        {
            ManifestRow row = manifest.Rows[i];
            foreach ((string column, string relative) in new[] { ("image", row.Image), ("mask", row.Mask) })
            {
                if (relative.Length == 0)
                {
                    continue;
                }

                string real = manifest.ResolveFile(manifestPath, i, column, relative);
                if (!digests.TryGetValue(real, out string? digest))
                {
                    digest = ContentKey.HashFile(real);
                    digests[real] = digest;
                }

                ordered.Add(digest);
            }
        }

        return new CohortFingerprint(ContentKey.FromDigests($"{Settings};manifest", ordered).Hex, digests);
    }

    private static CohortFingerprint OfSynth(CohortSpec cohort) =>
        new(ContentKey.FromDigests($"{Settings};synth={cohort.ToJson().ToJsonString()};generators={MLSeg.Synthetic.SyntheticGenerators.Version}").Hex, new Dictionary<string, string>());
}
