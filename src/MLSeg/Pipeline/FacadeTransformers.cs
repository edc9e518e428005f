using MLSeg.Core.Pipeline;
using MLSeg.Onnx;
using MLSeg.Training;
using MLSeg.Transforms;

namespace MLSeg.Pipeline;

/// <summary>
/// Registers the facade's transformer types with <see cref="TransformerLoader"/> so saved pipelines load.
/// <see cref="SegContext"/> calls <see cref="EnsureRegistered"/>; code that loads without a context calls it itself.
/// </summary>
public static class FacadeTransformers
{
    private static readonly Lazy<bool> Registration = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers every facade transformer type once per process (later calls do nothing).</summary>
    public static void EnsureRegistered() => _ = Registration.Value;

    private static bool Register()
    {
        TransformerLoader.Register(LoadImageTransformer.TypeName, LoadImageTransformer.LoadFrom);
        TransformerLoader.Register(LoadMaskTransformer.TypeName, LoadMaskTransformer.LoadFrom);
        TransformerLoader.Register(WindowTransformer.TypeName, WindowTransformer.LoadFrom);
        TransformerLoader.Register(ResizeTransformer.TypeName, ResizeTransformer.LoadFrom);
        TransformerLoader.Register(PadOrCropTransformer.TypeName, PadOrCropTransformer.LoadFrom);
        TransformerLoader.Register(SegmentationModelTransformer.TypeName, SegmentationModelTransformer.LoadFrom);
        TransformerLoader.Register(PretrainedEncoderTransformer.TypeName, PretrainedEncoderTransformer.LoadFrom);
        TransformerLoader.Register(OnnxModelTransformer.TypeName, OnnxModelTransformer.LoadFrom);
        return true;
    }
}
