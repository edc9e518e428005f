using MLSeg.Core.Errors;
using MLSeg.Core.Pipeline;

namespace MLSeg.Pipeline;

/// <summary>Typed reads of saved-transformer parameters that <see cref="TransformerManifest"/> does not offer itself.</summary>
internal static class ManifestValues
{
    /// <summary>The integer parameter <paramref name="key"/>; a fraction or a value out of Int32 range fails.</summary>
    public static int GetInt32(TransformerManifest manifest, string key, string directory)
    {
        double d = manifest.GetDouble(key);
        if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
        {
            throw new MLSegException($"{directory}: parameter '{key}' must be an integer; found {d}.");
        }

        return (int)d;
    }

    /// <summary>The enum parameter <paramref name="key"/>, written by name; unknown names fail listing the known ones.</summary>
    public static TEnum GetEnum<TEnum>(TransformerManifest manifest, string key, string directory)
        where TEnum : struct, Enum
    {
        string s = manifest.GetString(key);
        return Enum.TryParse(s, ignoreCase: false, out TEnum value) && Enum.IsDefined(value)
            ? value
            : throw new MLSegException($"{directory}: parameter '{key}' = '{s}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }

    /// <summary>A nullable string parameter (JSON null or absent ⇒ null).</summary>
    public static string? GetOptionalString(TransformerManifest manifest, string key) =>
        manifest.Parameters[key] is null ? null : manifest.GetString(key);
}
