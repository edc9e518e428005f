namespace MLSeg.Dicom.Codecs;

/// <summary>A JPEG Huffman table built from its DHT counts and symbols (ITU T.81 Annex C, F.2.2.3 decoding).</summary>
internal sealed class JpegHuffmanTable
{
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly byte[] _values;

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        int code = 0, k = 0;
        for (int len = 1; len <= 16; len++)
        {
            _valPtr[len] = k;
            _minCode[len] = code;
            code += counts[len - 1];
            k += counts[len - 1];
            _maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    /// <summary>Decodes one symbol; −1 when the bits match no code (a corrupt stream).</summary>
    public int Decode(ref JpegBitReader reader)
    {
        int code = reader.ReadBit();
        for (int len = 1; len <= 16; len++)
        {
            if (code <= _maxCode[len])
            {
                int index = _valPtr[len] + code - _minCode[len];
                return index < _values.Length ? _values[index] : -1;
            }

            code = (code << 1) | reader.ReadBit();
        }

        return -1;
    }
}
