using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>
/// One data column of a trace: numbers (non-finite values are written as <c>null</c>, which plotly.js draws as a gap)
/// or category labels.
/// </summary>
public sealed class DataArray
{
    private readonly double[]? numbers;
    private readonly string[]? labels;

    private DataArray(double[]? numbers, string[]? labels)
    {
        this.numbers = numbers;
        this.labels = labels;
    }

    /// <summary>Number of values.</summary>
    public int Count => numbers?.Length ?? labels!.Length;

    /// <summary>True when the values are numbers, false when they are category labels.</summary>
    public bool IsNumeric => numbers is not null;

    /// <summary>The numbers (empty for a label column).</summary>
    public IReadOnlyList<double> Numbers => numbers ?? [];

    /// <summary>The labels (empty for a numeric column).</summary>
    public IReadOnlyList<string> Labels => labels ?? [];

    /// <summary>A numeric column (copied).</summary>
    public static DataArray Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new([.. values], null);
    }

    /// <summary>A category column (copied).</summary>
    public static DataArray Of(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] copy = [.. values];
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentException("Category labels must not be null.", nameof(values));
        }

        return new(null, copy);
    }

    /// <summary>A numeric column from a double array (copied).</summary>
    public static implicit operator DataArray(double[] values) => Of(values);

    /// <summary>A numeric column from an int array.</summary>
    public static implicit operator DataArray(int[] values) => Of(values.Select(v => (double)v));

    /// <summary>A category column from a string array (copied).</summary>
    public static implicit operator DataArray(string[] values) => Of(values);

    /// <summary>Named alternative to the implicit conversion from a double array.</summary>
    public static DataArray FromDoubleArray(double[] values) => Of(values);

    /// <summary>Named alternative to the implicit conversion from an int array.</summary>
    public static DataArray FromInt32Array(int[] values) => values;

    /// <summary>Named alternative to the implicit conversion from a string array.</summary>
    public static DataArray FromStringArray(string[] values) => Of(values);

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        if (numbers is not null)
        {
            foreach (double v in numbers)
            {
                JsonOut.Value(w, v);
            }
        }
        else
        {
            foreach (string s in labels!)
            {
                w.WriteStringValue(s);
            }
        }

        w.WriteEndArray();
    }
}
