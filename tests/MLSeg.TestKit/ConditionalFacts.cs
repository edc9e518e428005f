namespace MLSeg.TestKit;

/// <summary>A fact that needs the shared fixtures; skips with the reason when they are absent.</summary>
public sealed class FixtureFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the fixtures cannot be found.</summary>
    public FixtureFactAttribute()
    {
        if (Fixtures.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs the shared fixtures; skips with the reason when they are absent.</summary>
public sealed class FixtureTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the fixtures cannot be found.</summary>
    public FixtureTheoryAttribute()
    {
        if (Fixtures.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs external programs (dcmdump, /usr/bin/python3 modules, chromium…); skips naming the missing ones.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Each entry is a program on PATH or an absolute path; <c>py:module</c> names a module of Debian's python3.</summary>
    public ToolFactAttribute(params string[] tools)
    {
        if (ExternalTools.SkipReason(tools) is { } reason)
        {
            Skip = reason;
        }
    }
}
