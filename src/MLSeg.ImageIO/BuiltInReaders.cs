using MLSeg.ImageIO.Nifti;
using MLSeg.ImageIO.Npy;
using MLSeg.ImageIO.Png;

namespace MLSeg.ImageIO;

/// <summary>The readers ImageIO provides: PNG, NPY and NIfTI.</summary>
public static class BuiltInReaders
{
    /// <summary>PNG by its 8-byte signature.</summary>
    public static IImageReader Png { get; } = new Reader("PNG", h => h.StartsWith(PngReader.Signature), p => new LoadedImage(p, "PNG", PngReader.ReadImage(p)));

    /// <summary>NPY by its magic; 2-D (H, W) or (C, H, W) with C = 1/3 → image, other 3-D → one volume (Z, Y, X).</summary>
    public static IImageReader Npy { get; } = new Reader("NPY", h => h.StartsWith(NpyReader.Magic), ReadNpy);

    /// <summary>NIfTI-1/2 by sizeof_hdr 348/540 in either byte order (gzip inflated first by the loader).</summary>
    public static IImageReader Nifti { get; } = new Reader("NIfTI", NiftiReader.IsNiftiHeader, p => new LoadedImage(p, "NIfTI", NiftiReader.ReadVolumes(p)));

    /// <summary>All three, in dispatch order.</summary>
    public static IReadOnlyList<IImageReader> All { get; } = [Png, Npy, Nifti];

    private static LoadedImage ReadNpy(string path)
    {
        var array = NpyReader.Read(path);
        if (array.Shape.Length == 2 || (array.Shape.Length == 3 && array.Shape[0] is 1 or 3))
        {
            return new LoadedImage(path, "NPY", array.ToImage2D());
        }

        if (array.Shape.Length == 3)
        {
            return new LoadedImage(path, "NPY", [new Core.Imaging.Volume(array.Shape[0], array.Shape[1], array.Shape[2], array.ToFloat32())]);
        }

        throw new Core.Errors.ImageFormatException(path, -1, $"array shape ({string.Join(", ", array.Shape)}) is neither an image (H, W)/(C, H, W) nor a volume (Z, Y, X).");
    }

    private sealed class Reader(string name, ReadOnlySpanPredicate canRead, Func<string, LoadedImage> read) : IImageReader
    {
        public string FormatName => name;

        public bool CanRead(ReadOnlySpan<byte> header) => canRead(header);

        public LoadedImage Read(string path) => read(path);
    }

    private delegate bool ReadOnlySpanPredicate(ReadOnlySpan<byte> header);
}
