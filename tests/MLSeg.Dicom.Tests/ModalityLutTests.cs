using System.Buffers.Binary;
using MLSeg.Dicom.Imaging;

namespace MLSeg.Dicom.Tests;

public class ModalityLutTests
{
    public static TheoryData<int, bool, double, double> Rescales => new()
    {
        // BitsStored, signed, RescaleSlope, RescaleIntercept: CT defaults, 12-bit data with junk high bits, and a
        // slope/intercept that are not exact in float (so the double-then-round order matters).
        { 16, true, 1.0, -1024.0 },
        { 16, true, 16.0, -65536.0 },
        { 16, false, 1.0, 0.0 },
        { 16, false, 0.0625, 65536.0 },
        { 12, true, 1.0, -1024.0 },
        { 12, false, 0.5, -1000.25 },
        { 10, true, 0.1, -3.3 },
        { 1, false, 2.0, 1.0 },
    };

    [Theory]
    [MemberData(nameof(Rescales))]
    public void Apply16_RandomWords_BitIdenticalToScalarFormula(int storedBits, bool signed, double slope, double intercept)
    {
        // 1000 words: 62 full 16-wide vector blocks and an 8-word scalar tail. The reference is written out here,
        // element by element: mask to BitsStored, sign-extend when signed (PS3.5 §8.1.1), then (float)(v × slope + b).
        var rng = new Random(20261122);
        byte[] words = new byte[2000];
        rng.NextBytes(words);
        var actual = new float[1000];
        ModalityLut.Apply16(words, storedBits, signed, slope, intercept, actual);
        for (int i = 0; i < actual.Length; i++)
        {
            long v = BinaryPrimitives.ReadUInt16LittleEndian(words.AsSpan(2 * i)) & ((1L << storedBits) - 1);
            if (signed && (v & (1L << (storedBits - 1))) != 0)
            {
                v -= 1L << storedBits;
            }

            float expected = (float)((v * slope) + intercept);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual[i]),
                $"word {i}: expected {expected:R}, got {actual[i]:R}");
        }
    }

    public static TheoryData<double, double, bool> FloatExactness => new()
    {
        // Slope 2^k (|k| ≤ 4) and an integer intercept of magnitude ≤ 65536 keep every 16-bit result within 24 bits.
        { 1.0, -1024.0, true },
        { 0.5, -1024.0, true },
        { 16.0, 65536.0, true },
        { 0.0625, 0.0, true },
        { 0.1, 0.0, false },        // not a power of two
        { 1.0, -1024.5, false },    // fractional intercept
        { 32.0, 0.0, false },       // 2^5: outside the range the exactness argument covers
        { 1.0, 70000.0, false },
        { -1.0, 0.0, false },
    };

    [Theory]
    [MemberData(nameof(FloatExactness))]
    public void IsExactInFloat_SlopeAndIntercept_ChoosesFloatOnlyWhenExact(double slope, double intercept, bool expected)
    {
        Assert.Equal(expected, ModalityLut.IsExactInFloat(slope, intercept));
    }

    [Fact]
    public void Apply16_WordsShorterThanDestination_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModalityLut.Apply16(new byte[6], 16, true, 1, 0, new float[4]));
    }
}
