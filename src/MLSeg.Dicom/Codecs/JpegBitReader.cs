using System.Runtime.CompilerServices;

namespace MLSeg.Dicom.Codecs;

/// <summary>
/// Reads entropy-coded JPEG bits (ITU T.81 F.2.2.5): 0xFF00 is a stuffed 0xFF; a marker ends the segment and yields
/// zero bits. Bytes are loaded several at a time into a 64-bit buffer so that a Huffman code or an additional-bits
/// field is one peek and one shift, not a call per bit.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;
    private ulong _bits;      // the low _count bits are unread, most significant first
    private int _count;
    private int _zeroBits;    // zero bits appended past a marker or the end since the last restart
    private int _overrunBefore;
    private bool _atMarker;

    public JpegBitReader(ReadOnlySpan<byte> data, int pos)
    {
        _data = data;
        _pos = pos;
    }

    /// <summary>Position of the next byte not yet loaded into the bit buffer.</summary>
    public readonly int Position => _pos;

    /// <summary>Number of zero bytes consumed past a marker or the end; a valid stream never needs many.</summary>
    public readonly int Overrun => _overrunBefore + ((Math.Max(0, _zeroBits - _count) + 7) / 8);

    public int ReadBit() => Receive(1);

    /// <summary>The next <paramref name="n"/> (0–16) bits as an unsigned number, most significant first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Receive(int n)
    {
        int v = Peek(n);
        _count -= n;
        return v;
    }

    /// <summary>The next <paramref name="n"/> (1–16) bits without consuming them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Peek(int n)
    {
        if (_count < n)
        {
            Fill();
        }

        return (int)(_bits >> (_count - n)) & ((1 << n) - 1);
    }

    /// <summary>Consumes <paramref name="n"/> bits already seen by <see cref="Peek"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int n) => _count -= n;

    /// <summary>Skips to the byte after the next RSTn marker (T.81 F.2.2.5 restart); buffered padding bits are dropped.</summary>
    public void Restart()
    {
        _overrunBefore = Overrun;
        _count = 0;
        _bits = 0;
        _zeroBits = 0;
        _atMarker = false;
        while (_pos + 1 < _data.Length && !(_data[_pos] == 0xFF && _data[_pos + 1] is >= 0xD0 and <= 0xD7))
        {
            _pos++;
        }

        _pos = Math.Min(_pos + 2, _data.Length);
    }

    /// <summary>Loads whole bytes until the buffer holds more than 56 bits (at most 64).</summary>
    private void Fill()
    {
        while (_count <= 56)
        {
            byte b = 0;
            if (!_atMarker)
            {
                if (_pos >= _data.Length)
                {
                    _atMarker = true; // the end of the data behaves like a marker
                }
                else
                {
                    b = _data[_pos];
                    if (b != 0xFF)
                    {
                        _pos++;
                    }
                    else if (_pos + 1 >= _data.Length || _data[_pos + 1] == 0x00)
                    {
                        _pos += 2; // stuffed 0xFF (a trailing lone 0xFF counts as one)
                    }
                    else
                    {
                        // A marker: stop before it (Restart looks for it from here); zero bits from now on.
                        _atMarker = true;
                        b = 0;
                    }
                }
            }

            if (_atMarker)
            {
                _zeroBits += 8;
            }

            _bits = (_bits << 8) | b;
            _count += 8;
        }
    }
}
