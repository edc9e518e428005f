using System.Text;

namespace MLSeg.Dicom;

/// <summary>Maps Specific Character Set (0008,0005) defined terms to encodings (PS3.3 C.12.1.1.2, PS3.5 §6.1).</summary>
public static class DicomCharacterSets
{
    private static readonly Lazy<bool> CodePagesRegistered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>
    /// The encoding for the given Specific Character Set values. No value or ISO_IR 6 is the default repertoire
    /// (ASCII; decoded as Latin-1, which agrees on every valid byte), ISO_IR 100 is Latin-1, ISO_IR 192 is UTF-8, the
    /// other single-byte ISO_IR sets map to their ISO 8859 parts. Code extensions (ISO 2022 escape sequences) and
    /// multi-valued sets are not supported and throw <see cref="NotSupportedException"/> naming the term.
    /// </summary>
    public static Encoding FromSpecificCharacterSet(IReadOnlyList<string> values)
    {
        var terms = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return Encoding.Latin1;
        }

        if (terms.Count > 1 || terms[0].StartsWith("ISO 2022", StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"Specific Character Set '{string.Join('\\', values)}' uses ISO 2022 code extensions, which MLSeg does not decode; supported: ISO_IR 6, 100, 101, 109, 110, 126, 127, 138, 144, 148, 192.");
        }

        string codePage = terms[0] switch
        {
            "ISO_IR 6" => "latin1",
            "ISO_IR 100" => "latin1",
            "ISO_IR 192" => "utf-8",
            "ISO_IR 101" => "iso-8859-2",
            "ISO_IR 109" => "iso-8859-3",
            "ISO_IR 110" => "iso-8859-4",
            "ISO_IR 144" => "iso-8859-5",
            "ISO_IR 127" => "iso-8859-6",
            "ISO_IR 126" => "iso-8859-7",
            "ISO_IR 138" => "iso-8859-8",
            "ISO_IR 148" => "iso-8859-9",
            _ => throw new NotSupportedException(
                $"Specific Character Set '{terms[0]}' is not supported; supported: ISO_IR 6, 100, 101, 109, 110, 126, 127, 138, 144, 148, 192."),
        };

        if (codePage == "latin1")
        {
            return Encoding.Latin1;
        }

        if (codePage == "utf-8")
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        _ = CodePagesRegistered.Value;
        return Encoding.GetEncoding(codePage);
    }
}
