namespace MLSeg.Onnx.Tests;

/// <summary>The CUDA provider's preconditions, over given facts (this machine has no GPU; the real check runs on the GPU build).</summary>
public class OrtCudaTests
{
    private static readonly string[] GpuProviders = ["TensorrtExecutionProvider", OrtCuda.ProviderName, "CPUExecutionProvider"];

    [Fact]
    public void Problem_CpuPackage_NamesTheGpuPackageAndSwitch()
    {
        string? problem = OrtCuda.Problem(["CPUExecutionProvider"], providerLibraryPresent: false, _ => true);
        Assert.NotNull(problem);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", problem, StringComparison.Ordinal);
        Assert.Contains("MLSEG_GPU=1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_ProviderLibraryMissing_NamesIt()
    {
        string? problem = OrtCuda.Problem(GpuProviders, providerLibraryPresent: false, _ => true);
        Assert.Contains(OrtCuda.ProviderLibrary, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_CudaLibrariesMissing_NamesExactlyThoseMissing()
    {
        var absent = new HashSet<string>(StringComparer.Ordinal) { "libcudart.so.13", "libcudnn.so.9" };
        string? problem = OrtCuda.Problem(GpuProviders, providerLibraryPresent: true, l => !absent.Contains(l));
        Assert.NotNull(problem);
        Assert.Contains("libcudart.so.13, libcudnn.so.9", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("libcublas.so.13", problem, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_EverythingPresent_IsNull() =>
        Assert.Null(OrtCuda.Problem(GpuProviders, providerLibraryPresent: true, _ => true));

    [Fact]
    public void Problem_ThisCpuBuild_IsNotNull() => Assert.NotNull(OrtCuda.Problem());
}
