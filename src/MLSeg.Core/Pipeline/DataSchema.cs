using MLSeg.Core.Errors;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// The ordered, immutable list of columns a data view holds. Schemas compare by value (same names, types, order).
/// </summary>
public sealed class DataSchema : IEquatable<DataSchema>
{
    private readonly DataColumn[] _columns;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a schema; column names must be unique.</summary>
    public DataSchema(IEnumerable<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _columns.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_columns[i], nameof(columns));
            if (!_index.TryAdd(_columns[i].Name, i))
            {
                throw new ArgumentException($"Column '{_columns[i].Name}' appears twice in the schema.", nameof(columns));
            }
        }
    }

    /// <summary>Creates a schema from columns.</summary>
    public DataSchema(params DataColumn[] columns) : this((IEnumerable<DataColumn>)columns) { }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<DataColumn> Columns => _columns;

    /// <summary>Number of columns.</summary>
    public int Count => _columns.Length;

    /// <summary>Position of <paramref name="name"/>, or −1 when absent.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>True when the schema holds a column named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public DataColumn? Find(string name) => _index.TryGetValue(name, out int i) ? _columns[i] : null;

    /// <summary>
    /// Checks that <paramref name="name"/> exists with exactly type <paramref name="type"/> and returns its index;
    /// otherwise throws <see cref="SchemaMismatchException"/> naming the column, what was expected and what was found.
    /// </summary>
    public int Require(string name, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!_index.TryGetValue(name, out int i))
        {
            string present = _columns.Length == 0 ? "none" : string.Join(", ", _columns.Select(c => c.Name));
            throw new SchemaMismatchException(name, $"a column of type {type.Name}", $"no such column (columns: {present})");
        }

        if (_columns[i].Type != type)
        {
            throw new SchemaMismatchException(name, $"type {type.Name}", $"type {_columns[i].TypeName}");
        }

        return i;
    }

    /// <summary>A schema with <paramref name="column"/> added, or replacing the column of the same name in place.</summary>
    public DataSchema With(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var list = _columns.ToList();
        int i = IndexOf(column.Name);
        if (i >= 0)
        {
            list[i] = column;
        }
        else
        {
            list.Add(column);
        }

        return new DataSchema(list);
    }

    /// <inheritdoc />
    public bool Equals(DataSchema? other) => other is not null && _columns.SequenceEqual(other._columns);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DataSchema);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (DataColumn c in _columns)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _columns.Select(c => c.ToString())) + "}";
}
