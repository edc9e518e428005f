using MLSeg.Core.IO;
using System.Buffers.Binary;
using System.IO.Compression;
using MLSeg.Core.Imaging;

namespace MLSeg.ImageIO.Nifti;

/// <summary>
/// Writes a <see cref="Volume"/> as a single-file NIfTI-1 image (little-endian, vox_offset 352, mm units), gzip-compressed
/// when the path ends in ".gz". The LPS geometry becomes a RAS+ sform and qform (codes 1, scanner). Written atomically.
/// </summary>
public static class NiftiWriter
{
    /// <summary>
    /// Writes <paramref name="volume"/> as <see cref="NiftiDataType.Float32"/> or, for label volumes,
    /// <see cref="NiftiDataType.UInt8"/> (every value must then be an integer 0…255, else ArgumentOutOfRangeException).
    /// </summary>
    public static void Write(string path, Volume volume, NiftiDataType dataType = NiftiDataType.Float32)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (dataType is not (NiftiDataType.Float32 or NiftiDataType.UInt8))
        {
            throw new ArgumentOutOfRangeException(nameof(dataType), $"NiftiWriter writes Float32 or UInt8; got {dataType}.");
        }

        int bytesPer = dataType == NiftiDataType.Float32 ? 4 : 1;
        var header = BuildHeader(volume, dataType, bytesPer);
        var data = new byte[volume.Data.Length * bytesPer];
        for (int i = 0; i < volume.Data.Length; i++)
        {
            float v = volume.Data[i];
            if (dataType == NiftiDataType.Float32)
            {
                BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), v);
            }
            else if (v is >= 0 and <= 255 && v == MathF.Floor(v))
            {
                data[i] = (byte)v;
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(volume), $"Voxel {i} = {v} is not an integer label 0..255; write it as Float32 instead.");
            }
        }

        bool gz = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, stream =>
        {
            if (gz)
            {
                using var z = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
                z.Write(header);
                z.Write(data);
            }
            else
            {
                stream.Write(header);
                stream.Write(data);
            }
        });
    }

    private static byte[] BuildHeader(Volume v, NiftiDataType type, int bytesPer)
    {
        var h = new byte[352]; // 348-byte header + 4-byte extension flag (all zero: no extensions)
        var s = h.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, 348);
        short[] dim = [3, (short)v.Width, (short)v.Height, (short)v.Depth, 1, 1, 1, 1];
        if (v.Width > short.MaxValue || v.Height > short.MaxValue || v.Depth > short.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(v), $"NIfTI-1 dimensions are int16; {v} is too large.");
        }

        for (int i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(40 + (2 * i))..], dim[i]);
        }

        BinaryPrimitives.WriteInt16LittleEndian(s[70..], (short)type);
        BinaryPrimitives.WriteInt16LittleEndian(s[72..], (short)(bytesPer * 8));
        double[] spacing = [v.SpacingMm.ColumnMm, v.SpacingMm.RowMm, v.SliceSpacingMm];

        // RAS+ rotation columns (LPS → RAS negates x and y) and affine.
        var r = new double[9];
        for (int axis = 0; axis < 3; axis++)
        {
            r[axis] = -v.Direction[axis * 3];
            r[3 + axis] = -v.Direction[(axis * 3) + 1];
            r[6 + axis] = v.Direction[(axis * 3) + 2];
        }

        double[] origin = [-v.OriginMm[0], -v.OriginMm[1], v.OriginMm[2]];
        double det = (r[0] * ((r[4] * r[8]) - (r[5] * r[7]))) - (r[1] * ((r[3] * r[8]) - (r[5] * r[6]))) + (r[2] * ((r[3] * r[7]) - (r[4] * r[6])));
        double qfac = det < 0 ? -1 : 1;
        WriteF32(s, 76, (float)qfac);
        for (int i = 0; i < 3; i++)
        {
            WriteF32(s, 80 + (4 * i), (float)spacing[i]);
        }

        WriteF32(s, 108, 352); // vox_offset
        WriteF32(s, 112, 1); // scl_slope
        h[123] = 2 | 8; // xyzt_units: mm, seconds
        BinaryPrimitives.WriteInt16LittleEndian(s[252..], 1); // qform_code scanner
        BinaryPrimitives.WriteInt16LittleEndian(s[254..], 1); // sform_code scanner
        var (b, c, d) = Quaternion(r, qfac);
        WriteF32(s, 256, (float)b);
        WriteF32(s, 260, (float)c);
        WriteF32(s, 264, (float)d);
        for (int row = 0; row < 3; row++)
        {
            WriteF32(s, 268 + (4 * row), (float)origin[row]);
            for (int col = 0; col < 3; col++)
            {
                WriteF32(s, 280 + (16 * row) + (4 * col), (float)(r[(row * 3) + col] * spacing[col]));
            }

            WriteF32(s, 280 + (16 * row) + 12, (float)origin[row]);
        }

        "n+1\0"u8.CopyTo(s[344..]);
        return h;
    }

    // Rotation (row-major, RAS) → quaternion (b, c, d) with a ≥ 0, as nifti1.h defines the qform; a left-handed
    // matrix is made proper by negating its third column, recorded as qfac = −1 in pixdim[0].
    private static (double B, double C, double D) Quaternion(double[] m, double qfac)
    {
        double r11 = m[0], r12 = m[1], r13 = m[2] * qfac;
        double r21 = m[3], r22 = m[4], r23 = m[5] * qfac;
        double r31 = m[6], r32 = m[7], r33 = m[8] * qfac;
        double a = r11 + r22 + r33 + 1, b, c, d;
        if (a > 0.5)
        {
            a = 0.5 * Math.Sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        }
        else
        {
            double xd = 1 + r11 - (r22 + r33), yd = 1 + r22 - (r11 + r33), zd = 1 + r33 - (r11 + r22);
            if (xd > 1)
            {
                b = 0.5 * Math.Sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            }
            else if (yd > 1)
            {
                c = 0.5 * Math.Sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            }
            else
            {
                d = 0.5 * Math.Sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }

            if (a < 0)
            {
                (b, c, d) = (-b, -c, -d);
            }
        }

        return (b, c, d);
    }

    private static void WriteF32(Span<byte> s, int offset, float value) => BinaryPrimitives.WriteSingleLittleEndian(s[offset..], value);
}
