using MLSeg.Core.Errors;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MLSeg.Models.Engine.Serialization;

namespace MLSeg.Models.ResNet;

/// <summary>Loads pretrained weights saved by other tools into MLSeg encoders, by name.</summary>
public static class EncoderWeights
{
    /// <summary>Key prefixes stripped from a file's keys (a whole-network state dict, or a segmentation-library backbone).</summary>
    public static IReadOnlyList<string> KnownPrefixes { get; } = ["encoder.", "backbone."];

    /// <summary>
    /// Loads a torchvision ResNet state dict saved as safetensors into <paramref name="encoder"/>. Keys may carry an
    /// <c>encoder.</c> or <c>backbone.</c> prefix; <c>fc.*</c> (and any other non-encoder key) is ignored and listed as
    /// unexpected. When the encoder's conv1 takes 1 channel and the file's takes 3, the RGB weights are folded over the
    /// input-channel dimension: summed for <see cref="InputAdaptation.SumFirstConv"/> (the network on a gray image then
    /// equals the RGB network on that image repeated to three channels), averaged for
    /// <see cref="InputAdaptation.AverageFirstConv"/> (equal to the RGB network on the gray image scaled by ⅓).
    /// </summary>
    /// <param name="encoder">The encoder to fill (its parameters and buffers are overwritten in place).</param>
    /// <param name="safetensorsPath">A safetensors file of a torchvision resnet18/resnet34 state dict.</param>
    /// <param name="adaptation">How RGB conv1 weights meet a 1-channel conv1.</param>
    /// <param name="requireAllEncoderKeys">When true (default) any encoder key missing from the file, or of another shape, throws.</param>
    /// <returns>Which keys were loaded, missing, unexpected (e.g. <c>fc.weight</c>) or shape-mismatched (after prefix stripping).</returns>
    /// <exception cref="SchemaMismatchException">The file lacks encoder keys or has other shapes (with <paramref name="requireAllEncoderKeys"/>), or names one key twice after prefix stripping.</exception>
    /// <exception cref="ArgumentException">RepeatToRgb was asked for a 1-channel conv1 (build the encoder with RepeatToRgb instead).</exception>
    /// <exception cref="SafeTensorsFormatException">The file is malformed.</exception>
    public static LoadStateDictReport LoadTorchvision(ResNetEncoder encoder, string safetensorsPath, InputAdaptation adaptation, bool requireAllEncoderKeys = true)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentException.ThrowIfNullOrEmpty(safetensorsPath);
        using DisposeScope scope = torch.NewDisposeScope();
        using SafeTensorsContent content = SafeTensors.Load(safetensorsPath);
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in content.Tensors)
        {
            string name = StripPrefix(key);
            if (!dict.TryAdd(name, tensor))
            {
                throw new SchemaMismatchException($"{safetensorsPath}: key '{key}' maps to '{name}', which another key already supplied; the file mixes prefixed and unprefixed weights.");
            }
        }

        if (dict.TryGetValue("conv1.weight", out Tensor? conv1) && conv1.dim() == 4 && conv1.shape[1] == 3 && encoder.FirstConvInChannels == 1)
        {
            dict["conv1.weight"] = adaptation switch
            {
                InputAdaptation.SumFirstConv => conv1.sum(1, keepdim: true),
                InputAdaptation.AverageFirstConv => conv1.mean([1], keepdim: true),
                InputAdaptation.RepeatToRgb => throw new ArgumentException(
                    "RepeatToRgb keeps a 3-channel conv1, but this encoder's conv1 takes 1 channel; build the encoder with InputAdaptation.RepeatToRgb.", nameof(adaptation)),
                _ => throw new ArgumentOutOfRangeException(nameof(adaptation), adaptation, "Expected SumFirstConv, AverageFirstConv or RepeatToRgb."),
            };
        }

        // Split off the non-encoder keys first, so a strict load can refuse before copying anything.
        var own = new HashSet<string>(encoder.state_dict().Keys, StringComparer.Ordinal);
        var unexpected = dict.Keys.Where(k => !own.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var matching = dict.Where(p => own.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        LoadStateDictReport inner;
        try
        {
            inner = StateDicts.Load(encoder, matching, strict: requireAllEncoderKeys);
        }
        catch (SchemaMismatchException e)
        {
            throw new SchemaMismatchException(
                $"{safetensorsPath} does not hold a torchvision {encoder.Depth} encoder (nothing was loaded): {e.Message} " +
                "Pass requireAllEncoderKeys: false to load only the matching keys.", e);
        }

        var report = new LoadStateDictReport(inner.MissingKeys, unexpected, inner.ShapeMismatches, inner.LoadedKeys);
        return report;
    }

    private static string StripPrefix(string key)
    {
        foreach (string prefix in KnownPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return key[prefix.Length..];
            }
        }

        return key;
    }
}
