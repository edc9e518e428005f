using System.CommandLine;
using MLSeg.Core.Errors;

namespace MLSeg.Cli;

/// <summary>Runs the parsed command line with MLSeg's exit codes: 0 ok, 1 failure, 2 usage error.</summary>
internal static class CliRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static int Run(RootCommand root, string[] args)
    {
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is null)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"mlseg: {error.Message}");
            }

            return Usage;
        }

        try
        {
            int code = parse.Invoke();
            // System.CommandLine reports parse errors through its own action with exit code 1; MLSeg promises 2.
            return parse.Errors.Count > 0 ? Usage : code;
        }
        catch (MLSegException ex)
        {
            Console.Error.WriteLine($"mlseg: {ex.Message}");
            return Failure;
        }
    }
}
