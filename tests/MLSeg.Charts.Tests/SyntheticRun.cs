using System.Globalization;
using System.Text;

namespace MLSeg.Charts.Tests;

/// <summary>
/// Builds a small run folder (sources × 3 n × 2 folds × 4 cases × 1 label). Every user-controlled string is hostile: case
/// ids, a source task's name (also an arm folder name), a results-only source, and spec values carry <c>&lt;/script&gt;</c>
/// or an <c>&lt;img onerror&gt;</c> that would mark the page (<c>data-pwned</c>) if it ever ran.
/// </summary>
internal static class SyntheticRun
{
    public const string HostileSource = "<img src=x onerror=document.body.setAttribute('data-pwned','source')>";

    // A slash cannot be in a folder name, so this source has result rows but no arm folders.
    public const string ScriptSource = "</script><script>document.body.setAttribute('data-pwned','script')</script>";

    public const string LongSource = "autoencoder-pretrained-on-source-cohort";

    public static readonly string[] CaseIds = ["PAT-000123", "<script>alert(1)</script>", "Doe^John", "<img src=x onerror=document.body.setAttribute('data-pwned','case')>"];

    public static readonly string[] ArmSources = ["none", HostileSource, LongSource];

    public static string SpecText { get; } =
        "name: \"tiny-experiment\"\n" +
        "cohort:\n  manifest: \"</script><img src=x onerror=document.body.setAttribute('data-pwned','spec')>.csv\"\n" +
        "sources: [none, imagenet]\nsizes: [4, 8, 16]\nfolds:\n  k: 2\n";

    /// <summary>Writes the run; <paramref name="valDice"/> false leaves train_log.csv's val_loss and val_dice empty (no inner validation).</summary>
    public static void Write(string dir, bool valDice = true, Func<string, int, double, double>? hd95 = null)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "experiment.resolved.yaml"), SpecText);
        var csv = new StringBuilder("source,n,fold,seed,case,label,dice,hd95,assd,rmsDta,extra\n");
        foreach (string source in ArmSources.Append(ScriptSource))
        {
            foreach (int n in new[] { 4, 8, 16 })
            {
                for (int fold = 0; fold < 2; fold++)
                {
                    if (source != ScriptSource)
                    {
                        WriteArm(Path.Combine(dir, "arms", $"{source}__n{n}__fold{fold}__seed1__abcd1234"), valDice);
                    }

                    for (int c = 0; c < CaseIds.Length; c++)
                    {
                        double offset = Array.IndexOf(ArmSources, source) switch { 0 => 0.6, 1 => 0.72, 2 => 0.68, _ => 0.55 };
                        double dice = Math.Min(0.97, offset + (0.06 * Math.Log2(n)) + (0.01 * c) - (0.01 * fold));
                        double hd = hd95?.Invoke(source, n, dice) ?? 20 * (1 - dice);
                        csv.Append(CultureInfo.InvariantCulture, $"{Csv(source)},{n},{fold},1,{Csv(CaseIds[c])},1,{dice:0.####},{hd:0.###},{hd / 4:0.###},{hd / 3:0.###},x\n");
                    }
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "results.csv"), csv.ToString());
    }

    private static void WriteArm(string arm, bool valDice)
    {
        Directory.CreateDirectory(Path.Combine(arm, "validation"));
        File.WriteAllText(Path.Combine(arm, "manifest.json"), """{"status":"done","wallSeconds":42.5,"versions":{"mlseg":"0.1.0","libtorch":"2.10.0"}}""");
        File.WriteAllText(Path.Combine(arm, "validation", "summary.json"), "{}");
        var log = new StringBuilder("epoch,phase,train_loss,val_loss,val_dice,lr,seconds\n");
        for (int e = 1; e <= 10; e++)
        {
            log.Append(valDice
                ? string.Create(CultureInfo.InvariantCulture, $"{e},finetune,{1.0 / e},{1.2 / e},{0.5 + (0.04 * e)},0.001,4.25\n")
                : string.Create(CultureInfo.InvariantCulture, $"{e},finetune,{1.0 / e},,,0.001,4.25\n"));
        }

        File.WriteAllText(Path.Combine(arm, "train_log.csv"), log.ToString());
    }

    private static string Csv(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : value;
}
