using System.Text;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// Writes files so that a reader sees either the old content or the complete new one, never a half file: the bytes
/// go to a temporary file in the same folder, are flushed to disk (fsync), and the temporary file is renamed over
/// the target (an atomic replace on the same file system).
/// </summary>
public static class AtomicFile
{
    /// <summary>Atomically writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
    }

    /// <summary>Atomically writes <paramref name="bytes"/> to <paramref name="path"/>, creating its folder when absent.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
