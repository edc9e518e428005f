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
            Console.WriteLine($".NET {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
            return CliRunner.Ok;
        });
        return command;
    }
}
