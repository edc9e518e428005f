using System.Globalization;
using System.Text;

namespace MLSeg.Charts.Tests;

/// <summary>Builds a small run folder (2 sources × 3 n × 2 folds × 3 cases × 1 label) with hostile case ids.</summary>
internal static class SyntheticRun
{
    public static readonly string[] CaseIds = ["PAT-000123", "<script>alert(1)</script>", "Doe^John"];

    public static void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "experiment.resolved.yaml"), "name: tiny\ncohort:\n  manifest: manifest.csv\nsources: [none, imagenet]\nsizes: [4, 8, 16]\nfolds:\n  k: 2\n");
        var csv = new StringBuilder("source,n,fold,seed,case,label,dice,hd95,assd,rmsDta,extra\n");
        foreach (string source in new[] { "none", "imagenet" })
        {
            foreach (int n in new[] { 4, 8, 16 })
            {
                for (int fold = 0; fold < 2; fold++)
                {
                    string arm = Path.Combine(dir, "arms", $"{source}__n{n}__fold{fold}__seed1__abcd1234");
                    Directory.CreateDirectory(Path.Combine(arm, "validation"));
                    File.WriteAllText(Path.Combine(arm, "manifest.json"), """{"status":"done","wallSeconds":42.5,"versions":{"mlseg":"0.1.0","libtorch":"1.13.1"}}""");
                    File.WriteAllText(Path.Combine(arm, "validation", "summary.json"), "{}");
                    var log = new StringBuilder("epoch,train_loss,val_loss,val_dice,lr,seconds\n");
                    for (int e = 1; e <= 10; e++)
                    {
                        log.Append(CultureInfo.InvariantCulture, $"{e},{1.0 / e},{1.2 / e},{0.5 + (0.04 * e)},0.001,4.25\n");
                    }

                    File.WriteAllText(Path.Combine(arm, "train_log.csv"), log.ToString());
                    for (int c = 0; c < CaseIds.Length; c++)
                    {
                        double dice = Math.Min(0.97, (source == "imagenet" ? 0.72 : 0.6) + (0.06 * Math.Log2(n)) + (0.01 * c) - (0.01 * fold));
                        double hd = 20 * (1 - dice);
                        string id = CaseIds[c].Contains(',', StringComparison.Ordinal) ? $"\"{CaseIds[c]}\"" : CaseIds[c];
                        csv.Append(CultureInfo.InvariantCulture, $"{source},{n},{fold},1,{id},1,{dice:0.####},{hd:0.###},{hd / 4:0.###},{hd / 3:0.###},x\n");
                    }
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "results.csv"), csv.ToString());
    }
}
