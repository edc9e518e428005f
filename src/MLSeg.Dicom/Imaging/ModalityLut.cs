using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLSeg.Dicom.Imaging;

/// <summary>
/// The linear Modality LUT (PS3.3 C.11.1.1.2: output = stored × RescaleSlope + RescaleIntercept) applied to a whole
/// frame of 16-bit little-endian words straight into float32, with the BitsStored mask and sign extension of
/// PS3.5 §8.1.1. The product and sum are computed in double and rounded once to float, exactly as the scalar
/// formula <c>(float)((stored * slope) + intercept)</c>: the vector and scalar paths give bit-identical results.
/// </summary>
internal static class ModalityLut
{
    /// <summary>Rescales <paramref name="destination"/>.Length words of <paramref name="words"/> (little endian) into <paramref name="destination"/>.</summary>
    /// <param name="words">Little-endian 16-bit container words; at least 2 × destination.Length bytes.</param>
    /// <param name="storedBits">BitsStored (1–16): the low bits that hold the value; higher bits are ignored.</param>
    /// <param name="signed">PixelRepresentation 1: the stored value is two's complement in <paramref name="storedBits"/> bits.</param>
    /// <param name="slope">RescaleSlope.</param>
    /// <param name="intercept">RescaleIntercept.</param>
    /// <param name="destination">Output values.</param>
    public static void Apply16(ReadOnlySpan<byte> words, int storedBits, bool signed, double slope, double intercept, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(storedBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(storedBits, 16);
        int n = destination.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(words.Length, 2 * n, nameof(words));
        ReadOnlySpan<ushort> src = MemoryMarshal.Cast<byte, ushort>(words[..(2 * n)]);
        int shift = 16 - storedBits;
        ushort mask = (ushort)((1 << storedBits) - 1);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            Vector256<double> vSlope = Vector256.Create(slope), vIntercept = Vector256.Create(intercept);
            Vector256<ushort> vMask = Vector256.Create(mask);
            for (; i <= n - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                Vector256<ushort> w = Vector256.Create(src.Slice(i, Vector256<ushort>.Count));
                Vector256<int> lo, hi;
                if (signed)
                {
                    // Shift the sign bit of the stored value up to bit 15, then back down with sign fill.
                    Vector256<short> s = Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(w.AsInt16(), shift), shift);
                    (lo, hi) = Vector256.Widen(s);
                }
                else
                {
                    (Vector256<uint> l, Vector256<uint> h) = Vector256.Widen(w & vMask);
                    (lo, hi) = (l.AsInt32(), h.AsInt32());
                }

                Store(lo, vSlope, vIntercept, destination.Slice(i, Vector256<int>.Count));
                Store(hi, vSlope, vIntercept, destination.Slice(i + Vector256<int>.Count, Vector256<int>.Count));
            }
        }

        for (; i < n; i++)
        {
            int v = src[i] & mask;
            if (signed)
            {
                v = (short)(v << shift) >> shift;
            }

            destination[i] = (float)((v * slope) + intercept);
        }
    }

    /// <summary>Eight integers (|v| &lt; 2^24, so exact in float and double) through the double-precision rescale into eight floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<int> values, Vector256<double> slope, Vector256<double> intercept, Span<float> destination)
    {
        (Vector256<double> a, Vector256<double> b) = Vector256.Widen(Vector256.ConvertToSingle(values));
        Vector256.Narrow((a * slope) + intercept, (b * slope) + intercept).CopyTo(destination);
    }
}
