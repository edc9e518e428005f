using System.Runtime.InteropServices;
using MLSeg.Core.Errors;

namespace MLSeg.Torch.Native;

/// <summary>Turns shim status codes into exceptions that name the operation, the inputs and libtorch's message.</summary>
internal static class NativeStatus
{
    /// <summary>Throws when <paramref name="status"/> is not 0.</summary>
    public static void Check(int status, string op)
    {
        if (status != 0)
        {
            throw Failure(status, op, null);
        }
    }

    /// <summary>Throws when <paramref name="status"/> is not 0, describing the input tensors in the message.</summary>
    public static void Check(int status, string op, params Tensor?[] inputs)
    {
        if (status != 0)
        {
            throw Failure(status, op, inputs);
        }
    }

    private static NativeEngineException Failure(int status, string op, Tensor?[]? inputs)
    {
        string message = Marshal.PtrToStringUTF8(NativeMethods.mlseg_last_error()) ?? "(no message)";
        // libtorch's messages can run to many lines of C++ context; the first lines carry the meaning.
        string[] lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length > 6)
        {
            message = string.Join('\n', lines.Take(6));
        }

        string args = inputs is null ? string.Empty
            : " with inputs " + string.Join(", ", inputs.Select(t => t is null ? "none" : t.Describe()));
        return new NativeEngineException($"torch.{op}{args}", status, message.Trim());
    }
}
