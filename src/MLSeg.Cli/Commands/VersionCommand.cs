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
                ? "malloc: mmap threshold 32 MiB, trim threshold 256 MiB (set by MLSeg at engine load)"
                : "malloc: glibc defaults (GLIBC_TUNABLES sets malloc tunables, or MLSEG_MALLOC_TUNING=0)");
            foreach (string device in engine.Devices)
            {
                Console.WriteLine($"devices: {device}{(device.StartsWith("cuda", StringComparison.Ordinal) && engine.CudnnAvailable ? " (cuDNN)" : string.Empty)}");
            }

            return CliRunner.Ok;
        });
        return command;
    }
}
