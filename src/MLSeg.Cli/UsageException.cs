namespace MLSeg.Cli;

/// <summary>
/// The command line itself is wrong (an option value out of range, options that do not go together): exit code 2.
/// Everything else that fails — bad files, specs, data, engines — is exit code 1.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }

    public UsageException() { }

    /// <summary>
    /// Runs a library parser on an option's value; its <see cref="ArgumentException"/> (the value makes no sense) is a
    /// usage error, reported with the option's name.
    /// </summary>
    public static T Parse<T>(string option, Func<T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{option}: {CliRunner.UserMessage(ex)}", ex);
        }
    }
}
