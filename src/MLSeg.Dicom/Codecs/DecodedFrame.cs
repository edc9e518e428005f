namespace MLSeg.Dicom.Codecs;

/// <summary>A decompressed frame: little-endian samples of <paramref name="BitsPerSample"/> (8, 16 or 32) bits, planar or interleaved.</summary>
internal readonly record struct DecodedFrame(byte[] Bytes, int BitsPerSample, bool Planar);
