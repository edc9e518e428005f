using System.Buffers.Binary;
using MLSeg.Dicom.Codecs;

namespace MLSeg.Dicom.Imaging;

/// <summary>
/// The Image Pixel module of a dataset (PS3.3 C.7.6.3) and its frames decoded to stored values. Values come back
/// in (C, Y, X) order as doubles (exact for every stored value up to 32 bits), sign-extended from BitsStored when
/// PixelRepresentation is 1 (PS3.5 §8.1.1). Photometric conversions (YBR→RGB, MONOCHROME1 inversion) are not
/// applied: these are stored values, as the Modality LUT expects.
/// </summary>
public sealed partial class DicomPixelData
{
    private readonly DicomFile _file;
    private readonly DicomElement _pixels;

    private DicomPixelData(DicomFile file, DicomElement pixels)
    {
        _file = file;
        _pixels = pixels;
        DicomDataset ds = file.Dataset;
        Rows = Require(ds, DicomTag.Rows, 1, ushort.MaxValue);
        Columns = Require(ds, DicomTag.Columns, 1, ushort.MaxValue);
        SamplesPerPixel = Require(ds, DicomTag.SamplesPerPixel, 1, 4, fallback: 1);
        BitsAllocated = Require(ds, DicomTag.BitsAllocated, 1, 64);
        if (BitsAllocated is not (1 or 8 or 16 or 32))
        {
            throw new DicomFormatException(file.Name, -1, DicomTag.BitsAllocated, $"value {BitsAllocated} is not supported; expected 1, 8, 16 or 32.");
        }

        BitsStored = Require(ds, DicomTag.BitsStored, 1, BitsAllocated, fallback: BitsAllocated);
        PixelRepresentation = Require(ds, DicomTag.PixelRepresentation, 0, 1, fallback: 0);
        PlanarConfiguration = SamplesPerPixel > 1 ? Require(ds, DicomTag.PlanarConfiguration, 0, 1, fallback: 0) : 0;
        NumberOfFrames = Require(ds, DicomTag.NumberOfFrames, 1, int.MaxValue, fallback: 1);
        PhotometricInterpretation = ds.TryGetString(DicomTag.PhotometricInterpretation) ?? (SamplesPerPixel == 1 ? "MONOCHROME2" : "RGB");
        long samples = (long)Rows * Columns * SamplesPerPixel;
        if (samples > MaxFrameSamples)
        {
            throw new DicomFormatException(file.Name, -1, DicomTag.Rows,
                $"a {Rows}x{Columns}x{SamplesPerPixel} frame has {samples} samples, more than the {MaxFrameSamples} MLSeg decodes at once.");
        }
    }

    /// <summary>Largest frame decoded (samples), bounding memory on corrupt headers: 2^27 doubles = 1 GiB.</summary>
    public const long MaxFrameSamples = 1L << 27;

    /// <summary>Rows (Y).</summary>
    public int Rows { get; }

    /// <summary>Columns (X).</summary>
    public int Columns { get; }

    /// <summary>Samples per pixel (1 grey, 3 colour).</summary>
    public int SamplesPerPixel { get; }

    /// <summary>Bits allocated per sample: 1, 8, 16 or 32.</summary>
    public int BitsAllocated { get; }

    /// <summary>Bits stored per sample.</summary>
    public int BitsStored { get; }

    /// <summary>0 unsigned, 1 two's complement.</summary>
    public int PixelRepresentation { get; }

    /// <summary>0 interleaved (R1G1B1R2…), 1 planar (RR…GG…BB…).</summary>
    public int PlanarConfiguration { get; }

    /// <summary>Number of frames (1 when the attribute is absent).</summary>
    public int NumberOfFrames { get; }

    /// <summary>Photometric Interpretation, e.g. MONOCHROME2, RGB, YBR_FULL_422.</summary>
    public string PhotometricInterpretation { get; }

    /// <summary>Samples in one frame (Rows × Columns × SamplesPerPixel).</summary>
    public int FrameSampleCount => Rows * Columns * SamplesPerPixel;

    /// <summary>True when the pixel data is encapsulated (compressed).</summary>
    public bool IsEncapsulated => _pixels is DicomFragments;

    /// <summary>The Image Pixel module of <paramref name="file"/>; throws <see cref="DicomFormatException"/> when it has no Pixel Data.</summary>
    public static DicomPixelData Create(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        DicomElement pixels = file.Dataset.Find(DicomTag.PixelData)
            ?? throw new DicomFormatException(file.Name, -1, DicomTag.PixelData, "is missing: the file holds no image (SOP Class "
                + (file.Dataset.TryGetString(DicomTag.SOPClassUID) ?? "unknown") + ").");
        return new DicomPixelData(file, pixels);
    }

    /// <summary>Decodes frame <paramref name="frame"/> (0-based) to stored values in (C, Y, X) order.</summary>
    public double[] GetFrame(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, NumberOfFrames);
        CheckAvailable(frame);
        var values = new double[FrameSampleCount];
        DecodeFrame(frame, values);
        return values;
    }

    /// <summary>Decodes frame <paramref name="frame"/> into <paramref name="destination"/> (at least <see cref="FrameSampleCount"/> long), reusing the caller's buffer.</summary>
    public void DecodeFrame(int frame, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, NumberOfFrames);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FrameSampleCount, nameof(destination));
        Span<double> values = destination[..FrameSampleCount];
        if (_pixels is DicomFragments)
        {
            DecodedFrame decoded = DecodeEncapsulated(frame);
            Unpack(decoded.Bytes, decoded.Planar, decoded.BitsPerSample, isBigEndian: false, bitOffset: 0, values);
            return;
        }

        if (BitsAllocated == 1)
        {
            long bitOffset = (long)frame * FrameSampleCount;
            long needBytes = (bitOffset + FrameSampleCount + 7) / 8;
            CheckLength(needBytes, frame);
            int firstByte = (int)(bitOffset / 8);
            Unpack(_pixels.Value.Span[firstByte..(int)needBytes], PlanarConfiguration == 1, 1, false, (int)(bitOffset % 8), values);
            return;
        }

        bool ybr422 = PhotometricInterpretation == "YBR_FULL_422";
        long frameBytes = ybr422 ? (long)Rows * Columns * 2 * (BitsAllocated / 8) : (long)FrameSampleCount * (BitsAllocated / 8);
        long start = frameBytes * frame;
        CheckLength(start + frameBytes, frame);
        ReadOnlySpan<byte> raw = _pixels.Value.Span.Slice((int)start, (int)frameBytes);
        if (ybr422)
        {
            Unpack(Ybr422.Expand(raw, Rows, Columns, BitsAllocated, _file.Name), false, BitsAllocated, _pixels.IsBigEndian, 0, values);
        }
        else
        {
            Unpack(raw, PlanarConfiguration == 1, BitsAllocated, _pixels.IsBigEndian && _pixels.VR != DicomVR.OB, 0, values);
        }
    }

    /// <summary>Decompresses encapsulated frame <paramref name="frame"/>.</summary>
    private DecodedFrame DecodeEncapsulated(int frame) =>
        FrameCodecs.Decode(_file, this, EncapsulatedFrames.Frame(_file, (DicomFragments)_pixels, frame, NumberOfFrames));

    /// <summary>
    /// The frame's samples as little-endian 16-bit words when it is single-sample 16-bit data (native little endian,
    /// or decompressed to 16 bits), so the Modality LUT can run on the words directly; false for any other layout.
    /// </summary>
    private bool TryGetWords16(int frame, out ReadOnlyMemory<byte> words, out DecodedFrame? decoded)
    {
        words = default;
        decoded = null;
        if (!IsSingleSample16)
        {
            return false;
        }

        long frameBytes = 2L * FrameSampleCount;
        if (_pixels is DicomFragments)
        {
            DecodedFrame d = DecodeEncapsulated(frame);
            decoded = d;
            if (d.BitsPerSample != 16)
            {
                return false;
            }

            if (d.Bytes.Length < frameBytes)
            {
                throw new DicomFormatException(_file.Name, _pixels.Offset, DicomTag.PixelData, $"decoded frame holds {d.Bytes.Length} bytes; {frameBytes} were expected.");
            }

            words = d.Bytes.AsMemory(0, (int)frameBytes);
            return true;
        }

        if (IsBigEndianWords)
        {
            return false;
        }

        long start = frameBytes * frame;
        CheckLength(start + frameBytes, frame);
        words = _pixels.Value.Slice((int)start, (int)frameBytes);
        return true;
    }

    /// <summary>One 16-bit sample per pixel: the layout the Modality LUT reads straight from the words.</summary>
    private bool IsSingleSample16 => SamplesPerPixel == 1 && BitsAllocated == 16;

    /// <summary>Native words in big-endian order (OB values are byte strings, never swapped).</summary>
    private bool IsBigEndianWords => _pixels.IsBigEndian && _pixels.VR != DicomVR.OB;

    /// <summary>Fails before allocating when native pixel data is too short for <paramref name="frame"/>.</summary>
    private void CheckAvailable(int frame)
    {
        if (_pixels is DicomFragments)
        {
            return;
        }

        long needed = BitsAllocated == 1
            ? (((long)(frame + 1) * FrameSampleCount) + 7) / 8
            : (long)(frame + 1) * (PhotometricInterpretation == "YBR_FULL_422" ? (long)Rows * Columns * 2 : FrameSampleCount) * (BitsAllocated / 8);
        CheckLength(needed, frame);
    }

    private void CheckLength(long needed, int frame)
    {
        if (_pixels.ValueLength < needed)
        {
            throw new DicomFormatException(_file.Name, _pixels.Offset, DicomTag.PixelData,
                $"holds {_pixels.ValueLength} bytes; frame {frame} of {NumberOfFrames} ({Rows}x{Columns}x{SamplesPerPixel}, {BitsAllocated} bits) needs {needed}.");
        }
    }

    /// <summary>Converts container samples to stored values in (C, Y, X) order with masking and sign extension.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Unpack(ReadOnlySpan<byte> raw, bool planar, int bits, bool isBigEndian, int bitOffset, Span<double> dest)
    {
        int spp = SamplesPerPixel, plane = Rows * Columns, n = dest.Length;
        int stored = Math.Min(BitsStored, bits);
        bool signed = PixelRepresentation == 1 && bits > 1;
        long mask = stored >= 32 ? 0xFFFFFFFFL : (1L << stored) - 1;
        long signBit = 1L << (stored - 1);
        int bytes = bits / 8;
        long needed = bits == 1 ? (bitOffset + (long)n + 7) / 8 : (long)n * bytes;
        if (raw.Length < needed)
        {
            throw new DicomFormatException(_file.Name, _pixels.Offset, DicomTag.PixelData, $"decoded frame holds {raw.Length} bytes; {needed} were expected.");
        }

        if (bits == 16 && stored == 16 && !isBigEndian && BitConverter.IsLittleEndian && (planar || spp == 1))
        {
            // Fast path for the common CT/MR layout: whole 16-bit words, no masking, no reordering.
            if (signed)
            {
                ReadOnlySpan<short> words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(raw[..(2 * n)]);
                for (int i = 0; i < words.Length; i++)
                {
                    dest[i] = words[i];
                }
            }
            else
            {
                ReadOnlySpan<ushort> words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(raw[..(2 * n)]);
                for (int i = 0; i < words.Length; i++)
                {
                    dest[i] = words[i];
                }
            }

            return;
        }

        for (int i = 0; i < n; i++)
        {
            long v = bits switch
            {
                1 => (raw[(bitOffset + i) >> 3] >> ((bitOffset + i) & 7)) & 1,
                8 => raw[i],
                16 => isBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(raw[(2 * i)..]) : BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]),
                _ => isBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(raw[(4 * i)..]) : BinaryPrimitives.ReadUInt32LittleEndian(raw[(4 * i)..]),
            };
            v &= mask;
            if (signed && (v & signBit) != 0)
            {
                v -= mask + 1;
            }

            // Source index i is interleaved (pixel-major) unless planar; destination is always (C, Y, X).
            int d = planar || spp == 1 ? i : ((i % spp) * plane) + (i / spp);
            dest[d] = v;
        }
    }

    private int Require(DicomDataset ds, DicomTag tag, int min, int max, int? fallback = null)
    {
        int v;
        if (fallback is { } f)
        {
            v = ds.GetInt32OrDefault(tag, f);
        }
        else
        {
            v = ds.GetInt32(tag);
        }

        if (v < min || v > max)
        {
            throw new DicomFormatException(_file.Name, ds.Find(tag)?.Offset ?? -1, tag, $"value {v} is out of range; expected {min}..{max}.");
        }

        return v;
    }
}
