using MLSeg.Core.Errors;
using MLSeg.TestKit;
using MLSeg.Torch;

namespace MLSeg.Torch.Tests;

public class TensorTests
{
    [NativeFact]
    public void FromArray_ToArray_RoundTripsValuesAndShape()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        using var t = Torch.FromArray(data, 2, 3);
        Assert.Equal([2L, 3L], t.Shape);
        Assert.Equal(ScalarType.Float32, t.Dtype);
        Assert.Equal(Device.Cpu, t.Device with { Index = -1 });
        Assert.Equal(data, t.ToArray<float>());
    }

    [NativeFact]
    public void Arithmetic_Broadcasts_LikePyTorch()
    {
        using var a = Torch.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        using var b = Torch.FromArray(new float[] { 10, 20, 30 }, 1, 3);
        using var c = a + b * 2.0;
        Assert.Equal(new float[] { 21, 42, 63, 24, 45, 66 }, c.ToArray<float>());
        using var s = c.Sum([1]);
        Assert.Equal(new float[] { 126, 135 }, s.ToArray<float>());
        using var m = c.Mean();
        Assert.Equal(43.5, m.Item(), 6);
    }

    [NativeFact]
    public void Backward_OfSumOfSquares_GivesTwiceTheInput()
    {
        using var x = Torch.FromArray(new float[] { 1, -2, 3 });
        x.RequiresGrad = true;
        using var y = x.Square().Sum();
        y.Backward();
        using var g = x.Grad;
        Assert.NotNull(g);
        Assert.Equal(new float[] { 2, -4, 6 }, g!.ToArray<float>());
    }

    [NativeFact]
    public void NoGrad_StopsRecording_AndRestoresMode()
    {
        using var x = Torch.Ones([3], requiresGrad: true);
        using (Torch.NoGrad())
        {
            using var y = x * 2.0;
            Assert.False(y.RequiresGrad);
            Assert.False(Torch.IsGradEnabled);
        }

        Assert.True(Torch.IsGradEnabled);
        using var z = x * 2.0;
        Assert.True(z.RequiresGrad);
    }

    [NativeFact]
    public void DisposeScope_FreesTemporaries_KeepsMovedTensors()
    {
        Tensor kept;
        Tensor temp;
        using (Torch.NewDisposeScope())
        {
            temp = Torch.Ones([2, 2]);
            kept = (temp * 3.0).MoveToOuterScope();
        }

        Assert.True(temp.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.Equal(new float[] { 3, 3, 3, 3 }, kept.ToArray<float>());
        kept.Dispose();
    }

    [NativeFact]
    public void Generator_SameSeed_SameDraws()
    {
        using var g1 = new Generator(123);
        using var g2 = new Generator(123);
        using var a = Torch.Randn([16], g1);
        using var b = Torch.Randn([16], g2);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
    }

    [NativeFact]
    public void MatMul_ShapeMismatch_NamesOpAndShapes()
    {
        using var a = Torch.Ones([2, 3]);
        using var b = Torch.Ones([4, 5]);
        var ex = Assert.Throws<NativeEngineException>(() => a.MatMul(b));
        Assert.Contains("matmul", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 3] float32", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 5] float32", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void CopyTo_WrongElementType_Throws()
    {
        using var t = Torch.Zeros([4]);
        var ex = Assert.Throws<ArgumentException>(() => t.ToArray<long>());
        Assert.Contains("float32", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void To_Cuda_OnCpuBuild_IsAClearError()
    {
        if (Cuda.IsAvailable)
        {
            return; // on a GPU machine the move succeeds; the CUDA tests cover that path
        }

        using var t = Torch.Zeros([2]);
        var ex = Assert.Throws<NativeEngineException>(() => t.To(Device.Cuda));
        Assert.Contains("cuda", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [NativeFact]
    public void Version_IsLibtorchVersion()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", Torch.Version);
    }

    [NativeFact]
    public void AddScalarInPlace_OnInt64_AddsAnInteger()
    {
        using var t = Torch.FromArray(new long[] { 1, 2, 3 });
        t.Add_(2).Mul_(3);
        Assert.Equal(new long[] { 9, 12, 15 }, t.ToArray<long>());
    }
}
