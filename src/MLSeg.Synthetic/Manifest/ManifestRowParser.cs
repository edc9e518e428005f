using System.Globalization;
using System.Text.RegularExpressions;

namespace MLSeg.Synthetic.Manifest;

/// <summary>Validates one manifest row's fields and formats a row's values, column by column.</summary>
internal static partial class ManifestRowParser
{
    public static ManifestRow Parse(string[] fields, Dictionary<string, int> index, string source, int line)
    {
        string Get(string column) => index.TryGetValue(column, out int c) ? fields[c] : string.Empty;
        ManifestFormatException Error(string column, string problem) => new(source, line, column, problem);

        string patient = Get("patient_id");
        if (patient.Length == 0)
        {
            throw Error("patient_id", "is empty; every row needs a patient identifier.");
        }

        string image = CheckPath(Get("image"), "image", required: true, Error);
        string mask = CheckPath(Get("mask"), "mask", required: false, Error);
        string cls = Get("class");
        if (mask.Length == 0 && cls.Length == 0)
        {
            throw Error("mask", "is empty and the row has no class; a row needs a mask (segmentation) or a class (classification).");
        }

        string phase = Get("phase");
        if (phase is not ("" or "ED" or "ES"))
        {
            throw Error("phase", $"expected ED, ES or empty, got '{phase}'.");
        }

        string field = Get("field");
        if (field is not ("" or "1.5T" or "3T" or "7T"))
        {
            throw Error("field", $"expected 1.5T, 3T, 7T or empty, got '{field}'.");
        }

        string labelSet = Get("label_set");
        if (labelSet.Length > 0 && !LabelSetPattern().IsMatch(labelSet))
        {
            throw Error("label_set", $"expected value:name pairs joined by ';' (e.g. 1:muscle;2:sat), got '{labelSet}'.");
        }

        return new ManifestRow
        {
            PatientId = patient,
            Image = image,
            Mask = mask,
            Class = cls.Length == 0 ? null : cls,
            Slice = Integer(Get("slice"), "slice", 0, Error),
            Frame = Integer(Get("frame"), "frame", 0, Error),
            Phase = phase.Length == 0 ? null : phase,
            Observer = Integer(Get("observer"), "observer", 1, Error),
            Field = field.Length == 0 ? null : field,
            HeightCm = Number(Get("height_cm"), "height_cm", positive: true, Error),
            MuscleAreaCm2 = Number(Get("muscle_area_cm2"), "muscle_area_cm2", positive: false, Error),
            LabelSet = labelSet.Length == 0 ? null : labelSet,
        };
    }

    public static string Format(ManifestRow row, string column) => column switch
    {
        "patient_id" => row.PatientId,
        "image" => row.Image,
        "mask" => row.Mask,
        "class" => row.Class ?? string.Empty,
        "slice" => Invariant(row.Slice),
        "frame" => Invariant(row.Frame),
        "phase" => row.Phase ?? string.Empty,
        "observer" => Invariant(row.Observer),
        "field" => row.Field ?? string.Empty,
        "height_cm" => row.HeightCm is { } h ? h.ToString("0.#", CultureInfo.InvariantCulture) : string.Empty,
        "muscle_area_cm2" => row.MuscleAreaCm2 is { } a ? a.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty,
        "label_set" => row.LabelSet ?? string.Empty,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Unknown manifest column."),
    };

    private static string Invariant(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string CheckPath(string value, string column, bool required, Func<string, string, ManifestFormatException> error)
    {
        if (value.Length == 0)
        {
            return required ? throw error(column, "is empty; expected a path relative to the manifest.") : value;
        }

        if (value.StartsWith('/') || value.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(value))
        {
            throw error(column, $"'{value}' must be a relative path with '/' separators.");
        }

        if (value.Split('/').Any(seg => seg is ".." or ""))
        {
            throw error(column, $"'{value}' must stay inside the manifest's folder (no '..' or empty segments).");
        }

        return value;
    }

    private static int? Integer(string value, string column, int min, Func<string, string, ManifestFormatException> error)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < min)
        {
            throw error(column, $"expected an integer ≥ {min}, got '{value}'.");
        }

        return v;
    }

    private static double? Number(string value, string column, bool positive, Func<string, string, ManifestFormatException> error)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || (positive ? v <= 0 : v < 0))
        {
            throw error(column, $"expected a finite number {(positive ? "> 0" : "≥ 0")}, got '{value}'.");
        }

        return v;
    }

    [GeneratedRegex(@"^\d{1,3}:[^;:,]+(;\d{1,3}:[^;:,]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelSetPattern();
}
