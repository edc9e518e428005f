namespace MLSeg.Synthetic;

/// <summary>
/// The generators' output version. Generated cohorts are identified by their settings (kind, patients, size, seed,
/// observers, field); when a generator's code changes what those settings produce, this version changes, so synthetic
/// cohort folders, cohort fingerprints (hence arm ids) and pretraining cache keys change with it and nothing generated
/// by an older phantom is reused.
/// </summary>
public static class SyntheticGenerators
{
    /// <summary>
    /// Bumped whenever any generator (L3 CT, cardiac cine, natural images) produces different files for the same
    /// settings. 2: the inter-patient variation of issue 19.
    /// </summary>
    public const string Version = "2";
}
