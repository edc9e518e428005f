using System.Runtime.CompilerServices;

namespace MLSeg.Onnx;

/// <summary>Loads the engine when this assembly loads: its code calls TorchSharp, which must not initialise before MLSeg's prepared glue.</summary>
internal static class EngineLoading
{
#pragma warning disable CA2255 // a library module initializer is the point: it runs before any TorchSharp call of this assembly
    [ModuleInitializer]
    internal static void Load() => MLSeg.Models.Engine.TorchRuntime.Preload();
#pragma warning restore CA2255
}
