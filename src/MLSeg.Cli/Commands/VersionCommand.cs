using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg version</c>: MLSeg, .NET, libtorch and the compute devices.</summary>
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
            if (MLSeg.Torch.Torch.NativeLoadError is { } error)
            {
                Console.WriteLine($"libtorch: unavailable — {error}");
                return CliRunner.Failure;
            }

            Console.WriteLine($"libtorch {MLSeg.Torch.Torch.Version} ({MLSeg.Torch.Torch.NumThreads} CPU threads)");
            Console.WriteLine(MLSeg.Torch.Torch.MallocTuned
                ? "malloc: mmap threshold 32 MiB, trim threshold 256 MiB (fixed by the shim)"
                : "malloc: glibc defaults (GLIBC_TUNABLES sets malloc tunables, or MLSEG_MALLOC_TUNING=0)");
            Console.WriteLine("devices: cpu");
            int gpus = MLSeg.Torch.Cuda.IsAvailable ? MLSeg.Torch.Cuda.DeviceCount : 0;
            for (int i = 0; i < gpus; i++)
            {
                Console.WriteLine($"devices: cuda:{i}");
            }

            return CliRunner.Ok;
        });
        return command;
    }
}
