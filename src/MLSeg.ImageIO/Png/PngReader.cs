using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;

namespace MLSeg.ImageIO.Png;

/// <summary>
/// Reads PNG files (ISO/IEC 15948): grey 1/2/4/8/16-bit, grey+alpha and RGB(A) 8/16-bit, palette, Adam7 interlacing,
/// all five filter types. Every chunk CRC is checked and every length is validated against the bytes that remain
/// before anything is allocated from it.
/// </summary>
public static class PngReader
{
    /// <summary>The 8-byte PNG signature.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Largest decoded image accepted (samples), to refuse hostile IHDR sizes before decompressing.</summary>
    private const long MaxSamples = 1L << 28;

    /// <summary>
    /// Reads an image: grey (+alpha) → 1 channel, RGB(A)/palette → 3 channels (R, G, B). Alpha is dropped.
    /// Values are the stored values (0…2^bitdepth−1; palette → PLTE 0…255).
    /// </summary>
    public static Image2D ReadImage(string path) => ToImage(Decode(File.ReadAllBytes(path), path));

    /// <summary>
    /// Reads a grey mask as labels: every stored value (8- or 16-bit) must be 0…255, else an
    /// <see cref="ImageFormatException"/> names the file and the value.
    /// </summary>
    public static LabelMap ReadLabels(string path) => ToLabels(Decode(File.ReadAllBytes(path), path), path);

    /// <summary>Converts a decoded raster to an image (see <see cref="ReadImage"/>).</summary>
    public static Image2D ToImage(PngRaster raster)
    {
        ArgumentNullException.ThrowIfNull(raster);
        int channels = raster.IsColor ? 3 : 1;
        int plane = raster.Width * raster.Height;
        var data = new float[channels * plane];
        ushort[] s = raster.Samples;
        int spp = raster.SamplesPerPixel;
        for (int c = 0; c < channels; c++)
        {
            var dst = data.AsSpan(c * plane, plane);
            for (int i = 0; i < plane; i++)
            {
                dst[i] = s[(i * spp) + c];
            }
        }

        return new Image2D(channels, raster.Height, raster.Width, data);
    }

    /// <summary>Converts a decoded grey raster to labels (see <see cref="ReadLabels"/>).</summary>
    public static LabelMap ToLabels(PngRaster raster, string file)
    {
        ArgumentNullException.ThrowIfNull(raster);
        if (raster.IsColor)
        {
            throw new ImageFormatException(file, -1, $"a label mask must be greyscale; this PNG is colour type {raster.ColorType}.");
        }

        var values = new float[raster.Width * raster.Height];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = raster.Samples[i * raster.SamplesPerPixel];
        }

        return LabelConversion.ToLabelMap(file, values, raster.Height, raster.Width);
    }

    /// <summary>Decodes a whole PNG held in memory; <paramref name="file"/> names it in errors.</summary>
    public static PngRaster Decode(ReadOnlySpan<byte> bytes, string file)
    {
        if (bytes.Length < 8 || !bytes[..8].SequenceEqual(Signature))
        {
            throw new ImageFormatException(file, 0, $"expected the PNG signature 89 50 4E 47 0D 0A 1A 0A; found {Hex(bytes[..Math.Min(8, bytes.Length)])}.");
        }

        Header? header = null;
        byte[]? palette = null;
        byte[]? paletteAlpha = null;
        using var idat = new MemoryStream();
        bool ended = false;
        int pos = 8;
        while (!ended)
        {
            if (bytes.Length - pos < 12)
            {
                throw new ImageFormatException(file, pos, $"expected a chunk (12+ bytes) but {bytes.Length - pos} remain; the file is truncated before IEND.");
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes[pos..]);
            if (length > int.MaxValue || length > bytes.Length - pos - 12)
            {
                throw new ImageFormatException(file, pos, $"chunk length {length} exceeds the {bytes.Length - pos - 12} bytes that remain.");
            }

            var typeBytes = bytes.Slice(pos + 4, 4);
            string type = Encoding.ASCII.GetString(typeBytes);
            var body = bytes.Slice(pos + 8, (int)length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(bytes[(pos + 8 + (int)length)..]);
            uint actual = Crc32.Compute(body, Crc32.Compute(typeBytes));
            if (stored != actual)
            {
                throw new ImageFormatException(file, pos, $"chunk {type} CRC is 0x{stored:X8}; its bytes give 0x{actual:X8} (corrupt file).");
            }

            if (header is null && type != "IHDR")
            {
                throw new ImageFormatException(file, pos, $"expected IHDR as the first chunk; found {type}.");
            }

            switch (type)
            {
                case "IHDR":
                    header = ParseHeader(body, file, pos);
                    break;
                case "PLTE":
                    if (length % 3 != 0 || length == 0 || length > 768)
                    {
                        throw new ImageFormatException(file, pos, $"PLTE length {length} must be a multiple of 3 between 3 and 768.");
                    }

                    palette = body.ToArray();
                    break;
                case "tRNS":
                    if (header!.Value.ColorType == PngColorType.Palette)
                    {
                        paletteAlpha = body.ToArray();
                    }

                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
                case "IEND":
                    ended = true;
                    break;
                default:
                    if ((typeBytes[0] & 0x20) == 0)
                    {
                        throw new ImageFormatException(file, pos, $"critical chunk {type} is not part of PNG 1.2; cannot decode.");
                    }

                    break;
            }

            pos += 12 + (int)length;
        }

        var h = header!.Value;
        if (h.ColorType == PngColorType.Palette && palette is null)
        {
            throw new ImageFormatException(file, -1, "colour type 3 (palette) needs a PLTE chunk; none found.");
        }

        byte[] raw = Inflate(idat, h, file);
        int channels = Channels(h.ColorType);
        var samples = new ushort[(long)h.Width * h.Height * channels];
        PngPixels.Decode(file, raw, h.Width, h.Height, h.BitDepth, channels, h.Interlaced, samples);
        if (h.ColorType != PngColorType.Palette)
        {
            return new PngRaster(h.Width, h.Height, h.ColorType, h.BitDepth, h.Interlaced, channels, samples);
        }

        return ExpandPalette(h, samples, palette!, paletteAlpha, file);
    }

    private static PngRaster ExpandPalette(Header h, ushort[] indices, byte[] palette, byte[]? alpha, string file)
    {
        int entries = palette.Length / 3;
        var rgba = new ushort[indices.Length * 4];
        for (int i = 0; i < indices.Length; i++)
        {
            int k = indices[i];
            if (k >= entries)
            {
                throw new ImageFormatException(file, -1, $"pixel {i} uses palette index {k}; PLTE has only {entries} entries.");
            }

            rgba[i * 4] = palette[k * 3];
            rgba[(i * 4) + 1] = palette[(k * 3) + 1];
            rgba[(i * 4) + 2] = palette[(k * 3) + 2];
            rgba[(i * 4) + 3] = alpha is not null && k < alpha.Length ? alpha[k] : (ushort)255;
        }

        return new PngRaster(h.Width, h.Height, PngColorType.Palette, h.BitDepth, h.Interlaced, 4, rgba);
    }

    private static byte[] Inflate(MemoryStream idat, Header h, string file)
    {
        long expected = PngPixels.ExpectedBytes(h.Width, h.Height, h.BitDepth * Channels(h.ColorType), h.Interlaced);
        if (expected > Array.MaxLength)
        {
            throw new ImageFormatException(file, 16, $"image of {h.Width}x{h.Height} is too large to decode in one buffer.");
        }

        var raw = new byte[expected];
        idat.Position = 0;
        try
        {
            using var z = new ZLibStream(idat, CompressionMode.Decompress, leaveOpen: true);
            int got = 0;
            while (got < raw.Length)
            {
                int n = z.Read(raw, got, raw.Length - got);
                if (n == 0)
                {
                    throw new ImageFormatException(file, -1, $"IDAT data inflates to {got} bytes; {h.Width}x{h.Height} needs {expected}.");
                }

                got += n;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ImageFormatException($"{file}: IDAT zlib stream is corrupt: {ex.Message}", ex);
        }

        return raw;
    }

    private static Header ParseHeader(ReadOnlySpan<byte> body, string file, int pos)
    {
        if (body.Length != 13)
        {
            throw new ImageFormatException(file, pos, $"IHDR must be 13 bytes; found {body.Length}.");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(body);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        int depth = body[8];
        var color = (PngColorType)body[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue || (long)width * height * 4 > MaxSamples)
        {
            throw new ImageFormatException(file, pos + 8, $"IHDR size {width}x{height} must be non-zero and at most {MaxSamples / 4} pixels.");
        }

        bool depthOk = color switch
        {
            PngColorType.Gray => depth is 1 or 2 or 4 or 8 or 16,
            PngColorType.Palette => depth is 1 or 2 or 4 or 8,
            PngColorType.Rgb or PngColorType.GrayAlpha or PngColorType.Rgba => depth is 8 or 16,
            _ => throw new ImageFormatException(file, pos + 17, $"IHDR colour type {(int)color} is not one of 0, 2, 3, 4, 6."),
        };
        if (!depthOk)
        {
            throw new ImageFormatException(file, pos + 16, $"bit depth {depth} is not allowed for colour type {color}.");
        }

        if (body[10] != 0 || body[11] != 0 || body[12] > 1)
        {
            throw new ImageFormatException(file, pos + 18, $"IHDR compression {body[10]}, filter {body[11]}, interlace {body[12]}: expected 0, 0, 0 or 1.");
        }

        return new Header((int)width, (int)height, depth, color, body[12] == 1);
    }

    private static int Channels(PngColorType color) => color switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    private static string Hex(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "(empty file)" : Convert.ToHexString(bytes);

    private readonly record struct Header(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced);
}
