using System.Globalization;
using System.Text;

namespace MLSeg.Dicom.Tools;

/// <summary>A dcmdump-like listing: one line per element, <c>(gggg,eeee) VR value # length, keyword</c>, items indented.</summary>
public static class DicomDump
{
    /// <summary>Longest value text shown before it is cut with an ellipsis.</summary>
    public const int MaxValueChars = 64;

    /// <summary>Formats the File Meta and the dataset of <paramref name="file"/>.</summary>
    public static string Format(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sb = new StringBuilder();
        sb.Append("# File Meta Information\n");
        Append(sb, file.FileMetaInformation, 0);
        sb.Append(CultureInfo.InvariantCulture, $"# Dataset ({file.TransferSyntax})\n");
        Append(sb, file.Dataset, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, DicomDataset ds, int depth)
    {
        string indent = new(' ', depth * 2);
        foreach (DicomElement e in ds)
        {
            string keyword = e.Keyword.Length > 0 ? e.Keyword : (e.Tag.IsPrivate ? "PrivateTag" : "Unknown");
            switch (e)
            {
                case DicomSequence seq:
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}{e.Tag} SQ (Sequence, {seq.Items.Count} items) # {keyword}\n");
                    for (int i = 0; i < seq.Items.Count; i++)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"{indent}  (FFFE,E000) Item {i + 1}\n");
                        Append(sb, seq.Items[i], depth + 2);
                    }

                    break;
                case DicomFragments frag:
                    sb.Append(CultureInfo.InvariantCulture,
                        $"{indent}{e.Tag} {e.VR} (PixelSequence, {frag.Fragments.Count} fragments, offset table {frag.BasicOffsetTable.Length} entries) # {keyword}\n");
                    break;
                default:
                    sb.Append(CultureInfo.InvariantCulture, $"{indent}{e.Tag} {e.VR} {Value(e)} # {e.Value.Length}, {keyword}\n");
                    break;
            }
        }
    }

    private static string Value(DicomElement e)
    {
        string text;
        if (e.Value.Length == 0)
        {
            return "(no value)";
        }

        if (DicomVRInfo.IsText(e.VR))
        {
            text = "[" + e.GetText() + "]";
        }
        else if (e.VR is DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.FD or DicomVR.SV or DicomVR.UV)
        {
            text = string.Join('\\', e.GetDoubles().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        }
        else
        {
            ReadOnlySpan<byte> b = e.Value.Span;
            text = string.Join('\\', b[..Math.Min(b.Length, 24)].ToArray().Select(x => x.ToString("x2", CultureInfo.InvariantCulture)));
        }

        return text.Length > MaxValueChars ? string.Concat(text.AsSpan(0, MaxValueChars), "...") : text;
    }
}
