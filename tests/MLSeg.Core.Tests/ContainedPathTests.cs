using MLSeg.Core.IO;
using MLSeg.TestKit;

namespace MLSeg.Core.Tests;

public sealed class ContainedPathTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mlseg-contained");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ResolveInside_LinkToAFileOutside_Null()
    {
        string root = Directory.CreateDirectory(Path.Combine(_dir, "cohort")).FullName;
        File.WriteAllText(Path.Combine(_dir, "secret"), "x");
        File.CreateSymbolicLink(Path.Combine(root, "passwd"), Path.Combine(_dir, "secret"));

        Assert.Null(ContainedPath.ResolveInside(root, "passwd"));
    }

    [Fact]
    public void ResolveInside_RelativeLinkedFolderInside_RealPathInside()
    {
        string root = Directory.CreateDirectory(Path.Combine(_dir, "cohort")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "p1"));
        File.WriteAllText(Path.Combine(root, "p1", "a.png"), "x");
        Directory.CreateSymbolicLink(Path.Combine(root, "alias"), "p1");

        Assert.Equal(Path.Combine(root, "p1", "a.png"), ContainedPath.ResolveInside(root, Path.Combine("alias", "a.png")));
    }

    [Fact]
    public void ResolveInside_RootItselfReachedThroughALink_ComparesRealPaths()
    {
        string real = Directory.CreateDirectory(Path.Combine(_dir, "real")).FullName;
        File.WriteAllText(Path.Combine(real, "a.png"), "x");
        string linked = Path.Combine(_dir, "linked");
        Directory.CreateSymbolicLink(linked, real);

        Assert.Equal(Path.Combine(real, "a.png"), ContainedPath.ResolveInside(linked, "a.png"));
    }

    [Fact]
    public void RealPath_LinkLoop_IOException()
    {
        File.CreateSymbolicLink(Path.Combine(_dir, "a"), Path.Combine(_dir, "b"));
        File.CreateSymbolicLink(Path.Combine(_dir, "b"), Path.Combine(_dir, "a"));

        Assert.Throws<IOException>(() => ContainedPath.RealPath(Path.Combine(_dir, "a")));
    }
}
