using System.Text.Json;
using MLSeg.TestKit;

namespace MLSeg.Models.Tests;

/// <summary>
/// Runs References/make_resnet18.py once per test run into a temp folder (the 45 MB weights are not committed) and
/// exposes its files: torchvision resnet18 weights, reference features, and resnet18/34 key lists.
/// </summary>
public sealed class TorchvisionReference : IDisposable
{
    public TorchvisionReference()
    {
        Directory = RepoPaths.NewTempDir("mlseg-resnet-ref");
        string script = Path.Combine(AppContext.BaseDirectory, "References", "make_resnet18.py");
        ExternalTools.Run(ExternalTools.Python, [script, Directory], timeoutMs: 600_000);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "keys.json")));
        Keys = doc.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => (Keys: p.Value.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList(),
                  Parameters: p.Value.GetProperty("parameters").GetInt64(),
                  FcParameters: p.Value.GetProperty("fc_parameters").GetInt64()));
    }

    public string Directory { get; }

    public string WeightsPath => Path.Combine(Directory, "resnet18.safetensors");

    public string FeaturesPath => Path.Combine(Directory, "reference.safetensors");

    /// <summary>"resnet18"/"resnet34" → torchvision's state_dict keys and parameter counts.</summary>
    public IReadOnlyDictionary<string, (List<string> Keys, long Parameters, long FcParameters)> Keys { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}
