using MLSeg.Core.IO;
using System.Globalization;
using System.Text.Json;
using MLSeg.Evaluation.Metrics;

namespace MLSeg.Evaluation.Aggregation;

/// <summary>
/// Writes an arm's <c>summary.json</c> in nnU-Net's shape — <c>metric_per_case</c>, <c>mean</c> (per label),
/// <c>foreground_mean</c> — plus <c>median</c>, <c>sd</c>, <c>count</c> and <c>missing</c> per label so missing
/// values stay visible. The file is written to a temporary name and renamed, so it is never seen half-written.
/// </summary>
public static class SummaryJsonWriter
{
    /// <summary>Writes the summary of <paramref name="accumulator"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(MetricAccumulator accumulator, string path)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            WriteTo(accumulator, writer);
        });
    }

    /// <summary>Writes the summary object to <paramref name="writer"/>.</summary>
    public static void WriteTo(MetricAccumulator accumulator, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("metric_per_case");
        foreach (var c in accumulator.Cases)
        {
            writer.WriteStartObject();
            writer.WriteString("case", c.CaseId);
            WriteStringOrNull(writer, "reference_file", c.ReferenceFile);
            WriteStringOrNull(writer, "prediction_file", c.PredictionFile);
            writer.WritePropertyName("metrics");
            c.Result.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var perClass = LabelMetrics.Names.ToDictionary(n => n, accumulator.PerClass, StringComparer.Ordinal);
        WritePerLabel(writer, "mean", accumulator.Labels, perClass, a => a.Mean);
        WritePerLabel(writer, "median", accumulator.Labels, perClass, a => a.Median);
        WritePerLabel(writer, "sd", accumulator.Labels, perClass, a => a.StandardDeviation);
        WritePerLabel(writer, "count", accumulator.Labels, perClass, a => a.Count);
        WritePerLabel(writer, "missing", accumulator.Labels, perClass, a => a.Missing);
        writer.WriteStartObject("foreground_mean");
        foreach (string name in LabelMetrics.Names)
        {
            SegmentationResult.WriteNumberOrNull(writer, name, accumulator.ForegroundMean(name));
        }

        writer.WriteEndObject();
        writer.WriteNumber("case_count", accumulator.Cases.Count);
        writer.WriteEndObject();
    }

    private static void WritePerLabel(
        Utf8JsonWriter writer,
        string property,
        IReadOnlyList<int> labels,
        Dictionary<string, IReadOnlyDictionary<int, MetricAggregate>> perClass,
        Func<MetricAggregate, double?> select)
    {
        writer.WriteStartObject(property);
        foreach (int label in labels)
        {
            writer.WriteStartObject(label.ToString(CultureInfo.InvariantCulture));
            foreach (string name in LabelMetrics.Names)
            {
                SegmentationResult.WriteNumberOrNull(writer, name, select(perClass[name][label]));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
