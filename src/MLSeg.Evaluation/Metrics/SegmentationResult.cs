using System.Text;
using System.Text.Json;

namespace MLSeg.Evaluation.Metrics;

/// <summary>Per-label metrics of one image, ordered by label value.</summary>
public sealed class SegmentationResult
{
    /// <summary>Wraps per-label metrics (label value ≥ 1 → metrics).</summary>
    public SegmentationResult(IReadOnlyDictionary<int, LabelMetrics> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Labels = new SortedDictionary<int, LabelMetrics>(labels.ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    /// <summary>Label value → metrics, ascending.</summary>
    public IReadOnlyDictionary<int, LabelMetrics> Labels { get; }

    /// <summary>The metrics of <paramref name="label"/>; throws naming the labels present when absent.</summary>
    public LabelMetrics this[int label] => Labels.TryGetValue(label, out var m)
        ? m
        : throw new KeyNotFoundException($"Label {label} was not evaluated; labels present: {string.Join(", ", Labels.Keys)}.");

    /// <summary>
    /// JSON of the form <c>{"1": {"dice": …, "hd": …, "hd95": …, "assd": …, "rmsDta": …}, …}</c> with null for
    /// missing values.
    /// </summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the object described in <see cref="ToJson"/> to <paramref name="writer"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var (label, metrics) in Labels)
        {
            writer.WritePropertyName(label.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteMetrics(writer, metrics);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one <see cref="LabelMetrics"/> as a JSON object with nulls for missing values.</summary>
    public static void WriteMetrics(Utf8JsonWriter writer, LabelMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metrics);
        writer.WriteStartObject();
        foreach (string name in LabelMetrics.Names)
        {
            WriteNumberOrNull(writer, name, metrics.Get(name));
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a number property, or null when the value is missing.</summary>
    internal static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
