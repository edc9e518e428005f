using MLSeg.Core.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLSeg.Core.Randomness;

namespace MLSeg.Experiments.Splits;

/// <summary>
/// <c>splits_final.json</c> in nnU-Net's format: a JSON array with one <c>{"train": [...], "val": [...]}</c> object per
/// fold. Created once, then always loaded and re-checked against the cohort; never silently regenerated.
/// </summary>
public static class SplitsFile
{
    /// <summary>The conventional file name.</summary>
    public const string FileName = "splits_final.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Atomically writes <paramref name="folds"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, PatientFolds folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        var array = new JsonArray();
        foreach (FoldSplit f in folds.Folds)
        {
            array.Add(new JsonObject
            {
                ["train"] = new JsonArray([.. f.Train.Select(s => (JsonNode)s)]),
                ["val"] = new JsonArray([.. f.Val.Select(s => (JsonNode)s)]),
            });
        }

        AtomicFile.WriteAllText(path, array.ToJsonString(Indented) + "\n");
    }

    /// <summary>Reads and validates <paramref name="path"/>; with <paramref name="cohortPatients"/>, also checks it holds exactly those patients.</summary>
    public static PatientFolds Load(string path, IEnumerable<string>? cohortPatients)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new SplitException($"{path}: not valid JSON: {ex.Message}", ex);
        }

        if (root is not JsonArray folds)
        {
            throw new SplitException($"{path}: expected a JSON array of {{\"train\": [...], \"val\": [...]}} objects.");
        }

        var list = new List<FoldSplit>();
        for (int f = 0; f < folds.Count; f++)
        {
            if (folds[f] is not JsonObject obj)
            {
                throw new SplitException($"{path}: fold {f} is not an object with 'train' and 'val'.");
            }

            list.Add(new FoldSplit(Ids(path, f, obj, "train"), Ids(path, f, obj, "val")));
        }

        var result = new PatientFolds(list, path);
        result.Validate(path, cohortPatients);
        return result;
    }

    /// <summary>
    /// Loads <paramref name="path"/> when it exists (checking it against the cohort and <paramref name="k"/>), otherwise
    /// creates the folds with <see cref="PatientFolds.Create"/> and saves them.
    /// </summary>
    public static PatientFolds LoadOrCreate(string path, IReadOnlyCollection<string> cohortPatients, int k, SeedSource seed,
        IReadOnlyDictionary<string, string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(cohortPatients);
        if (File.Exists(path))
        {
            PatientFolds existing = Load(path, cohortPatients);
            if (existing.K != k)
            {
                throw new SplitException($"{path}: the saved split has {existing.K} folds; the spec asks for {k}. Use a new run folder.");
            }

            return existing;
        }

        PatientFolds created = PatientFolds.Create(cohortPatients, k, seed, strata);
        Save(path, created);
        return created;
    }

    private static string[] Ids(string path, int fold, JsonObject obj, string key)
    {
        if (obj[key] is not JsonArray array)
        {
            throw new SplitException($"{path}: fold {fold} has no '{key}' array.");
        }

        return [.. array.Select(n => n is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
            ? s
            : throw new SplitException($"{path}: fold {fold} '{key}' must hold non-empty strings; found {n?.ToJsonString() ?? "null"}."))];
    }
}
