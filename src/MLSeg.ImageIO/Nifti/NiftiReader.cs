using System.Buffers.Binary;
using System.IO.Compression;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;

namespace MLSeg.ImageIO.Nifti;

/// <summary>
/// Reads single-file NIfTI-1 and NIfTI-2 images (.nii, or gzip-compressed .nii.gz — detected from the gzip magic, not
/// the name), either byte order. Values are converted to float32 with scl_slope/scl_inter applied when the slope is
/// finite and non-zero. Geometry: NIfTI's RAS+ affine (sform, else qform, else pixdim) is converted to the LPS
/// origin and direction of <see cref="Volume"/>; spacing comes from pixdim scaled to mm by xyzt_units.
/// </summary>
public static class NiftiReader
{
    /// <summary>Reads only the header.</summary>
    public static NiftiHeader ReadHeader(string path)
    {
        using var stream = Open(path);
        byte[] head = ReadUpTo(stream, 540, path);
        return NiftiHeaderParser.Parse(head, path);
    }

    /// <summary>Reads a 1-, 2- or 3-D image as one volume; a 4-D file with more than one volume is an error.</summary>
    public static Volume ReadVolume(string path) => Read(path, single: true).Volumes[0];

    /// <summary>Reads every volume along dim[4] (one for a 3-D file).</summary>
    public static IReadOnlyList<Volume> ReadVolumes(string path) => Read(path, single: false).Volumes;

    /// <summary>Reads the header and every volume.</summary>
    public static (NiftiHeader Header, IReadOnlyList<Volume> Volumes) Read(string path, bool single)
    {
        using var stream = Open(path);
        byte[] head = ReadUpTo(stream, 540, path);
        var h = NiftiHeaderParser.Parse(head, path);
        for (int i = 5; i < 8; i++)
        {
            if (h.Dim[i] > 1)
            {
                throw new ImageFormatException(path, -1, $"dim[{i}] is {h.Dim[i]}; MLSeg reads at most 4-D images (x, y, z, t).");
            }
        }

        if (single && h.VolumeCount > 1)
        {
            throw new ImageFormatException(path, -1, $"the file holds {h.VolumeCount} volumes (dim[4]); read it with ReadVolumes to get them all.");
        }

        int bytesPer = BytesPerVoxel(h.DataType);
        long perVolume = h.Dim[1] * h.Dim[2] * h.Dim[3];
        long total = perVolume * h.VolumeCount;
        long end = h.VoxOffset + (total * bytesPer);
        if (perVolume > Array.MaxLength || end > Array.MaxLength)
        {
            throw new ImageFormatException(path, -1, $"image of {h.Dim[1]}x{h.Dim[2]}x{h.Dim[3]}x{h.VolumeCount} voxels is larger than MLSeg reads in one buffer.");
        }

        // Never allocate what the header claims before the bytes are there: a plain file is checked against its
        // length; a gzip stream (whose inflated length is unknown) fills a buffer that grows only as data arrives.
        if (stream is FileStream plain && plain.Length < end)
        {
            throw new ImageFormatException(path, plain.Length, $"file ends after {plain.Length} bytes; the header promises voxel data up to byte {end} ({total} voxels of {h.DataType} from vox_offset {h.VoxOffset}).");
        }

        byte[] all = new byte[Math.Min(end, stream is FileStream ? end : Math.Max(head.Length, 1 << 20))];
        head.AsSpan(0, (int)Math.Min(head.Length, end)).CopyTo(all);
        int got = Math.Min(head.Length, (int)end);
        while (got < end)
        {
            if (got == all.Length)
            {
                Array.Resize(ref all, (int)Math.Min(end, (long)all.Length * 2));
            }

            int n = ReadSome(stream, all.AsSpan(got), path);
            if (n == 0)
            {
                throw new ImageFormatException(path, got, $"{(stream is GZipStream ? "the inflated data" : "file")} ends after {got} bytes; the header promises voxel data up to byte {end} ({total} voxels of {h.DataType} from vox_offset {h.VoxOffset}).");
            }

            got += n;
        }

        var geometry = Geometry.From(h, path);
        var volumes = new Volume[h.VolumeCount];
        for (int t = 0; t < volumes.Length; t++)
        {
            var data = new float[perVolume];
            Convert(all.AsSpan((int)(h.VoxOffset + (t * perVolume * bytesPer)), (int)(perVolume * bytesPer)), h, data);
            volumes[t] = new Volume((int)h.Dim[3], (int)h.Dim[2], (int)h.Dim[1], data, geometry.InPlane, geometry.SliceMm, geometry.OriginLps, geometry.DirectionLps);
        }

        return (h, volumes);
    }

    /// <summary>True when <paramref name="header"/> starts with a NIfTI-1/2 sizeof_hdr in either byte order.</summary>
    public static bool IsNiftiHeader(ReadOnlySpan<byte> header) => NiftiHeaderParser.LooksLikeNifti(header);

    internal static int BytesPerVoxel(NiftiDataType type) => type switch
    {
        NiftiDataType.UInt8 or NiftiDataType.Int8 => 1,
        NiftiDataType.Int16 or NiftiDataType.UInt16 => 2,
        NiftiDataType.Int32 or NiftiDataType.UInt32 or NiftiDataType.Float32 => 4,
        _ => 8,
    };

    private static void Convert(ReadOnlySpan<byte> src, NiftiHeader h, Span<float> dst)
    {
        bool big = h.BigEndian;
        for (int i = 0; i < dst.Length; i++)
        {
            double v = h.DataType switch
            {
                NiftiDataType.UInt8 => src[i],
                NiftiDataType.Int8 => (sbyte)src[i],
                NiftiDataType.Int16 => big ? BinaryPrimitives.ReadInt16BigEndian(src[(i * 2)..]) : BinaryPrimitives.ReadInt16LittleEndian(src[(i * 2)..]),
                NiftiDataType.UInt16 => big ? BinaryPrimitives.ReadUInt16BigEndian(src[(i * 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(src[(i * 2)..]),
                NiftiDataType.Int32 => big ? BinaryPrimitives.ReadInt32BigEndian(src[(i * 4)..]) : BinaryPrimitives.ReadInt32LittleEndian(src[(i * 4)..]),
                NiftiDataType.UInt32 => big ? BinaryPrimitives.ReadUInt32BigEndian(src[(i * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(src[(i * 4)..]),
                NiftiDataType.Float32 => big ? BinaryPrimitives.ReadSingleBigEndian(src[(i * 4)..]) : BinaryPrimitives.ReadSingleLittleEndian(src[(i * 4)..]),
                _ => big ? BinaryPrimitives.ReadDoubleBigEndian(src[(i * 8)..]) : BinaryPrimitives.ReadDoubleLittleEndian(src[(i * 8)..]),
            };
            dst[i] = (float)(h.HasScaling ? (v * h.SclSlope) + h.SclInter : v);
        }
    }

    private static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        int b0 = file.ReadByte();
        int b1 = file.ReadByte();
        file.Position = 0;
        return b0 == 0x1F && b1 == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static byte[] ReadUpTo(Stream stream, int count, string path)
    {
        var buffer = new byte[count];
        int got = 0;
        while (got < count)
        {
            int n = ReadSome(stream, buffer.AsSpan(got), path);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return got == count ? buffer : buffer[..got];
    }

    // GZipStream reports a damaged compressed stream as InvalidDataException; it is the file's fault, so it becomes an
    // ImageFormatException that names the file and the gzip layer.
    private static int ReadSome(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.Read(buffer);
        }
        catch (InvalidDataException ex) when (stream is GZipStream)
        {
            throw new ImageFormatException(path, -1, $"the gzip layer is corrupt ({ex.Message}); the .nii.gz cannot be inflated.", ex);
        }
    }

    private readonly record struct Geometry(PixelSpacing InPlane, double SliceMm, double[] OriginLps, double[] DirectionLps)
    {
        public static Geometry From(NiftiHeader h, string file)
        {
            double unit = h.SpatialUnitMm;
            double col = h.PixDim[1] * unit, row = h.PixDim[2] * unit, slice = h.PixDim[3] * unit;
            if (h.Dim[0] < 3 || (h.Dim[3] == 1 && !(slice > 0)))
            {
                slice = 1.0; // a single slice has no slice spacing; Volume needs a positive one
            }

            if (h.Dim[0] < 2 || (h.Dim[2] == 1 && !(row > 0)))
            {
                row = 1.0;
            }

            foreach (var (name, v) in new[] { ("pixdim[1]", col), ("pixdim[2]", row), ("pixdim[3]", slice) })
            {
                if (!(v > 0) || !double.IsFinite(v))
                {
                    throw new ImageFormatException(file, -1, $"{name} is {v / unit} ({unit} mm per unit); voxel spacing must be finite and > 0.");
                }
            }

            double[] a = h.AffineRas();
            var direction = new double[9];
            for (int axis = 0; axis < 3; axis++)
            {
                double x = a[axis], y = a[4 + axis], z = a[8 + axis];
                double n = Math.Sqrt((x * x) + (y * y) + (z * z));
                if (!(n > 0) || !double.IsFinite(n))
                {
                    throw new ImageFormatException(file, -1, $"the {(h.SFormCode > 0 ? "sform" : h.QFormCode > 0 ? "qform" : "pixdim")} affine has a zero or non-finite column {axis}; cannot derive an orientation.");
                }

                // RAS+ → LPS: negate x and y.
                direction[(axis * 3) + 0] = -x / n;
                direction[(axis * 3) + 1] = -y / n;
                direction[(axis * 3) + 2] = z / n;
            }

            return new Geometry(new PixelSpacing(row, col), slice, [-a[3], -a[7], a[11]], direction);
        }
    }
}
