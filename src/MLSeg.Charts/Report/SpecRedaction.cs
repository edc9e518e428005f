using System.Text.RegularExpressions;

namespace MLSeg.Charts.Report;

/// <summary>
/// Blanks the values of spec keys that could carry patient data (names, IDs, dates) before the spec is shown. A cohort
/// size (<c>patients: 24</c>) is not patient data and stays visible: reviewers need it.
/// </summary>
internal static partial class SpecRedaction
{
    public static string Redact(string specText) => PhiKey().Replace(specText, m => $"{m.Groups[1].Value}: [redacted]");

    [GeneratedRegex(@"^(\s*-?\s*(?![Pp]atients\s*:)[A-Za-z_]*(?:[Pp]atient|[Bb]irth|[Dd]ate|[Aa]ccession)[A-Za-z_]*)\s*:[ \t]*\S[^\r\n]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhiKey();
}
