using MLSeg.Core.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLSeg.Core.Errors;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// The content of a saved transformer's <c>transformer.json</c>:
/// <c>{"type": "MLSeg.IntensityNormalizer", "version": 1, "parameters": {…}}</c>.
/// </summary>
/// <param name="TypeName">The name the loader was registered under (<see cref="TransformerLoader.Register"/>).</param>
/// <param name="Version">The format version of the parameters, ≥ 1; a loader rejects versions it does not know.</param>
/// <param name="Parameters">The transformer's parameters as a JSON object.</param>
public sealed record TransformerManifest(string TypeName, int Version, JsonObject Parameters)
{
    /// <summary>The file name inside a transformer folder.</summary>
    public const string FileName = "transformer.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Atomically writes this manifest to <c>directory/transformer.json</c>, creating the folder.</summary>
    public void Write(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Version);
        var root = new JsonObject
        {
            ["type"] = TypeName,
            ["version"] = Version,
            ["parameters"] = Parameters.DeepClone(),
        };
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), root.ToJsonString(Indented) + "\n");
    }

    /// <summary>Reads <c>directory/transformer.json</c>; a missing file or field is an <see cref="MLSegException"/>.</summary>
    public static TransformerManifest Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new MLSegException($"{path}: no saved transformer here (expected {FileName} written by ISavableTransformer.Save).");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new MLSegException($"{path}: not valid JSON: {ex.Message}", ex);
        }

        if (node is not JsonObject obj)
        {
            throw new MLSegException($"{path}: expected a JSON object with 'type', 'version' and 'parameters'.");
        }

        string type = obj["type"] is JsonValue t && t.TryGetValue(out string? s) && !string.IsNullOrEmpty(s)
            ? s
            : throw new MLSegException($"{path}: 'type' must be a non-empty string.");
        int version = obj["version"] is JsonValue v && v.TryGetValue(out int n) && n >= 1
            ? n
            : throw new MLSegException($"{path}: 'version' must be an integer ≥ 1.");
        JsonObject parameters = obj["parameters"] as JsonObject
            ?? throw new MLSegException($"{path}: 'parameters' must be a JSON object.");
        return new TransformerManifest(type, version, (JsonObject)parameters.DeepClone());
    }

    /// <summary>The string parameter <paramref name="key"/>; fails naming the file's type and key when absent.</summary>
    public string GetString(string key) =>
        Parameters[key] is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw new MLSegException($"Saved transformer '{TypeName}': parameter '{key}' must be a string.");

    /// <summary>The numeric parameter <paramref name="key"/> (round-trip exact for doubles written by System.Text.Json).</summary>
    public double GetDouble(string key) =>
        Parameters[key] is JsonValue v && v.TryGetValue(out double d)
            ? d
            : throw new MLSegException($"Saved transformer '{TypeName}': parameter '{key}' must be a number.");

    /// <summary>Fails unless <see cref="Version"/> equals <paramref name="supported"/>.</summary>
    public void RequireVersion(int supported)
    {
        if (Version != supported)
        {
            throw new MLSegException($"Saved transformer '{TypeName}' has version {Version}; this build reads version {supported}.");
        }
    }
}
