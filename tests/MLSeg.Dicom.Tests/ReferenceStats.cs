using System.Text.Json;
using MLSeg.TestKit;

namespace MLSeg.Dicom.Tests;

/// <summary>The pydicom+gdcm statistics in dicom-extra/reference_stats.json, by fixture path.</summary>
internal static class ReferenceStats
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Entries = new(Load);

    /// <summary>The reference entry of a fixture file name.</summary>
    public static JsonElement For(string fileName) => Entries.Value[fileName];

    /// <summary>Fixture paths (relative to the fixtures root) of every entry, found in dicom/, dicom/CT2-series/ or dicom-extra/.</summary>
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        if (Fixtures.Root is null)
        {
            data.Add("dicom/CT_small.dcm"); // the theory skips without fixtures; one row keeps xUnit from failing on empty data
            return data;
        }

        foreach (string name in Entries.Value.Keys.Order(StringComparer.Ordinal))
        {
            foreach (string folder in new[] { "dicom", "dicom/CT2-series", "dicom-extra" })
            {
                if (File.Exists(System.IO.Path.Combine(Fixtures.Root, folder, name)))
                {
                    data.Add($"{folder}/{name}");
                    break;
                }
            }
        }

        return data;
    }

    private static Dictionary<string, JsonElement> Load()
    {
        if (Fixtures.Root is null)
        {
            return [];
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("dicom-extra/reference_stats.json")));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }
}
