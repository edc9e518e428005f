namespace MLSeg.TestKit;

/// <summary>Locates the repository root, the shared fixtures and the built native libraries from a test's base directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root (the folder holding MLSeg.sln).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>artifacts/native under the repository root.</summary>
    public static string NativeDir => Path.Combine(Root, "artifacts", "native");

    /// <summary>A fresh, empty temporary folder, unique per call; the caller deletes it.</summary>
    public static string NewTempDir(string prefix = "mlseg-test")
    {
        string dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLSeg.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MLSeg.sln above {AppContext.BaseDirectory}; tests must run from a build inside the repository.");
    }
}
