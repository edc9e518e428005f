using Microsoft.Win32.SafeHandles;

namespace MLSeg.Dicom;

/// <summary>
/// The value of a large element (top-level Pixel Data) left on disk by <see cref="DicomFile.Open"/>: read on demand,
/// either a slice into a caller's buffer (frame decoding, no copy of the whole value kept) or the whole value, loaded
/// once and cached. The file's length and last-write time are recorded at open and checked on every read, so a file
/// changed or replaced on disk fails loudly instead of yielding other pixels.
/// </summary>
internal sealed class DicomDeferredValue
{
    private readonly string _path;
    private readonly long _fileLength;
    private readonly DateTime _lastWriteUtc;
    private byte[]? _loaded;

    public DicomDeferredValue(string path, long fileOffset, int length, long fileLength, DateTime lastWriteUtc)
    {
        _path = path;
        FileOffset = fileOffset;
        Length = length;
        _fileLength = fileLength;
        _lastWriteUtc = lastWriteUtc;
    }

    /// <summary>Byte offset of the value in the file.</summary>
    public long FileOffset { get; }

    /// <summary>Value length in bytes.</summary>
    public int Length { get; }

    /// <summary>True once the whole value has been read (by <see cref="Load"/>).</summary>
    public bool IsLoaded => Volatile.Read(ref _loaded) is not null;

    /// <summary>The whole value, read on first use and kept.</summary>
    public ReadOnlyMemory<byte> Load()
    {
        if (Volatile.Read(ref _loaded) is { } loaded)
        {
            return loaded;
        }

        byte[] bytes = GC.AllocateUninitializedArray<byte>(Length);
        Read(0, bytes);
        Interlocked.CompareExchange(ref _loaded, bytes, null);
        return _loaded;
    }

    /// <summary>Copies <paramref name="destination"/>.Length bytes of the value, from <paramref name="offset"/> within it, into <paramref name="destination"/>.</summary>
    public void Read(long offset, Span<byte> destination)
    {
        if (Volatile.Read(ref _loaded) is { } loaded)
        {
            CheckRange(offset, destination.Length);
            loaded.AsSpan((int)offset, destination.Length).CopyTo(destination);
            return;
        }

        using SafeFileHandle handle = OpenUnchanged();
        Read(handle, offset, destination);
    }

    /// <summary>Opens the file for <see cref="Read(SafeFileHandle, long, Span{byte})"/>, after checking it is the file that was opened; the caller disposes the handle.</summary>
    private SafeFileHandle OpenUnchanged()
    {
        SafeFileHandle handle = File.OpenHandle(_path);
        long length = RandomAccess.GetLength(handle);
        DateTime written = File.GetLastWriteTimeUtc(handle);
        if (length != _fileLength || written != _lastWriteUtc)
        {
            handle.Dispose();
            throw new DicomFormatException(_path, FileOffset, DicomTag.PixelData,
                $"the file changed on disk since it was opened ({_fileLength} bytes, written {_lastWriteUtc:O}; now {length} bytes, written {written:O}); open it again.");
        }

        return handle;
    }

    /// <summary>Copies bytes of the value, from <paramref name="offset"/> within it, through a handle from <see cref="OpenUnchanged"/>.</summary>
    private void Read(SafeFileHandle handle, long offset, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(handle);
        CheckRange(offset, destination.Length);
        int done = 0;
        while (done < destination.Length)
        {
            int n = RandomAccess.Read(handle, destination[done..], FileOffset + offset + done);
            if (n == 0)
            {
                throw new DicomFormatException(_path, FileOffset + offset + done, DicomTag.PixelData, $"the file ended {destination.Length - done} bytes early while reading the value.");
            }

            done += n;
        }
    }

    private void CheckRange(long offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, Length, nameof(count));
    }
}
