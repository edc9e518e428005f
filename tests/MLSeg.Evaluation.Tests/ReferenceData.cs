using System.Text.Json;
using MLSeg.Core.Imaging;
using MLSeg.Evaluation.Metrics;
using MLSeg.TestKit;

namespace MLSeg.Evaluation.Tests;

/// <summary>Loads References/metrics_reference.json, written by References/make_reference.py (scipy/numpy).</summary>
internal static class ReferenceData
{
    private static readonly Lazy<JsonDocument> Doc = new(() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(RepoPaths.Root, "tests", "MLSeg.Evaluation.Tests", "References", "metrics_reference.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static JsonElement MaskCase(string name) =>
        Root.GetProperty("masks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> MaskCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Root.GetProperty("masks").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static LabelMap Decode(JsonElement rle, int height, int width, PixelSpacing spacing)
    {
        var labels = new byte[height * width];
        int i = 0;
        foreach (var run in rle.EnumerateArray())
        {
            byte value = (byte)run[0].GetInt32();
            int length = run[1].GetInt32();
            labels.AsSpan(i, length).Fill(value);
            i += length;
        }

        Assert.Equal(labels.Length, i);
        return new LabelMap(height, width, labels, spacing);
    }

    public static PixelSpacing Spacing(JsonElement c) =>
        new(c.GetProperty("spacing")[0].GetDouble(), c.GetProperty("spacing")[1].GetDouble());

    public static LabelMetrics Expected(JsonElement entry) => new(
        Number(entry, "dice"), Number(entry, "hd"), Number(entry, "hd95"), Number(entry, "assd"), Number(entry, "rmsDta"));

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>Ring label map: 1 where rIn² ≤ dy² + dx² ≤ rOut² (the same integer formula as make_reference.py).</summary>
    public static LabelMap Ring(int size, int cy, int cx, int rIn, int rOut, PixelSpacing spacing)
    {
        var map = new LabelMap(size, size, spacing: spacing);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int d2 = ((y - cy) * (y - cy)) + ((x - cx) * (x - cx));
                map[y, x] = d2 >= rIn * rIn && d2 <= rOut * rOut ? (byte)1 : (byte)0;
            }
        }

        return map;
    }

    private static double? Number(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();
}
