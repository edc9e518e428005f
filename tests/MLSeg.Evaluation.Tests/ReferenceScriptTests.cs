using MLSeg.TestKit;

namespace MLSeg.Evaluation.Tests;

/// <summary>The stored reference data must be exactly what the committed scipy script produces today.</summary>
public class ReferenceScriptTests
{
    [ToolFact("py:scipy", "py:numpy")]
    public void MakeReference_Rerun_ReproducesStoredJson()
    {
        string dir = RepoPaths.NewTempDir();
        try
        {
            string refs = Path.Combine(RepoPaths.Root, "tests", "MLSeg.Evaluation.Tests", "References");
            string output = Path.Combine(dir, "metrics_reference.json");

            ExternalTools.Run(ExternalTools.Python, [Path.Combine(refs, "make_reference.py"), output]);

            Assert.Equal(File.ReadAllText(Path.Combine(refs, "metrics_reference.json")), File.ReadAllText(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
