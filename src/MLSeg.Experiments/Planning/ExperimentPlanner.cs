using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MLSeg.Experiments.Specs;

namespace MLSeg.Experiments.Planning;

/// <summary>Expands a resolved spec into its arms, with content-hash ids and pretraining cache keys.</summary>
public static class ExperimentPlanner
{
    /// <summary>
    /// Every arm of <paramref name="spec"/> (resolved here when not already), in source, subset, size, fold, seed order.
    /// The cohort's content is fingerprinted here (<see cref="CohortFingerprint.Of"/>: every file of a manifest cohort is read).
    /// </summary>
    public static IReadOnlyList<Arm> Plan(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Plan(spec, CohortFingerprint.Of(spec));
    }

    /// <summary>Every arm of <paramref name="spec"/> for a cohort whose content fingerprint is <paramref name="cohort"/>.</summary>
    public static IReadOnlyList<Arm> Plan(ExperimentSpec spec, CohortFingerprint cohort)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cohort);
        ExperimentSpec s = spec.Resolve();
        var arms = new List<Arm>();
        foreach (SourceSpec source in s.Sources)
        {
            foreach ((string subset, string size) in SubsetArms(s))
            {
                foreach (int fold in s.Folds!.Run!)
                {
                    foreach (int seed in s.Seeds!)
                    {
                        arms.Add(new Arm(ArmHash(s, cohort.Value, source, subset, size, fold, seed), source.Name, subset, size, fold, seed,
                            PretrainKey(s, source, seed, cohort.Value), cohort.Value));
                    }
                }
            }
        }

        return arms;
    }

    /// <summary>
    /// The pretraining cache key of <paramref name="source"/> for <paramref name="seed"/>: a hash of the source task
    /// settings (with its <c>from</c> chain), the cohort's content fingerprint, the encoder configuration, the seed and the
    /// synthetic generators' version (a source's synthetic data is identified by its settings only);
    /// null for none/import-free sources.
    /// </summary>
    public static string? PretrainKey(ExperimentSpec resolved, SourceSpec source, int seed, string cohortFingerprint)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(cohortFingerprint);
        if (!source.TrainsEncoder)
        {
            return null;
        }

        return Hash(new JsonObject
        {
            ["source"] = SourceChain(resolved, source),
            ["cohort"] = cohortFingerprint,
            ["preprocessing"] = resolved.Preprocessing!.ToJson(),
            ["encoder"] = resolved.Model!.EncoderJson(),
            ["seed"] = seed,
            ["generators"] = MLSeg.Synthetic.SyntheticGenerators.Version, // synthetic source data changes with the generators
        });
    }

    private static string ArmHash(ExperimentSpec s, string cohortFingerprint, SourceSpec source, string subset, string size, int fold, int seed) => Hash(new JsonObject
    {
        ["cohort"] = cohortFingerprint,
        ["preprocessing"] = s.Preprocessing!.ToJson(),
        ["model"] = s.Model!.ToJson(),
        ["source"] = SourceChain(s, source),
        ["folds"] = new JsonObject { ["k"] = s.Folds!.K, ["seed"] = s.Folds.Seed },
        ["subset"] = subset,
        ["n"] = size,
        ["fold"] = fold,
        ["seed"] = seed,
        ["finetune"] = s.Finetune!.ToJson(),
    });

    // A source's settings with the settings of the source it starts from (double transfer) nested in place of the name.
    private static JsonObject SourceChain(ExperimentSpec s, SourceSpec source)
    {
        JsonObject json = source.ToJson();
        if (source.From is not null)
        {
            json["from"] = SourceChain(s, s.Source(source.From));
        }

        return json;
    }

    private static IEnumerable<(string Subset, string Size)> SubsetArms(ExperimentSpec s)
    {
        var structured = new List<string>();
        foreach (string subset in s.Subsets!)
        {
            switch (subset)
            {
                case "random":
                    foreach (string n in s.Sizes!)
                    {
                        yield return (subset, n);
                    }

                    break;
                case "volunteers":
                    foreach (string n in s.Sizes!)
                    {
                        structured.Add($"volunteers-{n}");
                        yield return (subset, n);
                    }

                    break;
                case "esed":
                    structured.Add("esed");
                    yield return (subset, "esed");
                    break;
            }
        }

        if (s.Subsets!.Contains("matched"))
        {
            foreach (string target in structured)
            {
                yield return ("matched", target);
            }
        }
    }

    private static string Hash(JsonObject json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToJsonString())))[..16];
}
