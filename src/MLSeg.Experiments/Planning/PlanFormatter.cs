using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Planning;

/// <summary>The output of <c>mlseg plan</c>: a text table or a JSON array.</summary>
public static class PlanFormatter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A JSON array, one object per arm: id, source, subset, n, fold, seed, folder, pretrainKey (null when none).</summary>
    public static string ToJson(IEnumerable<Arm> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var array = new JsonArray();
        foreach (Arm a in arms)
        {
            array.Add(new JsonObject
            {
                ["id"] = a.Id,
                ["source"] = a.Source,
                ["subset"] = a.Subset,
                ["n"] = int.TryParse(a.Size, out int n) ? JsonValue.Create(n) : JsonValue.Create(a.Size),
                ["fold"] = a.Fold,
                ["seed"] = a.Seed,
                ["folder"] = a.FolderName,
                ["pretrainKey"] = a.PretrainKey,
            });
        }

        return array.ToJsonString(Indented);
    }

    /// <summary>A readable table (one line per arm) and a count line.</summary>
    public static string ToText(IReadOnlyList<Arm> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var sb = new StringBuilder();
        sb.AppendLine("id               source          subset      n             fold  seed");
        foreach (Arm a in arms)
        {
            sb.AppendLine($"{a.Id,-16} {a.Source,-15} {a.Subset,-11} {a.Size,-13} {a.Fold,4}  {a.Seed,4}");
        }

        sb.AppendLine($"{arms.Count} arm(s), {arms.Select(a => a.PretrainJobKey).OfType<string>().Distinct().Count()} pretraining job(s)");
        return sb.ToString();
    }
}
