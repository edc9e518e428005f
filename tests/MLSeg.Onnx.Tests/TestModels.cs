using MLSeg.Onnx.Writer;

namespace MLSeg.Onnx.Tests;

/// <summary>Small models built with the writer for runtime tests.</summary>
internal static class TestModels
{
    /// <summary>y = Identity(x) with x of <paramref name="type"/> and shape (batch, 2, 3).</summary>
    public static byte[] Identity(OnnxElementType type, int opset = 17)
    {
        var b = new OnnxGraphBuilder("identity", opset);
        b.AddInput("x", type, "batch", 2, 3);
        b.Identity("x", "y");
        b.AddOutput("y", type, "batch", 2, 3);
        b.AddMetadata("purpose", "test");
        return b.ToBytes();
    }

    /// <summary>Deterministic pseudo-random floats in [-1, 1) from a 64-bit LCG (Knuth's MMIX constants).</summary>
    public static float[] Random(int count, ulong seed)
    {
        var data = new float[count];
        ulong state = seed * 2862933555777941757UL + 3037000493UL;
        for (int i = 0; i < count; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            data[i] = (float)((state >> 40) / (double)(1UL << 24) * 2 - 1);
        }

        return data;
    }

    /// <summary>Largest absolute elementwise difference; throws on a length mismatch.</summary>
    public static double MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }

        return max;
    }
}
