using MLSeg.Charts.Report;

namespace MLSeg.Charts.Tests;

public class SpecRedactionTests
{
    [Theory]
    [InlineData("  PatientName: Doe^John", "  PatientName: [redacted]")]
    [InlineData("patient_id: P0001", "patient_id: [redacted]")]
    [InlineData("  study_date: 20240101", "  study_date: [redacted]")]
    [InlineData("  patients: 24", "  patients: 24")]
    [InlineData("  size: 64", "  size: 64")]
    public void Redact_BlanksIdentifierKeys_KeepsCohortSize(string line, string expected)
    {
        Assert.Equal(expected, SpecRedaction.Redact(line));
    }
}
