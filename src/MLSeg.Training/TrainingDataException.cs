using MLSeg.Core.Errors;

namespace MLSeg.Training;

/// <summary>
/// Training data that cannot be trained on: an empty source, images of mixed sizes in one dataset, a label the network
/// has no class for. Raised before the first step, naming the item and what was expected.
/// </summary>
public sealed class TrainingDataException : MLSegException
{
    /// <summary>Creates the exception with a message that names the item and the problem.</summary>
    public TrainingDataException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping a cause.</summary>
    public TrainingDataException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message.</summary>
    public TrainingDataException() { }
}
