using System.Runtime.InteropServices;

namespace MLSeg.Dicom.Codecs.Native;

/// <summary>CharLS 2.x C API (libcharls.so.2, charls_jpegls_decoder_*). Errors are charls_jpegls_errc values; 0 is success.</summary>
internal static partial class CharLSMethods
{
    private const string Library = "libcharls.so.2";

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_create")]
    public static partial nint DecoderCreate();

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_destroy")]
    public static partial void DecoderDestroy(nint decoder);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_set_source_buffer")]
    public static partial int SetSourceBuffer(nint decoder, nint source, nuint sizeBytes);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_read_header")]
    public static partial int ReadHeader(nint decoder);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_frame_info")]
    public static partial int GetFrameInfo(nint decoder, out FrameInfo frameInfo);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_interleave_mode")]
    public static partial int GetInterleaveMode(nint decoder, out int interleaveMode);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_destination_size")]
    public static partial int GetDestinationSize(nint decoder, uint stride, out nuint sizeBytes);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_decode_to_buffer")]
    public static partial int DecodeToBuffer(nint decoder, nint destination, nuint sizeBytes, uint stride);

    [LibraryImport(Library, EntryPoint = "charls_get_error_message")]
    public static partial nint GetErrorMessage(int error);

    /// <summary>charls_frame_info: width, height, bits_per_sample, component_count.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }
}
