namespace MLSeg.Dicom.Imaging;

/// <summary>
/// Statistics over every decoded stored value (all frames, all samples) and, where a Modality LUT rescale is
/// present, over the rescaled values — the numbers <c>mlseg dicom stats</c> prints.
/// </summary>
public sealed record DicomStatistics(string File, string? TransferSyntax, int Rows, int Columns, int Frames, int SamplesPerPixel,
    double Min, double Max, double Mean, double? ModMin, double? ModMax, double? ModMean)
{
    /// <summary>Decodes every frame of <paramref name="file"/> and summarises it; throws <see cref="DicomFormatException"/> when it cannot.</summary>
    public static DicomStatistics Compute(DicomFile file, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        DicomPixelData pixels = DicomPixelData.Create(file);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        double mMin = double.PositiveInfinity, mMax = double.NegativeInfinity, mSum = 0;
        bool rescaled = false;
        long count = 0;
        double[] buffer = System.Buffers.ArrayPool<double>.Shared.Rent(pixels.FrameSampleCount);
        try
        {
            for (int f = 0; f < pixels.NumberOfFrames; f++)
            {
                Span<double> values = buffer.AsSpan(0, pixels.FrameSampleCount);
                pixels.DecodeFrame(f, values);
                (double fMin, double fMax, double fSum) = Summarise(values);
                DicomFrameGeometry g = pixels.Geometry(f);
                rescaled |= g.HasRescale;

                // The Modality LUT is linear per frame (PS3.3 C.11.1), so its statistics follow from the stored ones.
                double slope = g.Slope, intercept = g.Intercept;
                double a = (fMin * slope) + intercept, b = (fMax * slope) + intercept;
                min = Math.Min(min, fMin);
                max = Math.Max(max, fMax);
                sum += fSum;
                mMin = Math.Min(mMin, Math.Min(a, b));
                mMax = Math.Max(mMax, Math.Max(a, b));
                mSum += (fSum * slope) + (intercept * values.Length);
                count += values.Length;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }

        return new DicomStatistics(displayName ?? file.Name, file.TransferSyntaxUid, pixels.Rows, pixels.Columns, pixels.NumberOfFrames,
            pixels.SamplesPerPixel, min, max, sum / count, rescaled ? mMin : null, rescaled ? mMax : null, rescaled ? mSum / count : null);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (double Min, double Max, double Sum) Summarise(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
        }

        return (min, max, sum);
    }
}
