using System.Diagnostics;
using System.IO.Compression;
using MLSeg.Core.Errors;

namespace MLSeg.TestKit;

/// <summary>
/// Seeded mutation fuzzing of a file reader: each round writes a mutated copy of a valid file (bit flips, random and
/// boundary bytes, 16/32-bit boundary integers, truncation, inserted, deleted and repeated blocks; one to four edits)
/// and calls the reader on it. The reader passes when every round either returns an image its <c>check</c> accepts
/// or throws an <see cref="ImageFormatException"/> whose message names the file; any other exception type, or an error
/// that does not name the file, is collected and reported with the round and seed that reproduce it.
/// </summary>
public static class MutationFuzzer
{
    private static readonly byte[] BoundaryBytes = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF];
    private static readonly uint[] BoundaryWords = [0, 1, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x10000, 348, 540];

    /// <summary>One mutation of <paramref name="original"/> drawn from <paramref name="random"/>.</summary>
    public static byte[] Mutate(byte[] original, Random random)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new List<byte>(original);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes[at] = BoundaryBytes[random.Next(BoundaryBytes.Length)];
                    break;
                case 3:
                {
                    uint word = BoundaryWords[random.Next(BoundaryWords.Length)];
                    int width = random.Next(2) == 0 ? 2 : 4;
                    bool big = random.Next(2) == 0;
                    for (int b = 0; b < width && at + b < bytes.Count; b++)
                    {
                        int shift = 8 * (big ? width - 1 - b : b);
                        bytes[at + b] = (byte)(word >> shift);
                    }

                    break;
                }

                case 4:
                    bytes.RemoveRange(at, bytes.Count - at); // truncate
                    break;
                case 5:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 64)));
                    break;
                case 6:
                {
                    var block = new byte[random.Next(1, 64)];
                    random.NextBytes(block);
                    bytes.InsertRange(at, block);
                    break;
                }

                default:
                {
                    int length = Math.Min(bytes.Count - at, random.Next(1, 256));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length)); // a repeated block
                    break;
                }
            }
        }

        return [.. bytes];
    }

    /// <summary>
    /// Runs <paramref name="rounds"/> mutations of <paramref name="original"/> (seeded by <paramref name="seed"/>)
    /// through <paramref name="read"/>, each written to a file named <paramref name="fileName"/>; with
    /// <paramref name="gzipAfterMutating"/> the mutated bytes are gzip-compressed before they are written (so the
    /// reader's parser, not its inflater, meets the damage). Fails with the first few offending rounds.
    /// </summary>
    public static void Run(byte[] original, int rounds, int seed, string fileName, Action<string> read, bool gzipAfterMutating = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        string dir = RepoPaths.NewTempDir("mlseg-fuzz");
        string path = Path.Combine(dir, fileName);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            var random = new Random(seed);
            for (int round = 0; round < rounds; round++)
            {
                byte[] mutated = Mutate(original, random);
                File.WriteAllBytes(path, gzipAfterMutating ? Gzip(mutated) : mutated);
                try
                {
                    read(path);
                }
                catch (ImageFormatException ex) when (ex.Message.Contains(path, StringComparison.Ordinal))
                {
                    // a clear error: the reader's own exception type, naming the file
                }
                catch (Exception ex)
                {
                    failures.Add($"round {round} (seed {seed}): {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}");
                    if (failures.Count >= 5)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Assert.True(failures.Count == 0, $"{fileName}: {failures.Count} mutated file(s) escaped as something other than a clear ImageFormatException " +
            $"(after {clock.Elapsed.TotalSeconds:F1} s):\n{string.Join("\n\n", failures)}");
    }

    /// <summary>The gzip compression of <paramref name="bytes"/>.</summary>
    public static byte[] Gzip(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>The inflated bytes of gzip data.</summary>
    public static byte[] Gunzip(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
