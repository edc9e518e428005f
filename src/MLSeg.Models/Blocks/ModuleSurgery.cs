using System.Reflection;
using MLSeg.Torch.NN;
using Module = MLSeg.Torch.NN.Module;

namespace MLSeg.Models.Blocks;

/// <summary>
/// Replaces a registered child module in place (same name, same position), which <see cref="Module"/> has no public or
/// protected member for. Networks need it for <c>ResetHead</c>: PyTorch does it with <c>model.head = new_head</c>.
/// </summary>
/// <remarks>
/// Uses reflection on <see cref="Module"/>'s private child list until MLSeg.Torch offers a protected
/// <c>ReplaceModule</c>; a test (ResetHead changes only head parameters) fails if that field ever changes shape.
/// </remarks>
internal static class ModuleSurgery
{
    private static readonly FieldInfo ChildrenField = typeof(Module).GetField("children", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new MissingFieldException(nameof(Module), "children");

    /// <summary>Puts <paramref name="replacement"/> where the child <paramref name="name"/> was and disposes the old child.</summary>
    public static void Replace(Module parent, string name, Module replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var children = (List<KeyValuePair<string, Module>>)(ChildrenField.GetValue(parent)
            ?? throw new InvalidOperationException($"{parent.GetType().Name} has no child list."));
        int index = children.FindIndex(c => c.Key == name);
        if (index < 0)
        {
            throw new ArgumentException($"{parent.GetType().Name} has no child '{name}' to replace.", nameof(name));
        }

        Module old = children[index].Value;
        children[index] = new(name, replacement);
        old.Dispose();
    }
}
