using MLSeg.Core.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;
using MLSeg.Experiments.Splits;

namespace MLSeg.Experiments.Store;

/// <summary>
/// The layout of one experiment's run folder (<c>artifacts/runs/&lt;experiment&gt;/</c>): the resolved spec, the split,
/// and one folder per arm. Every file is written atomically (<see cref="AtomicFile"/>). An arm is finished iff its
/// <c>manifest.json</c> exists with <c>"status": "done"</c>, and that file is written last.
/// </summary>
public sealed class RunFolder
{
    /// <summary>The resolved spec's file name.</summary>
    public const string ResolvedSpecFile = "experiment.resolved.yaml";

    /// <summary>The current plan's arms (<see cref="WritePlan"/>).</summary>
    public const string PlanFile = "plan.json";

    /// <summary>An arm's manifest file name.</summary>
    public const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private RunFolder(string root) => Root = root;

    /// <summary>The run folder.</summary>
    public string Root { get; }

    /// <summary><c>experiment.resolved.yaml</c>.</summary>
    public string ResolvedSpecPath => Path.Combine(Root, ResolvedSpecFile);

    /// <summary><c>splits_final.json</c>.</summary>
    public string SplitsPath => Path.Combine(Root, SplitsFile.FileName);

    /// <summary><c>results.csv</c>.</summary>
    public string ResultsPath => Path.Combine(Root, "results.csv");

    /// <summary>
    /// Opens (creating when absent) the run folder for <paramref name="spec"/> and records its resolved spec. A folder
    /// holding a different resolved spec is an error unless <paramref name="force"/>, which replaces the stored spec:
    /// arms whose ids the new spec keeps are reused, the others run, and arm folders the new spec no longer plans stay
    /// on disk but are left out of results.csv and the report (<see cref="StaleArmFolders"/>).
    /// </summary>
    public static RunFolder Open(string root, ExperimentSpec spec, bool force = false)
    {
        string yaml = CheckReusable(root, spec, force);
        var folder = new RunFolder(Path.GetFullPath(root));
        Directory.CreateDirectory(folder.Root);
        if (!File.Exists(folder.ResolvedSpecPath) || File.ReadAllText(folder.ResolvedSpecPath) != yaml)
        {
            AtomicFile.WriteAllText(folder.ResolvedSpecPath, yaml);
        }

        return folder;
    }

    /// <summary>
    /// Checks, writing nothing, that <paramref name="root"/> may hold a run of <paramref name="spec"/>: it is new, or
    /// holds the same resolved spec, or <paramref name="force"/> is set. Returns the resolved spec's YAML.
    /// </summary>
    /// <exception cref="RunFolderException">The folder was made for a different spec and <paramref name="force"/> is not set.</exception>
    public static string CheckReusable(string root, ExperimentSpec spec, bool force = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(spec);
        string specPath = Path.Combine(Path.GetFullPath(root), ResolvedSpecFile);
        string yaml = SpecYamlWriter.Write(spec.Resolve());
        if (force || !File.Exists(specPath))
        {
            return yaml;
        }

        string existing = File.ReadAllText(specPath);
        if (existing == yaml)
        {
            return yaml;
        }

        string[] a = existing.Split('\n');
        string[] b = yaml.Split('\n');
        int line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        throw new RunFolderException(
            $"{specPath}: this run folder was made for a different spec (first difference at line {line + 1}: " +
            $"stored '{(line < a.Length ? a[line].Trim() : "")}', now '{(line < b.Length ? b[line].Trim() : "")}'). " +
            "Use a new --out folder, or --force to switch it to this spec (arms both specs share are reused; the others' folders stay, left out of the results).");
    }

    /// <summary>
    /// Atomically writes <see cref="PlanFile"/>: the current plan's arms (as <c>mlseg plan --json</c> prints them). The
    /// report reads it to show exactly these arms.
    /// </summary>
    public void WritePlan(IReadOnlyList<Arm> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        AtomicFile.WriteAllText(Path.Combine(Root, PlanFile), PlanFormatter.ToJson(plan) + "\n");
    }

    /// <summary>Names (sorted) of the folders under <c>arms/</c> that are no arm of <paramref name="plan"/>: left by an earlier spec or cohort.</summary>
    public IReadOnlyList<string> StaleArmFolders(IEnumerable<Arm> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string arms = Path.Combine(Root, "arms");
        if (!Directory.Exists(arms))
        {
            return [];
        }

        var current = plan.Select(a => a.FolderName).ToHashSet(StringComparer.Ordinal);
        return [.. Directory.GetDirectories(arms).Select(Path.GetFileName).OfType<string>().Where(n => !current.Contains(n)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The folder of <paramref name="arm"/> (<c>arms/&lt;name&gt;</c>).</summary>
    public string ArmDirectory(Arm arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        return Path.Combine(Root, "arms", arm.FolderName);
    }

    /// <summary>True iff the arm's manifest exists and says <c>"status": "done"</c>; a damaged manifest is an error.</summary>
    public bool IsArmFinished(Arm arm)
    {
        string path = Path.Combine(ArmDirectory(arm), ManifestFile);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject o && o["status"] is JsonValue v && v.TryGetValue(out string? s) && s == "done";
        }
        catch (JsonException ex)
        {
            throw new RunFolderException($"{path}: damaged arm manifest ({ex.Message}); delete the arm folder to re-run it.", ex);
        }
    }

    /// <summary>
    /// Atomically writes the arm's <c>manifest.json</c> with <c>"status": "done"</c> plus <paramref name="details"/>
    /// (versions, seeds, timings). Call it after every other file of the arm is in place.
    /// </summary>
    public void MarkArmDone(Arm arm, JsonObject? details = null)
    {
        var manifest = new JsonObject { ["status"] = "done", ["id"] = arm.Id, ["folder"] = arm.FolderName };
        foreach (var (key, value) in (details ?? []).Where(kv => kv.Key is not ("status" or "id" or "folder")))
        {
            manifest[key] = value?.DeepClone();
        }

        AtomicFile.WriteAllText(Path.Combine(ArmDirectory(arm), ManifestFile), manifest.ToJsonString(Indented) + "\n");
    }
}
