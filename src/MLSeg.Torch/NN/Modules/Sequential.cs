namespace MLSeg.Torch.NN;

/// <summary>Chains tensor modules, registered as children "0", "1", … (PyTorch's <c>nn.Sequential</c>).</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> layers = [];

    /// <summary>Creates the chain; it owns and disposes the layers.</summary>
    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var m in modules)
        {
            Append(m);
        }
    }

    /// <summary>Number of layers.</summary>
    public int Count => layers.Count;

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => layers[index];

    /// <summary>Adds a layer at the end, named by its position.</summary>
    /// <returns>This chain.</returns>
    public Sequential Append(Module<Tensor, Tensor> module)
    {
        RegisterModule(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        layers.Add(module);
        return this;
    }

    /// <summary>Runs the layers in order; intermediates are disposed as soon as the next layer has consumed them.</summary>
    public override Tensor Forward(Tensor input)
    {
        if (layers.Count == 0)
        {
            return input.Alias();
        }

        Tensor x = layers[0].Forward(input);
        for (int i = 1; i < layers.Count; i++)
        {
            Tensor next = layers[i].Forward(x);

            // A layer that hands back its input (an identity) must not lose it, and the caller's input is never ours.
            if (!ReferenceEquals(next, x) && !ReferenceEquals(x, input))
            {
                x.Dispose();
            }

            x = next;
        }

        return ReferenceEquals(x, input) ? input.Alias() : x;
    }
}
