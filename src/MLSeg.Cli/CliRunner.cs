using System.CommandLine;
using MLSeg.Core.Errors;

namespace MLSeg.Cli;

/// <summary>Runs the parsed command line with MLSeg's exit codes: 0 ok, 1 failure, 2 usage error.</summary>
internal static class CliRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static int Run(Command root, string[] args)
    {
        ParseResult parse = root.Parse(args);
        // Domain errors (bad files, specs, native failures) must reach the handler below as one clear line, not as
        // System.CommandLine's default stack-trace printout.
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            int code = parse.Invoke(config);
            // System.CommandLine reports parse errors through its own action with exit code 1; MLSeg promises 2.
            return parse.Errors.Count > 0 ? Usage : code;
        }
        catch (MLSegException ex)
        {
            Console.Error.WriteLine($"mlseg: {ex.Message}");
            return Failure;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"mlseg: {ex.Message}");
            return Failure;
        }
        catch (ArgumentException ex)
        {
            // Option values that parse but make no sense (a negative spacing, an unknown preset) are usage errors.
            Console.Error.WriteLine($"mlseg: {ex.Message}");
            return Usage;
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine($"mlseg: {ex.Message}");
            return Failure;
        }
    }
}
