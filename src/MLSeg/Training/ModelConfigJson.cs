using System.Text.Json.Nodes;
using MLSeg.Core.Errors;
using MLSeg.Models.Contracts;

namespace MLSeg.Training;

/// <summary>A <see cref="ModelConfig"/> as a JSON object (enums by name), for saved transformers.</summary>
internal static class ModelConfigJson
{
    /// <summary>The JSON form.</summary>
    public static JsonObject Write(ModelConfig config) => new()
    {
        ["architecture"] = config.Architecture.ToString(),
        ["in_channels"] = config.InChannels,
        ["num_classes"] = config.NumClasses,
        ["depth"] = config.Depth,
        ["base_channels"] = config.BaseChannels,
        ["norm"] = config.Norm.ToString(),
        ["norm_groups"] = config.NormGroups,
        ["upsampling"] = config.Upsampling.ToString(),
        ["input_adaptation"] = config.InputAdaptation.ToString(),
    };

    /// <summary>Reads the JSON form; a missing or mistyped field fails naming <paramref name="source"/> and the field.</summary>
    public static ModelConfig Read(JsonNode? node, string source)
    {
        if (node is not JsonObject o)
        {
            throw new MLSegException($"{source}: 'model' must be a JSON object describing the ModelConfig.");
        }

        return new ModelConfig
        {
            Architecture = Enum<Architecture>(o, "architecture", source),
            InChannels = Int(o, "in_channels", source),
            NumClasses = Int(o, "num_classes", source),
            Depth = checked((int)Int(o, "depth", source)),
            BaseChannels = Int(o, "base_channels", source),
            Norm = Enum<NormKind>(o, "norm", source),
            NormGroups = Int(o, "norm_groups", source),
            Upsampling = Enum<UpsamplingKind>(o, "upsampling", source),
            InputAdaptation = Enum<InputAdaptation>(o, "input_adaptation", source),
        };
    }

    /// <summary>The config with the fields that do not shape the encoder (classes, decoder upsampling) fixed, for comparing encoders.</summary>
    public static ModelConfig EncoderPart(ModelConfig config) => config with { NumClasses = 1, Upsampling = UpsamplingKind.Transpose };

    private static long Int(JsonObject o, string key, string source) =>
        o[key] is JsonValue v && v.TryGetValue(out long n) ? n : throw new MLSegException($"{source}: model field '{key}' must be an integer.");

    private static T Enum<T>(JsonObject o, string key, string source)
        where T : struct, Enum =>
        o[key] is JsonValue v && v.TryGetValue(out string? s) && System.Enum.TryParse(s, out T value) && System.Enum.IsDefined(value)
            ? value
            : throw new MLSegException($"{source}: model field '{key}' must be one of {string.Join(", ", System.Enum.GetNames<T>())}.");
}
