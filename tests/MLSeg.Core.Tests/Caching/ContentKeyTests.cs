using System.Security.Cryptography;
using MLSeg.Core.Caching;
using MLSeg.TestKit;

namespace MLSeg.Core.Tests.Caching;

public sealed class ContentKeyTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void HashFile_MatchesSha256OfBytes()
    {
        string file = Write("a.bin", [1, 2, 3, 4]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3, 4 })), ContentKey.HashFile(file));
    }

    [Fact]
    public void Create_SameBytesAndSettings_SameKey()
    {
        string a = Write("a.bin", [9, 8, 7]);
        string b = Write("b.bin", [9, 8, 7]); // another path, same content: same key (content, not location, is the identity)
        Assert.Equal(ContentKey.Create("window=soft-tissue", a), ContentKey.Create("window=soft-tissue", b));
    }

    [Fact]
    public void Create_OneByteChanged_KeyChanges()
    {
        string file = Write("a.bin", [9, 8, 7]);
        ContentKey before = ContentKey.Create("s", file);
        File.WriteAllBytes(file, [9, 8, 6]);
        Assert.NotEqual(before, ContentKey.Create("s", file));
    }

    public static TheoryData<string, string> DifferentSettings => new()
    {
        { "window=soft-tissue;size=64", "window=lung;size=64" },
        { "window=soft-tissue;size=64", "window=soft-tissue;size=128" },
        { "norm=zscore", "norm=none" },
        { "v=1", "v=2" },
        { "", " " },
    };

    [Theory]
    [MemberData(nameof(DifferentSettings))]
    public void Create_SettingChanged_KeyChanges(string first, string second)
    {
        string file = Write("a.bin", [1]);
        Assert.NotEqual(ContentKey.Create(first, file), ContentKey.Create(second, file));
    }

    [Fact]
    public void Create_MaskAdded_KeyChanges()
    {
        string image = Write("i.bin", [1]);
        string mask = Write("m.bin", [2]);
        Assert.NotEqual(ContentKey.Create("s", image), ContentKey.Create("s", image, mask));
        Assert.NotEqual(ContentKey.Create("s", image, mask), ContentKey.Create("s", mask, image));
    }

    [Fact]
    public void FromDigests_NotADigest_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ContentKey.FromDigests("s", "abc"));
        Assert.Contains("'abc'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingFile_ThrowsNamingIt()
    {
        string missing = Path.Combine(_dir, "missing.dcm");
        var ex = Assert.Throws<FileNotFoundException>(() => ContentKey.Create("s", missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RoundTripsHex()
    {
        ContentKey key = ContentKey.FromDigests("s");
        Assert.Equal(key, ContentKey.Parse(key.Hex));
        Assert.Throws<FormatException>(() => ContentKey.Parse("XYZ"));
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
