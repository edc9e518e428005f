namespace MLSeg.Models.ResNet;

/// <summary>torchvision ResNet variants built from BasicBlocks.</summary>
public enum ResNetDepth
{
    /// <summary>ResNet-18: [2, 2, 2, 2] BasicBlocks.</summary>
    ResNet18 = 18,

    /// <summary>ResNet-34: [3, 4, 6, 3] BasicBlocks.</summary>
    ResNet34 = 34,
}
