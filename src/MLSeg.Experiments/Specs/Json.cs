using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>Builds canonical JSON: keys in the given order, null values left out.</summary>
internal static class Json
{
    public static JsonObject Object(params (string Key, object? Value)[] entries)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in entries)
        {
            JsonNode? node = value switch
            {
                null => null,
                JsonNode n => n,
                string s => JsonValue.Create(s),
                int i => JsonValue.Create(i),
                double d => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                _ => throw new ArgumentException($"Unsupported JSON value type {value.GetType().Name} for '{key}'.", nameof(entries)),
            };
            if (node is not null)
            {
                obj[key] = node;
            }
        }

        return obj;
    }

    public static JsonArray? Array<T>(IEnumerable<T>? items) => items is null ? null : new JsonArray([.. items.Select(i => JsonValue.Create(i))]);
}
