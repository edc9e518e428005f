using MLSeg.TestKit;

namespace MLSeg.ImageIO.Tests;

/// <summary>A theory that needs both the shared fixtures and reference tools; skips naming whichever is missing.</summary>
public sealed class FixtureToolTheoryAttribute : TheoryAttribute
{
    public FixtureToolTheoryAttribute(params string[] tools)
    {
        Skip = Fixtures.SkipReason ?? ExternalTools.SkipReason(tools);
    }
}
