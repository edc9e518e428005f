using System.IO.Compression;
using MLSeg.Core.Errors;

namespace MLSeg.ImageIO;

/// <summary>
/// Picks a reader by file content, not by extension: PNG signature, NPY magic, NIfTI sizeof_hdr (348/540, either byte
/// order; gzip is inflated first), plus any registered reader (e.g. DICOM, 'DICM' at byte 128, from MLSeg.Dicom).
/// Unknown content is an <see cref="ImageFormatException"/> naming the file and the formats tried (never its bytes).
/// </summary>
public sealed class ImageLoader
{
    /// <summary>Bytes of (inflated) header passed to <see cref="IImageReader.CanRead"/>.</summary>
    public const int HeaderBytes = 1024;

    private readonly List<IImageReader> readers;

    /// <summary>A loader with the built-in readers followed by <paramref name="extra"/> (tried in order).</summary>
    /// <exception cref="ArgumentException">A reader is given twice (or a built-in one is given again).</exception>
    public ImageLoader(params IEnumerable<IImageReader> extra)
    {
        readers = [.. BuiltInReaders.All, .. extra];
        if (readers.Distinct().Count() != readers.Count)
        {
            throw new ArgumentException($"A reader is listed twice ({string.Join(", ", readers.Select(r => r.FormatName))}); the built-in readers are always included.", nameof(extra));
        }
    }

    /// <summary>The readers, in dispatch order.</summary>
    public IReadOnlyList<IImageReader> Readers => readers;

    /// <summary>A new loader with <paramref name="reader"/> added last (this loader is unchanged).</summary>
    public ImageLoader With(IImageReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new ImageLoader([.. readers.Skip(BuiltInReaders.All.Count), reader]);
    }

    /// <summary>The reader that claims <paramref name="path"/>.</summary>
    public IImageReader ReaderFor(string path)
    {
        byte[] header = ReadHeader(path);
        foreach (var reader in readers)
        {
            if (reader.CanRead(header))
            {
                return reader;
            }
        }

        bool dicom = header.Length >= 132 && header.AsSpan(128, 4).SequenceEqual("DICM"u8);
        string hint = dicom
            ? " It is DICOM ('DICM' at byte 128): register MLSeg.Dicom's reader with ImageLoader.With(...)."
            : string.Empty;
        // The bytes themselves are never echoed: the file may be anything a manifest row pointed at.
        throw new ImageFormatException(path, -1,
            $"the content ({header.Length} bytes read) has the signature of none of {string.Join(", ", readers.Select(r => r.FormatName))}.{hint}");
    }

    /// <summary>Reads <paramref name="path"/> with the reader its content selects.</summary>
    public LoadedImage Load(string path) => ReaderFor(path).Read(path);

    private static byte[] ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new ImageFormatException(path, -1, "is a folder; expected an image file (DICOM, NIfTI, PNG or NPY).");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[HeaderBytes];
        int got = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (got >= 2 && buffer[0] == 0x1F && buffer[1] == 0x8B)
        {
            file.Position = 0;
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            try
            {
                got = gz.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException ex)
            {
                throw new ImageFormatException(path, -1, $"the gzip layer is corrupt ({ex.Message}); the file cannot be inflated.", ex);
            }
        }

        return buffer[..got];
    }
}
