using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg version</c>: MLSeg, .NET, ONNX Runtime, libtorch and the compute devices.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the MLSeg, .NET and libtorch versions and the available devices.");
        command.SetAction(_ =>
        {
            string version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            Console.WriteLine($"MLSeg {version}");
            Console.WriteLine($"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})"); // the description already reads ".NET 10.0.x"
            Console.WriteLine($"onnxruntime {MLSeg.Onnx.OrtSessions.RuntimeVersion} ({string.Join(", ", MLSeg.Onnx.OrtSessions.AvailableProviders)}); " +
                              $"cuda: {MLSeg.Onnx.OrtCuda.Problem() ?? "ready"}");
            Console.WriteLine($"onnxruntime loaded from: {MLSeg.Onnx.OrtSessions.RuntimeLibraryPath ?? "(not visible on this OS)"}");
            if (MLSeg.Models.Engine.TorchRuntime.LoadError is { } error)
            {
                Console.WriteLine($"libtorch: unavailable — {error}");
                return CliRunner.Failure;
            }

            var engine = MLSeg.Models.Engine.TorchRuntime.Describe();
            Console.WriteLine($"libtorch {engine.LibTorchVersion} via TorchSharp {engine.TorchSharpVersion} ({engine.Threads} CPU threads)");
            Console.WriteLine($"libtorch loaded from: {engine.LibTorchDirectory}");
            Console.WriteLine($"TorchSharp glue: {engine.GluePath}");
            Console.WriteLine(engine.MallocTuned
                ? $"malloc: {MLSeg.Models.Engine.EngineInfo.MallocThresholds} (set by MLSeg at engine load)"
                : "malloc: glibc's thresholds (GLIBC_TUNABLES sets a threshold, or MLSEG_MALLOC_TUNING=0)");
            Console.WriteLine(engine.MallocHugePages
                ? "malloc huge pages: on (GLIBC_TUNABLES glibc.malloc.hugetlb)"
                : "malloc huge pages: off (GLIBC_TUNABLES=glibc.malloc.hugetlb=1 turns them on; it must be set before the process starts, which ./mlseg does unless MLSEG_MALLOC_TUNING=0)");
            IReadOnlyList<string> encoders = MLSeg.Models.EncoderRegistry.Names;
            Console.WriteLine(encoders.Count > 0
                ? $"encoders: {string.Join(", ", encoders)} ({MLSeg.Models.EncoderRegistry.AssembliesVariable}={Environment.GetEnvironmentVariable(MLSeg.Models.EncoderRegistry.AssembliesVariable)})"
                : $"encoders: built-in only ({string.Join(", ", MLSeg.Models.EncoderRegistry.BuiltInNames)}); {MLSeg.Models.EncoderRegistry.AssembliesVariable} loads user-defined ones");
            foreach (string device in engine.Devices)
            {
                Console.WriteLine($"devices: {device}{(device.StartsWith("cuda", StringComparison.Ordinal) && engine.CudnnAvailable ? " (cuDNN)" : string.Empty)}");
            }

            return CliRunner.Ok;
        });
        return command;
    }
}
