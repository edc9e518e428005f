using MLSeg.Charts.Report;

namespace MLSeg.Charts.Tests;

public class RunFolderNameTests
{
    [Theory]
    [InlineData("name: \"smoke\"\nsources: []\n", "smoke")]
    [InlineData("name: 'it''s'\n", "it's")]
    [InlineData("name: plain words # comment\n", "plain words")]
    [InlineData("name: \"a \\\"quoted\\\" \\u00e9\"\n", "a \"quoted\" é")]
    [InlineData("  name: nested\nsources: []\n", null)]
    [InlineData("sources:\n  - name: none\n", null)]
    public void ReadName_TopLevelScalar(string spec, string? expected)
    {
        Assert.Equal(expected, RunFolder.ReadName(spec));
    }
}
