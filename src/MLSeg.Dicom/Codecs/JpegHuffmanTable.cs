namespace MLSeg.Dicom.Codecs;

/// <summary>A JPEG Huffman table built from its DHT counts and symbols (ITU T.81 Annex C, F.2.2.3 decoding).</summary>
internal sealed class JpegHuffmanTable
{
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly byte[] _values;

    /// <summary>Codes of up to <see cref="LookupBits"/> bits, indexed by the next LookupBits bits: (length &lt;&lt; 8) | symbol, 0 when longer.</summary>
    private readonly ushort[] _lookup = new ushort[1 << LookupBits];

    private const int LookupBits = 9;

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

        // Every code of length len ≤ LookupBits fills the 2^(LookupBits − len) entries that start with it.
        code = 0;
        k = 0;
        for (int len = 1; len <= LookupBits; len++)
        {
            for (int j = 0; j < counts[len - 1]; j++, k++, code++)
            {
                if (k >= _values.Length)
                {
                    return; // fewer symbols than counts: Decode reports the missing ones as corrupt
                }

                int shift = LookupBits - len;
                for (int fill = code << shift, end = (code + 1) << shift; fill < end && fill < _lookup.Length; fill++)
                {
                    _lookup[fill] = (ushort)((len << 8) | _values[k]);
                }
            }

            code <<= 1;
        }
    }

    /// <summary>Decodes one symbol; −1 when the bits match no code (a corrupt stream).</summary>
    public int Decode(ref JpegBitReader reader)
    {
        int entry = _lookup[reader.Peek(LookupBits)];
        if (entry != 0)
        {
            reader.Skip(entry >> 8);
            return entry & 0xFF;
        }

        // Longer than LookupBits: the canonical search of T.81 F.2.2.3, continuing after the first LookupBits bits.
        int code = reader.Receive(LookupBits);
        for (int len = LookupBits; len <= 16; len++)
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
