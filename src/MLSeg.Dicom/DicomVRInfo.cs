namespace MLSeg.Dicom;

/// <summary>Facts about value representations (PS3.5 §6.2, Table 7.1-1).</summary>
public static class DicomVRInfo
{
    /// <summary>Parses the two ASCII characters of an explicit VR; false when they name no VR.</summary>
    public static bool TryParse(byte first, byte second, out DicomVR vr)
    {
        vr = DicomVR.None;
        if (first is < (byte)'A' or > (byte)'Z' || second is < (byte)'A' or > (byte)'Z')
        {
            return false;
        }

        vr = ByLetters[((first - 'A') * 26) + (second - 'A')];
        return vr != DicomVR.None;
    }

    /// <summary>Every VR by its two letters (index 26 × first + second, from 'A'); None for pairs that name no VR. Built once, so parsing a header allocates nothing.</summary>
    private static readonly DicomVR[] ByLetters = BuildByLetters();

    private static DicomVR[] BuildByLetters()
    {
        var table = new DicomVR[26 * 26];
        foreach (DicomVR vr in Enum.GetValues<DicomVR>())
        {
            string name = vr.ToString();
            if (vr != DicomVR.None && name.Length == 2)
            {
                table[((name[0] - 'A') * 26) + (name[1] - 'A')] = vr;
            }
        }

        return table;
    }

    /// <summary>True when the explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1).</summary>
    public static bool HasLongLength(DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV
        or DicomVR.OW or DicomVR.SQ or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT or DicomVR.SV or DicomVR.UV;

    /// <summary>True for text VRs whose bytes follow the Specific Character Set (PS3.5 §6.1.2.3).</summary>
    public static bool UsesCharacterSet(DicomVR vr) => vr is DicomVR.SH or DicomVR.LO or DicomVR.ST or DicomVR.LT
        or DicomVR.UT or DicomVR.PN or DicomVR.UC;

    /// <summary>True for VRs whose value is text.</summary>
    public static bool IsText(DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA or DicomVR.DS
        or DicomVR.DT or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.TM
        or DicomVR.UC or DicomVR.UI or DicomVR.UR or DicomVR.UT;

    /// <summary>Size in bytes of one binary value (2 for US/SS/OW…), 1 for text and bytes.</summary>
    public static int ValueSize(DicomVR vr) => vr switch
    {
        DicomVR.US or DicomVR.SS or DicomVR.OW or DicomVR.AT => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 1,
    };
}
