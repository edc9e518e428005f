using MLSeg.Core.IO;
using System.Security.Cryptography;
using System.Text;

namespace MLSeg.Charts.Report;

/// <summary>
/// Replaces case identifiers with stable pseudonyms: <c>case-</c> + the first hex digits of HMAC-SHA256(salt, id), where
/// the salt is 32 random bytes kept in the run folder (<see cref="SaltFileName"/>), so pseudonyms are stable across
/// re-renders of one experiment and unlinkable across experiments. The digit count (≥ 6) grows until all ids are distinct.
/// Only fields that identify a case by their structure (the case column of results.csv) go through it; free text such
/// as the resolved spec or version strings is shown as written, because a token search for ids there would also
/// rewrite numbers and names that merely look like one (an image named "2" against <c>depth: 2</c>).
/// </summary>
public sealed class Pseudonymizer
{
    /// <summary>The salt file inside the run folder.</summary>
    public const string SaltFileName = "report-salt.txt";

    private readonly Dictionary<string, string> map;

    /// <summary>Creates pseudonyms for <paramref name="ids"/> with <paramref name="salt"/>.</summary>
    public Pseudonymizer(byte[] salt, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(ids);
        if (salt.Length < 16)
        {
            throw new ArgumentException($"Salt must be at least 16 bytes; got {salt.Length}.", nameof(salt));
        }

        string[] distinct = [.. ids.Where(i => i.Length > 0).Distinct(StringComparer.Ordinal)];
        var hashes = distinct.ToDictionary(i => i, i => Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(i))), StringComparer.Ordinal);
        int digits = 6;
        while (hashes.Values.Select(h => h[..digits]).Distinct(StringComparer.Ordinal).Count() < distinct.Length)
        {
            digits++;
        }

        map = hashes.ToDictionary(kv => kv.Key, kv => $"case-{kv.Value[..digits]}", StringComparer.Ordinal);
    }

    /// <summary>Reads the run folder's salt, creating it (atomically) on first use.</summary>
    public static byte[] LoadOrCreateSalt(string runDirectory)
    {
        string path = Path.Combine(runDirectory, SaltFileName);
        if (!File.Exists(path))
        {
            AtomicFile.WriteAllText(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n");
        }

        string text = File.ReadAllText(path).Trim();
        try
        {
            byte[] salt = Convert.FromHexString(text);
            return salt.Length >= 16 ? salt : throw new FormatException("too short");
        }
        catch (FormatException ex)
        {
            throw new Data.ReportDataException($"{path} must hold at least 32 hex digits (the pseudonym salt); delete it to make a new one (pseudonyms will change).", ex);
        }
    }

    /// <summary>The pseudonym of a known id; throws <see cref="ArgumentException"/> for an id it was not built for.</summary>
    public string Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return map.TryGetValue(id, out string? p) ? p : throw new ArgumentException($"'{id}' is not one of the identifiers this pseudonymizer was built for.", nameof(id));
    }

    /// <summary>Whether <paramref name="id"/> is a known identifier.</summary>
    public bool Knows(string id) => map.ContainsKey(id);
}
