using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>
/// Writes a spec's canonical JSON as block YAML (strings double-quoted in JSON syntax, which YAML reads back the same),
/// e.g. <c>experiment.resolved.yaml</c>. Reading the output with <see cref="SpecParser"/> gives the same spec.
/// </summary>
public static class SpecYamlWriter
{
    /// <summary>The YAML text of <paramref name="spec"/> (resolve it first to write every default).</summary>
    public static string Write(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var sb = new StringBuilder();
        WriteMapping(sb, spec.ToJson(), 0);
        return sb.ToString();
    }

    private static void WriteMapping(StringBuilder sb, JsonObject obj, int indent)
    {
        bool first = true;
        foreach (var (key, value) in obj)
        {
            // The first key of a list item continues the "- " line.
            if (!(first && indent < 0))
            {
                sb.Append(' ', Math.Abs(indent));
            }

            first = false;
            sb.Append(key).Append(':');
            WriteValue(sb, value, Math.Abs(indent));
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject o when o.Count == 0:
                sb.Append(" {}\n");
                break;
            case JsonObject o:
                sb.Append('\n');
                WriteMapping(sb, o, indent + 2);
                break;
            case JsonArray a when a.All(i => i is JsonValue):
                sb.Append(" [").Append(string.Join(", ", a.Select(Scalar))).Append("]\n");
                break;
            case JsonArray a:
                sb.Append('\n');
                foreach (JsonNode? item in a)
                {
                    sb.Append(' ', indent + 2).Append("- ");
                    if (item is JsonObject io)
                    {
                        WriteMapping(sb, io, -(indent + 4));
                    }
                    else
                    {
                        sb.Append(Scalar(item)).Append('\n');
                    }
                }

                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.String => node.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => node.ToJsonString(),
    };
}
