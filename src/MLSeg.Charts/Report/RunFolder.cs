using System.Globalization;
using System.Text.Json;
using MLSeg.Charts.Data;

namespace MLSeg.Charts.Report;

/// <summary>Reads the parts of a run folder (docs/ARCHITECTURE.md, "Artifacts layout") that the report shows.</summary>
internal sealed class RunFolder
{
    private RunFolder(string root, string specText, IReadOnlyList<ResultRow> results, IReadOnlyList<ArmRecord> arms, IReadOnlyList<string> staleArms)
    {
        Root = root;
        SpecText = specText;
        Results = results;
        Arms = arms;
        StaleArms = staleArms;
    }

    public string Root { get; }

    public string SpecText { get; }

    public IReadOnlyList<ResultRow> Results { get; }

    public IReadOnlyList<ArmRecord> Arms { get; }

    /// <summary>Folders under arms/ that plan.json does not list: left by an earlier spec or cohort, not shown.</summary>
    public IReadOnlyList<string> StaleArms { get; }

    public static RunFolder Read(string runDirectory)
    {
        string root = Path.GetFullPath(runDirectory);
        if (!Directory.Exists(root))
        {
            throw new ReportDataException($"Run folder '{root}' does not exist.");
        }

        string spec = Path.Combine(root, "experiment.resolved.yaml");
        if (!File.Exists(spec))
        {
            throw new ReportDataException($"{spec} is missing; a run folder holds the resolved spec that produced it (run `mlseg run SPEC` first).");
        }

        var results = ResultsCsv.Read(Path.Combine(root, "results.csv"));
        if (results.Count == 0)
        {
            throw new ReportDataException($"{Path.Combine(root, "results.csv")} has a header but no rows; no arm has finished yet.");
        }

        string armsDir = Path.Combine(root, "arms");
        List<string> folders = Directory.Exists(armsDir) ? [.. Directory.GetDirectories(armsDir).Select(d => Path.GetFileName(d)!)] : [];
        // The runner records the current plan's arms in plan.json; other arm folders are an earlier spec's and are
        // never shown or counted. A folder from before plan.json existed shows every arm folder.
        IReadOnlyList<string>? planned = ReadPlan(Path.Combine(root, "plan.json"));
        var current = planned ?? folders;
        var arms = current.Order(StringComparer.Ordinal).Select(f => ReadArm(Path.Combine(armsDir, f))).ToList();
        var stale = planned is null ? [] : folders.Except(planned, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new RunFolder(root, File.ReadAllText(spec), results, arms, stale);
    }

    private static List<string>? ReadPlan(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ReportDataException($"{path}: expected a JSON array of arms (as `mlseg plan --json` prints).");
            }

            return [.. doc.RootElement.EnumerateArray().Select(a =>
                a.ValueKind == JsonValueKind.Object && a.TryGetProperty("folder", out var f) && f.ValueKind == JsonValueKind.String && f.GetString() is { Length: > 0 } name
                    && name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..")
                    ? name
                    : throw new ReportDataException($"{path}: every arm needs a 'folder' that names one folder under arms/."))];
        }
        catch (JsonException ex)
        {
            throw new ReportDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static ArmRecord ReadArm(string dir)
    {
        string id = Path.GetFileName(dir);
        string manifest = Path.Combine(dir, "manifest.json");
        string summary = Path.Combine(dir, "validation", "summary.json");
        string log = Path.Combine(dir, "train_log.csv");
        string? status = null;
        double wall = double.NaN;
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(manifest))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
                JsonElement rootEl = doc.RootElement;
                if (rootEl.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String)
                {
                    status = s.GetString();
                }

                if (rootEl.TryGetProperty("wallSeconds", out var w) && w.ValueKind == JsonValueKind.Number)
                {
                    wall = w.GetDouble();
                }

                if (rootEl.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in v.EnumerateObject())
                    {
                        versions[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new ReportDataException($"{manifest} is not valid JSON: {ex.Message}", ex);
            }
        }

        IReadOnlyList<TrainLogRow>? rows = File.Exists(log) ? TrainLogCsv.Read(log) : null;
        if (double.IsNaN(wall) && rows is { Count: > 0 })
        {
            wall = rows.Sum(r => r.Seconds);
        }

        string overlays = Path.Combine(dir, "overlays");
        return new ArmRecord
        {
            Id = id,
            Status = status ?? (File.Exists(summary) ? "done" : "incomplete"),
            Versions = versions,
            WallSeconds = wall,
            SummaryPath = File.Exists(summary) ? summary : null,
            TrainLogPath = rows is null ? null : log,
            OverlayPngs = Directory.Exists(overlays) ? [.. Directory.GetFiles(overlays, "*.png").Order(StringComparer.Ordinal)] : [],
        };
    }

    /// <summary>Formats seconds as <c>1 h 02 min</c>, <c>3 min 05 s</c> or <c>12.3 s</c>.</summary>
    public static string FormatDuration(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return "unknown";
        }

        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:00} min")
            : t.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes} min {t.Seconds:00} s")
                : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s");
    }
}
