using MLSeg.Experiments.Running;

namespace MLSeg.Experiments.Tests;

/// <summary>Slurm's --time forms and the per-task limit for several arms.</summary>
public class SlurmTimeTests
{
    [Theory]
    [InlineData("30", 1800)]
    [InlineData("30:15", 1815)]
    [InlineData("08:00:00", 28800)]
    [InlineData("2-12", 216000)]
    [InlineData("1-00:30", 88200)]
    [InlineData("1-02:03:04", 93784)]
    public void Parse_SlurmForms_Seconds(string time, long seconds) => Assert.Equal(seconds, SlurmTime.Parse(time));

    [Theory]
    [InlineData("")]
    [InlineData("1:2:3:4")]
    [InlineData("1-2:3:4:5")]
    [InlineData("ab")]
    [InlineData("-5")]
    [InlineData("1:-2")]
    public void Parse_NotASlurmForm_ThrowsNamingIt(string time)
    {
        var ex = Assert.Throws<ArgumentException>(() => SlurmTime.Parse(time));
        Assert.Contains($"'{time}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("08:00:00", 1, "08:00:00")]      // unchanged text
    [InlineData("08:00:00", 3, "1-00:00:00")]
    [InlineData("00:20:00", 3, "01:00:00")]
    [InlineData("45", 2, "01:30:00")]
    [InlineData("1-12", 2, "3-00:00:00")]
    [InlineData("UNLIMITED", 5, "UNLIMITED")]
    [InlineData("infinite", 5, "infinite")]
    public void Scale_Factor_MultipliesTheLimit(string time, int factor, string expected) => Assert.Equal(expected, SlurmTime.Scale(time, factor));
}
