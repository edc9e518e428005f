using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MLSeg.Core.Caching;

/// <summary>
/// The identity of a cached value: SHA-256 over a key-format version, a canonical settings string (every setting that
/// shapes the value, plus a version of the code that computes it) and the SHA-256 digests of the source files' bytes,
/// in order. Two values with the same key are interchangeable; a changed file byte or setting gives another key.
/// </summary>
public sealed record ContentKey
{
    /// <summary>Version of the key derivation; bumping it invalidates every cached value.</summary>
    public const int FormatVersion = 1;

    private ContentKey(string hex) => Hex = hex;

    /// <summary>The key as 64 lowercase hexadecimal digits.</summary>
    public string Hex { get; }

    /// <summary>The key of a value computed with <paramref name="settings"/> from the files <paramref name="files"/> (their bytes are hashed).</summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static ContentKey Create(string settings, params IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return FromDigests(settings, files.Select(HashFile));
    }

    /// <summary>The key of a value computed with <paramref name="settings"/> from files whose <see cref="HashFile"/> digests are <paramref name="fileDigests"/>.</summary>
    public static ContentKey FromDigests(string settings, params IEnumerable<string> fileDigests)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fileDigests);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(number, FormatVersion);
        hash.AppendData("mlseg-content-key"u8);
        hash.AppendData(number);

        // Length-prefixed parts, so no choice of settings text can make two different (settings, files) lists collide.
        byte[] settingsBytes = Encoding.UTF8.GetBytes(settings);
        BinaryPrimitives.WriteInt32LittleEndian(number, settingsBytes.Length);
        hash.AppendData(number);
        hash.AppendData(settingsBytes);
        foreach (string digest in fileDigests)
        {
            if (digest is null || digest.Length != 64 || !digest.All(char.IsAsciiHexDigitLower))
            {
                throw new ArgumentException($"'{digest}' is not a SHA-256 digest from ContentKey.HashFile (64 lowercase hex digits).", nameof(fileDigests));
            }

            hash.AppendData(Encoding.ASCII.GetBytes(digest));
        }

        return new ContentKey(Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>SHA-256 of the bytes of <paramref name="path"/>, as 64 lowercase hexadecimal digits.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string HashFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Cannot hash '{path}' for the cache key: the file does not exist.", path);
        }

        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Parses a key written as 64 lowercase hexadecimal digits.</summary>
    public static ContentKey Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower)
            ? new ContentKey(hex)
            : throw new FormatException($"'{hex}' is not a content key (expected 64 lowercase hex digits).");
    }

    /// <inheritdoc />
    public override string ToString() => Hex;
}
