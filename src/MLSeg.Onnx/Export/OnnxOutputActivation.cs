namespace MLSeg.Onnx.Export;

/// <summary>What the exported graph applies to the network's class logits before its output.</summary>
public enum OnnxOutputActivation
{
    /// <summary>The raw logits (N, K, H, W), exactly what <c>SegmentationNetwork.forward</c> returns.</summary>
    None,
    /// <summary>Softmax over the class axis (multi-class probabilities).</summary>
    Softmax,
    /// <summary>Elementwise sigmoid (independent per-class probabilities).</summary>
    Sigmoid,
}
