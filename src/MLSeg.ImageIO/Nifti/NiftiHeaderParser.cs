using System.Buffers.Binary;
using MLSeg.Core.Errors;

namespace MLSeg.ImageIO.Nifti;

/// <summary>Parses NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers at their nifti1.h / nifti2.h offsets.</summary>
internal static class NiftiHeaderParser
{
    /// <summary>True when <paramref name="b"/> starts with sizeof_hdr 348 or 540 in either byte order.</summary>
    public static bool LooksLikeNifti(ReadOnlySpan<byte> b) =>
        b.Length >= 4 && (BinaryPrimitives.ReadInt32LittleEndian(b) is 348 or 540 || BinaryPrimitives.ReadInt32BigEndian(b) is 348 or 540);

    public static NiftiHeader Parse(ReadOnlySpan<byte> b, string file)
    {
        if (b.Length < 4)
        {
            throw new ImageFormatException(file, 0, $"expected a NIfTI header; the file holds only {b.Length} bytes.");
        }

        int le = BinaryPrimitives.ReadInt32LittleEndian(b);
        int be = BinaryPrimitives.ReadInt32BigEndian(b);
        bool big = le is not (348 or 540);
        int size = big ? be : le;
        if (size is not (348 or 540))
        {
            throw new ImageFormatException(file, 0, $"sizeof_hdr is {le} (little-endian) / {be} (big-endian); NIfTI-1 needs 348, NIfTI-2 540.");
        }

        if (b.Length < size)
        {
            throw new ImageFormatException(file, b.Length, $"header needs {size} bytes; the file holds {b.Length}.");
        }

        var r = new Reader(b, big);
        return size == 348 ? ParseV1(b, r, file, big) : ParseV2(b, r, file, big);
    }

    private static NiftiHeader ParseV1(ReadOnlySpan<byte> b, Reader r, string file, bool big)
    {
        if (!b.Slice(344, 4).SequenceEqual("n+1\0"u8))
        {
            throw new ImageFormatException(file, 344, $"magic is '{Printable(b.Slice(344, 4))}'; only single-file NIfTI-1 ('n+1') is supported (a .hdr/.img pair is not).");
        }

        var dim = new long[8];
        var pixdim = new double[8];
        for (int i = 0; i < 8; i++)
        {
            dim[i] = r.I16(40 + (2 * i));
            pixdim[i] = r.F32(76 + (4 * i));
        }

        var q = new double[6];
        for (int i = 0; i < 6; i++)
        {
            q[i] = r.F32(256 + (4 * i));
        }

        var srow = new double[12];
        for (int i = 0; i < 12; i++)
        {
            srow[i] = r.F32(280 + (4 * i));
        }

        double vox = r.F32(108);
        return Build(file, 1, big, dim, r.I16(70), pixdim, (long)vox, r.F32(112), r.F32(116), b[123], r.I16(252), r.I16(254), q, srow, 348);
    }

    private static NiftiHeader ParseV2(ReadOnlySpan<byte> b, Reader r, string file, bool big)
    {
        if (!b.Slice(4, 8).SequenceEqual("n+2\0\r\n\u001a\n"u8))
        {
            throw new ImageFormatException(file, 4, $"magic is '{Printable(b.Slice(4, 8))}'; only single-file NIfTI-2 ('n+2') is supported.");
        }

        var dim = new long[8];
        var pixdim = new double[8];
        for (int i = 0; i < 8; i++)
        {
            dim[i] = r.I64(16 + (8 * i));
            pixdim[i] = r.F64(104 + (8 * i));
        }

        var q = new double[6];
        for (int i = 0; i < 6; i++)
        {
            q[i] = r.F64(352 + (8 * i));
        }

        var srow = new double[12];
        for (int i = 0; i < 12; i++)
        {
            srow[i] = r.F64(400 + (8 * i));
        }

        return Build(file, 2, big, dim, r.I16(12), pixdim, r.I64(168), r.F64(176), r.F64(184), r.I32(500), r.I32(344), r.I32(348), q, srow, 540);
    }

    private static NiftiHeader Build(string file, int version, bool big, long[] dim, int datatype, double[] pixdim, long vox,
        double slope, double inter, int units, int qcode, int scode, double[] q, double[] srow, int headerSize)
    {
        if (dim[0] is < 1 or > 7)
        {
            throw new ImageFormatException(file, version == 1 ? 40 : 16, $"dim[0] is {dim[0]}; expected 1..7 dimensions.");
        }

        for (int i = 1; i <= dim[0]; i++)
        {
            if (dim[i] < 1)
            {
                throw new ImageFormatException(file, version == 1 ? 40 + (2 * i) : 16 + (8 * i), $"dim[{i}] is {dim[i]}; every used dimension must be ≥ 1.");
            }
        }

        for (int i = (int)dim[0] + 1; i < 8; i++)
        {
            dim[i] = 1;
        }

        if (!Enum.IsDefined((NiftiDataType)datatype))
        {
            throw new ImageFormatException(file, version == 1 ? 70 : 12,
                $"datatype {datatype} is not supported; expected one of {string.Join(", ", Enum.GetValues<NiftiDataType>().Select(t => $"{(int)t} ({t})"))}.");
        }

        if (vox < headerSize)
        {
            throw new ImageFormatException(file, version == 1 ? 108 : 168, $"vox_offset {vox} lies inside the {headerSize}-byte header.");
        }

        return new NiftiHeader
        {
            Version = version,
            BigEndian = big,
            Dim = dim,
            DataType = (NiftiDataType)datatype,
            PixDim = pixdim,
            VoxOffset = vox,
            SclSlope = slope,
            SclInter = inter,
            XyztUnits = units,
            QFormCode = qcode,
            SFormCode = scode,
            Quaternion = q,
            SRow = srow,
        };
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = bytes[i] is >= 32 and < 127 ? (char)bytes[i] : '.';
        }

        return new string(chars);
    }

    private readonly ref struct Reader(ReadOnlySpan<byte> b, bool big)
    {
        private readonly ReadOnlySpan<byte> bytes = b;

        public short I16(int o) => big ? BinaryPrimitives.ReadInt16BigEndian(bytes[o..]) : BinaryPrimitives.ReadInt16LittleEndian(bytes[o..]);

        public int I32(int o) => big ? BinaryPrimitives.ReadInt32BigEndian(bytes[o..]) : BinaryPrimitives.ReadInt32LittleEndian(bytes[o..]);

        public long I64(int o) => big ? BinaryPrimitives.ReadInt64BigEndian(bytes[o..]) : BinaryPrimitives.ReadInt64LittleEndian(bytes[o..]);

        public float F32(int o) => big ? BinaryPrimitives.ReadSingleBigEndian(bytes[o..]) : BinaryPrimitives.ReadSingleLittleEndian(bytes[o..]);

        public double F64(int o) => big ? BinaryPrimitives.ReadDoubleBigEndian(bytes[o..]) : BinaryPrimitives.ReadDoubleLittleEndian(bytes[o..]);
    }
}
