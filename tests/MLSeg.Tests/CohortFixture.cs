using MLSeg.Core.Randomness;
using MLSeg.Synthetic;
using MLSeg.Synthetic.Ct;
using MLSeg.Synthetic.Writing;
using MLSeg.TestKit;

namespace MLSeg.Tests;

/// <summary>A tiny synthetic L3 CT cohort (6 patients, 32 px, DICOM images + PNG masks, 2 observers), generated once per test class.</summary>
public sealed class CohortFixture : IDisposable
{
    public CohortFixture()
    {
        Directory = RepoPaths.NewTempDir("mlseg-facade-cohort");
        new CohortGenerator(new DicomPngCohortWriter()).GenerateL3Ct(Directory, 6, new SeedSource(1), new L3CtOptions { SizePx = 32, Observers = 2 });
        ManifestPath = Path.Combine(Directory, CohortGenerator.ManifestFileName);
    }

    public string Directory { get; }

    public string ManifestPath { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
