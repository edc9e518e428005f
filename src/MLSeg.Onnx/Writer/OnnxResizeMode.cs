namespace MLSeg.Onnx.Writer;

/// <summary>
/// Resize settings that reproduce PyTorch's <c>F.interpolate</c> (ONNX Resize: mode, coordinate_transformation_mode,
/// nearest_mode).
/// </summary>
public enum OnnxResizeMode
{
    /// <summary>interpolate(mode='nearest'): nearest, asymmetric coordinates, floor rounding.</summary>
    Nearest = 0,
    /// <summary>interpolate(mode='bilinear', align_corners=False): linear, half_pixel coordinates.</summary>
    LinearHalfPixel = 1,
    /// <summary>Linear with asymmetric coordinates (x_src = x_dst / scale).</summary>
    LinearAsymmetric = 2,
    /// <summary>interpolate(mode='bilinear', align_corners=True): linear, align_corners coordinates.</summary>
    LinearAlignCorners = 3,
}
