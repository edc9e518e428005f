using System.Globalization;
using MLSeg.Evaluation.Metrics;
using MLSeg.Experiments.Planning;

namespace MLSeg.Experiments.Running;

/// <summary>One row of results.csv: an arm × held-out case × label, with every metric (empty where missing).</summary>
public sealed record ResultRow(string ArmId, string Source, string Subset, int N, int Fold, int Seed, string Case, int Label,
    double? Dice, double? Hd, double? Hd95, double? Assd, double? RmsDta)
{
    /// <summary>The header, in column order: the columns the report and external tools rely on come first.</summary>
    public const string Header = "source,n,fold,seed,case,label,dice,hd95,assd,rmsDta,hd,subset,arm";

    /// <summary>A row for <paramref name="arm"/> trained on <paramref name="n"/> images.</summary>
    public ResultRow(Arm arm, int n, string caseId, int label, LabelMetrics m)
        : this(arm.Id, arm.Source, arm.Subset, n, arm.Fold, arm.Seed, caseId, label, m.Dice, m.Hd, m.Hd95, m.Assd, m.RmsDta)
    {
    }

    /// <summary>The CSV line (RFC 4180 quoting for the case id; invariant numbers; round-trip precision).</summary>
    public string ToCsv() => string.Join(',',
        Source, N.ToString(CultureInfo.InvariantCulture), Fold.ToString(CultureInfo.InvariantCulture), Seed.ToString(CultureInfo.InvariantCulture),
        Quote(Case), Label.ToString(CultureInfo.InvariantCulture), F(Dice), F(Hd95), F(Assd), F(RmsDta), F(Hd), Subset, ArmId);

    private static string F(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
