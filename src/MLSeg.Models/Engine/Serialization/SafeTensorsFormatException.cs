using MLSeg.Core.Errors;

namespace MLSeg.Models.Engine.Serialization;

/// <summary>A safetensors file is malformed; the message names the file, the tensor key (when one is at fault) and what was wrong.</summary>
public class SafeTensorsFormatException : MLSegException
{
    /// <summary>Creates the exception for <paramref name="file"/> and tensor <paramref name="key"/> (null when the header as a whole is at fault).</summary>
    public SafeTensorsFormatException(string file, string? key, string problem)
        : base(key is null ? $"{file}: {problem}" : $"{file}: tensor '{key}': {problem}")
    {
        File = file;
        Key = key;
    }

    /// <inheritdoc />
    public SafeTensorsFormatException(string message) : base(message) => File = string.Empty;

    /// <inheritdoc />
    public SafeTensorsFormatException(string message, Exception innerException) : base(message, innerException) => File = string.Empty;

    /// <inheritdoc />
    public SafeTensorsFormatException() => File = string.Empty;

    /// <summary>The file that failed.</summary>
    public string File { get; }

    /// <summary>The tensor key at fault, or null.</summary>
    public string? Key { get; }
}
