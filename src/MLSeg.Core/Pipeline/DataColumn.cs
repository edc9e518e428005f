namespace MLSeg.Core.Pipeline;

/// <summary>
/// One named, typed column of a <see cref="DataSchema"/>: e.g. <c>image</c> (<see cref="Imaging.Image2D"/>),
/// <c>label</c> (<see cref="Imaging.LabelMap"/>), <c>patient_id</c> (<see cref="string"/>).
/// </summary>
/// <param name="Name">Column name, unique within a schema (ordinal comparison).</param>
/// <param name="Type">The CLR type every value of the column has (values may be null only for reference types).</param>
public sealed record DataColumn(string Name, Type Type)
{
    /// <summary>A readable type name for messages ("Image2D", "String", …).</summary>
    public string TypeName => Type.Name;

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {TypeName}";
}
