namespace MLSeg.Dicom.Imaging;

/// <summary>Expands uncompressed YBR_FULL_422 (PS3.3 C.7.6.3.1.2: Y1 Y2 Cb Cr per pixel pair) to interleaved full-resolution YBR.</summary>
internal static class Ybr422
{
    public static byte[] Expand(ReadOnlySpan<byte> raw, int rows, int columns, int bitsAllocated, string file)
    {
        if (bitsAllocated != 8 || columns % 2 != 0)
        {
            throw new DicomFormatException(file, -1, DicomTag.PhotometricInterpretation,
                $"YBR_FULL_422 needs 8-bit samples and an even number of columns; got {bitsAllocated} bits, {columns} columns.");
        }

        var output = new byte[rows * columns * 3];
        int pairs = rows * columns / 2;
        for (int p = 0; p < pairs; p++)
        {
            int s = p * 4, d = p * 6;
            byte cb = raw[s + 2], cr = raw[s + 3];
            output[d] = raw[s];
            output[d + 1] = cb;
            output[d + 2] = cr;
            output[d + 3] = raw[s + 1];
            output[d + 4] = cb;
            output[d + 5] = cr;
        }

        return output;
    }
}
