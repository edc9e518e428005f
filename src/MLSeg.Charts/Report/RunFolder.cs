using System.Globalization;
using System.Text.Json;
using MLSeg.Charts.Data;

namespace MLSeg.Charts.Report;

/// <summary>Reads the parts of a run folder (docs/ARCHITECTURE.md, "Artifacts layout") that the report shows.</summary>
internal sealed class RunFolder
{
    /// <summary>The human-band file the experiment runner writes when some cases have masks from two or more observers.</summary>
    public const string HumanBandFile = "human_band.json";

    private RunFolder(string root, string specText, IReadOnlyList<ResultRow> results, IReadOnlyList<ArmRecord> arms, RunHumanBand? humanBand, IReadOnlyList<string> staleArms)
    {
        Root = root;
        SpecText = specText;
        Results = results;
        Arms = arms;
        HumanBand = humanBand;
        ExperimentName = ReadName(specText);
        StaleArms = staleArms;
    }

    public string Root { get; }

    public string SpecText { get; }

    public IReadOnlyList<ResultRow> Results { get; }

    public IReadOnlyList<ArmRecord> Arms { get; }

    /// <summary>The band from <see cref="HumanBandFile"/>; null when the file is absent.</summary>
    public RunHumanBand? HumanBand { get; }

    /// <summary>The spec's top-level <c>name</c>; null when the spec has none.</summary>
    public string? ExperimentName { get; }

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
        return new RunFolder(root, File.ReadAllText(spec), results, arms, ReadHumanBand(Path.Combine(root, HumanBandFile)), stale);
    }

    /// <summary>
    /// The top-level <c>name:</c> of a resolved spec: a plain, single-quoted or double-quoted (JSON-escaped, as the spec
    /// writer emits strings) scalar; null when there is no such line.
    /// </summary>
    internal static string? ReadName(string specText)
    {
        foreach (string line in specText.Split('\n'))
        {
            if (!line.StartsWith("name:", StringComparison.Ordinal))
            {
                continue;
            }

            string value = line["name:".Length..].Trim();
            if (value.StartsWith('"'))
            {
                try
                {
                    return JsonSerializer.Deserialize<string>(value);
                }
                catch (JsonException ex)
                {
                    throw new ReportDataException($"experiment.resolved.yaml: the name {value} is not a valid double-quoted string: {ex.Message}", ex);
                }
            }

            if (value.StartsWith('\''))
            {
                int end = value.LastIndexOf('\'');
                return end > 0 ? value[1..end].Replace("''", "'", StringComparison.Ordinal)
                    : throw new ReportDataException($"experiment.resolved.yaml: the name {value} has no closing quote.");
            }

            int comment = value.IndexOf(" #", StringComparison.Ordinal);
            value = (comment >= 0 ? value[..comment] : value).Trim();
            return value.Length == 0 ? null : value;
        }

        return null;
    }

    private static RunHumanBand? ReadHumanBand(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement r = doc.RootElement;
            string metricName = r.GetProperty("metric").GetString() ?? "";
            Metric? metric = MetricInfo.All.Cast<Metric?>().FirstOrDefault(m => string.Equals(MetricInfo.ShortName(m!.Value), metricName, StringComparison.OrdinalIgnoreCase));
            if (metric is null)
            {
                throw new ReportDataException($"{path}: metric '{metricName}' is not one of {string.Join(", ", MetricInfo.All.Select(MetricInfo.ShortName))}.");
            }

            double lower = r.GetProperty("lower").GetDouble(), upper = r.GetProperty("upper").GetDouble();
            if (!double.IsFinite(lower) || !double.IsFinite(upper) || lower > upper)
            {
                throw new ReportDataException($"{path}: the band [{lower}, {upper}] needs finite bounds with lower <= upper.");
            }

            return new RunHumanBand(metric.Value, r.GetProperty("label").GetInt32(), new HumanBand(lower, upper), r.TryGetProperty("cases", out var c) ? c.GetInt32() : 0);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ReportDataException($"{path} must be an object with metric, label, lower and upper (as the experiment runner writes it): {ex.Message}", ex);
        }
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
