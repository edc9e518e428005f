using System.Globalization;
using System.Text.Json.Nodes;
using MLSeg.Core.Errors;

namespace MLSeg.Persistence;

/// <summary>Typed reads of a saved step's parameters; a missing or mistyped value fails naming the step's file and key.</summary>
internal sealed class StepParameters
{
    private readonly JsonObject _values;

    public StepParameters(JsonObject values, string source)
    {
        _values = values;
        Source = source;
    }

    /// <summary>Where the parameters were read from (for messages).</summary>
    public string Source { get; }

    public string String(string key) =>
        _values[key] is JsonValue v && v.TryGetValue(out string? s) ? s : throw Bad(key, "a string");

    public string? OptionalString(string key) => _values[key] is null ? null : String(key);

    public double Double(string key) =>
        _values[key] is JsonValue v && v.TryGetValue(out double d) ? d : throw Bad(key, "a number");

    public int Int32(string key)
    {
        double d = Double(key);
        return d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : throw Bad(key, "an integer");
    }

    public TEnum Enum<TEnum>(string key)
        where TEnum : struct, Enum
    {
        string s = String(key);
        return System.Enum.TryParse(s, ignoreCase: false, out TEnum value) && System.Enum.IsDefined(value)
            ? value
            : throw new MLSegException($"{Source}: parameter '{key}' = '{s}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
    }

    public JsonNode? Node(string key) => _values[key];

    private MLSegException Bad(string key, string what) => new(string.Create(CultureInfo.InvariantCulture,
        $"{Source}: parameter '{key}' must be {what}; found {_values[key]?.ToJsonString() ?? "nothing"}."));
}
