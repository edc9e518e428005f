using System.CommandLine;
using MLSeg.Core.Errors;

namespace MLSeg.Cli;

/// <summary>Runs the parsed command line with MLSeg's exit codes: 0 ok, 1 failure, 2 usage error.</summary>
internal static class CliRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>
    /// libtorch picks one intra-op thread per physical core, which on small VMs means one; MLSeg uses every logical
    /// core unless MLSEG_NUM_THREADS says otherwise (Slurm tasks set it from --cpus-per-task).
    /// </summary>
    private static void ConfigureThreads()
    {
        string? env = Environment.GetEnvironmentVariable("MLSEG_NUM_THREADS");
        int threads = int.TryParse(env, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0 ? n : Environment.ProcessorCount;
        if (MLSeg.Models.Engine.TorchRuntime.LoadError is null)
        {
            TorchSharp.torch.set_num_threads(threads);
        }
    }

    public static int Run(Command root, string[] args)
    {
        ParseResult parse = root.Parse(args);
        ConfigureThreads();
        // Domain errors (bad files, specs, native failures) must reach the handler below as one clear line, not as
        // System.CommandLine's default stack-trace printout.
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            // User-defined encoders for specs' model.encoder (inherited by Slurm tasks with the environment).
            MLSeg.Models.EncoderRegistry.LoadFromEnvironment();
            int code = parse.Invoke(config);
            // System.CommandLine reports parse errors through its own action with exit code 1; MLSeg promises 2.
            return parse.Errors.Count > 0 ? Usage : code;
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"mlseg: {ex.Message}");
            return Usage;
        }
        catch (Exception ex) when (ex is MLSegException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Bad files, specs, data or values met inside the libraries: a failure (1), not a usage error, told in one
            // line without the BCL's "(Parameter 'x')" decoration.
            Console.Error.WriteLine($"mlseg: {UserMessage(ex)}");
            return Failure;
        }
    }

    /// <summary>The message of <paramref name="ex"/> as a user should read it: without the BCL's parameter-name and actual-value suffixes.</summary>
    public static string UserMessage(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        string message = ex.Message;
        if (ex is ArgumentOutOfRangeException { ActualValue: { } actual })
        {
            message = message.Replace($"{Environment.NewLine}Actual value was {actual}.", string.Empty, StringComparison.Ordinal);
        }

        if (ex is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message;
    }
}
