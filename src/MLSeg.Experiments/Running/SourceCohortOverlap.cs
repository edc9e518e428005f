using MLSeg.Experiments.Specs;
using MLSeg.Synthetic.Manifest;
using MLSeg.Synthetic.Natural;

namespace MLSeg.Experiments.Running;

/// <summary>
/// The leakage check between an experiment's target cohort and its labelled sources (<c>segmentation</c>,
/// <c>supervised</c>): a patient whose masks train the source network must not also be a target patient that is
/// evaluated. Run it once, after the target manifest is resolved and before any training.
/// </summary>
public static class SourceCohortOverlap
{
    /// <summary>Source tasks trained on labelled images (their data is the leakage risk).</summary>
    public static readonly IReadOnlyList<string> LabelledSources = ["segmentation", "supervised"];

    /// <summary>
    /// Throws when a labelled source of <paramref name="spec"/> shares a patient with <paramref name="targetManifest"/>.
    /// A manifest source is compared by patient id. A synthetic source is generated (into <paramref name="synthRoot"/>,
    /// exactly where <see cref="SourcePretraining"/> will look for it) and compared when the target is a manifest or a
    /// synthetic cohort of the same kind and seed — the generator derives each virtual patient from (seed, index), so
    /// with another seed equal ids such as <c>SYN-CINE-0001</c> are different patients and are not compared.
    /// </summary>
    /// <exception cref="ManifestFormatException">A patient is in both; the message names both manifests, the ids and their rows.</exception>
    /// <exception cref="ExperimentSpecException">A labelled source trains on the target cohort itself.</exception>
    public static void Check(ExperimentSpec spec, string targetManifest, string synthRoot)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(targetManifest);
        ExperimentSpec resolved = spec.Resolve();
        int size = resolved.Preprocessing?.Resize ?? SpecDefaults.SynthSize;
        foreach (SourceSpec source in resolved.Sources.Where(s => LabelledSources.Contains(s.Name)))
        {
            CohortSpec? data = source.Data;
            if (data is null)
            {
                continue;
            }

            if (data.TargetCohort)
            {
                throw new ExperimentSpecException(resolved.SourceFile, 0, $"sources.{source.Name}.data",
                    $"source '{source.Name}' would train on the target cohort's own masks, including the patients each fold tests on; " +
                    "give it separate labelled data (data: {synth: {…}} or a manifest whose patients are not in the cohort).");
            }

            string? sourceManifest = data switch
            {
                { Manifest: not null } => CohortData.ResolveManifest(data, resolved.SourceFile, synthRoot),
                { Synth: { } synth } when SamePatientsPossible(resolved.Cohort.Synth, synth) =>
                    CohortData.GenerateSynthetic(synth with { Size = synth.Size ?? size }, NaturalTask.Segmentation, synthRoot),
                _ => null,
            };
            if (sourceManifest is not null)
            {
                ManifestOverlap.ThrowIfPatientsShared([targetManifest, sourceManifest], $"target cohort vs the data of source '{source.Name}'");
            }
        }
    }

    // A manifest target may hold any ids; a synthetic target shares patients only with a generator of the same kind and seed.
    private static bool SamePatientsPossible(SynthSpec? target, SynthSpec source) =>
        target is null || (target.Kind == source.Kind && target.Seed == source.Seed);
}
