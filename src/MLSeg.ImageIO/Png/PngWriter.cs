using MLSeg.Core.IO;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MLSeg.Core.Imaging;

namespace MLSeg.ImageIO.Png;

/// <summary>
/// Writes non-interlaced PNG files: 8/16-bit grey and 8-bit RGB. Samples are rounded to the nearest integer; a value
/// outside the format's range (or NaN) is a caller error, never clamped. Files are written atomically (temp + rename).
/// </summary>
public static class PngWriter
{
    /// <summary>Writes <paramref name="image"/> (1 channel for grey formats, 3 for <see cref="PngSampleFormat.Rgb8"/>).</summary>
    public static void Write(string path, Image2D image, PngSampleFormat format)
    {
        ArgumentNullException.ThrowIfNull(image);
        int channels = format == PngSampleFormat.Rgb8 ? 3 : 1;
        if (image.Channels != channels)
        {
            throw new ArgumentException($"{format} needs a {channels}-channel image; got {image.Channels} channels.", nameof(image));
        }

        int max = format == PngSampleFormat.Gray16 ? 65535 : 255;
        int bytesPerSample = format == PngSampleFormat.Gray16 ? 2 : 1;
        int stride = image.Width * channels * bytesPerSample;
        var raw = new byte[image.Height * (stride + 1)];
        int plane = image.PlaneSize;
        for (int y = 0; y < image.Height; y++)
        {
            int rowStart = y * (stride + 1);
            raw[rowStart] = 0; // filter type None
            for (int x = 0; x < image.Width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    float v = image.Data[(c * plane) + (y * image.Width) + x];
                    float r = MathF.Round(v);
                    if (!(r >= 0 && r <= max))
                    {
                        throw new ArgumentOutOfRangeException(nameof(image), $"Pixel (c={c}, y={y}, x={x}) = {v} is outside 0..{max} for {format}.");
                    }

                    int o = rowStart + 1 + (((x * channels) + c) * bytesPerSample);
                    if (bytesPerSample == 2)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(o), (ushort)r);
                    }
                    else
                    {
                        raw[o] = (byte)r;
                    }
                }
            }
        }

        byte colorType = (byte)(channels == 3 ? PngColorType.Rgb : PngColorType.Gray);
        WriteFile(path, image.Width, image.Height, (byte)(bytesPerSample * 8), colorType, raw);
    }

    /// <summary>Writes a label map as an 8-bit grey PNG whose stored values are the labels.</summary>
    public static void WriteLabels(string path, LabelMap labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var raw = new byte[labels.Height * (labels.Width + 1)];
        for (int y = 0; y < labels.Height; y++)
        {
            labels.Labels.AsSpan(y * labels.Width, labels.Width).CopyTo(raw.AsSpan((y * (labels.Width + 1)) + 1));
        }

        WriteFile(path, labels.Width, labels.Height, 8, (byte)PngColorType.Gray, raw);
    }

    private static void WriteFile(string path, int width, int height, byte depth, byte colorType, byte[] raw)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = depth;
        ihdr[9] = colorType;
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        AtomicFile.Write(path, stream =>
        {
            stream.Write(PngReader.Signature);
            WriteChunk(stream, "IHDR", ihdr);
            WriteChunk(stream, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
            WriteChunk(stream, "IEND", []);
        });
    }

    private static void WriteChunk(Stream stream, string type, ReadOnlySpan<byte> body)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(head, (uint)body.Length);
        Encoding.ASCII.GetBytes(type, head[4..]);
        stream.Write(head);
        stream.Write(body);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(body, Crc32.Compute(head[4..])));
        stream.Write(crc);
    }
}
