namespace MLSeg.Dicom.Codecs;

/// <summary>Reads entropy-coded JPEG bits (ITU T.81 F.2.2.5): 0xFF00 is a stuffed 0xFF; a marker ends the segment and yields zero bits.</summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;
    private uint _bits;
    private int _count;

    public JpegBitReader(ReadOnlySpan<byte> data, int pos)
    {
        _data = data;
        _pos = pos;
    }

    /// <summary>Position of the next unread byte.</summary>
    public readonly int Position => _pos;

    /// <summary>Number of zero bits supplied past a marker or the end; a valid stream never needs many.</summary>
    public int Overrun { get; private set; }

    public int ReadBit()
    {
        if (_count == 0)
        {
            Fill();
        }

        _count--;
        return (int)((_bits >> _count) & 1);
    }

    public int Receive(int n)
    {
        int v = 0;
        for (int i = 0; i < n; i++)
        {
            v = (v << 1) | ReadBit();
        }

        return v;
    }

    /// <summary>Skips to the byte after the next RSTn marker (T.81 F.2.2.5 restart).</summary>
    public void Restart()
    {
        _count = 0;
        _bits = 0;
        while (_pos + 1 < _data.Length && !(_data[_pos] == 0xFF && _data[_pos + 1] is >= 0xD0 and <= 0xD7))
        {
            _pos++;
        }

        _pos = Math.Min(_pos + 2, _data.Length);
    }

    private void Fill()
    {
        byte b = 0;
        if (_pos < _data.Length)
        {
            b = _data[_pos];
            if (b == 0xFF)
            {
                byte next = _pos + 1 < _data.Length ? _data[_pos + 1] : (byte)0;
                if (next == 0x00)
                {
                    _pos += 2;
                }
                else
                {
                    b = 0;
                    Overrun++;
                }
            }
            else
            {
                _pos++;
            }
        }
        else
        {
            Overrun++;
        }

        _bits = b;
        _count = 8;
    }
}
