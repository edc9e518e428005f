namespace MLSeg.Core.Pipeline;

/// <summary>The column names MLSeg's loaders, transforms and trainers agree on.</summary>
public static class WellKnownColumns
{
    /// <summary>The image (<see cref="Imaging.Image2D"/>).</summary>
    public const string Image = "image";

    /// <summary>The reference segmentation (<see cref="Imaging.LabelMap"/>).</summary>
    public const string Label = "label";

    /// <summary>The patient (or volunteer) identifier (<see cref="string"/>); the sampling key of folds.</summary>
    public const string PatientId = "patient_id";

    /// <summary>In-plane pixel spacing (<see cref="Imaging.PixelSpacing"/>).</summary>
    public const string Spacing = "spacing";

    /// <summary>Cardiac phase of a cine frame, e.g. "ED", "ES" or "" (<see cref="string"/>).</summary>
    public const string Phase = "phase";

    /// <summary>The observer who drew the label (<see cref="string"/>).</summary>
    public const string Observer = "observer";
}
