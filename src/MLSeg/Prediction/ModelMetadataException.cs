using MLSeg.Core.Errors;

namespace MLSeg.Prediction;

/// <summary>A model file lacks a metadata entry prediction needs, or the entry does not parse.</summary>
public sealed class ModelMetadataException : MLSegException
{
    /// <summary>Creates the exception for <paramref name="key"/> of <paramref name="model"/>, with what went wrong.</summary>
    public ModelMetadataException(string model, string key, string problem)
        : base($"{model}: metadata '{key}' {problem}")
    {
        Model = model;
        Key = key;
    }

    /// <inheritdoc />
    public ModelMetadataException(string message) : base(message) { Model = Key = string.Empty; }

    /// <inheritdoc />
    public ModelMetadataException(string message, Exception innerException) : base(message, innerException) { Model = Key = string.Empty; }

    /// <inheritdoc />
    public ModelMetadataException() { Model = Key = string.Empty; }

    /// <summary>The model file.</summary>
    public string Model { get; }

    /// <summary>The metadata key that is missing or invalid.</summary>
    public string Key { get; }
}
