namespace MLSeg.TestKit;

/// <summary>
/// The shared real-data fixtures (../shared/fixtures beside the clone, or <c>MLSEG_FIXTURES</c>). They are read in
/// place, never copied into the repository. Tests that need them use <see cref="FixtureFactAttribute"/>, which skips
/// with a reason when the folder is absent.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string?> RootLazy = new(Find);

    /// <summary>The fixtures folder, or null when it cannot be found.</summary>
    public static string? Root => RootLazy.Value;

    /// <summary>Why fixture tests skip, or null when the fixtures are present.</summary>
    public static string? SkipReason => Root is null
        ? "shared fixtures not found: set MLSEG_FIXTURES or place ../shared/fixtures beside the repository"
        : null;

    /// <summary>Absolute path of a fixture file, given relative to the fixtures folder (e.g. <c>dicom/CT_small.dcm</c>).</summary>
    public static string Path(string relative)
    {
        string root = Root ?? throw new InvalidOperationException(SkipReason);
        string full = System.IO.Path.Combine(root, relative);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new FileNotFoundException($"Fixture '{relative}' is not in {root}.", full);
        }

        return full;
    }

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable("MLSEG_FIXTURES");
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env) ? System.IO.Path.GetFullPath(env) : null;
        }

        string candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoPaths.Root, "..", "shared", "fixtures"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
