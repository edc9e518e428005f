using MLSeg.Core.Errors;
using MLSeg.Core.Pipeline;
using MLSeg.TestKit;

namespace MLSeg.Core.Tests.Pipeline;

public class TransformerLoaderTests
{
    private sealed class ConstantTransformer : ISavableTransformer
    {
        public const string Name = "Tests.Constant";

        public DataSchema GetOutputSchema(DataSchema inputSchema) => inputSchema;

        public IDataView Transform(IDataView input) => input;

        public void Save(string directory) => new TransformerManifest(Name, 3, []).Write(directory);
    }

    [Fact]
    public void Load_RegisteredCustomType_UsesItsLoader()
    {
        TransformerLoader.Register(ConstantTransformer.Name, (_, m) =>
        {
            m.RequireVersion(3);
            return new ConstantTransformer();
        });
        string dir = RepoPaths.NewTempDir();
        try
        {
            new ConstantTransformer().Save(dir);
            Assert.IsType<ConstantTransformer>(TransformerLoader.Load(dir));
            Assert.Contains(ConstantTransformer.Name, TransformerLoader.RegisteredTypes);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Load_UnknownType_ListsRegisteredTypes()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            new TransformerManifest("Nope.Missing", 1, []).Write(dir);
            var ex = Assert.Throws<MLSegException>(() => TransformerLoader.Load(dir));
            Assert.Contains("'Nope.Missing'", ex.Message, StringComparison.Ordinal);
            Assert.Contains(IntensityNormalizerTransformer.TypeName, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Load_NewerVersion_FailsNamingVersions()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            new TransformerManifest(IntensityNormalizerTransformer.TypeName, 2, new() { ["column"] = "image", ["mean"] = 0.0, ["std"] = 1.0 }).Write(dir);
            var ex = Assert.Throws<MLSegException>(() => TransformerLoader.Load(dir));
            Assert.Contains("version 2", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Save_IntensityNormalizer_WritesTypeVersionAndExactParameters()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            new IntensityNormalizerTransformer("image", 0.1, 1.0 / 3.0).Save(dir);
            TransformerManifest m = TransformerManifest.Read(dir);
            Assert.Equal(IntensityNormalizerTransformer.TypeName, m.TypeName);
            Assert.Equal(1, m.Version);
            Assert.Equal(1.0 / 3.0, m.GetDouble("std"));
            Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
