using System.Runtime.InteropServices;

namespace MLSeg.Dicom.Codecs.Native;

/// <summary>OpenJPEG 2.x C API (libopenjp2.so.7): decompression from a memory stream.</summary>
internal static unsafe partial class OpenJpegMethods
{
    private const string Library = "libopenjp2.so.7";

    /// <summary>OPJ_CODEC_J2K: a raw codestream (what DICOM encapsulates).</summary>
    public const int CodecJ2K = 0;

    /// <summary>OPJ_CODEC_JP2: a JP2 file (some writers wrap the codestream).</summary>
    public const int CodecJP2 = 2;

    /// <summary>Bytes reserved for opj_dparameters_t (about 20 kB in 2.5, dominated by two 4096-byte paths); zeroed, then defaulted by the library.</summary>
    public const int DecoderParametersSize = 64 * 1024;

    [LibraryImport(Library, EntryPoint = "opj_create_decompress")]
    public static partial nint CreateDecompress(int format);

    [LibraryImport(Library, EntryPoint = "opj_set_default_decoder_parameters")]
    public static partial void SetDefaultDecoderParameters(nint parameters);

    [LibraryImport(Library, EntryPoint = "opj_setup_decoder")]
    public static partial int SetupDecoder(nint codec, nint parameters);

    [LibraryImport(Library, EntryPoint = "opj_codec_set_threads")]
    public static partial int CodecSetThreads(nint codec, int threads);

    [LibraryImport(Library, EntryPoint = "opj_stream_create")]
    public static partial nint StreamCreate(nuint bufferSize, int isInput);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_read_function")]
    public static partial void StreamSetReadFunction(nint stream, delegate* unmanaged<nint, nuint, nint, nuint> read);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_skip_function")]
    public static partial void StreamSetSkipFunction(nint stream, delegate* unmanaged<long, nint, long> skip);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_seek_function")]
    public static partial void StreamSetSeekFunction(nint stream, delegate* unmanaged<long, nint, int> seek);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data")]
    public static partial void StreamSetUserData(nint stream, nint data, nint freeFunction);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data_length")]
    public static partial void StreamSetUserDataLength(nint stream, ulong length);

    [LibraryImport(Library, EntryPoint = "opj_read_header")]
    public static partial int ReadHeader(nint stream, nint codec, out nint image);

    [LibraryImport(Library, EntryPoint = "opj_decode")]
    public static partial int Decode(nint codec, nint stream, nint image);

    [LibraryImport(Library, EntryPoint = "opj_end_decompress")]
    public static partial int EndDecompress(nint codec, nint stream);

    [LibraryImport(Library, EntryPoint = "opj_image_destroy")]
    public static partial void ImageDestroy(nint image);

    [LibraryImport(Library, EntryPoint = "opj_stream_destroy")]
    public static partial void StreamDestroy(nint stream);

    [LibraryImport(Library, EntryPoint = "opj_destroy_codec")]
    public static partial void DestroyCodec(nint codec);

    /// <summary>opj_image_t: x0, y0, x1, y1, numcomps, color_space, comps, icc_profile_buf, icc_profile_len.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Image
    {
        public uint X0, Y0, X1, Y1, NumComps;
        public int ColorSpace;
        public ImageComponent* Comps;
        public byte* IccProfileBuf;
        public uint IccProfileLen;
    }

    /// <summary>opj_image_comp_t: dx, dy, w, h, x0, y0, prec, bpp, sgnd, resno_decoded, factor, data, alpha.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ImageComponent
    {
        public uint Dx, Dy, W, H, X0, Y0, Prec, Bpp, Sgnd, ResnoDecoded, Factor;
        public int* Data;
        public ushort Alpha;
    }

    /// <summary>The memory stream's state, passed as user data; lives on the decoding thread's stack for one call.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MemoryStreamState
    {
        public byte* Data;
        public long Length;
        public long Position;
    }
}
