using System.Collections;
using System.Text;

namespace MLSeg.Dicom;

/// <summary>
/// An ordered set of data elements (a file's dataset, its File Meta group, or a sequence item) with typed getters.
/// A getter for a required value that is absent or malformed throws <see cref="DicomFormatException"/> naming the
/// file and tag; <c>TryGet…</c> variants return false instead.
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomElement>
{
    private readonly SortedDictionary<uint, DicomElement> _elements = [];

    /// <summary>Creates an empty dataset; <paramref name="source"/> names the file in error messages.</summary>
    public DicomDataset(string source = "<memory>", Encoding? textEncoding = null)
    {
        Source = source;
        TextEncoding = textEncoding ?? Encoding.Latin1;
    }

    /// <summary>The file this dataset came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The text encoding in force (from Specific Character Set, inherited by sequence items).</summary>
    public Encoding TextEncoding { get; internal set; }

    /// <summary>Number of elements at this level.</summary>
    public int Count => _elements.Count;

    /// <summary>True when the dataset holds <paramref name="tag"/>.</summary>
    public bool Contains(DicomTag tag) => _elements.ContainsKey(tag.Value);

    /// <summary>Adds or replaces an element.</summary>
    public void Add(DicomElement element) => _elements[element.Tag.Value] = element;

    /// <summary>Removes <paramref name="tag"/>; false when absent.</summary>
    public bool Remove(DicomTag tag) => _elements.Remove(tag.Value);

    /// <summary>The element for <paramref name="tag"/>, or null.</summary>
    public DicomElement? Find(DicomTag tag) => _elements.TryGetValue(tag.Value, out var e) ? e : null;

    /// <summary>The element for <paramref name="tag"/>; throws <see cref="DicomFormatException"/> when absent.</summary>
    public DicomElement Get(DicomTag tag) => Find(tag) ?? throw Missing(tag);

    /// <summary>The text value (all values joined by backslash); throws when absent.</summary>
    public string GetString(DicomTag tag) => Get(tag).GetText();

    /// <summary>The text value, or null when the element is absent.</summary>
    public string? TryGetString(DicomTag tag) => Find(tag)?.GetText();

    /// <summary>The backslash-separated text values; throws when absent.</summary>
    public string[] GetStrings(DicomTag tag) => Get(tag).GetTexts();

    /// <summary>All numeric values of the element (binary or DS/IS text); throws when absent or not numeric.</summary>
    public double[] GetDoubles(DicomTag tag)
    {
        DicomElement e = Get(tag);
        try
        {
            return e.GetDoubles();
        }
        catch (FormatException ex)
        {
            throw new DicomFormatException(Source, e.Offset, tag, ex.Message);
        }
    }

    /// <summary>The first numeric value; false when the element is absent or empty. Throws when present but not numeric.</summary>
    public bool TryGetDouble(DicomTag tag, out double value)
    {
        value = 0;
        if (!Contains(tag))
        {
            return false;
        }

        double[] v = GetDoubles(tag);
        if (v.Length == 0)
        {
            return false;
        }

        value = v[0];
        return true;
    }

    /// <summary>The first numeric value; throws when absent or empty.</summary>
    public double GetDouble(DicomTag tag) => TryGetDouble(tag, out double v)
        ? v
        : throw new DicomFormatException(Source, Find(tag)?.Offset ?? -1, tag, "has no value; a number was expected.");

    /// <summary>The first value as a 32-bit integer; throws when absent, empty, fractional or out of range.</summary>
    public int GetInt32(DicomTag tag) => TryGetInt32(tag, out int v)
        ? v
        : throw new DicomFormatException(Source, Find(tag)?.Offset ?? -1, tag, Contains(tag) ? "has no value; an integer was expected." : "is missing.");

    /// <summary>The first value as a 32-bit integer; false when absent or empty. Throws when fractional or out of range.</summary>
    public bool TryGetInt32(DicomTag tag, out int value)
    {
        value = 0;
        if (!TryGetDouble(tag, out double d))
        {
            return false;
        }

        if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
        {
            throw new DicomFormatException(Source, Find(tag)?.Offset ?? -1, tag, $"value {d} is not a 32-bit integer.");
        }

        value = (int)d;
        return true;
    }

    /// <summary>The first value as an integer, or <paramref name="fallback"/> when the element is absent or empty (for optional attributes with a PS3.3 default).</summary>
    public int GetInt32OrDefault(DicomTag tag, int fallback) => TryGetInt32(tag, out int v) ? v : fallback;

    /// <summary>The sequence <paramref name="tag"/>, or null when absent. Throws when the element is not a sequence.</summary>
    public DicomSequence? TryGetSequence(DicomTag tag) => Find(tag) switch
    {
        null => null,
        DicomSequence s => s,
        DicomElement e when e.Value.Length == 0 => new DicomSequence(tag, [], e.Offset),
        DicomElement e => throw new DicomFormatException(Source, e.Offset, tag, $"is {e.VR}, a sequence (SQ) was expected."),
    };

    /// <summary>The sequence <paramref name="tag"/>; throws when absent or not a sequence.</summary>
    public DicomSequence GetSequence(DicomTag tag) => TryGetSequence(tag) ?? throw Missing(tag);

    /// <inheritdoc />
    public IEnumerator<DicomElement> GetEnumerator() => _elements.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private DicomFormatException Missing(DicomTag tag) => new(Source, -1, tag, "is missing.");
}
