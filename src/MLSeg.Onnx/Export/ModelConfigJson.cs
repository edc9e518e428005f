using System.Text.Json;
using System.Text.Json.Serialization;
using MLSeg.Core.Errors;
using MLSeg.Models.Contracts;

namespace MLSeg.Onnx.Export;

/// <summary>
/// The JSON form of a <see cref="ModelConfig"/> recorded in checkpoints and ONNX metadata: camelCase property names,
/// enums as their names (<c>{"architecture":"UNet","inChannels":1,…,"norm":"Batch",…}</c>).
/// </summary>
public static class ModelConfigJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, // "encoder" only for a registered encoder: other configs keep their form
    };

    /// <summary>The config as a single-line JSON object.</summary>
    public static string Serialize(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return JsonSerializer.Serialize(config, Options);
    }

    /// <summary>Parses what <see cref="Serialize"/> wrote; <paramref name="source"/> names where the text came from, for messages.</summary>
    /// <exception cref="SchemaMismatchException">The text is not a ModelConfig JSON object (an unknown field or enum name included).</exception>
    public static ModelConfig Deserialize(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<ModelConfig>(json, Options)
                ?? throw new SchemaMismatchException($"{source}: the model config is JSON null; expected an object such as {Serialize(new ModelConfig())}.");
        }
        catch (JsonException e)
        {
            throw new SchemaMismatchException($"{source}: the model config is not valid ModelConfig JSON ({e.Message}); expected an object such as {Serialize(new ModelConfig())}.", e);
        }
    }
}
