namespace MLSeg.ImageIO.Nifti;

/// <summary>
/// The fields of a NIfTI-1 or NIfTI-2 header that MLSeg uses, widened to NIfTI-2's types. Axis i, j, k of the file
/// are X (columns), Y (rows), Z (slices) of <see cref="MLSeg.Core.Imaging.Volume"/>.
/// </summary>
public sealed class NiftiHeader
{
    /// <summary>1 or 2.</summary>
    public required int Version { get; init; }

    /// <summary>True when the file is big-endian (detected from sizeof_hdr).</summary>
    public required bool BigEndian { get; init; }

    /// <summary>dim[0..7]: dim[0] is the number of dimensions, dim[1..] their sizes.</summary>
    public required long[] Dim { get; init; }

    /// <summary>Datatype code.</summary>
    public required NiftiDataType DataType { get; init; }

    /// <summary>pixdim[0..7] as stored (pixdim[0] is qfac).</summary>
    public required double[] PixDim { get; init; }

    /// <summary>Byte offset of the voxel data.</summary>
    public required long VoxOffset { get; init; }

    /// <summary>scl_slope; scaling applies when finite and ≠ 0.</summary>
    public required double SclSlope { get; init; }

    /// <summary>scl_inter.</summary>
    public required double SclInter { get; init; }

    /// <summary>xyzt_units (spatial unit in bits 0–2, temporal in bits 3–5).</summary>
    public required int XyztUnits { get; init; }

    /// <summary>qform_code (0 = no qform).</summary>
    public required int QFormCode { get; init; }

    /// <summary>sform_code (0 = no sform).</summary>
    public required int SFormCode { get; init; }

    /// <summary>quatern_b, quatern_c, quatern_d, qoffset_x, qoffset_y, qoffset_z.</summary>
    public required double[] Quaternion { get; init; }

    /// <summary>srow_x, srow_y, srow_z (12 values, row-major 3×4).</summary>
    public required double[] SRow { get; init; }

    /// <summary>Millimetres per stored spatial unit (meter 1000, mm 1, micron 0.001; unknown is taken as mm).</summary>
    public double SpatialUnitMm => (XyztUnits & 0x07) switch
    {
        1 => 1000.0,
        3 => 0.001,
        _ => 1.0,
    };

    /// <summary>True when voxel values are scaled by <see cref="SclSlope"/> and <see cref="SclInter"/>.</summary>
    public bool HasScaling => double.IsFinite(SclSlope) && SclSlope != 0 && double.IsFinite(SclInter) && !(SclSlope == 1 && SclInter == 0);

    /// <summary>Number of volumes along dim[4] (1 for 3-D files).</summary>
    public long VolumeCount => Dim[0] >= 4 ? Dim[4] : 1;

    /// <summary>
    /// The voxel → RAS+ world affine (mm) as a row-major 3×4 matrix: the sform when sform_code &gt; 0, else the qform
    /// when qform_code &gt; 0, else the NIfTI "method 1" diagonal of pixdim (NIfTI-1 nifti1.h, "3 methods").
    /// </summary>
    public double[] AffineRas()
    {
        double unit = SpatialUnitMm;
        if (SFormCode > 0)
        {
            return SRow.Select(v => v * unit).ToArray();
        }

        if (QFormCode > 0)
        {
            double b = Quaternion[0], c = Quaternion[1], d = Quaternion[2];
            double a2 = 1.0 - ((b * b) + (c * c) + (d * d));
            double a;
            if (a2 < 1e-7)
            {
                // nifti1.h: a 180° rotation; renormalise (b, c, d) and take a = 0.
                double n = Math.Sqrt((b * b) + (c * c) + (d * d));
                (b, c, d, a) = (b / n, c / n, d / n, 0);
            }
            else
            {
                a = Math.Sqrt(a2);
            }

            double qfac = PixDim[0] < 0 ? -1 : 1;
            double[] r =
            [
                (a * a) + (b * b) - (c * c) - (d * d), 2 * ((b * c) - (a * d)), 2 * ((b * d) + (a * c)),
                2 * ((b * c) + (a * d)), (a * a) + (c * c) - (b * b) - (d * d), 2 * ((c * d) - (a * b)),
                2 * ((b * d) - (a * c)), 2 * ((c * d) + (a * b)), (a * a) + (d * d) - (c * c) - (b * b),
            ];
            double[] s = [PixDim[1] * unit, PixDim[2] * unit, PixDim[3] * unit * qfac];
            var m = new double[12];
            for (int row = 0; row < 3; row++)
            {
                for (int col = 0; col < 3; col++)
                {
                    m[(row * 4) + col] = r[(row * 3) + col] * s[col];
                }

                m[(row * 4) + 3] = Quaternion[3 + row] * unit;
            }

            return m;
        }

        return [PixDim[1] * unit, 0, 0, 0, 0, PixDim[2] * unit, 0, 0, 0, 0, PixDim[3] * unit, 0];
    }
}
