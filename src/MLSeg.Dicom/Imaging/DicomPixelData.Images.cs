using MLSeg.Core.Imaging;
using MLSeg.Dicom.Codecs;

namespace MLSeg.Dicom.Imaging;

/// <summary>Frames as MLSeg.Core images, after the Modality LUT (PS3.3 C.11.1: value = stored × slope + intercept).</summary>
public sealed partial class DicomPixelData
{
    /// <summary>The geometry and rescale of frame <paramref name="frame"/>.</summary>
    public DicomFrameGeometry Geometry(int frame) => DicomFrameGeometry.Of(_file.Dataset, frame);

    /// <summary>Frame <paramref name="frame"/> after the Modality LUT, with its pixel spacing (1×1 mm when the file states none).</summary>
    public Image2D GetImage(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, NumberOfFrames);
        CheckAvailable(frame);
        DicomFrameGeometry g = Geometry(frame);
        PixelSpacing spacing = Spacing(g, _file.Name);

        // Every element is written below, so the buffer need not be zeroed first.
        float[] data = GC.AllocateUninitializedArray<float>(FrameSampleCount);
        Rescale(frame, g.Slope, g.Intercept, data);
        return new Image2D(SamplesPerPixel, Rows, Columns, data, spacing);
    }

    /// <summary>
    /// Decodes frame <paramref name="frame"/> after the Modality LUT into <paramref name="destination"/> (at least
    /// <see cref="FrameSampleCount"/> long, (C, Y, X) order), reusing the caller's buffer; the values equal
    /// <see cref="GetImage"/>'s: <c>(float)(stored × slope + intercept)</c> computed in double.
    /// </summary>
    public void DecodeRescaledFrame(int frame, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, NumberOfFrames);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FrameSampleCount, nameof(destination));
        CheckAvailable(frame);
        (double? slope, double? intercept) = DicomFrameGeometry.RescaleOf(_file.Dataset, frame);
        Rescale(frame, slope ?? 1.0, intercept ?? 0.0, destination[..FrameSampleCount]);
    }

    /// <summary>Stored values of <paramref name="frame"/> through the linear Modality LUT (PS3.3 C.11.1.1.2) into <paramref name="destination"/>.</summary>
    private void Rescale(int frame, double slope, double intercept, Span<float> destination)
    {
        // Single-sample 16-bit frames (CT, MR): straight from the words to float, no intermediate frame buffer. Words
        // left on disk by DicomFile.Open are read into a pooled buffer, so a stack of slices allocates nothing per slice.
        if (IsSingleSample16 && _pixels.Deferred is { IsLoaded: false } deferred && !IsBigEndianWords)
        {
            RescaleFromDisk(deferred, frame, slope, intercept, destination);
            return;
        }

        if (TryGetWords16(frame, out ReadOnlyMemory<byte> words, out DecodedFrame? decoded))
        {
            ModalityLut.Apply16(words.Span, Math.Min(BitsStored, 16), PixelRepresentation == 1, slope, intercept, destination);
            return;
        }

        double[] buffer = System.Buffers.ArrayPool<double>.Shared.Rent(FrameSampleCount);
        try
        {
            Span<double> stored = buffer.AsSpan(0, FrameSampleCount);
            if (decoded is { } d)
            {
                // Already decompressed above (to other than 16 bits): unpack it rather than decode twice.
                Unpack(d.Bytes, d.Planar, d.BitsPerSample, isBigEndian: false, bitOffset: 0, stored);
            }
            else
            {
                DecodeFrame(frame, stored);
            }

            for (int i = 0; i < stored.Length; i++)
            {
                destination[i] = (float)((stored[i] * slope) + intercept);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private void RescaleFromDisk(DicomDeferredValue deferred, int frame, double slope, double intercept, Span<float> destination)
    {
        // One read of the whole frame: on the measured VM, system calls cost more than the cache misses that reading
        // in cache-sized chunks would save (tests/benchmarks/dicom_vs_pydicom.sh, docs/benchmarks/dicom.md).
        int frameBytes = 2 * FrameSampleCount;
        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(frameBytes);
        try
        {
            Span<byte> words = rented.AsSpan(0, frameBytes);
            deferred.Read((long)frameBytes * frame, words);
            ModalityLut.Apply16(words, Math.Min(BitsStored, 16), PixelRepresentation == 1, slope, intercept, destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// All frames of a single-sample image as a volume after the Modality LUT. Slice spacing and direction come from
    /// the first two frames' ImagePositionPatient along the normal; a multi-frame object without positions throws.
    /// </summary>
    public Volume GetVolume()
    {
        if (SamplesPerPixel != 1)
        {
            throw new DicomFormatException(_file.Name, -1, DicomTag.SamplesPerPixel, $"is {SamplesPerPixel}; a volume needs single-sample frames.");
        }

        int plane = Rows * Columns;
        var data = new float[(long)plane * NumberOfFrames];
        for (int f = 0; f < NumberOfFrames; f++)
        {
            DecodeRescaledFrame(f, data.AsSpan(f * plane, plane));
        }

        DicomFrameGeometry first = Geometry(0);
        double[] orientation = first.ImageOrientationPatient ?? [1, 0, 0, 0, 1, 0];
        double[] normal = Cross(orientation);
        double sliceSpacing = 1.0;
        if (NumberOfFrames > 1)
        {
            double[] p0 = first.ImagePositionPatient ?? throw NoPositions();
            double[] p1 = Geometry(1).ImagePositionPatient ?? throw NoPositions();
            sliceSpacing = Math.Abs(((p1[0] - p0[0]) * normal[0]) + ((p1[1] - p0[1]) * normal[1]) + ((p1[2] - p0[2]) * normal[2]));
            if (!(sliceSpacing > 0))
            {
                throw new DicomFormatException(_file.Name, -1, DicomTag.ImagePositionPatient, "frames 0 and 1 have the same position along the slice normal.");
            }
        }

        double[] direction = [orientation[0], orientation[1], orientation[2], orientation[3], orientation[4], orientation[5], normal[0], normal[1], normal[2]];
        return new Volume(NumberOfFrames, Rows, Columns, data, Spacing(first, _file.Name), sliceSpacing, first.ImagePositionPatient, direction);
    }

    /// <summary>The frame's PixelSpacing; 1×1 mm when the file states none (secondary capture), an error when it states a non-positive one.</summary>
    internal static PixelSpacing Spacing(DicomFrameGeometry g, string file)
    {
        if (g.PixelSpacingMm is not { } s)
        {
            return PixelSpacing.Unit;
        }

        if (!(s[0] > 0) || !(s[1] > 0) || !double.IsFinite(s[0]) || !double.IsFinite(s[1]))
        {
            throw new DicomFormatException(file, -1, DicomTag.PixelSpacing, $"values {s[0]}\\{s[1]} are not positive finite millimetres.");
        }

        return new PixelSpacing(s[0], s[1]);
    }

    private static double[] Cross(double[] o) =>
        [(o[1] * o[5]) - (o[2] * o[4]), (o[2] * o[3]) - (o[0] * o[5]), (o[0] * o[4]) - (o[1] * o[3])];

    private DicomFormatException NoPositions() =>
        new(_file.Name, -1, DicomTag.ImagePositionPatient, "is missing for a multi-frame object, so slice spacing is unknown.");
}
