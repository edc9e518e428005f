using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLSeg.Dicom.Imaging;

/// <summary>
/// The linear Modality LUT (PS3.3 C.11.1.1.2: output = stored × RescaleSlope + RescaleIntercept) applied to a whole
/// frame of 16-bit little-endian words straight into float32, with the BitsStored mask and sign extension of
/// PS3.5 §8.1.1. Results are bit-identical to the scalar formula <c>(float)((stored * slope) + intercept)</c> in
/// double: in general the vector path computes in double too; when every result is exact in float (slope a power of
/// two in [1/16, 16], integer intercept of magnitude ≤ 65536, as in CT's 1 / −1024) it computes in float, twice as
/// many lanes per instruction, with the same (exact) answers.
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
        if (Vector512.IsHardwareAccelerated && BitConverter.IsLittleEndian && signed && IsExactInFloat(slope, intercept))
        {
            // The common CT case (signed words, slope 1, integer intercept) 32 words at a time on AVX-512.
            i = ApplyExactSigned512(src, shift, (float)slope, (float)intercept, destination);
        }

        if (Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            // Vector loads and stores below stay inside src[..n] and destination[..n]: i + 16 ≤ n in the loop.
            ref ushort s0 = ref MemoryMarshal.GetReference(src);
            ref float d0 = ref MemoryMarshal.GetReference(destination);
            bool exactInFloat = IsExactInFloat(slope, intercept);
            Vector256<double> dSlope = Vector256.Create(slope), dIntercept = Vector256.Create(intercept);
            Vector256<float> fSlope = Vector256.Create((float)slope), fIntercept = Vector256.Create((float)intercept);
            Vector256<ushort> vMask = Vector256.Create(mask);
            for (; i <= n - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                Vector256<ushort> w = Vector256.LoadUnsafe(ref s0, (nuint)i);
                Vector256<int> lo, hi;
                if (signed)
                {
                    // Shift the sign bit of the stored value up to bit 15, then back down with sign fill.
                    (lo, hi) = Vector256.Widen(Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(w.AsInt16(), shift), shift));
                }
                else
                {
                    (Vector256<uint> l, Vector256<uint> h) = Vector256.Widen(w & vMask);
                    (lo, hi) = (l.AsInt32(), h.AsInt32());
                }

                // |stored| < 2^16, so the int → float conversion is exact.
                Vector256<float> a = Vector256.ConvertToSingle(lo), b = Vector256.ConvertToSingle(hi);
                if (exactInFloat)
                {
                    ((a * fSlope) + fIntercept).StoreUnsafe(ref d0, (nuint)i);
                    ((b * fSlope) + fIntercept).StoreUnsafe(ref d0, (nuint)(i + 8));
                }
                else
                {
                    (Vector256<double> a0, Vector256<double> a1) = Vector256.Widen(a);
                    (Vector256<double> b0, Vector256<double> b1) = Vector256.Widen(b);
                    Vector256.Narrow((a0 * dSlope) + dIntercept, (a1 * dSlope) + dIntercept).StoreUnsafe(ref d0, (nuint)i);
                    Vector256.Narrow((b0 * dSlope) + dIntercept, (b1 * dSlope) + dIntercept).StoreUnsafe(ref d0, (nuint)(i + 8));
                }
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

    /// <summary>Signed words through an exact-in-float rescale, 32 at a time; returns how many were done (a multiple of 32).</summary>
    private static int ApplyExactSigned512(ReadOnlySpan<ushort> src, int shift, float slope, float intercept, Span<float> destination)
    {
        // Vector loads and stores stay inside src[..n] and destination[..n]: i + 32 ≤ n in the loop.
        int n = destination.Length, i = 0;
        ref ushort s0 = ref MemoryMarshal.GetReference(src);
        ref float d0 = ref MemoryMarshal.GetReference(destination);
        Vector512<float> vSlope = Vector512.Create(slope), vIntercept = Vector512.Create(intercept);
        for (; i <= n - Vector512<ushort>.Count; i += Vector512<ushort>.Count)
        {
            Vector512<short> w = Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(Vector512.LoadUnsafe(ref s0, (nuint)i).AsInt16(), shift), shift);
            (Vector512<int> lo, Vector512<int> hi) = Vector512.Widen(w);
            ((Vector512.ConvertToSingle(lo) * vSlope) + vIntercept).StoreUnsafe(ref d0, (nuint)i);
            ((Vector512.ConvertToSingle(hi) * vSlope) + vIntercept).StoreUnsafe(ref d0, (nuint)(i + 16));
        }

        return i;
    }

    /// <summary>
    /// True when stored × slope + intercept is exact in float for every 16-bit stored value: slope 2^k with |k| ≤ 4
    /// and an integer intercept with |intercept| ≤ 2^16 give multiples of 2^−4 below 2^20 in magnitude (≤ 24 bits).
    /// </summary>
    internal static bool IsExactInFloat(double slope, double intercept)
    {
        if (!(Math.Abs(intercept) <= 65536) || intercept != Math.Floor(intercept) || !(slope > 0))
        {
            return false;
        }

        double log2 = Math.Log2(slope);
        return log2 == Math.Floor(log2) && Math.Abs(log2) <= 4 && Math.Pow(2, log2) == slope;
    }
}
