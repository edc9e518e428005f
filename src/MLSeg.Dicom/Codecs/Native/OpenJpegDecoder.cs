using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MLSeg.Core.Errors;

namespace MLSeg.Dicom.Codecs.Native;

/// <summary>Decodes JPEG 2000 frames (codestream or JP2) through OpenJPEG, reading from memory.</summary>
internal static unsafe class OpenJpegDecoder
{
    public static DecodedFrame Decode(ReadOnlySpan<byte> frame, int rows, int columns, int samplesPerPixel, int bitsAllocated, string file)
    {
        // A JP2 file starts with the 12-byte signature box; a codestream with SOC (FF4F).
        bool jp2 = frame.Length >= 12 && frame[4] == (byte)'j' && frame[5] == (byte)'P';
        nint codec;
        try
        {
            codec = OpenJpegMethods.CreateDecompress(jp2 ? OpenJpegMethods.CodecJP2 : OpenJpegMethods.CodecJ2K);
        }
        catch (DllNotFoundException ex)
        {
            throw new NativeEngineException($"JPEG 2000 decoding needs libopenjp2.so.7 (Debian package libopenjp2-7): {ex.Message}", ex);
        }

        nint parameters = (nint)NativeMemory.AllocZeroed(OpenJpegMethods.DecoderParametersSize);
        nint stream = 0, image = 0;
        try
        {
            fixed (byte* src = frame)
            {
                var state = new OpenJpegMethods.MemoryStreamState { Data = src, Length = frame.Length, Position = 0 };
                OpenJpegMethods.SetDefaultDecoderParameters(parameters);
                Require(OpenJpegMethods.SetupDecoder(codec, parameters), "opj_setup_decoder", file);
                // Code-blocks decode in parallel on every core (OpenJPEG ≥ 2.2). A build without thread support returns
                // false and decodes on this thread: same pixels, only slower.
                _ = OpenJpegMethods.CodecSetThreads(codec, Environment.ProcessorCount);
                stream = OpenJpegMethods.StreamCreate(64 * 1024, 1);
                OpenJpegMethods.StreamSetReadFunction(stream, &Read);
                OpenJpegMethods.StreamSetSkipFunction(stream, &Skip);
                OpenJpegMethods.StreamSetSeekFunction(stream, &Seek);
                OpenJpegMethods.StreamSetUserData(stream, (nint)(&state), 0);
                OpenJpegMethods.StreamSetUserDataLength(stream, (ulong)frame.Length);
                Require(OpenJpegMethods.ReadHeader(stream, codec, out image), "opj_read_header", file);
                Require(OpenJpegMethods.Decode(codec, stream, image), "opj_decode", file);
                Require(OpenJpegMethods.EndDecompress(codec, stream), "opj_end_decompress", file);
                return Copy((OpenJpegMethods.Image*)image, rows, columns, samplesPerPixel, bitsAllocated, file);
            }
        }
        finally
        {
            if (image != 0)
            {
                OpenJpegMethods.ImageDestroy(image);
            }

            if (stream != 0)
            {
                OpenJpegMethods.StreamDestroy(stream);
            }

            OpenJpegMethods.DestroyCodec(codec);
            NativeMemory.Free((void*)parameters);
        }
    }

    private static DecodedFrame Copy(OpenJpegMethods.Image* img, int rows, int columns, int samplesPerPixel, int bitsAllocated, string file)
    {
        if (img->NumComps != samplesPerPixel)
        {
            throw new DicomFormatException(file, -1, DicomTag.PixelData, $"JPEG 2000 image has {img->NumComps} components; the dataset says {samplesPerPixel}.");
        }

        int plane = rows * columns;
        int bytes = bitsAllocated > 16 ? 4 : bitsAllocated > 8 ? 2 : 1;
        var output = new byte[plane * samplesPerPixel * bytes];
        for (int c = 0; c < samplesPerPixel; c++)
        {
            OpenJpegMethods.ImageComponent* comp = img->Comps + c;
            if (comp->W != columns || comp->H != rows || comp->Data == null)
            {
                throw new DicomFormatException(file, -1, DicomTag.PixelData,
                    $"JPEG 2000 component {c} is {comp->W}x{comp->H}; the dataset says {columns}x{rows} (subsampled components are not supported).");
            }

            var src = new ReadOnlySpan<int>(comp->Data, plane);
            Span<byte> dst = output.AsSpan(c * plane * bytes, plane * bytes);
            for (int i = 0; i < plane; i++)
            {
                int v = src[i]; // two's complement in the container; DicomPixelData masks to BitsStored and sign-extends
                switch (bytes)
                {
                    case 1: dst[i] = (byte)v; break;
                    case 2: System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(dst[(2 * i)..], (short)v); break;
                    default: System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(dst[(4 * i)..], v); break;
                }
            }
        }

        return new DecodedFrame(output, bytes * 8, Planar: true);
    }

    private static void Require(int ok, string function, string file)
    {
        if (ok == 0)
        {
            throw new DicomFormatException(file, -1, DicomTag.PixelData, $"JPEG 2000: {function} failed; the codestream is corrupt or unsupported.");
        }
    }

    [UnmanagedCallersOnly]
    private static nuint Read(nint buffer, nuint count, nint user)
    {
        var s = (OpenJpegMethods.MemoryStreamState*)user;
        long remaining = s->Length - s->Position;
        if (remaining <= 0)
        {
            return nuint.MaxValue; // (OPJ_SIZE_T)-1 signals end of stream
        }

        long n = Math.Min(remaining, (long)count);
        Unsafe.CopyBlock((void*)buffer, s->Data + s->Position, (uint)n);
        s->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    private static long Skip(long count, nint user)
    {
        var s = (OpenJpegMethods.MemoryStreamState*)user;
        long target = Math.Clamp(s->Position + count, 0, s->Length);
        long skipped = target - s->Position;
        s->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly]
    private static int Seek(long position, nint user)
    {
        var s = (OpenJpegMethods.MemoryStreamState*)user;
        if (position < 0 || position > s->Length)
        {
            return 0;
        }

        s->Position = position;
        return 1;
    }
}
